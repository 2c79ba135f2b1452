"""The command line's own sentences and column headings."""

from app.i18n.catalogue import keyed as K

K("cli.bad_date", "日期“{value}”无效，请写成 YYYY-MM-DD（如 2027-01-20）")
K("cli.campaign_created", "已建立慰问活动“{name}”，数据库：{db}")
K(
    "cli.campaign_show",
    "活动：{name}\n主办：{organizer}\n走访时间：{start} 至 {end}\n低保标准：{min_living}/人/月\n条件比例：{p1}% / {p2}% / {p3}%，大额支出：{cost}\n数据库：{db}",
)
K(
    "cli.category_added",
    "已添加慰问类别 {code} {name}：慰问金{cash}，慰问品“{goods}”价值{goods_value}；名单中已有{linked}户归入此类",
)
K("cli.cost_added", "已添加其他费用：{name} {amount}")
K("cli.cost_set", "其他费用“{name}”：预算 {amount}，已支出 {actual}")
K("cli.cost_removed", "已从预算中去掉其他费用“{name}”（历史记录保留）")
K("cli.removed_mark", "（已去掉）")
K(
    "cli.standard_changed",
    "慰问类别 {code} 的标准改为：慰问金 {cash}，慰问品 {goods}（价值 {goods_value}）；各组下一次的分派包带去新标准，已签收的走访金额不变",
)
K("col.cost", "费用")
K("col.spent", "已支出")
K("col.before", "改前")
K("col.after", "改后")
K("col.why_changed", "原因")
K("cli.importing", "导入中")
K("cli.merging", "合并回传包")
K("cli.import_file", "文件：{file}（报送单位：{unit}）")
K(
    "cli.import_counts",
    "新增 {imported} 户，更新 {updated} 户，未变 {unchanged} 户；有问题 {rejected} 行，重复 {duplicates} 行",
)
K("cli.rejected_head", "有问题的行（改正后重新导入，或加 --skip-invalid 先导入其余的行）：")
K("cli.problem_line", "  第{row}行 {column}“{value}”：{reason}")
K("cli.duplicates_head", "重复的人：")
K("cli.duplicate_line", "  第{row}行 {id}：{reason}")
K("cli.warnings_head", "请注意：")
K("cli.warning_line", "  第{row}行：{reason}")
K("cli.warning_file", "  {reason}")
K("cli.import_applied", "已导入。")
K("cli.import_refused", "因有问题行，本次没有导入任何数据。")
K("cli.count_households", "共 {n} 户")
K("cli.household_head", "{name}  {id}  {sex}  报送单位：{unit}  状态：{status}")
K(
    "cli.household_facts",
    "工作单位：{employer}\n住址：{address}\n家庭人口：{size}  家庭月收入：{income}\n致困原因：{causes}\n慰问类别：{category}\n家庭成员：",
)
K("cli.member_line", "  {name}（{relation}）健康：{health}")
K("cli.status_set", "已将 {n} 户的状态改为“{status}”")
K("cli.member_added", "已添加家庭成员 {name}")
K("cli.override_set", "已人工认定：条款 {rule}，理由：{reason}")
K("cli.review", "待复核")
K("cli.eligibility_counts", "共 {n} 户，其中待复核 {review} 户")
K("cli.uncategorised", "另有 {n} 户尚未归入任何慰问类别，未计入预算")
K("cli.bad_size", "窗口大小“{value}”无效，请写成 1366x768")
K("cli.written", "已写入：{file}")
K("cli.demo_making", "生成演示数据")
K("cli.demo_done", "演示活动已就绪：{n} 户，数据库：{db}；文件：{files}")
K("cli.team_added", "已建立慰问组 {code} {name}，组长 {leader}")
K("cli.assigned", "{team}：分派 {n} 户")
K("cli.unassigned", "尚未分派的已确定户：{n} 户")
K("col.team", "慰问组")
K("col.leader", "组长")
K("col.members", "组员")
K("col.area", "片区")
K(
    "cli.assignment_written",
    "已写入分派包：{file}（{n}户，第{seq}号）\n请当面把密钥交给组长：{credential}",
)
K("cli.result_written", "已写入回传包并校验：{file}（共{n}条记录）")
K("cli.bundle_refused", "拒收 {file}：{reason}")
K("cli.bundle_quarantined", "{file} 已放入隔离区，中心数据未改动：{reason}")
K(
    "cli.bundle_applied",
    "{file}：慰问组 {team} 第{seq}号，签名已验证（{signer}）；新增{new}，更新{updated}，未变{unchanged}",
)
K("cli.bundle_already", "{file}：已导入过，未做任何更改")
K("cli.bundle_older", "{file}：比已收到的旧，没有新内容，未做任何更改")
K("cli.bundle_unchanged", "{file}：没有新记录，未做任何更改")
K("cli.bundle_quarantined_line", "{file}：已隔离")
K("cli.flag_line", "  需要处理：{household} {detail}")
K("cli.flags_total", "需要人工处理的问题：{n} 个")
K("cli.no_flags", "没有需要处理的问题")
K("cli.visits_imported", "已录入 {n} 次走访")
K("cli.visits_refused", "有 {n} 行有问题，本次没有录入任何走访")
K(
    "cli.device_revoked",
    "已停用设备 {device}：它此后的记录仍会收下核验，但暂不计入，待人工决定（quarantine list）",
)
K("col.assigned", "分派")
K("col.visited", "已慰问")
K("col.attempted", "未遇")
K("col.not_yet", "未走访")
K("col.problem", "问题")
K("col.transfer", "待转账")
K("col.budget", "预算")
K("col.float", "备用金")
K("col.device", "设备")
K("col.fingerprint", "密钥指纹")
K("col.first_seen", "首次出现")
K("col.revoked", "停用")
K("col.events", "记录数")
K("col.code", "代码")
K("col.time", "时间")
K("col.file", "文件")
K("col.by", "操作人")
K("col.added", "新增")
K("col.updated", "更新")
K("col.unchanged", "未变")
K("col.rejected", "有问题")
K("col.duplicates", "重复")
K("col.way", "方向")
K("col.kind", "类型")
K("col.sequence", "序号")
K("col.outcome", "结果")
K("col.new", "新记录")
K("col.flagged", "提示")
K("col.why", "原因")
K("cli.no_history", "（还没有记录）")
K("col.category", "慰问类别")
K("col.cash_each", "每户慰问金")
K("col.goods", "慰问品")
K("col.goods_value", "慰问品价值")
K("col.cash", "慰问金")
K("col.subtotal", "小计")
K("col.total", "合计")
K("col.households", "户数")
K("col.unit", "单位")
K("col.deadline", "截止日期")
K("col.name", "姓名")
K("col.id_masked", "身份证号")
K("col.employer", "工作单位")
K("col.status", "状态")
K("col.size", "人口")
K("col.per_capita", "人均月收入")
K("col.rule", "条款")
K("col.reason", "依据/复核原因")
K("cli.demo_laptop", "演示慰问组电脑（第一慰问组）：{db}，组长密码 {pin}")
K("cli.slip_received", "已登记收回纸质凭证：{name}（凭证编号 {slip}）")
K("cli.sheet_received", "已登记收回签字的纸质签收表：{name}")
K("cli.lock_minutes", "慰问组窗口空闲 {minutes} 分钟后锁屏")
K("cli.auditing", "正在核对每一分钱")
K("cli.transfers_listing", "正在生成转账清单")
K("cli.transfers_reading", "正在读取银行回单")
# warmvisit --self-test (app/cli/selftest.py): the steps, and what it says of each
K("selftest.store", "新建临时数据库")
K("selftest.roster", "导入名单")
K("selftest.bundle", "写出并读入分派包")
K("selftest.visit", "登记一次走访")
K("selftest.letter", "用随附字体排印慰问信")
K("selftest.receipt", "用随附字体排印签收表")
K("selftest.window", "绘制走访窗口")
K("selftest.passed_step", "自检 {n}/{total}：{step}……正常")
K(
    "selftest.failed",
    "自检未通过：第 {n}/{total} 步“{step}”失败：{detail}。本程序可能安装不完整，请重新解压或安装后再试",
)
K("selftest.passed", "自检通过：{total} 项全部正常（WarmVisit {version}）")
K("cli.campaign_changed", "已修改活动设置“{field}”：{before} → {after}（原值和原因已记入修改记录）")
K("cli.campaign_rules_changed", "有 {count} 户的符合条件结果因此改变")
K(
    "cli.campaign_visits_outside",
    "注意：有 {count} 次已记录的走访在新的走访时间之外，将列入问题清单",
)
K("col.campaign_field", "设置项")
