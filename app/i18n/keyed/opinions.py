"""Sentences about the units' opinions reports (意见建议汇总): due dates, notes of sending,
the units overdue."""

from app.i18n.catalogue import keyed as K

K("opinions.due_early", "报送日期{day}早于走访开始日期{start}")
K("opinions.unit_unknown", "没有报送单位“{unit}”的应访户，现有单位：{known}")
K("opinions.already_sent", "单位“{unit}”的意见建议已记为{day}报送，不再重复记录")
K("flag.opinions_overdue", "单位“{unit}”的意见建议应于{due}前报送，尚未报送（已收集{count}条）")
K("cli.opinions_due", "意见建议应于 {due} 前报送")
K("cli.opinions_sent", "已记录：单位“{unit}”的意见建议于 {day} 报送")
K("cli.opinions_printed", "已写入 {file}（{units} 个单位，{count} 条意见建议）")
K("col.opinions", "意见建议")
K("col.due", "应报送")
K("col.sent", "报送")
K("col.opinions_sent_on", "{day} 已报送")
K("col.opinions_overdue", "逾期未报送")
