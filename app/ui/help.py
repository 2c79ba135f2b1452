"""F1: what each screen is for and how to get through it, then the keys (UX.md §7); the screen
the team is on comes first."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app.i18n import N_
from app.ui.lang import t

# Per screen: its name, what it is for, and how to go on.
SCREENS = (
    ("list", N_("名单"), N_(
        "今天要走访的户。在查找框里输入姓名中的一个字、拼音首字母、身份证后4位、"
        "电话或地址，名单随输入变化；↑ ↓ 选户，Enter 或“开始走访”打开走访记录。"
        "右上的下拉框只看未走访、需再访、已慰问或今日计划的户。"
        "✎草稿 表示有没录完的走访，打开即可接着录。")),
    ("visit", N_("走访记录"), N_(
        "一户的走访：方式、结果、见到谁、看到的情况、意见建议、发放。"
        "选项组里按数字键 1–9 选择，Enter 或 Tab 到下一项；右边一栏显示"
        "每一部分已填或未填，点它可以跳过去。边录边自动保存，"
        "Esc 返回名单（不会丢弃）。有发放时 Ctrl+Enter 或“交受助人确认”"
        "把电脑交给受助人签名。")),
    ("recipient", N_("受助人确认"), N_(
        "全屏给受助人看：金额、慰问品和声明。受助人在签名框里签名后按"
        "“确认签收”。工作人员要收回时按 Esc。")),
    ("signed", N_("已签收"), N_(
        "签好的记录，不能再改。可以打印签收单和慰问信；录错了用"
        "“作废并重录”（要写原因和组长密码），新记录从原记录的内容开始。")),
    ("day", N_("日终清点"), N_(
        "当天的走访和发放，应有现金；点清现金后写上清点人和金额，"
        "有差额要写明。再把回传包写到U盘交回中心，打印走访日志。")),
    ("lock", N_("锁屏"), N_(
        "离开电脑时按 Ctrl+L 锁屏，输入组长密码回到原来的地方；记录已保存。")),
)  # fmt: skip
KEYS = (
    ("Ctrl+F, F3", N_("转到查找")), ("↑ ↓ PgUp PgDn", N_("上下移动")),
    ("Enter", N_("打开 / 下一项")), ("Tab, Shift+Tab", N_("下一项 / 上一项")),
    ("Esc", N_("返回上一级（不会丢弃）")),
    ("1–9", N_("在选项组里选择")), ("Ctrl+S", N_("立即保存（也会自动保存）")),
    ("Ctrl+Enter", N_("完成录入 → 受助人确认")), ("Ctrl+P", N_("打印当前签收单")),
    ("Ctrl+L", N_("立即锁屏")), ("F1", N_("本帮助")),
)  # fmt: skip


def help_html(current: str = "list") -> str:
    esc = html.escape
    order = sorted(SCREENS, key=lambda s: s[0] != current)  # the screen the team is on first
    parts = [f"<h3>{'▶ ' if name == current else ''}{esc(t(title))}</h3><p>{esc(t(text))}</p>"
             for name, title, text in order]  # fmt: skip
    keys = "".join(f"<tr><td><b>{esc(k)}</b></td><td>{esc(t(v))}</td></tr>" for k, v in KEYS)
    return "".join(parts) + f"<h3>{esc(t('快捷键'))}</h3><table cellpadding='4'>{keys}</table>"


class HelpDialog(QDialog):
    """Non-modal; Esc or 关闭 closes it."""

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("帮助"))
        self.browser = QTextBrowser()
        self.browser.setObjectName("helpText")
        self.browser.setHtml(help_html(current))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        room = (parent.screen() if parent else self.screen()).availableGeometry()
        self.resize(min(720, room.width() - 40), min(560, room.height() - 60))  # fits at 125 %
