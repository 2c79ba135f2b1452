"""A household's audit trail (app.services.oversight.household_history), a line each."""

from app.i18n.catalogue import keyed as K

K("history.roster", "由{unit}的名单报送")
K("history.corrected", "{unit}报送的名单更正了这一户")
K("history.status", "状态 {before} → {after}：{reason}")
K("history.mark", "名单标记：{mark}")
K("history.assigned", "分给慰问组 {team} {name}")
K("history.withdrawn", "从慰问组调出")
K("history.visit", "走访 {date}（{mode}）：{outcome}")
K("history.paid", "发放（{category}）：现金{cash}，慰问品{goods}")
K("history.transfer_paid", "发放（{category}）：转账{cash}，慰问品{goods}")
K("history.signature", "受助人签名")
K("history.revise", "更正记录")
K("history.void", "作废记录")
K("history.transfer", "列入转账批次")
K("history.transfer_result", "银行回单")
K("history.resolution", "中心处理问题：{decision}。{note}")
K("history.other", "{kind}")
