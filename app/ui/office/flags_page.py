"""问题清单: what needs a person, alarms first (bundles in quarantine, records that contradict),
then the money (double payments, money without proof), then what is off (standard, window,
team), the roster's over-quota and late households, and the units' overdue opinions. Each is
decided with a note, as ``flags resolve`` (and ``unit decide`` for 超额/逾期) record it.

The flags are worked out from the whole store, which takes a while at 100,000 households: read
off the GUI thread, the last list staying on screen meanwhile."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QThread
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.decisions import Mark, MarkDecision
from app.domain.errors import WarmVisitError
from app.domain.money import parse_money
from app.i18n import N_, listed, pgettext, render
from app.services.bundles import quarantine
from app.services.infra.context import open_store
from app.services.oversight import decisions, opinions
from app.services.oversight.flag_evidence import flag_payments
from app.services.oversight.flags import campaign_flags
from app.services.rosters import marks
from app.store.db import Store
from app.ui import clock
from app.ui.errors import error_box
from app.ui.lang import language, t
from app.ui.office.flag_decision import MARKS, Chosen, DecisionPane, Item
from app.ui.office.page import OfficePage
from app.ui.office.read_table import fill, read_table
from app.ui.worker import start_job

QUARANTINE = "quarantine"
# The queue's order, alarms first, with each kind's word; kinds added later come last.
KIND_WORDS = {
    QUARANTINE: N_("隔离区待决定"), "conflict": N_("记录冲突"), "revised_void": N_("作废后又修改"),
    "double_payment": N_("重复发放"), "no_proof": N_("无凭证的发放"),
    "paper_pending": N_("纸质签收表未收回"), "slip_pending": N_("纸质凭证未收回"),
    "not_confirmed": N_("发给名单外的户"), "nothing_handed": N_("已慰问未发放"),
    "off_standard": N_("金额不符标准"), "outside_window": N_("走访日期在期外"),
    "not_assigned": N_("非本组走访"), "over_quota": N_("超额"), "late": N_("逾期报送"),
    opinions.OVERDUE: N_("意见建议逾期"), "transfer_failed": N_("转账失败"),
    "withdrawn_visited": N_("调出后有走访"),
}  # fmt: skip
ALARMS = (QUARANTINE, "conflict", "revised_void")


def kind_word(kind: str) -> str:
    return t(KIND_WORDS[kind]) if kind in KIND_WORDS else kind


def kind_order(kind: str) -> int:
    order = list(KIND_WORDS)
    return order.index(kind) if kind in order else len(order)


@dataclass(frozen=True)
class Queue:
    items: list[Item]


def read_queue(store: Store, include_resolved: bool) -> Queue:
    """Every row of the queue, in the queue's order (worker thread: its own store)."""
    lang = language()
    items = [Item(f.kind, f"{f.name} {f.household}", listed(f.team_names, lang), f.category_name,
                  render(f.reason, lang), flag=f)
             for f in campaign_flags(store, include_resolved=include_resolved)]  # fmt: skip
    items += [Item(opinions.OVERDUE, late.unit, "", "", render(late.reason, lang), overdue=late)
              for late in opinions.overdue(store)]  # fmt: skip
    items += [Item(QUARANTINE, i.id, i.team, "", render(i.reason, lang), held=i)
              for i in quarantine.list_items(store, include_decided=False)]  # fmt: skip
    items.sort(key=lambda i: (kind_order(i.kind), i.flag is not None and
                              i.flag.resolution is not None))  # fmt: skip
    return Queue(items)


class FlagsPage(OfficePage):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.queue = Queue([])
        self.shown: list[Item] = []
        self.job: QThread | None = None
        self._again = False
        self._keep_row = 0
        self._stale = False
        self._build()
        QShortcut(QKeySequence("Ctrl+Return"), self, self.pane.submit)
        self.refresh()

    def title(self) -> str:
        return pgettext("page", "问题清单")

    def _build(self) -> None:
        self.show_all = QCheckBox(t("显示已处理(&A)"))
        self.show_all.toggled.connect(lambda _on: self.refresh())
        self.message = QLabel(t("正在读取…"))
        self.message.setObjectName("message")
        top = QHBoxLayout()
        top.addWidget(self.message, 1)
        top.addWidget(self.show_all)
        self.kinds = QListWidget()
        self.kinds.setObjectName("kinds")
        self.kinds.currentRowChanged.connect(lambda _r: self._show_kind())
        self.table = read_table()
        self.table.setObjectName("flags")
        self.table.itemSelectionChanged.connect(self._show_item)
        self.table.installEventFilter(self)
        self.pane = DecisionPane()
        self.pane.save.connect(self.decide)
        splitter = QSplitter()
        splitter.addWidget(self.kinds)
        splitter.addWidget(self.table)
        splitter.addWidget(self.pane)
        splitter.setSizes([170, 620, 420])
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """1–9 in the list pick the decision; Enter goes to the note."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if Qt.Key.Key_1 <= event.key() <= Qt.Key.Key_9:
                self.pane.pick(event.key() - Qt.Key.Key_0)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.pane.note.isVisible():
                self.pane.note.setFocus()
                return True
        return super().eventFilter(watched, event)

    # --- reading ------------------------------------------------------------------------

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Read the queue again off the GUI thread; while the page is hidden, when next shown."""
        if not self.isVisible() and self.queue.items:
            self._stale = True
            return
        self._stale = False
        if self.job is not None:  # read again once the reading under way ends
            self._again = True
            return
        assert self.store.path is not None, "the office window works on a store file"
        db_path, everything = Path(self.store.path), self.show_all.isChecked()

        def work(_progress: Any) -> Queue:
            with open_store(db_path) as own:
                return read_queue(own, everything)

        def done(queue: Any) -> None:
            self.job = None
            self.queue = queue
            self._show_kinds()
            if self._again:
                self._again = False
                self.refresh()

        def failed(error: object) -> None:
            self.job = None
            error_box(self, error)

        self.job = start_job(self, work, done, failed)

    def _show_kinds(self) -> None:
        current = self.kinds.currentItem()
        chosen = current.data(Qt.ItemDataRole.UserRole) if current else ""
        counts: dict[str, int] = {}
        for item in self.queue.items:
            if item.flag is None or item.flag.resolution is None:
                counts[item.kind] = counts.get(item.kind, 0) + 1
        open_total = sum(counts.values())
        self.message.setText(t("待处理 {n} 条", n=open_total) if open_total
                             else t("没有待处理的问题 ✓"))  # fmt: skip
        self.kinds.blockSignals(True)
        self.kinds.clear()
        rows = [("", t("全部"), open_total)]
        kinds = sorted({i.kind for i in self.queue.items}, key=kind_order)
        rows += [(k, kind_word(k), counts.get(k, 0)) for k in kinds]
        for kind, word, n in rows:
            entry = QListWidgetItem(f"{'⚠ ' if kind in ALARMS else ''}{word}　{n}")
            entry.setData(Qt.ItemDataRole.UserRole, kind)
            self.kinds.addItem(entry)
        found = [r for r, (kind, _w, _n) in enumerate(rows) if kind == chosen]
        self.kinds.setCurrentRow(found[0] if found else 0)
        self.kinds.blockSignals(False)
        self._show_kind()

    def _show_kind(self) -> None:
        current = self.kinds.currentItem()
        kind = current.data(Qt.ItemDataRole.UserRole) if current else ""
        self.shown = [i for i in self.queue.items if not kind or i.kind == kind]
        fill(self.table, [t("问题"), t("户 / 单位"), t("慰问组"), t("类别"), t("说明"), t("处理")],
             [(kind_word(i.kind), i.who, i.team, i.category, i.detail, _state(i))
              for i in self.shown])  # fmt: skip
        if self.shown:
            self.table.selectRow(min(self._keep_row, len(self.shown) - 1))
        else:
            self.pane.show_item(None)

    def _show_item(self) -> None:
        row = self.table.currentRow()
        self._keep_row = max(row, 0)
        item = self.shown[row] if 0 <= row < len(self.shown) else None
        # one household's records: read here, at once
        payments = flag_payments(self.store, item.flag) if item and item.flag else ()
        self.pane.show_item(item, clock.today(), payments)

    # --- deciding -----------------------------------------------------------------------

    def decide(self, chosen: Chosen) -> None:
        """Record the decision (one short transaction), then the next flag."""
        item = self.pane.item
        if item is None or item.flag is None:
            return
        try:
            if item.kind in MARKS:
                assert isinstance(chosen.decision, MarkDecision)
                marks.decide_marks(self.store, decision=chosen.decision, mark=Mark(item.kind),
                                   household_ids=[item.flag.household_id],
                                   reason=chosen.note)  # fmt: skip
            else:
                recovered = chosen.decision.value == "recovered"
                decisions.resolve_flag(
                    self.store, flag=item.flag.id, decision=chosen.decision.value,
                    note=chosen.note,
                    amount_fen=parse_money(chosen.amount) if recovered else None,
                    day=chosen.day if recovered else None,
                    receipt=chosen.receipt if recovered else "",
                )  # fmt: skip
        except WarmVisitError as error:
            self.pane.problem.setText(render(error, language()))
            return
        self.changed.emit()
        self.refresh()


def _state(item: Item) -> str:
    if item.flag is not None and item.flag.resolution is not None:
        return t("已处理")
    return t("待处理") if item.decidable else ""
