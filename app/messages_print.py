"""Sentences for printing (issue 5): letters, receipts, logs, notices, summaries.

Kept apart from app/messages.py only for size; `MESSAGES` there includes these.
"""

PRINT_MESSAGES: dict[str, dict[str, str]] = {
    "print.team_unknown": {"zh": "没有慰问组“{team}”", "en": "There is no team “{team}”"},
    "print.category_unknown": {
        "zh": "没有慰问类别“{category}”",
        "en": "There is no category “{category}”",
    },
    "print.unit_unknown": {
        "zh": "没有单位“{unit}”的慰问对象",
        "en": "No household belongs to the unit “{unit}”",
    },
    "print.choose_one": {
        "zh": "--team、--category、--household 只能选一个",
        "en": "Give only one of --team, --category and --household",
    },
    "print.no_households": {
        "zh": "没有要打印慰问信的慰问对象",
        "en": "No household to print a letter for",
    },
    "print.out_suffix": {
        "zh": "输出文件“{file}”的扩展名应为 {allowed}",
        "en": "The output file “{file}” must end in {allowed}",
    },
    "print.out_unwritable": {
        "zh": "无法写入文件“{file}”（{detail}），未生成任何文件",
        "en": "Cannot write “{file}” ({detail}); no file was written",
    },
    "print.font_unusable": {
        "zh": "字体文件“{file}”无法嵌入PDF（需要TrueType字体，TTF或TTC）",
        "en": "The font “{file}” cannot be embedded (a TrueType TTF or TTC is needed)",
    },
    "print.missing_glyph": {
        "zh": "{who}中的“{chars}”字在所有字体中都没有字形，未打印：请设置含该字的字体，或手写补上",
        "en": "No font has a glyph for “{chars}” in {who}; nothing was printed: set a font "
        "that has it, or write it by hand",
    },
    "print.bad_date": {
        "zh": "日期“{value}”无效，请写成2027-01-20",
        "en": "“{value}” is not a date; write 2027-01-20",
    },
    "print.signature_refused": {
        "zh": "{household}{date}的签名校验不符（签名或签收内容在签名后被改动），"
        "该签名未打印，请核查",
        "en": "The signature of {household} on {date} does not verify (the strokes or the "
        "signed content changed after signing); it was not printed: check it",
    },
    "print.visit_not_paid": {
        "zh": "这次走访没有有效的发放记录，不能打印签收单",
        "en": "This visit handed nothing over (or was voided); there is no receipt to print",
    },
    "print.template_unknown": {
        "zh": "没有慰问信模板“{name}”，可用：{known}",
        "en": "There is no letter template “{name}”; use {known}",
    },
    "print.template_name": {"zh": "请为模板取一个名字", "en": "Give the template a name"},
    "print.paper": {
        "zh": "纸张“{paper}”无效，可用：{known}",
        "en": "Unknown paper size “{paper}”; use {known}",
    },
    "print.no_amount": {
        "zh": "模板中有慰问金字段，但{household}没有慰问类别，也没有发放记录",
        "en": "The template names the amount, but {household} has neither a category nor a "
        "disbursement",
    },
    "print.by": {
        "zh": "汇总方式“{by}”无效，可用：{known}",
        "en": "Unknown grouping “{by}”; use {known}",
    },
    "print.written": {
        "zh": "已写入 {file}（{pages}页）",
        "en": "Written: {file} ({pages} pages)",
    },
    "print.written_xlsx": {"zh": "已写入 {file}", "en": "Written: {file}"},
    "print.problem": {"zh": "注意：{text}", "en": "Note: {text}"},
    "print.printing": {"zh": "正在生成", "en": "Printing"},
    "letter.brace": {
        "zh": "模板这一行的花括号不成对：{line}"
        "（字段是花括号括起的英文名，如姓名字段 recipient_name）",
        "en": "Unbalanced braces in this template line: {line} (a field is an English name "
        "in braces, such as recipient_name)",
    },
    "letter.unknown_field": {
        "zh": "模板中的字段“{field}”无效，可用：{known}",
        "en": "Unknown template field “{field}”; use {known}",
    },
    "letter.section": {
        "zh": "模板中的“[{section}]”不是已知的部分，可用：{known}",
        "en": "“[{section}]” is not a template section; use {known}",
    },
    "letter.no_section": {
        "zh": "模板这一行之前缺少 [标题]、[正文] 等部分名：{line}",
        "en": "This template line comes before any section heading such as [正文]: {line}",
    },
    "letter.no_body": {
        "zh": "模板缺少 [正文]",
        "en": "The template has no [正文] (body) section",
    },
    "print.setting_unknown": {
        "zh": "没有打印设置“{name}”，可用：{known}",
        "en": "There is no printing setting “{name}”; use one of: {known}",
    },
}
