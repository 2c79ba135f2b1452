"""Sentences about setting a campaign up: the campaign, categories, costs, units, households, their status, members, materials, eligibility, teams and assignment."""

from app.i18n.catalogue import keyed as K

K("campaign.none", "还没有慰问活动：请先运行 warmvisit campaign init（或 warmvisit demo）")
K("campaign.exists", "本数据库已有慰问活动“{name}”。新的活动请用 --db 另建一个数据库文件")
K("campaign.name_missing", "请填写活动名称")
K("campaign.organizer_missing", "请填写主办单位（慰问信落款）")
K("campaign.dates", "走访结束日期{end}早于开始日期{start}")
K("campaign.min_living", "低保标准必须大于0")
K("campaign.percentages", "三个收入比例应满足 0 < 第一条 ≤ 第二条 ≤ 第三条 ≤ 1000")
K("category.code_name_missing", "慰问类别需要代码和名称")
K("category.exists", "已有慰问类别 {code}（{name}），代码和名称都不能重复")
K("category.goods_text_missing", "填写了慰问品价值，请同时用 --goods 写明慰问品")
K("cost.name_missing", "请填写费用名称")
K("cost.exists", "已有其他费用“{name}”：要改它的金额请用 cost set，不会重复计入")
K("cost.not_found", "没有其他费用“{name}”")
K("cost.nothing_to_set", "请写明预算金额（--amount）或已支出金额（--actual）")
K("cost.reason_missing", "修改其他费用“{name}”需要写明原因（--reason）")
K("category.not_found", "没有慰问类别“{code}”")
K("category.reason_missing", "修改慰问类别 {code} 的标准需要写明原因")
K("category.unchanged", "慰问类别 {code} 的标准没有变化")
K("unit.name_missing", "请填写单位名称")
K("unit.not_found", "没有单位“{unit}”的慰问对象")
K("status.unknown", "状态“{status}”无效，可用：{known}")
K(
    "status.choose_one",
    "请只选一种范围：--all、--unit 单位 或 若干慰问对象（身份证号、姓名或姓名加身份证号后几位）",
)
K("household.not_found", "没有身份证号为 {id_number} 的慰问对象")
K("member.name_missing", "请填写家庭成员姓名")
K("material.unknown", "材料“{material}”不在清单中，可用：{known}")
K("override.rule", "认定条款“{rule}”无效，应为 一、二、三、四 或 none")
K("override.reason_missing", "人工认定必须写明理由（--reason）")
K("team.fields_missing", "慰问组需要代码、名称和组长")
K("team.exists", "已有代码为 {code} 的慰问组")
K("team.none", "还没有慰问组：请先用 team add 建立")
K("team.not_found", "没有代码为 {code} 的慰问组")
K("assign.mode", "分派方式“{mode}”无效，可用 area、unit、balanced")
K("assign.no_areas", "按片区分派需要给慰问组填写片区（team add --area 新港街道、大沽街道）")
K(
    "assign.choose",
    "请用 --by area|unit|balanced 自动分派，或用 --team 组 --household 身份证号… 手工分派",
)
K("elig.basis.1", "人均月收入不超过低保标准的{pct}%（{limit}）")
K("elig.basis.2", "有特殊困难原因，人均月收入不超过低保标准的{pct}%（{limit}）")
K("elig.basis.3", "重大疾病或意外灾害，人均月收入不超过低保标准的{pct}%（{limit}）")
K("elig.basis.4", "本年自付医疗费用或灾害财产损失达到{cost}")
K("elig.review.no_income", "缺少家庭月收入，无法计算人均收入")
K(
    "elig.review.no_cause",
    "人均月收入{per_capita}高于低保标准的{pct}%（{limit}），未写明子女上学、残疾、单亲、重大疾病或意外灾害等原因，自付医疗费用和灾害损失也未达{cost}",
)
K(
    "elig.review.special",
    "有特殊困难原因，但人均月收入{per_capita}高于低保标准的{pct}%（{limit}），自付医疗费用和灾害损失也未达{cost}",
)
K(
    "elig.review.major",
    "有重大疾病或意外灾害，但人均月收入{per_capita}高于低保标准的{pct}%（{limit}），自付医疗费用和灾害损失也未达{cost}",
)
K("elig.override", "人工认定：{reason}（{by}，{at}）")
K("demo.laptop_exists", "文件“{file}”已存在：演示组电脑要用一个新的数据库文件")
K(
    "team.code_chars",
    "慰问组代码“{code}”含有文件名不能用的字符 {chars}：代码会写进U盘上的文件名，"
    "请只用字母、数字、汉字和 - _",
)
K("campaign.field_unknown", "没有可修改的活动设置“{field}”，可用：{known}")
K("campaign.date_invalid", "日期“{value}”无效，请写成 YYYY-MM-DD")
K("campaign.pct_invalid", "收入比例“{value}”无效，请写整数（如 150）")
K("campaign.hardship_cost", "第四条支出门槛必须大于0")
K("campaign.reason_missing", "修改活动设置需要写明原因")
K("campaign.unchanged", "活动设置没有变化（已是 {value}）")
