"""Sentences about looking after the app: settings, backups and restoring one."""

from app.i18n.catalogue import keyed as K

K("setting.unknown", "没有名为“{key}”的设置项。可用的有：{known}")
K("setting.language", "语言“{value}”不可用：请写 zh（中文）或 en（English）")
K("setting.range", "“{value}”不在 {low} 到 {high} 之间")
K("setting.paper", "纸张“{value}”不可用：请写 A4 或 A5")
K("setting.unwritable", "无法保存设置文件“{file}”：{detail}")
K("backup.no_store", "还没有数据库“{file}”，无需备份")
K("backup.out_dir", "文件夹“{folder}”不存在或不可用（U盘是否已插好？）")
K(
    "backup.passphrase_needed",
    "备份要写到数据文件夹以外（{folder}），需要加密：请给一个至少 {n} 个字符的口令"
    "（--passphrase 或 WARMVISIT_BACKUP_PASSPHRASE），恢复时要用同一个口令",
)
K("backup.passphrase_short", "口令太短：至少要 {n} 个字符")
K("backup.unwritable", "无法写入备份到“{file}”：{detail}。数据库没有改动")
K("backup.verify_failed", "备份“{file}”写入后读回不一致（U盘可能有问题），请换一个U盘再备份")
K("backup.missing", "找不到备份文件“{file}”")
K("backup.not_backup", "“{file}”不是 WarmVisit 的备份或数据库文件，没有做任何更改")
K("backup.damaged", "备份“{file}”已损坏或不完整，没有做任何更改：请换一个备份")
K("backup.wrong_passphrase", "口令不对：打不开备份“{file}”，没有做任何更改")
K("backup.passphrase_to_open", "备份“{file}”是加密的：请用 --passphrase 输入备份时的口令")
K(
    "backup.newer",
    "备份“{file}”来自更新版本的 WarmVisit，本程序无法使用：请先升级程序，没有做任何更改",
)
K(
    "backup.other_campaign",
    "备份“{file}”是另一次活动（{theirs}），不是当前的“{ours}”：没有做任何更改。"
    "确实要换成它，请加 --other-campaign",
)
K("cli.settings_file", "设置文件：{file}")
K("cli.stick_choose", "请用 --out 指明写到哪个文件夹（找到的U盘：{found}）")
K("cli.passphrase_prompt", "备份口令：")
K("cli.passphrase_again", "再输入一次口令：")
K("cli.passphrase_differs", "两次输入的口令不一样，没有备份")
K("cli.backup_plain", "已备份到：{file}")
K("cli.backup_sealed", "已加密备份到：{file}（恢复时要用同一个口令）")
K("cli.restored", "已从备份“{file}”恢复（活动：{campaign}）")
K("cli.set_aside", "原来的数据库保留在：{file}")
K(
    "cli.store_place",
    "注意：数据库“{file}”不在本机磁盘上（U盘或网络共享），拔出或断网会损坏它。"
    "请把数据库放在本机的数据文件夹：{folder}",
)
K("bundle.none_on_stick", "在U盘“{folder}”上没有找到数据包（.wvb 文件）：请写明要导入的文件")
