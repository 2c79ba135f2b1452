"""Sentences about the office's decisions: finding a household as the clerk names it, status
changes and what they leave alone, reinstating, units' kinds, quotas and deadlines, 超额 / 逾期."""

from app.i18n.catalogue import keyed as K

# Finding a household: what the clerk typed is shown as typed, never masked.
K(
    "household.no_match",
    "没有找到“{query}”：请用完整身份证号、姓名，或姓名加身份证号后几位（如 张三 4698）",
)
K("household.ambiguous", "“{query}”对应{n}户：{candidates}。请加身份证号后几位区分（如 张三 4698）")
K("household.query_empty", "请写明慰问对象：身份证号、姓名，或姓名加身份证号后几位")

# Status changes: refusals.
K("status.decline_reason", "改为不予须用 --reason 写明理由")
K("status.despite_missing_reason", "照常确定（--despite-missing）须用 --reason 写明理由")
K("status.back_reason", "{n}户将退回到“{status}”：退回须用 --reason 写明理由")
K(
    "status.missing",
    "{n}户资格未定或材料未齐，不能确定（见上）：补齐后再确定，或加 --despite-missing 并用 --reason 写明为何照常确定",
)
K("status.stale", "预览之后有慰问对象的状态已变，未做任何更改：请重新预览")
K("status.not_declined", "{name}现在是“{status}”，不是不予，无需恢复")
K("status.choose_step", "“{status}”不是申报、单位审核、公示、上报、确定中的一步")
K("status.reinstate_reason", "恢复不予的慰问对象须用 --reason 写明理由")

# Status changes: what a change leaves alone, counted (the preview) and per household.
K("status.skip.declined", "{n}户不予（不恢复）")
K("status.skip.not_yet", "{n}户仍是“{status}”（须先改为“{next}”）")
K("status.skip.already", "{n}户已是“{status}”")
K("status.skip.past", "{n}户已是“{status}”（退回须逐户办理并写明理由）")
K("status.skip.pending_mark", "{n}户超额或逾期待决定（先用 unit decide 决定）")
K("status.why.declined", "不予，不恢复")
K("status.why.not_yet", "仍是“{status}”，须先改为“{next}”")
K("status.why.already", "已是“{status}”")
K("status.why.past", "已是“{status}”，退回须逐户办理并写明理由")
K("status.why.pending_mark", "超额或逾期待决定，先用 unit decide 决定")

# Units: kind, quota, deadline.
K("unit.kind_unknown", "单位类别“{kind}”无效，可用：{known}")
K("unit.quota", "限额“{quota}”无效，应为0或正整数")
K("unit.name_or_kind", "请用 --name 指定单位，或用 --kind 指定一类单位")
K(
    "unit.nothing_to_set",
    "没有要设置的内容：请给出 --kind、--quota、--deadline（或 --no-quota、--no-deadline）",
)
K("unit.kind_none", "还没有类别为“{kind}”的单位：先用 unit set --name 单位 --kind 类别 设定")

# 超额 / 逾期.
K("mark.choose", "请用 --name 指定单位，或列出慰问对象")
K("mark.accept_reason", "接受超额或逾期的慰问对象须用 --reason 写明理由")
K("mark.none", "没有待决定的超额或逾期慰问对象")
K(
    "flag.over_quota",
    "超额：“{unit}”限报{quota}户，此户超出（{received}导入），待决定：接受并说明，或视为放弃",
)
K(
    "flag.late",
    "逾期报送：“{unit}”截止{deadline}，此户{received}才导入，待决定：接受并说明，或视为放弃",
)
K(
    "roster.late_corrections",
    "“{unit}”的报送截止日期为{deadline}，本次导入已逾期：更正了{n}户已有的记录（没有新增户，无需决定），请核实",
)
K(
    "roster.marked_late",
    "“{unit}”的报送截止日期为{deadline}，本次导入已逾期：新增的{n}户标为逾期，待决定（unit decide：接受并说明，或视为放弃）",
)
K(
    "roster.marked_over_quota",
    "“{unit}”限报{quota}户，本次导入后超出：{n}户标为超额，待决定（unit decide：接受并说明，或视为放弃）",
)

# The command line.
K("cli.status_preview", "改为“{status}” — 所选{selected}户：将改变{changing}户")
K("cli.status_skipped", "跳过{n}户：{groups}")
K("cli.status_line", "  {name} {id}（{unit}）：{why}")
K("cli.status_gaps", "  {name} {id}（{unit}）：缺 {gaps}")
K("cli.status_dry_run", "预览：未做任何更改（去掉 --dry-run 即照此执行）")
K("cli.status_despite", "其中{n}户照常确定，所缺已记入状态记录")
K("cli.reinstated", "已恢复{name}：不予 → {status}")
K("cli.history_head", "状态与决定记录：")
K("cli.history_status", "  {at}  {by}：{from_status} → {to_status}")
K("cli.history_status_why", "  {at}  {by}：{from_status} → {to_status}（{why}）")
K("cli.history_missing", "照常确定，缺：{gaps}")
K("cli.history_mark", "  {at}  {by}：{mark}，{decision}")
K("cli.history_mark_why", "  {at}  {by}：{mark}，{decision}（{why}）")
K("cli.history_mark_open", "  待决定：{why}")
K("cli.unit_line", "单位“{unit}”：类别 {kind}，限额 {quota}，报送截止 {deadline}")
K(
    "cli.marks_head",
    "超额或逾期，待决定（unit decide --name 单位 --accept --reason 理由，或 --forfeit）：",
)
K("cli.mark_line", "  {unit} 第{row}行 {name} {id}：{why}")
K("cli.marks_none", "没有待决定的超额或逾期慰问对象")
K("cli.marks_decided", "已决定{n}户的超额或逾期（{decision}），其中{declined}户改为不予")
K("col.unit_kind", "单位类别")
K("col.quota", "限额")
K("col.counted", "占名额")
K("col.open_marks", "待决定")
