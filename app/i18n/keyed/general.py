"""Sentences any command or screen may show: cancelled, unexpected errors, files and the database."""

from app.i18n.catalogue import keyed as K

K("cancelled", "已取消，没有做任何更改。")
K("unexpected", "出现了意外错误，没有做任何更改。详情已写入日志：{log}")
K("db.is_folder", "“{file}”是一个文件夹，不是数据库文件：--db 请写数据库文件的路径")
K("db.not_database", "“{file}”不是 WarmVisit 数据库文件（可能选错了文件），文件没有改动")
K("db.unopenable", "无法打开数据库“{file}”：{detail}。文件没有改动")
K(
    "db.newer_schema",
    "数据库“{file}”已由更新版本的 WarmVisit 升级过（{migration}），本版本（{version}）无法打开它。请安装新版本后再打开；文件没有改动",
)
K("file.unwritable", "无法写入文件“{file}”（{detail}），未生成任何文件")
K("interrupted", "已取消，未做任何更改")
K("interrupted.kept", "已中断；中断前已完成的更改已保存")
K(
    "file.in_use",
    "文件“{file}”正被其他程序打开（Excel、WPS 或 PDF 阅读器），无法替换：请先关闭它再试。"
    "原文件没有改动",
)
K("store.in_use", "数据库“{file}”已在另一个窗口中打开：请使用那个窗口（每个数据库只能开一个窗口）")
K("store.lock_unwritable", "无法在数据库旁建立锁文件“{file}”：{detail}。数据库没有改动")
K(
    "store.on_removable",
    "数据库“{file}”在U盘（可移动磁盘）上：拔出U盘会损坏正在写入的记录，不能在U盘上使用。"
    "请把数据库放在本机的数据文件夹：{folder}（U盘只用来传递数据包和备份）",
)
K(
    "store.on_network",
    "数据库“{file}”在网络共享文件夹上：网络断开或多人同时打开会损坏数据库，不能在那里使用。"
    "请把数据库放在本机的数据文件夹：{folder}",
)
