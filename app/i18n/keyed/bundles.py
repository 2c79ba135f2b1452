"""Sentences about bundles on USB sticks, merging, laptops and flags."""

from app.i18n.catalogue import keyed as K

K("bundle.way.export", "写出")
K("bundle.way.import", "读入")
K("bundle.kind.assignment", "分派包")
K("bundle.kind.result", "结果包")
K("bundle.outcome.exported", "已写出")
K("bundle.outcome.applied", "已导入")
K("bundle.outcome.quarantined", "已隔离")
K("bundle.unreadable", "无法读取文件“{file}”（{detail}）：U盘是否已拔出？")
K(
    "bundle.credential_needed",
    "这是分派包：请用 --credential 输入中心发给组长的密钥（或设 WARMVISIT_CREDENTIAL）",
)
K(
    "bundle.export_team_on_laptop",
    "这是慰问组电脑：只能导出回传包（bundle export --out 文件夹），不能导出分派包",
)
K("bundle.team_needed", "请用 --team 指明为哪个慰问组导出分派包")
K("bundle.out_dir", "文件夹“{folder}”不存在或不可用（U盘是否已插好？）")
K("bundle.result_needs_team", "只有用分派包建立的慰问组电脑才能导出回传包")
K(
    "bundle.local_chain_broken",
    "本机记录链不完整（设备 {device}），请联系中心，不要继续使用这台电脑录入",
)
K("bundle.assignment_on_central", "这是中心数据库，不能导入分派包（分派包是给慰问组电脑的）")
K(
    "bundle.older_assignment",
    "这个分派包（第{sequence}号）不比已导入的第{last}号新，已拒收，未做任何更改",
)
K("bundle.not_empty", "这个数据库已有其他数据：请用新的数据库文件（--db）建立慰问组电脑")
K("bundle.signer_mismatch", "数据包的签名者不是本电脑认可的区中心，已拒收")
K("bundle.header_mismatch", "数据包封面与内容不符（可能被改动），已拒收")
K(
    "bundle.other_team_event",
    "数据包中有本电脑以其他慰问组名义写下的记录（{count} 条），已拒收，请联系中心",
)
K(
    "bundle.record_invalid",
    "数据包中记录 {record}（{kind}）的“{field}”缺失或格式不对，已拒收，请联系中心",
)
K(
    "bundle.record_too_long",
    "数据包中记录 {record}（{kind}）的“{field}”超过{limit}个字符，已拒收，没有做任何更改，请联系中心",
)
K(
    "bundle.record_too_many",
    "数据包中记录 {record}（{kind}）的“{field}”有{count}项，超过{limit}项，已拒收，没有做任何更改，请联系中心",
)
K(
    "bundle.record_number",
    "数据包中记录 {record}（{kind}）的“{field}”数值{value}超出范围，已拒收，没有做任何更改，请联系中心",
)
K(
    "bundle.record_amount",
    "数据包中记录 {record}（{kind}）的“{field}”金额{amount}超过上限{limit}，已拒收，没有做任何更改，请联系中心",
)
K(
    "bundle.record_date",
    "数据包中记录 {record}（{kind}）的“{field}”日期{date}不在{start}至{end}之间（活动时间前后60天），已拒收，没有做任何更改，请联系中心",
)
K(
    "bundle.record_household",
    "数据包中记录 {record}（{kind}）所写的户 {household} 从未分派给慰问组 {team}，已拒收，没有做任何更改，请联系中心",
)
# Where a team laptop writes a record: what the office's door would refuse (the same bounds).
K("record.too_long", "“{field}”超过{limit}个字符，没有保存，请缩短后再保存")
K("record.too_many", "“{field}”有{count}项，最多{limit}项，没有保存")
K("record.number", "“{field}”的数值{value}超出范围，没有保存")
K("record.amount", "“{field}”金额{amount}超过上限{limit}，没有保存，请核对金额")
K(
    "record.date",
    "“{field}”日期{date}不在{start}至{end}之间（活动时间前后60天），没有保存，请核对日期",
)
K("bundle.payload_invalid", "数据包内容格式不对，已拒收")
K("bundle.chain", "数据包中设备 {device} 的记录链有缺口或断裂，已拒收")
K("bundle.contradicts", "数据包中的记录与本机已有记录矛盾，已拒收，请联系中心")
K("bundle.other_campaign", "这是另一个慰问活动的数据包，已拒收")
K("bundle.other_team", "这是慰问组 {team} 的数据包，本电脑属于 {mine}，已拒收")
K("bundle.result_not_central", "回传包只能在区中心数据库导入")
K("bundle.unknown_team", "中心没有慰问组 {team}，已拒收")
K("bundle.revoked", "这台电脑已于{at}停用（丢失或更换），它之后的数据包一律拒收")
K(
    "bundle.device_key_changed",
    "数据包自称来自设备 {device}，但中心登记的这台电脑的密钥指纹是 {known}，数据包却由指纹为 {claimed} 的另一把密钥签名：同一设备编号换了密钥，它不是这台电脑写出的（可能被伪造），已拒收，没有做任何更改。请在这台电脑上重新导出回传包，并用 device list 核对指纹；如这台电脑已不可信，停用它并重新导出分派包",
)
K(
    "bundle.device_other_team",
    "数据包写明来自慰问组 {team} 的设备 {device}，但中心登记这台电脑属于慰问组 {known_team}，已拒收，没有做任何更改。请用 device list 核对这台电脑属于哪个组",
)
K("bundle.unknown_device", "无法确认这台电脑属于该慰问组（密钥证明不符），已拒收")
K("merge.same_id_other_content", "记录 {event} 与中心已有的同一记录内容不同")
K(
    "merge.off_chain",
    "设备 {device} 的第{seq}条记录与中心已收到的不同（电脑可能从备份恢复或数据库被复制）",
)
K("merge.unknown_relayed", "包含中心从未收到过的其他设备（{device}）的记录")
K("flag.double_payment", "同一户同一类别（{category}）有{times}笔有效发放（{dates}）：可能重复发放")
K("flag.outside_window", "走访日期{date}不在活动走访时间内")
K(
    "flag.off_standard",
    "发放慰问金{cash}、慰问品{goods}，与类别标准（慰问金{standard_cash}、慰问品{standard_goods}）不同",
)
K("flag.not_assigned", "该户未分派给记录走访的慰问组")
K("flag.conflict", "同一记录有两个并存的修改版本，需要人工确认")
K("flag.revised_void", "已作废的记录又被修改，未恢复，需要人工确认")
K("flag.withdrawn_visited", "{name}已调出本组，但本机已有走访记录：记录保留，请与中心核对")
K("device.role", "这个数据库已是“{role}”，不能再作另一种用途")
K("device.reason_missing", "停用电脑必须写明原因")
K("device.not_found", "没有找到唯一的设备“{device}”（请用 device list 查看）")
K("device.not_team", "只能停用慰问组电脑")
K(
    "bundle.credential_format",
    "团队口令应为25个字符（数字2–9和大写字母，不含 I、L、O），如 K7M2Q-9XH4T-…，请对照日程表重新输入",
)
K("bundle.not_a_bundle", "这个文件不是 WarmVisit 文件包，没有做任何更改")
K("bundle.corrupt", "文件包已损坏或不完整（可能没有拷贝完整），没有做任何更改。请重新拷贝一份")
K("bundle.bad_member", "文件包中有不应有的内容“{name}”，已拒绝，没有做任何更改")
K("bundle.missing_member", "文件包缺少“{name}”，已拒绝，没有做任何更改")
K("bundle.too_large", "文件包（或其中一部分）超过了允许的大小 {limit}，已拒绝，没有做任何更改")
K("bundle.bad_header", "文件包的说明部分有误（{field}），已拒绝，没有做任何更改")
K(
    "bundle.too_new",
    "这个文件包由更新版本的 WarmVisit 制作（格式 {version}，本程序只能读到格式 {supported}）。请先把 WarmVisit 更新到最新版本再导入",
)
K("bundle.unknown_kind", "文件包的类型“{kind}”无法识别，已拒绝")
K(
    "bundle.bad_signature",
    "文件包的签名对不上：它不是由预期的一方制作的，或者已被改动。已拒绝，没有做任何更改",
)
K(
    "bundle.payload_mismatch",
    "文件包的内容与签名的说明不符（已被改动或拷贝出错），已拒绝，没有做任何更改",
)
K("bundle.wrong_key", "无法打开文件包：口令或本机密钥不对，或文件已被改动。没有做任何更改")
K("bundle.wrong_lock", "这个文件包不是这样打开的：任务包用团队口令打开，成果包用中心的密钥打开")
K("bundle.write_failed", "无法写入文件 {file}：{reason}。原有文件没有改变")
K("bundle.verify_failed", "写入 {file} 后读回的内容与写入的不同（U盘可能有问题），请换一个U盘再试")
K("flag.slip_pending", "按手印签收，纸质凭证（编号 {slip}）尚未收回中心")
K("bundle.none_in_folder", "在“{folder}”里没有找到分派包（.wvb 文件）")
K("merge.reason_as_written", "{detail}")

# --- quarantine a person decides, revocation that keeps the money ------------------------------
K("device.already_revoked", "设备 {device} 已于{at}停用")
K("device.not_revoked", "设备 {device} 没有停用，无需恢复")
K("device.bad_up_to", "截止记录号 {up_to} 不对：应在 0 到中心已收到的 {events} 条之间")
K("device.team_not_found", "没有代码为 {team} 的慰问组")
K("device.no_credential", "慰问组 {team} 还没有发过组包（没有密码），没有可停用的电脑")
K("device.revoked_here", "这台电脑已于{at}被区中心停用：不能再记录；请把已有数据导出交回区中心")
K("quarantine.not_found", "没有找到唯一的待定事项“{item}”（请用 quarantine list 查看）")
K("quarantine.reason_missing", "决定必须写明原因")
K("quarantine.no_branch", "没有第{branch}支：这一项共有{count}支")
K("quarantine.decided", "事项 {item} 已经决定过，没有待定的记录")
K(
    "quarantine.fork",
    "同一台电脑从第{seq}条记录起分成两支（从备份恢复或数据库被复制）：各支都暂不计入，待人工决定",
)
K("quarantine.revoked", "电脑已于{at}停用：停用点之后的记录暂不计入，待人工决定")
K("quarantine.pending", "待决定")
K("quarantine.decision.accept", "已接受")
K("quarantine.decision.keep_aside", "已搁置")
K("quarantine.decision.released", "已自动放行")
K("quarantine.kind.fork", "分叉")
K("quarantine.kind.revoked", "已停用电脑")
K("quarantine.kind.bundle", "数据包")
K("quarantine.state.held", "暂不计入")
K("quarantine.state.new", "中心没有")
K("quarantine.state.known", "已计入")
K("quarantine.state.same_id", "与中心已有记录同号不同内容")
K("quarantine.state.adopted", "已接受")
K("quarantine.none", "没有待定事项")
K("quarantine.item_line", "事项 {item}（{kind}）　慰问组 {team}　设备 {device}：{why}")
K("quarantine.branch_line", "第{branch}支：{records}条记录，慰问金 {cash}，慰问品 {goods}　{state}")
K("quarantine.decided_line", "决定人 {by}，{at}：{reason}")
K("quarantine.record_kind", "{kind}")
K("quarantine.accepted", "事项 {item}：已接受，{n}条记录计入")
K("quarantine.kept_aside", "事项 {item}：已搁置，这些记录不计入")
K("cli.device_unrevoked", "已恢复设备 {device}：它停用后暂不计入的记录重新计入")
K(
    "cli.credential_retired",
    "慰问组 {team} 的密码已作废：用旧密码登记的电脑一律按停用处理；下次给该组导出组包时会生成新密码",
)
K("cli.records_held", "{n}条记录暂不计入（见 quarantine list）")
K("col.item", "事项")
K("col.branch", "支")
K("col.records", "记录数")
K("col.decision", "决定")
K("col.household", "户")
K("col.state", "状态")
K(
    "cli.device_or_team",
    "请给出要停用的设备编号，或用 --team 作废一个组的密码（电脑从未交回过数据包时）",
)
K("quarantine.paid_already", "；该户该类别已有计入的发放，接受将记为重复发放")
K(
    "bundle.stick_full",
    "U盘已满，{file} 没有写入，原有文件没有改变。请删掉U盘上不用的文件或换一个U盘再写",
)
K(
    "bundle.stick_read_only",
    "U盘不能写入（只读或写保护），{file} 没有写入。请拨开U盘的写保护开关或换一个U盘",
)
