"""Sentences about bank transfers: card numbers, how a household is paid, the payment list for
finance and the bank's result file."""

from app.i18n.catalogue import keyed as K

K("card.missing", "没有填写银行卡号")
K("card.chars", "银行卡号只能是数字")
K("card.length", "银行卡号应为16至19位数字，这里是{length}位")
K("card.luhn", "银行卡号校验位不对，可能抄错了一位，请核对")
K("card.excel_number", "银行卡号被Excel存成了数字，末几位已丢失：请把该列设为文本后重新填写")
K("card.luhn_unchecked", "“{bank}”的卡号不用校验位，未能校验，请核对")
K("card.bank_missing", "请写明开户行")
K("payment.unknown", "发放方式“{value}”无效，可用：{known}")
K("payment.cash_paid", "{name}已由慰问组发放现金，不能再改为转账")
K("payment.transfer_paid", "{name}的转账已到账（批次 {batch}），不能改为现金")
K("payment.transfer_pending", "{name}在转账批次 {batch} 中，银行尚未回复，不能改为现金")
K("payment.category_transferred", "类别 {code} 有{n}户已在转账批次中或已到账，不能改为现金")
K(
    "visit.cash_to_transfer",
    "{name}的慰问金由财务转账到本人银行卡，慰问组不能发放现金（慰问品照发，可记为转账待发）",
)
K(
    "visit.transfer_amount",
    "{name}的慰问金按转账名单由财务转到银行卡：走访只记“转账”，不填金额（这里填了{amount}）",
)
K("transfer.office_only", "转账只能在中心办理，不能在慰问组电脑上办理")
K("transfer.out_suffix", "转账清单应保存为 .xlsx 文件：{file}")
K("transfer.batch_not_found", "没有第{number}批转账")
K("transfer.file_many_batches", "银行回单中有多个批次（{codes}），请按批次分开导入")
K("transfer.file_no_batch", "银行回单中的卡号都不在任何转账批次中：是否是其他活动的回单？")
K(
    "transfer.file_other_batch",
    "第{line}行的批次“{value}”不是本活动的转账批次：是否是其他活动的回单？",
)
K("transfer.file_not_this_batch", "银行回单中没有批次 {code} 的记录")
K("transfer.left_no_card", "缺少银行卡号")
K("transfer.left_cash_paid", "慰问组已发放现金")
K("transfer.left_no_amount", "该户类别没有慰问金标准")
K("transfer.left_failed", "批次 {batch} 转账失败（{reason}），请先更正银行卡")
K("transfer.line_card", "卡号只能是数字")
K("transfer.line_no_status", "没有处理状态")
K("transfer.line_status_unknown", "处理状态“{value}”不认识：应为成功或失败")
K("transfer.line_duplicate", "该卡号与第{first_line}行重复")
K("transfer.line_other_batch", "批次“{value}”不是本批次 {code}")
K("transfer.line_unknown_card", "该卡号不是本活动任何一户的卡号")
K("transfer.line_amount", "金额{amount}与转账清单的{expected}不符")
K("transfer.line_name", "户名“{name}”与转账清单的“{expected}”不符")
K("transfer.line_contradicts", "该笔已记录为“{recorded}”，回单却为“{outcome}”")
K("flag.transfer_failed", "转账失败（批次 {batch}，{reason}），待更正银行卡后重新转账")
K("col.batch", "批次")
K("col.card", "卡号")
K("col.bank_reason", "银行说明")
K("col.new_card", "新卡号")
K("cli.transfer_mode_choose", "请指定 --category 类别代码，或一个或多个身份证号（二者选一）")
K("cli.transfer_mode_category", "类别 {code} 的慰问金改为：{payment}")
K("cli.transfer_mode_household", "{name}（{id}）的慰问金改为：{payment}")
K("cli.transfer_card", "已记录新的银行账户：{bank} {card}（下一批转账将转入此卡）")
K("cli.transfer_list", "第{number}批（{code}）：{n}笔，合计 {total}，已写入 {file}（{cards}）")
K("cli.transfer_cards_masked", "卡号已遮蔽")
K("cli.transfer_cards_full", "卡号为全号，已记录操作人和时间")
K("cli.transfer_list_empty", "没有需要转账的户，未生成批次（已在批次中或已到账：{already}户）")
K("cli.transfer_left_head", "未列入本批：{n}户")
K("cli.transfer_left_line", "  {name}（{id}）：{reason}")
K("cli.transfer_result", "银行回单 {file}（第{number}批 {code}，共{lines}行）")
K("cli.transfer_result_already", "该回单已导入过，未做任何更改")
K("cli.transfer_result_refused", "回单有{n}处问题，本次没有记录任何结果")
K(
    "cli.transfer_result_counts",
    "已到账 {paid}笔 {paid_total}；失败 {failed}笔；此前已记录 {unchanged}笔",
)
K("cli.transfer_failed_line", "  失败：第{line}行 {name} {card} {amount}：{reason}")
K("cli.transfer_not_in_file", "  回单中没有：{name} {card}（仍待银行回复）")
K("cli.transfer_not_in_batch", "  第{line}行 {card} 不在本批次中，未处理")
K("cli.transfer_none_failed", "没有转账失败的户")
K(
    "cli.transfer_status",
    "已转账 {paid}笔 {paid_total}；待转账 {pending}笔 {pending_total}；失败待重转 {failed}户 {failed_total}",
)
K(
    "cli.progress_transfers",
    "财务转账：已转账 {paid}笔 {paid_total}，待转账 {pending}笔 {pending_total}，失败待重转 {failed}户 {failed_total}",
)
K("cli.transfer_show", "发放方式：{payment}")
K("cli.transfer_account", "  {bank} {branch} {card}（{at} {by}，{reason}）")
