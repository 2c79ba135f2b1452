"""Sentences about the money adding up: proof of what was handed over, payments to households
not on the list, the office's decisions on flags, and the audit."""

from app.i18n.catalogue import keyed as K

K("flag.no_proof", "{date}现金发放{cash}、慰问品{goods}，没有签名也没有签字的纸质签收表：没有凭证")
K(
    "flag.paper_pending",
    "{date}纸质签收表记为已签（现金{cash}、慰问品{goods}），中心尚未收到签字的纸质表",
)
K("flag.nothing_handed", "记为已慰问，但没有发放任何慰问金（品），该类别标准为{standard}")
K("flag.not_confirmed", "向不在慰问名单上的户发放（不予，或未确定也未分派）")
K("visit.not_on_list", "{name}的状态是“{status}”，不在慰问名单上，不能录入走访或发放")
K("flag.id_short", "问题编号“{flag}”太短：至少写前{n}位（用 flags --all 查看）")
K("flag.not_found", "没有编号为“{flag}”的问题（用 flags --all 查看）")
K("flag.ambiguous", "编号“{flag}”对应多个问题：{ids}，请多写几位")
K("flag.office_only", "只有中心才能处理问题")
K("flag.already_resolved", "问题 {flag} 已经处理过（{decision}）")
K("flag.decision", "“{decision}”不是这类问题可用的处理方式，可用：{known}")
K("flag.note_needed", "处理问题必须写明说明")
K("flag.payment_unknown", "这个问题中没有唯一的发放记录“{payment}”")
K("flag.recovery_needs", "追回需要写明金额、日期和收据号")
K("flag.recovery_amount", "追回金额{amount}不对：应大于0且不超过这笔发放的{most}")
K("audit.difference", "按{way}合计的{part}{summed}与总数{total}不一致（相差{difference}）")
K("cli.flag_row", "  [{id}] {name}（{household}）{team} {category}：{detail}")
K("cli.flag_resolved", " —— 已处理：{decision}，{note}（{by} {at}）")
K("cli.flag_resolved_now", "问题 {id}（{name}）已处理：{decision}")
K("col.group", "项目")
K("audit.row_total", "发放合计")
K("audit.row_office", "中心直接发放")
K("cli.audit_net", "已发放 {households} 户；已追回 {recovered}；净发放 {net}")
K("cli.audit_unproven", "  没有凭证：{name}（{household}）{team} {date} {amount}")
K("cli.audit_awaiting_bank", "  待银行确认：{name}（{household}）转账 {amount}")
K("cli.audit_difference", "  不一致：{detail}")
K("cli.audit_flags", "未处理的问题 {open} 个，已处理 {resolved} 个（flags --all 查看）")
K("cli.audit_ok", "审计通过：每一分钱都有凭证，各项合计一致")
K("cli.audit_failed", "审计未通过：见上面列出的没有凭证的发放和不一致")
K("flag.gone", "处理后问题已不再出现")
