"""Sentences about printing: letters, receipts, logs, notices, summaries."""

from app.i18n.catalogue import keyed as K

K("print.team_unknown", "没有慰问组“{team}”")
K("print.category_unknown", "没有慰问类别“{category}”")
K("print.unit_unknown", "没有单位“{unit}”的慰问对象")
K("print.choose_one", "--team、--category、--household 只能选一个")
K("print.no_households", "没有要打印慰问信的慰问对象")
K("print.out_suffix", "输出文件“{file}”的扩展名应为 {allowed}")
K("print.out_unwritable", "无法写入文件“{file}”（{detail}），未生成任何文件")
K("print.out_is_folder", "“{file}”是文件夹，请写出要生成的文件名，未生成任何文件")
K("print.font_unusable", "字体文件“{file}”无法嵌入PDF（需要TrueType字体，TTF或TTC）")
K(
    "print.missing_glyph",
    "{who}中的“{chars}”字在所有字体中都没有字形，未打印：请设置含该字的字体，或手写补上",
)
K("print.bad_date", "日期“{value}”无效，请写成2027-01-20")
K(
    "print.signature_refused",
    "{name}（{id}）{date}的签名校验不符（签名或签收内容在签名后被改动），该签名未打印，请核查",
)
K("print.visit_not_paid", "这次走访没有有效的发放记录，不能打印签收单")
K("print.template_unknown", "没有慰问信模板“{name}”，可用：{known}")
K("print.template_name", "请为模板取一个名字")
K("print.paper", "纸张“{paper}”无效，可用：{known}")
K("print.no_amount", "模板中有慰问金字段，但{name}（{id}）没有慰问类别，也没有发放记录")
K("print.by", "汇总方式“{by}”无效，可用：{known}")
K("print.written", "已写入 {file}（{pages}页）")
K("print.written_xlsx", "已写入 {file}")
K("print.problem", "注意：{text}")
K("print.printing", "正在生成")
K(
    "letter.brace",
    "模板这一行的花括号不成对：{line}（字段是花括号括起的英文名，如姓名字段 recipient_name）",
)
K("letter.unknown_field", "模板中的字段“{field}”无效，可用：{known}")
K("letter.section", "模板中的“[{section}]”不是已知的部分，可用：{known}")
K("letter.no_section", "模板这一行之前缺少 [标题]、[正文] 等部分名：{line}")
K("letter.no_body", "模板缺少 [正文]")
K("print.setting_unknown", "没有打印设置“{name}”，可用：{known}")
K("print.notice_days", "公示天数“{value}”无效，请写 1 至 366 的整数")
K("print.mask_unknown", "打印设置 {name} 的值“{value}”无效，可用：{known}")
