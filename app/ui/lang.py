"""The window's language: Chinese as written in the code and the forms, English on request.

Every sentence on screen is written once, in Chinese, and passes through ``t``; the English is
looked up here by the Chinese text. Forms are translated after loading (``translate_tree``).
A dictionary instead of Qt Linguist: no .ts/.qm build step for the installed package and the
PyInstaller build, and ``tests/ui/test_lang.py`` checks that every Chinese string in app/ui and
forms/ has its English.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

_state = {"lang": "zh"}

EN: dict[str, str] = {
    # main window
    "送温暖走访": "WarmVisit",
    "送温暖走访 WarmVisit": "WarmVisit",
    "查找(&F)": "&Find",
    "姓名、拼音首字母、身份证后4位、电话或地址":
        "Name, pinyin initials, last 4 ID digits, phone or address",
    "开始走访(&V)": "Start &visit",
    "还没有导入分派包，请插入U盘": "No assignment bundle imported yet: insert the USB stick",
    "导入分派包(&I)": "&Import bundle",
    "日终清点(&E)": "&End of day",
    "锁屏": "Lock",
    "帮助": "Help",
    "已慰问 {done}/{total} 户 · 已发 {paid}": "Visited {done}/{total} · paid {paid}",
    "没有找到“{query}”，可试姓名中的一个字、拼音首字母、身份证后4位":
        "Nothing found for “{query}”: try one character of the name, pinyin initials or the"
        " last 4 ID digits",
    "未完成的走访": "Unfinished visit",
    "上次有未完成的走访：{name}（{month}月{day}日 {time}）":
        "An unfinished visit was left: {name} ({month}/{day} {time})",
    "继续": "Continue",
    "稍后": "Later",
    "正在建立拼音检索…": "Building the pinyin index…",
    "取消": "Cancel",
    "请稍候": "Please wait",
    "选择分派包": "Choose the assignment bundle",
    "分派包 (*.wvb)": "Assignment bundle (*.wvb)",
    "密钥": "Credential",
    "请输入中心交给组长的密钥：": "The credential the central office gave the team leader:",
    "未能完成": "Not done",
    "出错了": "Error",
    "复制详情": "Copy details",
    "已复制 ✓": "Copied ✓",
    "今天的户都已走访 ✓": "Every household of today is visited ✓",
    "全部": "All",
    "未走访": "Not visited",
    "需再访": "To revisit",
    "今日计划": "Planned today",
    "备用金": "float",
    "姓名": "Name",
    "身份证尾号": "ID ending",
    "应发金额": "Amount due",
    "状态": "Status",
    # household card
    "身份证号": "ID number",
    "住址": "Address",
    "电话": "Phone",
    "慰问类别": "Category",
    "慰问金": "Cash",
    "慰问品": "Goods",
    "计划日期": "Planned date",
    "家庭成员": "Family members",
    "未登记": "none recorded",
    "认定依据": "Qualifies under",
    "第（{rule}）条：{reason}": "rule ({rule}): {reason}",
    "待复核：{reason}": "to review: {reason}",
    "材料": "Materials",
    "走访记录": "Visits",
    "还没有走访": "Not visited yet",
    "（已作废）": " (void)",
    "发放": "paid",
    "再次走访 {date}": "revisit {date}",
    # visit form
    "走访": "Visit",
    "走访：{name}（身份证尾号{tail}）": "Visit: {name} (ID ending {tail})",
    "方式": "Mode",
    "结果": "Outcome",
    "见到": "Met",
    "代领人": "Proxy",
    "与户主关系": "Relation",
    "代领原因": "Why a proxy",
    "看到的情况": "Conditions seen",
    "意见建议": "Opinions and requests",
    "慰问金（元）": "Cash (yuan)",
    "金额不同的原因": "Why a different amount",
    "走访人": "Visitors",
    "签名": "Signature",
    "能签名": "Can sign",
    "不能签名：": "Cannot sign: ",
    "电话里是本人接听": "The person answered the phone",
    "再次走访": "Revisit",
    "本次时间": "Time",
    "返回(&B)": "&Back",
    "保存(&S)": "&Save",
    "交受助人确认": "To the recipient",
    "已恢复草稿": "Draft restored",
    "已自动保存 {time}": "Saved automatically {time}",
    "上门": "At home", "单位": "Workplace",
    "已慰问": "Visited", "不在家": "Not at home", "拒收": "Refused", "迁出": "Moved away",
    "去世": "Deceased", "联系不上": "Unreachable", "本人": "In person", "代领": "By proxy",
    "不识字": "Cannot write", "手部不便": "Hand disability", "视力": "Poor sight",
    "卧床": "Bedridden", "其他": "Other",
    "签名未完成，已清除，请重新交受助人签名": "The signature was not finished and was cleared;"
        " hand the laptop to the recipient again",
    # recipient screen
    "{campaign} 慰问金（品）签收确认": "{campaign}: confirmation of receipt",
    "身份证尾号{tail}": "ID ending {tail}",
    "代领人：{proxy}（{relation}） 代 {name} 领取":
        "Proxy {proxy} ({relation}) receives for {name}",
    "走访人：{visitors}": "Visitors: {visitors}",
    "本人已收到上述慰问金和慰问品。": "I have received the cash and goods above.",
    "重写": "Clear",
    "确认签收": "Confirm",
    "返回工作人员界面？签名将清除": "Back to the team screen? The signature will be cleared",
    "返回": "Back",
    "继续签名": "Keep signing",
    "已签收 ✓ 请将电脑交还工作人员": "Received ✓ Please hand the laptop back to the team",
    "请在纸质签收单上按手印（凭证编号 {slip}），再由见证人签名":
        "Give a fingerprint on the paper slip (number {slip}); then the witnesses sign",
    "见证人{n}姓名": "Witness {n} name",
    "见证人{n}请签名": "Witness {n}: sign here",
    "请先填写见证人姓名": "Enter the witness's name first",
    "没有第二位见证人": "No second witness",
    "第二位见证人最好不是慰问组成员（家属、邻居、社区干部）":
        "The second witness should not be on the team (family, neighbour, community officer)",
    # signed (locked) screen
    "已签收": "Received",
    "已作废": "Void",
    "校验码": "Check code",
    "本人签名": "Recipient's signature",
    "代领人签名": "Proxy's signature",
    "见证人签名": "Witness's signature",
    "请在此处签名": "Sign here",
    "签名校验不符，不能打印，请联系中心": "The signature does not verify: it cannot be printed;"
        " tell the central office",
    "按手印（凭证编号 {slip}），见证人：{names}": "Fingerprint (slip {slip}), witnesses: {names}",
    "打印签收单": "Print receipt",
    "打印慰问信": "Print letter",
    "作废并重录": "Void, redo",
    "下一户": "Next",
    "金额": "Amount",
    "日期": "Date",
    # void dialog and PIN
    "作废原因": "Reason for the void",
    "组长密码": "Team PIN",
    "作废这次走访？原记录保留并标为作废，然后重新录入。":
        "Void this visit? The record stays, marked void; then record it again.",
    "确定": "OK",
    "设置组长密码": "Set the team PIN",
    "请设置4到6位数字的组长密码（锁屏和作废时用）":
        "Set a 4–6 digit team PIN (for the screen lock and voids)",
    "再输入一次": "Again",
    "两次输入不一样": "The two entries differ",
    # lock
    "记录已保存": "Records are saved",
    "还没有设置组长密码": "No team PIN set yet",
    "请输入组长密码解锁": "Enter the team PIN to unlock",
    "解锁": "Unlock",
    "清除": "Clear",
    "即将锁屏：{seconds} 秒": "Locking in {seconds} s",
    "继续使用": "Keep working",
    # end of day
    "日终清点": "End of day",
    "今日走访 {visits} 户，已慰问 {done} 户": "Visits today: {visits}, visited: {done}",
    "今日现金发放 {paid}，转账 {transfer}": "Cash handed out today {paid}, transfers {transfer}",
    "备用金 {float}，累计现金发放 {paid}，应有现金 {expected}":
        "Float {float}, cash handed out so far {paid}, expected in hand {expected}",
    "中心没有登记备用金": "the central office recorded no float",
    "今日发放慰问品：{goods}": "Goods handed out today: {goods}",
    "清点现金（元）": "Cash counted (yuan)",
    "剩余慰问品": "Goods left",
    "差额说明": "Note on a difference",
    "保存清点": "Save count",
    "差额 {difference}": "Difference {difference}",
    "已清点：应有 {expected}，实点 {counted}，差额 {difference}":
        "Counted: expected {expected}, counted {counted}, difference {difference}",
    "还没有清点": "Not counted yet",
    "写回传包到U盘": "Write result bundle",
    "打印走访日志": "Print daily log",
    "选择U盘文件夹": "Choose the USB stick folder",
    "正在写回传包…": "Writing the result bundle…",
    "已写入 {file}（{events} 条记录），请把U盘交回中心":
        "Written {file} ({events} records): take the stick to the central office",
    "只有慰问组电脑才做日终清点": "The end-of-day count is done on a team laptop",
    "已保存 {file}": "Saved {file}",
    # letters
    "慰问信(&L)": "&Letters",
    "慰问信": "Letters",
    "模板": "Template",
    "保存模板": "Save template",
    "恢复原样": "Restore",
    "PDF预览": "PDF preview",
    "打印本组慰问信": "Print team letters",
    "关闭": "Close",
    "正在生成慰问信…": "Making the letters…",
    # help
    "快捷键": "Shortcuts",
    "转到查找": "Go to search",
    "上下移动": "Move in the list",
    "打开 / 下一项": "Open / next field",
    "返回上一级（不会丢弃）": "Back one level (never discards)",
    "立即保存（也会自动保存）": "Save now (autosave runs anyway)",
    "完成录入 → 受助人确认": "Finish → recipient screen",
    "打印当前签收单": "Print the current receipt",
    "立即锁屏": "Lock now",
    "本帮助": "This help",
    "在选项组里选择": "Pick in a choice group",
}


def set_language(lang: str) -> None:
    _state["lang"] = "en" if lang == "en" else "zh"


def language() -> str:
    return _state["lang"]


def t(text: str, **params: Any) -> str:
    """The text in the window's language, with ``{placeholders}`` filled."""
    if _state["lang"] == "en":
        text = EN.get(text, text)
    return text.format(**params) if params else text


def translate_tree(root: QWidget) -> None:
    """Translate the fixed texts of a loaded form in place (nothing to do in Chinese)."""
    if _state["lang"] == "zh":
        return
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QLabel | QAbstractButton) and widget.text():
            badge, _, rest = widget.text().partition(" ")
            if badge.isdigit() and rest:  # "1 上门": the number badge of a choice button
                widget.setText(f"{badge} {t(rest)}")
            else:
                widget.setText(t(widget.text()))
        if isinstance(widget, QLineEdit | QPlainTextEdit) and widget.placeholderText():
            widget.setPlaceholderText(t(widget.placeholderText()))
        if isinstance(widget, QGroupBox) and widget.title():
            widget.setTitle(t(widget.title()))
        if isinstance(widget, QComboBox):
            for i in range(widget.count()):
                widget.setItemText(i, t(widget.itemText(i)))
        if widget.windowTitle():
            widget.setWindowTitle(t(widget.windowTitle()))
