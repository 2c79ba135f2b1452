"""Sentences for bundles, merging, flags, visits and devices (issue 3), in Chinese and English.

Kept apart from app/messages.py only for size; `MESSAGES` there includes these.
"""

SYNC_MESSAGES: dict[str, dict[str, str]] = {
    "bundle.unreadable": {
        "zh": "无法读取文件“{file}”（{detail}）：U盘是否已拔出？",
        "en": "Cannot read “{file}” ({detail}): was the USB stick pulled out?",
    },
    "bundle.credential_needed": {
        "zh": "这是分派包：请用 --credential 输入中心发给组长的密钥（或设 WARMVISIT_CREDENTIAL）",
        "en": "This is an assignment bundle: give the team credential with --credential "
        "(or WARMVISIT_CREDENTIAL)",
    },
    "bundle.export_team_on_laptop": {
        "zh": "这是慰问组电脑：只能导出回传包（bundle export --out 文件夹），不能导出分派包",
        "en": "This is a team laptop: it exports result bundles (bundle export --out DIR), "
        "not assignment bundles",
    },
    "bundle.team_needed": {
        "zh": "请用 --team 指明为哪个慰问组导出分派包",
        "en": "Name the team with --team to export its assignment bundle",
    },
    "bundle.out_dir": {
        "zh": "文件夹“{folder}”不存在或不可用（U盘是否已插好？）",
        "en": "The folder “{folder}” does not exist (is the USB stick in?)",
    },
    "bundle.result_needs_team": {
        "zh": "只有用分派包建立的慰问组电脑才能导出回传包",
        "en": "Only a team laptop started from an assignment bundle exports result bundles",
    },
    "bundle.local_chain_broken": {
        "zh": "本机记录链不完整（设备 {device}），请联系中心，不要继续使用这台电脑录入",
        "en": "This laptop's record chain is broken (device {device}); call the office and "
        "stop recording on it",
    },
    "bundle.assignment_on_central": {
        "zh": "这是中心数据库，不能导入分派包（分派包是给慰问组电脑的）",
        "en": "This is the central database; assignment bundles are for team laptops",
    },
    "bundle.older_assignment": {
        "zh": "这个分派包（第{sequence}号）不比已导入的第{last}号新，已拒收，未做任何更改",
        "en": "This assignment bundle (no. {sequence}) is not newer than no. {last} already "
        "applied; refused, nothing changed",
    },
    "bundle.not_empty": {
        "zh": "这个数据库已有其他数据：请用新的数据库文件（--db）建立慰问组电脑",
        "en": "This database already holds other data: start the team laptop with a new "
        "database file (--db)",
    },
    "bundle.signer_mismatch": {
        "zh": "数据包的签名者不是本电脑认可的区中心，已拒收",
        "en": "The bundle was not signed by the central office this laptop knows; refused",
    },
    "bundle.header_mismatch": {
        "zh": "数据包封面与内容不符（可能被改动），已拒收",
        "en": "The bundle's header does not match its content (altered?); refused",
    },
    "bundle.other_team_event": {
        "zh": "数据包中有本电脑以其他慰问组名义写下的记录（{count} 条），已拒收，请联系中心",
        "en": "The bundle holds {count} record(s) this laptop wrote in another team's name; "
        "refused, call the office",
    },
    "bundle.record_invalid": {
        "zh": "数据包中记录 {record}（{kind}）的“{field}”缺失或格式不对，已拒收，请联系中心",
        "en": "Record {record} ({kind}) in the bundle lacks a readable \"{field}\"; refused, "
        "call the office",
    },
    "bundle.payload_invalid": {
        "zh": "数据包内容格式不对，已拒收",
        "en": "The bundle's content is not in the expected form; refused",
    },
    "bundle.chain": {
        "zh": "数据包中设备 {device} 的记录链有缺口或断裂，已拒收",
        "en": "The record chain of device {device} in the bundle has a gap or break; refused",
    },
    "bundle.contradicts": {
        "zh": "数据包中的记录与本机已有记录矛盾，已拒收，请联系中心",
        "en": "Records in the bundle contradict those already here; refused, call the office",
    },
    "bundle.other_campaign": {
        "zh": "这是另一个慰问活动的数据包，已拒收",
        "en": "This bundle belongs to another campaign; refused",
    },
    "bundle.other_team": {
        "zh": "这是慰问组 {team} 的数据包，本电脑属于 {mine}，已拒收",
        "en": "This bundle is for team {team}; this laptop belongs to {mine}; refused",
    },
    "bundle.result_not_central": {
        "zh": "回传包只能在区中心数据库导入",
        "en": "Result bundles are imported at the central office only",
    },
    "bundle.unknown_team": {
        "zh": "中心没有慰问组 {team}，已拒收",
        "en": "The office has no team {team}; refused",
    },
    "bundle.revoked": {
        "zh": "这台电脑已于{at}停用（丢失或更换），它之后的数据包一律拒收",
        "en": "This laptop was revoked on {at} (lost or replaced); its bundles are refused",
    },
    "bundle.device_key_changed": {
        "zh": "这台电脑的密钥与中心记录的不同（可能是复制的数据库），已拒收",
        "en": "This laptop's key differs from the one on record (a copied database?); refused",
    },
    "bundle.unknown_device": {
        "zh": "无法确认这台电脑属于该慰问组（密钥证明不符），已拒收",
        "en": "Cannot confirm this laptop belongs to the team (its proof does not match); refused",
    },
    "merge.same_id_other_content": {
        "zh": "记录 {event} 与中心已有的同一记录内容不同",
        "en": "record {event} differs from the same record already here",
    },
    "merge.off_chain": {
        "zh": "设备 {device} 的第{seq}条记录与中心已收到的不同（电脑可能从备份恢复或数据库被复制）",
        "en": "record {seq} of device {device} differs from what the office already has (a "
        "laptop restored from a backup, or a copied database?)",
    },
    "merge.unknown_relayed": {
        "zh": "包含中心从未收到过的其他设备（{device}）的记录",
        "en": "it holds records of another device ({device}) the office never received",
    },
    "flag.double_payment": {
        "zh": "同一户同一类别（{category}）有{times}笔有效发放（{dates}）：可能重复发放",
        "en": "{times} live disbursements for one household and category {category} ({dates}): "
        "paid twice?",
    },
    "flag.outside_window": {
        "zh": "走访日期{date}不在活动走访时间内",
        "en": "visit date {date} is outside the visit window",
    },
    "flag.off_standard": {
        "zh": "发放慰问金{cash}、慰问品{goods}，与类别标准（慰问金{standard_cash}、慰问品"
        "{standard_goods}）不同",
        "en": "handed over cash {cash} and goods {goods}, unlike the category standard (cash "
        "{standard_cash}, goods {standard_goods})",
    },
    "flag.not_assigned": {
        "zh": "该户未分派给记录走访的慰问组",
        "en": "the household is not assigned to the team that recorded the visit",
    },
    "flag.conflict": {
        "zh": "同一记录有两个并存的修改版本，需要人工确认",
        "en": "two revisions of one record stand side by side; a person must decide",
    },
    "flag.revised_void": {
        "zh": "已作废的记录又被修改，未恢复，需要人工确认",
        "en": "a voided record was revised; it stays void until a person decides",
    },
    "visit.mode": {
        "zh": "走访方式“{value}”无效，可用：{known}",
        "en": "Unknown mode “{value}”; use {known}",
    },
    "visit.outcome": {
        "zh": "走访结果“{value}”无效，可用：{known}",
        "en": "Unknown outcome “{value}”; use {known}",
    },
    "visit.proxy_missing": {
        "zh": "代领需要写明代领人姓名、与户主关系和代领原因",
        "en": "A proxy needs a name, a relation and a reason",
    },
    "visit.handover_without_visit": {
        "zh": "结果为“{outcome}”时不能发放慰问金（品）",
        "en": "Nothing can be handed over when the outcome is “{outcome}”",
    },
    "visit.category": {"zh": "没有慰问类别 {code}", "en": "There is no category {code}"},
    "visit.category_missing": {
        "zh": "该户没有慰问类别，请在“慰问类别”列写明",
        "en": "The household has no category; name it in the 慰问类别 column",
    },
    "visit.negative": {"zh": "金额不能为负数", "en": "Amounts cannot be negative"},
    "visit.off_standard_reason": {
        "zh": "发放金额与标准不同，请写明原因",
        "en": "The amount differs from the standard: give a reason",
    },
    "visit.already_paid": {
        "zh": "该户“{category}”类慰问已于{date}签收，不能重复发放",
        "en": "This household's {category} was already handed over on {date}; not twice",
    },
    "visit.paid_twice_in_sheet": {
        "zh": "与本表第{first_row}行重复发放同一户同一类别",
        "en": "pays the same household and category as row {first_row} of this sheet",
    },
    "visit.household_unknown": {
        "zh": "没有这个身份证号的慰问对象",
        "en": "no household with this ID number",
    },
    "visit.date_invalid": {
        "zh": "日期无效，请写成2027-01-20或2027年1月20日",
        "en": "not a date; write 2027-01-20",
    },
    "visit.withdrawn": {
        "zh": "该户已从本组撤回，不能再录入走访",
        "en": "This household was withdrawn from the team; no more visits can be recorded",
    },
    "visit.void_reason": {"zh": "作废必须写明原因", "en": "A void needs a reason"},
    "visit.not_found": {"zh": "没有记录 {record}", "en": "No record {record}"},
    "device.role": {
        "zh": "这个数据库已是“{role}”，不能再作另一种用途",
        "en": "This database is already a {role} database",
    },
    "device.reason_missing": {"zh": "停用电脑必须写明原因", "en": "Revoking needs a reason"},
    "device.not_found": {
        "zh": "没有找到唯一的设备“{device}”（请用 device list 查看）",
        "en": "No single device matches “{device}” (see device list)",
    },
    "device.not_team": {"zh": "只能停用慰问组电脑", "en": "Only team laptops can be revoked"},
    "bundle.credential_format": {
        "zh": "团队口令应为25个字符（数字2–9和大写字母，不含 I、L、O），如 K7M2Q-9XH4T-…，"
        "请对照日程表重新输入",
        "en": "A team credential has 25 characters (digits 2–9 and letters, no I, L or O), "
        "like K7M2Q-9XH4T-…; please check it against the team schedule",
    },
    "bundle.not_a_bundle": {
        "zh": "这个文件不是 WarmVisit 文件包，没有做任何更改",
        "en": "This file is not a WarmVisit bundle; nothing was changed",
    },
    "bundle.corrupt": {
        "zh": "文件包已损坏或不完整（可能没有拷贝完整），没有做任何更改。请重新拷贝一份",
        "en": "The bundle is damaged or incomplete (perhaps not fully copied); nothing was "
        "changed. Please copy it again",
    },
    "bundle.bad_member": {
        "zh": "文件包中有不应有的内容“{name}”，已拒绝，没有做任何更改",
        "en": "The bundle holds something it should not (“{name}”); it was refused and "
        "nothing was changed",
    },
    "bundle.missing_member": {
        "zh": "文件包缺少“{name}”，已拒绝，没有做任何更改",
        "en": "The bundle lacks “{name}”; it was refused and nothing was changed",
    },
    "bundle.too_large": {
        "zh": "文件包（或其中一部分）超过了允许的大小 {limit}，已拒绝，没有做任何更改",
        "en": "The bundle (or a part of it) is larger than allowed ({limit}); it was refused "
        "and nothing was changed",
    },
    "bundle.bad_header": {
        "zh": "文件包的说明部分有误（{field}），已拒绝，没有做任何更改",
        "en": "The bundle's header is invalid ({field}); it was refused and nothing was changed",
    },
    "bundle.too_new": {
        "zh": "这个文件包由更新版本的 WarmVisit 制作（格式 {version}，"
        "本程序只能读到格式 {supported}）。请先把 WarmVisit 更新到最新版本再导入",
        "en": "This bundle was made by a newer WarmVisit (format {version}; this program reads "
        "up to format {supported}). Please update WarmVisit, then import it again",
    },
    "bundle.unknown_kind": {
        "zh": "文件包的类型“{kind}”无法识别，已拒绝",
        "en": "The bundle's kind “{kind}” is unknown; it was refused",
    },
    "bundle.bad_signature": {
        "zh": "文件包的签名对不上：它不是由预期的一方制作的，或者已被改动。已拒绝，没有做任何更改",
        "en": "The bundle's signature does not match: it was not made by the expected sender, "
        "or it was changed. It was refused and nothing was changed",
    },
    "bundle.payload_mismatch": {
        "zh": "文件包的内容与签名的说明不符（已被改动或拷贝出错），已拒绝，没有做任何更改",
        "en": "The bundle's content does not match its signed header (changed or badly copied); "
        "it was refused and nothing was changed",
    },
    "bundle.wrong_key": {
        "zh": "无法打开文件包：口令或本机密钥不对，或文件已被改动。没有做任何更改",
        "en": "The bundle cannot be opened: the credential or this computer's key is wrong, or "
        "the file was changed. Nothing was changed",
    },
    "bundle.wrong_lock": {
        "zh": "这个文件包不是这样打开的：任务包用团队口令打开，成果包用中心的密钥打开",
        "en": "This bundle does not open this way: an assignment bundle opens with the team "
        "credential, a result bundle with the central office's key",
    },
    "bundle.write_failed": {
        "zh": "无法写入文件 {file}：{reason}。原有文件没有改变",
        "en": "Could not write {file}: {reason}. The previous file is unchanged",
    },
    "bundle.verify_failed": {
        "zh": "写入 {file} 后读回的内容与写入的不同（U盘可能有问题），请换一个U盘再试",
        "en": "Reading {file} back gave different bytes than were written (the USB stick may "
        "be failing); please try another stick",
    },
}
