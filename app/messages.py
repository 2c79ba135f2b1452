"""Every sentence a user reads, in Chinese and English, keyed by the error/message key.

No Qt here: the CLI and the UI render the same sentence. ``tests/test_messages.py`` checks that
both languages exist for every key with the same ``{placeholders}``.
"""

from __future__ import annotations

import os
from typing import Any

from app.domain.errors import WarmVisitError
from app.messages_print import PRINT_MESSAGES
from app.messages_sync import SYNC_MESSAGES
from app.messages_team import TEAM_MESSAGES

MESSAGES: dict[str, dict[str, str]] = {
    "cancelled": {"zh": "已取消，没有做任何更改。", "en": "Cancelled; nothing was changed."},
    "interrupted": {"zh": "已取消，未做任何更改", "en": "Cancelled; nothing was changed"},
    "interrupted.kept": {
        "zh": "已中断；中断前已完成的更改已保存",
        "en": "Stopped; what was done before the interrupt was saved",
    },
    "unexpected": {
        "zh": "出现了意外错误，没有做任何更改。详情已写入日志：{log}",
        "en": "An unexpected error occurred; nothing was changed. Details are in the log: {log}",
    },
    # campaign set-up
    "campaign.none": {
        "zh": "还没有慰问活动：请先运行 warmvisit campaign init（或 warmvisit demo）",
        "en": "There is no campaign yet: run warmvisit campaign init (or warmvisit demo) first",
    },
    "campaign.exists": {
        "zh": "本数据库已有慰问活动“{name}”。新的活动请用 --db 另建一个数据库文件",
        "en": "This database already holds the campaign “{name}”. Use --db for a new one",
    },
    "campaign.name_missing": {"zh": "请填写活动名称", "en": "The campaign needs a name"},
    "campaign.organizer_missing": {
        "zh": "请填写主办单位（慰问信落款）",
        "en": "The campaign needs an organiser (it signs the letters)",
    },
    "campaign.dates": {
        "zh": "走访结束日期{end}早于开始日期{start}",
        "en": "The visit window ends ({end}) before it starts ({start})",
    },
    "campaign.min_living": {
        "zh": "低保标准必须大于0",
        "en": "The minimum living standard must be above 0",
    },
    "campaign.percentages": {
        "zh": "三个收入比例应满足 0 < 第一条 ≤ 第二条 ≤ 第三条 ≤ 1000",
        "en": "The income percentages must satisfy 0 < rule 1 ≤ rule 2 ≤ rule 3 ≤ 1000",
    },
    "category.code_name_missing": {
        "zh": "慰问类别需要代码和名称",
        "en": "A category needs a code and a name",
    },
    "category.exists": {
        "zh": "已有慰问类别 {code}（{name}），代码和名称都不能重复",
        "en": "Category {code} ({name}) exists; codes and names must be unique",
    },
    "category.goods_text_missing": {
        "zh": "填写了慰问品价值，请同时用 --goods 写明慰问品",
        "en": "A goods value was given; describe the goods with --goods too",
    },
    "cost.name_missing": {"zh": "请填写费用名称", "en": "The cost needs a name"},
    "unit.name_missing": {"zh": "请填写单位名称", "en": "The unit needs a name"},
    "unit.not_found": {
        "zh": "没有单位“{unit}”的慰问对象",
        "en": "No households from unit “{unit}”",
    },
    "status.unknown": {
        "zh": "状态“{status}”无效，可用：{known}",
        "en": "Unknown status “{status}”; use one of: {known}",
    },
    "status.choose_one": {
        "zh": "请只选一种范围：--all、--unit 单位 或 若干身份证号",
        "en": "Choose exactly one of: --all, --unit NAME, or ID numbers",
    },
    "household.not_found": {
        "zh": "没有身份证号为 {id_number} 的慰问对象",
        "en": "No household with ID number {id_number}",
    },
    "member.name_missing": {"zh": "请填写家庭成员姓名", "en": "The member needs a name"},
    "material.unknown": {
        "zh": "材料“{material}”不在清单中，可用：{known}",
        "en": "“{material}” is not on the checklist; use one of: {known}",
    },
    "override.rule": {
        "zh": "认定条款“{rule}”无效，应为 一、二、三、四 或 none",
        "en": "Rule “{rule}” is invalid; use 一, 二, 三, 四 or none",
    },
    "override.reason_missing": {
        "zh": "人工认定必须写明理由（--reason）",
        "en": "An override needs a reason (--reason)",
    },
    "team.fields_missing": {
        "zh": "慰问组需要代码、名称和组长",
        "en": "A team needs a code, a name and a leader",
    },
    "team.exists": {"zh": "已有代码为 {code} 的慰问组", "en": "Team {code} exists already"},
    "team.none": {
        "zh": "还没有慰问组：请先用 team add 建立",
        "en": "There are no teams yet: create them with team add",
    },
    "team.not_found": {"zh": "没有代码为 {code} 的慰问组", "en": "No team with code {code}"},
    "assign.mode": {
        "zh": "分派方式“{mode}”无效，可用 area、unit、balanced",
        "en": "Unknown way to assign “{mode}”; use area, unit or balanced",
    },
    "assign.no_areas": {
        "zh": "按片区分派需要给慰问组填写片区（team add --area 新港街道、大沽街道）",
        "en": "Assigning by area needs team areas (team add --area …)",
    },
    "assign.choose": {
        "zh": "请用 --by area|unit|balanced 自动分派，"
        "或用 --team 组 --household 身份证号… 手工分派",
        "en": "Use --by area|unit|balanced, or --team T --household ID… to assign by hand",
    },
    # command line
    "cli.bad_date": {
        "zh": "日期“{value}”无效，请写成 YYYY-MM-DD（如 2027-01-20）",
        "en": "“{value}” is not a date; write YYYY-MM-DD (e.g. 2027-01-20)",
    },
    "cli.campaign_created": {
        "zh": "已建立慰问活动“{name}”，数据库：{db}",
        "en": "Created the campaign “{name}”; database: {db}",
    },
    "cli.campaign_show": {
        "zh": "活动：{name}\n主办：{organizer}\n走访时间：{start} 至 {end}\n"
        "低保标准：{min_living}/人/月"
        "\n条件比例：{p1}% / {p2}% / {p3}%，大额支出：{cost}\n数据库：{db}",
        "en": "Campaign: {name}\nOrganiser: {organizer}\nVisits: {start} to {end}\nMinimum "
        "living standard: {min_living} per person per month\nRule percentages: {p1}% / {p2}% / "
        "{p3}%, large costs: {cost}\nDatabase: {db}",
    },
    "cli.category_added": {
        "zh": "已添加慰问类别 {code} {name}：慰问金{cash}，慰问品“{goods}”价值{goods_value}；"
        "名单中已有{linked}户归入此类",
        "en": "Added category {code} {name}: cash {cash}, goods “{goods}” worth {goods_value}; "
        "{linked} households already named it",
    },
    "cli.cost_added": {
        "zh": "已添加其他费用：{name} {amount}",
        "en": "Added cost: {name} {amount}",
    },
    "cli.unit_set": {
        "zh": "单位“{unit}”报送截止日期：{deadline}",
        "en": "Unit “{unit}” is due by {deadline}",
    },
    "cli.importing": {"zh": "导入中", "en": "Importing"},
    "cli.merging": {"zh": "合并回传包", "en": "Merging bundles"},
    "cli.import_file": {
        "zh": "文件：{file}（报送单位：{unit}）",
        "en": "File: {file} (unit: {unit})",
    },
    "cli.import_counts": {
        "zh": "新增 {imported} 户，更新 {updated} 户，未变 {unchanged} 户；"
        "有问题 {rejected} 行，重复 {duplicates} 行",
        "en": "{imported} added, {updated} updated, {unchanged} unchanged; "
        "{rejected} rows with problems, {duplicates} duplicates",
    },
    "cli.rejected_head": {
        "zh": "有问题的行（改正后重新导入，或加 --skip-invalid 先导入其余的行）：",
        "en": "Rows with problems (fix them and import again, or add --skip-invalid to import "
        "the other rows now):",
    },
    "cli.problem_line": {
        "zh": "  第{row}行 {column}“{value}”：{reason}",
        "en": "  row {row}, {column} “{value}”: {reason}",
    },
    "cli.duplicates_head": {"zh": "重复的人：", "en": "Duplicates:"},
    "cli.duplicate_line": {"zh": "  第{row}行 {id}：{reason}", "en": "  row {row}, {id}: {reason}"},
    "cli.warnings_head": {"zh": "请注意：", "en": "Please note:"},
    "cli.warning_line": {"zh": "  第{row}行：{reason}", "en": "  row {row}: {reason}"},
    "cli.warning_file": {"zh": "  {reason}", "en": "  {reason}"},
    "cli.import_applied": {"zh": "已导入。", "en": "Imported."},
    "cli.import_refused": {
        "zh": "因有问题行，本次没有导入任何数据。",
        "en": "Nothing was imported because some rows have problems.",
    },
    "cli.count_households": {"zh": "共 {n} 户", "en": "{n} households"},
    "cli.household_head": {
        "zh": "{name}  {id}  {sex}  报送单位：{unit}  状态：{status}",
        "en": "{name}  {id}  {sex}  unit: {unit}  status: {status}",
    },
    "cli.household_facts": {
        "zh": "工作单位：{employer}\n住址：{address}\n家庭人口：{size}  家庭月收入：{income}"
        "\n致困原因：{causes}\n慰问类别：{category}\n家庭成员：",
        "en": "Employer: {employer}\nAddress: {address}\nHousehold size: {size}  monthly "
        "income: {income}\nCauses: {causes}\nCategory: {category}\nMembers:",
    },
    "cli.member_line": {
        "zh": "  {name}（{relation}）健康：{health}",
        "en": "  {name} ({relation}) health: {health}",
    },
    "cli.status_set": {
        "zh": "已将 {n} 户的状态改为“{status}”",
        "en": "Set the status of {n} households to “{status}”",
    },
    "cli.member_added": {"zh": "已添加家庭成员 {name}", "en": "Added family member {name}"},
    "cli.override_set": {
        "zh": "已人工认定：条款 {rule}，理由：{reason}",
        "en": "Decided by hand: rule {rule}, reason: {reason}",
    },
    "cli.review": {"zh": "待复核", "en": "review"},
    "cli.eligibility_counts": {
        "zh": "共 {n} 户，其中待复核 {review} 户",
        "en": "{n} households, {review} to review",
    },
    "cli.uncategorised": {
        "zh": "另有 {n} 户尚未归入任何慰问类别，未计入预算",
        "en": "{n} more households have no category yet and are not in the budget",
    },
    "cli.bad_size": {
        "zh": "窗口大小“{value}”无效，请写成 1366x768",
        "en": "“{value}” is not a window size; write 1366x768",
    },
    "cli.written": {"zh": "已写入：{file}", "en": "Written: {file}"},
    "cli.demo_making": {"zh": "生成演示数据", "en": "Making demo data"},
    "cli.demo_done": {
        "zh": "演示活动已就绪：{n} 户，数据库：{db}；文件：{files}",
        "en": "Demo campaign ready: {n} households, database: {db}; files: {files}",
    },
    "cli.team_added": {
        "zh": "已建立慰问组 {code} {name}，组长 {leader}",
        "en": "Created team {code} {name}, led by {leader}",
    },
    "cli.assigned": {"zh": "{team}：分派 {n} 户", "en": "{team}: {n} households assigned"},
    "cli.unassigned": {
        "zh": "尚未分派的已确定户：{n} 户",
        "en": "Confirmed households no team has: {n}",
    },
    "col.team": {"zh": "慰问组", "en": "Team"},
    "col.leader": {"zh": "组长", "en": "Leader"},
    "col.members": {"zh": "组员", "en": "Members"},
    "col.area": {"zh": "片区", "en": "Area"},
    "cli.assignment_written": {
        "zh": "已写入分派包：{file}（{n}户，第{seq}号）\n请当面把密钥交给组长：{credential}",
        "en": "Assignment bundle written: {file} ({n} households, no. {seq})\nHand this "
        "credential to the team leader in person: {credential}",
    },
    "cli.result_written": {
        "zh": "已写入回传包并校验：{file}（共{n}条记录）",
        "en": "Result bundle written and checked: {file} ({n} records)",
    },
    "cli.bundle_refused": {"zh": "拒收 {file}：{reason}", "en": "Refused {file}: {reason}"},
    "cli.bundle_quarantined": {
        "zh": "{file} 已放入隔离区，中心数据未改动：{reason}",
        "en": "{file} is quarantined; the central store is untouched: {reason}",
    },
    "cli.bundle_applied": {
        "zh": "{file}：慰问组 {team} 第{seq}号，签名已验证（{signer}）；新增{new}，更新{updated}，"
        "未变{unchanged}",
        "en": "{file}: team {team} no. {seq}, signature verified ({signer}); {new} new, "
        "{updated} updated, {unchanged} unchanged",
    },
    "cli.bundle_already": {
        "zh": "{file}：已导入过，未做任何更改",
        "en": "{file}: already imported; nothing changed",
    },
    "cli.bundle_older": {
        "zh": "{file}：比已收到的旧，没有新内容，未做任何更改",
        "en": "{file}: older than what is here and adds nothing; nothing changed",
    },
    "cli.bundle_unchanged": {
        "zh": "{file}：没有新记录，未做任何更改",
        "en": "{file}: no new records; nothing changed",
    },
    "cli.bundle_quarantined_line": {"zh": "{file}：已隔离", "en": "{file}: quarantined"},
    "cli.flag_line": {
        "zh": "  需要处理：{household} {detail}",
        "en": "  to check: {household} {detail}",
    },
    "cli.flags_total": {"zh": "需要人工处理的问题：{n} 个", "en": "Flags to check: {n}"},
    "cli.no_flags": {"zh": "没有需要处理的问题", "en": "Nothing to check"},
    "cli.visits_imported": {"zh": "已录入 {n} 次走访", "en": "{n} visits recorded"},
    "cli.visits_refused": {
        "zh": "有 {n} 行有问题，本次没有录入任何走访",
        "en": "{n} rows have problems; no visit was recorded",
    },
    "cli.device_revoked": {
        "zh": "已停用设备 {device}：它之后的数据包一律拒收",
        "en": "Device {device} revoked: its later bundles are refused",
    },
    "col.assigned": {"zh": "分派", "en": "Assigned"},
    "col.visited": {"zh": "已慰问", "en": "Visited"},
    "col.attempted": {"zh": "未遇", "en": "Attempted"},
    "col.not_yet": {"zh": "未走访", "en": "Not yet"},
    "col.problem": {"zh": "问题", "en": "Problems"},
    "col.transfer": {"zh": "待转账", "en": "Transfer"},
    "col.budget": {"zh": "预算", "en": "Budget"},
    "col.float": {"zh": "备用金", "en": "Float"},
    "col.device": {"zh": "设备", "en": "Device"},
    "col.fingerprint": {"zh": "密钥指纹", "en": "Key fingerprint"},
    "col.first_seen": {"zh": "首次出现", "en": "First seen"},
    "col.revoked": {"zh": "停用", "en": "Revoked"},
    "col.events": {"zh": "记录数", "en": "Records"},
    "col.code": {"zh": "代码", "en": "Code"},
    "col.time": {"zh": "时间", "en": "Time"},
    "col.file": {"zh": "文件", "en": "File"},
    "col.by": {"zh": "操作人", "en": "By"},
    "col.added": {"zh": "新增", "en": "Added"},
    "col.updated": {"zh": "更新", "en": "Updated"},
    "col.unchanged": {"zh": "未变", "en": "Unchanged"},
    "col.rejected": {"zh": "有问题", "en": "Rejected"},
    "col.duplicates": {"zh": "重复", "en": "Duplicates"},
    "col.way": {"zh": "方向", "en": "Way"},
    "col.kind": {"zh": "类型", "en": "Kind"},
    "col.sequence": {"zh": "序号", "en": "No."},
    "col.outcome": {"zh": "结果", "en": "Outcome"},
    "col.new": {"zh": "新记录", "en": "New"},
    "col.flagged": {"zh": "提示", "en": "Flags"},
    "col.why": {"zh": "原因", "en": "Why"},
    "bundle.way.export": {"zh": "写出", "en": "out"},
    "bundle.way.import": {"zh": "读入", "en": "in"},
    "bundle.kind.assignment": {"zh": "分派包", "en": "assignment"},
    "bundle.kind.result": {"zh": "结果包", "en": "result"},
    "bundle.outcome.exported": {"zh": "已写出", "en": "written"},
    "bundle.outcome.applied": {"zh": "已导入", "en": "applied"},
    "bundle.outcome.quarantined": {"zh": "已隔离", "en": "quarantined"},
    "cli.no_history": {"zh": "（还没有记录）", "en": "(nothing yet)"},
    "col.category": {"zh": "慰问类别", "en": "Category"},
    "col.cash_each": {"zh": "每户慰问金", "en": "Cash each"},
    "col.goods": {"zh": "慰问品", "en": "Goods"},
    "col.goods_value": {"zh": "慰问品价值", "en": "Goods value"},
    "col.cash": {"zh": "慰问金", "en": "Cash"},
    "col.subtotal": {"zh": "小计", "en": "Subtotal"},
    "col.total": {"zh": "合计", "en": "Total"},
    "col.households": {"zh": "户数", "en": "Households"},
    "col.unit": {"zh": "单位", "en": "Unit"},
    "col.deadline": {"zh": "截止日期", "en": "Deadline"},
    "col.name": {"zh": "姓名", "en": "Name"},
    "col.id_masked": {"zh": "身份证号", "en": "ID number"},
    "col.employer": {"zh": "工作单位", "en": "Employer"},
    "col.status": {"zh": "状态", "en": "Status"},
    "col.size": {"zh": "人口", "en": "Size"},
    "col.per_capita": {"zh": "人均月收入", "en": "Per capita"},
    "col.rule": {"zh": "条款", "en": "Rule"},
    "col.reason": {"zh": "依据/复核原因", "en": "Basis / review reason"},
    # ID numbers
    "id.missing": {"zh": "缺少身份证号", "en": "the ID number is missing"},
    "id.old15": {
        "zh": "是15位旧身份证号，请换成18位身份证号",
        "en": "is an old 15-digit ID number; use the 18-digit one",
    },
    "id.length": {
        "zh": "身份证号应为18位，这里是{length}位",
        "en": "an ID number has 18 characters, this one has {length}",
    },
    "id.chars": {
        "zh": "身份证号只能是17位数字加1位数字或X",
        "en": "an ID number is 17 digits followed by a digit or X",
    },
    "id.birth_date": {
        "zh": "身份证号中的出生日期{date}不是真实日期",
        "en": "the birth date {date} in the ID number is not a real date",
    },
    "id.excel_number": {
        "zh": "身份证号被Excel存成了数字，后几位已丢失：请把该列设为“文本”后重新录入",
        "en": "Excel stored the ID number as a number and lost its last digits: format the "
        "column as text and type it again",
    },
    "id.check_digit": {
        "zh": "身份证号校验位错误（可能有数字录错）",
        "en": "the ID number's check digit is wrong (a digit may be mistyped)",
    },
    # roster files and rows
    "roster.unreadable": {
        "zh": "无法读取文件“{file}”：{detail}",
        "en": "Cannot read the file “{file}”: {detail}",
    },
    "roster.unsupported": {
        "zh": "不支持的文件类型“{file}”：请使用 .csv、.xlsx 或 .xls 文件",
        "en": "Unsupported file “{file}”: use a .csv, .xlsx or .xls file",
    },
    "roster.encoding": {
        "zh": "无法识别文件“{file}”的编码（不是UTF-8，也不是GBK/GB18030）",
        "en": "Cannot tell the encoding of “{file}” (neither UTF-8 nor GBK/GB18030)",
    },
    "roster.empty": {"zh": "文件“{file}”中没有数据", "en": "The file “{file}” holds no data"},
    "db.is_folder": {
        "zh": "“{file}”是一个文件夹，不是数据库文件：--db 请写数据库文件的路径",
        "en": "“{file}” is a folder, not a database file: give --db the database file's path",
    },
    "db.not_database": {
        "zh": "“{file}”不是 WarmVisit 数据库文件（可能选错了文件），文件没有改动",
        "en": "“{file}” is not a WarmVisit database (the wrong file?); it was not changed",
    },
    "db.unopenable": {
        "zh": "无法打开数据库“{file}”：{detail}。文件没有改动",
        "en": "Cannot open the database “{file}”: {detail}. The file was not changed",
    },
    "file.unwritable": {
        "zh": "无法写入文件“{file}”（{detail}），未生成任何文件",
        "en": "Cannot write the file “{file}” ({detail}); no file was made",
    },
    "roster.not_spreadsheet": {
        "zh": "文件“{file}”打不开：它已损坏，或并不是 Excel/WPS 表格。请用 Excel 或 WPS "
        "打开确认，另存为 .xlsx 后再导入（{detail}）",
        "en": "The file “{file}” cannot be opened: it is damaged, or not an Excel/WPS sheet. "
        "Open it in Excel or WPS, save it as .xlsx and import that ({detail})",
    },
    "roster.xml_2003": {
        "zh": "文件“{file}”是 Excel 2003 的 XML 表格，无法直接读取：请用 Excel 或 WPS 打开，"
        "另存为 .xlsx 后再导入",
        "en": "The file “{file}” is an Excel 2003 XML spreadsheet, which cannot be read: open "
        "it in Excel or WPS, save it as .xlsx and import that",
    },
    "roster.too_big": {
        "zh": "文件“{file}”有 {size_mb} MB，超过名单文件的上限 {limit_mb} MB："
        "请确认选对了文件，或按单位拆分后分别导入",
        "en": "The file “{file}” is {size_mb} MB, over the {limit_mb} MB a roster may be: check "
        "that it is the right file, or split it by unit and import each part",
    },
    "roster.no_header": {
        "zh": "找不到表头行：需要{missing}等列（可用 --map 列名=字段 指定）",
        "en": "No header row found: columns such as {missing} are needed (use --map HEADER=field)",
    },
    "roster.missing_columns": {
        "zh": "找不到必需的列：{missing}。文件中的列有：{found}（可用 --map 列名=字段 指定）",
        "en": "Required columns not found: {missing}. The file has: {found} "
        "(use --map HEADER=field)",
    },
    "roster.bad_map": {
        "zh": "列映射“{pair}”无效，应写成 列名=字段，字段可为：{fields}",
        "en": "Column mapping “{pair}” is invalid; write HEADER=field, field one of: {fields}",
    },
    "row.name_missing": {"zh": "缺少姓名", "en": "the name is missing"},
    "row.name_invalid": {
        "zh": "姓名不像人名（含数字或超过30个字）",
        "en": "the name does not look like a name (digits, or over 30 characters)",
    },
    "row.sex_mismatch": {
        "zh": "性别与身份证号不符（身份证号显示为{sex}）",
        "en": "the sex does not match the ID number (which says {sex})",
    },
    "row.size_invalid": {
        "zh": "家庭人口应为1到{max}之间的整数",
        "en": "the household size must be a whole number from 1 to {max}",
    },
    "row.yes_no_invalid": {"zh": "应填“是”或“否”", "en": "must be 是 (yes) or 否 (no)"},
    "row.unknown_category": {
        "zh": "慰问类别“{label}”在本活动中未设置（第{rows}行，共{n}行），这些户导入后暂未分类；"
        "用 category add 添加此类别后自动归类（已设置：{known}）",
        "en": "category “{label}” is not set up in this campaign (rows {rows}, {n} in all); "
        "these households are imported without a category until category add creates it "
        "(set up: {known})",
    },
    "row.duplicate_in_file": {
        "zh": "与本文件第{first_row}行是同一人（身份证号相同），只保留第{first_row}行",
        "en": "the same person (same ID number) as row {first_row} of this file; "
        "row {first_row} is kept",
    },
    "row.duplicate_in_store": {
        "zh": "此人已由“{unit}”报送（{file} 第{first_row}行），不重复导入",
        "en": "this person was already sent by “{unit}” ({file}, row {first_row}); "
        "not imported twice",
    },
    "roster.late": {
        "zh": "“{unit}”的报送截止日期为{deadline}，本次导入已逾期（逾期视为放弃，请核实）",
        "en": "“{unit}” was due by {deadline}; this import is late (late lists count as "
        "forfeited; please check)",
    },
    # eligibility
    "elig.basis.1": {
        "zh": "人均月收入不超过低保标准的{pct}%（{limit}）",
        "en": "per-capita income at most {pct}% of the minimum living standard ({limit})",
    },
    "elig.basis.2": {
        "zh": "有特殊困难原因，人均月收入不超过低保标准的{pct}%（{limit}）",
        "en": "a special cause, and per-capita income at most {pct}% of the standard ({limit})",
    },
    "elig.basis.3": {
        "zh": "重大疾病或意外灾害，人均月收入不超过低保标准的{pct}%（{limit}）",
        "en": "major illness or accident, and per-capita income at most {pct}% of the "
        "standard ({limit})",
    },
    "elig.basis.4": {
        "zh": "本年自付医疗费用或灾害财产损失达到{cost}",
        "en": "this year's self-paid medical costs or disaster losses reach {cost}",
    },
    "elig.review.no_income": {
        "zh": "缺少家庭月收入，无法计算人均收入",
        "en": "no monthly household income, so per-capita income cannot be computed",
    },
    "elig.review.no_cause": {
        "zh": "人均月收入{per_capita}高于低保标准的{pct}%（{limit}），未写明子女上学、残疾、"
        "单亲、重大疾病或意外灾害等原因，自付医疗费用和灾害损失也未达{cost}",
        "en": "per-capita income {per_capita} is above {pct}% of the standard ({limit}); no "
        "special cause, illness or accident is given, and costs do not reach {cost}",
    },
    "elig.review.special": {
        "zh": "有特殊困难原因，但人均月收入{per_capita}高于低保标准的{pct}%（{limit}），"
        "自付医疗费用和灾害损失也未达{cost}",
        "en": "a special cause is given, but per-capita income {per_capita} is above {pct}% "
        "of the standard ({limit}), and costs do not reach {cost}",
    },
    "elig.review.major": {
        "zh": "有重大疾病或意外灾害，但人均月收入{per_capita}高于低保标准的{pct}%（{limit}），"
        "自付医疗费用和灾害损失也未达{cost}",
        "en": "illness or accident is given, but per-capita income {per_capita} is above "
        "{pct}% of the standard ({limit}), and costs do not reach {cost}",
    },
    "elig.override": {
        "zh": "人工认定：{reason}（{by}，{at}）",
        "en": "decided by hand: {reason} ({by}, {at})",
    },
    # phones
    "phone.invalid": {
        "zh": "电话号码“{value}”不是有效的手机号或座机号",
        "en": "“{value}” is not a valid mobile or landline number",
    },
    # money
    "money.missing": {"zh": "缺少金额", "en": "the amount is missing"},
    "money.invalid": {"zh": "金额“{value}”无法识别", "en": "“{value}” is not an amount"},
    "money.negative": {"zh": "金额“{value}”不能为负数", "en": "the amount “{value}” is negative"},
    "money.precision": {
        "zh": "金额“{value}”精确到分即可，最多两位小数",
        "en": "the amount “{value}” has more than two decimal places (fen)",
    },
    # bundles (USB sticks)
}

MESSAGES.update(SYNC_MESSAGES)
MESSAGES.update(PRINT_MESSAGES)
MESSAGES.update(TEAM_MESSAGES)

_LANG = {"zh", "en"}


def current_language() -> str:
    """The language setting: WARMVISIT_LANG (zh|en), Chinese by default."""
    lang = os.environ.get("WARMVISIT_LANG", "zh").lower()[:2]
    return lang if lang in _LANG else "zh"


def text(key: str, lang: str | None = None, /, **params: Any) -> str:
    """The sentence for ``key`` in ``lang`` with ``params`` filled in."""
    lang = lang or current_language()
    entry = MESSAGES.get(key)
    if entry is None:
        # A missing key is a programming error, but the user still deserves the key, not a crash.
        return f"{key} {params}" if params else key
    template = entry.get(lang) or entry["zh"]
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def render(error: WarmVisitError, lang: str | None = None) -> str:
    return text(error.key, lang, **error.params)


def register(messages: dict[str, dict[str, str]]) -> None:
    """Modules that own a group of messages add them here at import time."""
    for key, entry in messages.items():
        if key in MESSAGES and MESSAGES[key] != entry:
            raise ValueError(f"message key {key!r} defined twice")
        MESSAGES[key] = entry
