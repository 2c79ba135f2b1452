# Compiled from forms/visit_form.ui by scripts/compile_forms.py: edit the .ui, not this file.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'visit_form.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDateEdit,
    QGridLayout, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QScrollArea, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_VisitForm(object):
    def setupUi(self, VisitForm):
        if not VisitForm.objectName():
            VisitForm.setObjectName(u"VisitForm")
        self.outer = QVBoxLayout(VisitForm)
        self.outer.setObjectName(u"outer")
        self.title = QLabel(VisitForm)
        self.title.setObjectName(u"title")

        self.outer.addWidget(self.title)

        self.scroll = QScrollArea(VisitForm)
        self.scroll.setObjectName(u"scroll")
        self.scroll.setWidgetResizable(True)
        self.body = QWidget()
        self.body.setObjectName(u"body")
        self.grid = QGridLayout(self.body)
        self.grid.setObjectName(u"grid")
        self.modeLabel = QLabel(self.body)
        self.modeLabel.setObjectName(u"modeLabel")

        self.grid.addWidget(self.modeLabel, 0, 0, 1, 1)

        self.modeRow = QHBoxLayout()
        self.modeRow.setObjectName(u"modeRow")
        self.mode1 = QPushButton(self.body)
        self.mode1.setObjectName(u"mode1")
        self.mode1.setCheckable(True)
        self.mode1.setMinimumSize(QSize(96, 44))

        self.modeRow.addWidget(self.mode1)

        self.mode2 = QPushButton(self.body)
        self.mode2.setObjectName(u"mode2")
        self.mode2.setCheckable(True)
        self.mode2.setMinimumSize(QSize(96, 44))

        self.modeRow.addWidget(self.mode2)

        self.mode3 = QPushButton(self.body)
        self.mode3.setObjectName(u"mode3")
        self.mode3.setCheckable(True)
        self.mode3.setMinimumSize(QSize(96, 44))

        self.modeRow.addWidget(self.mode3)

        self.modeSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.modeRow.addItem(self.modeSpace)


        self.grid.addLayout(self.modeRow, 0, 1, 1, 1)

        self.phoneLabel = QLabel(self.body)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.grid.addWidget(self.phoneLabel, 1, 0, 1, 1)

        self.phoneBox = QVBoxLayout()
        self.phoneBox.setObjectName(u"phoneBox")
        self.answeredRow = QHBoxLayout()
        self.answeredRow.setObjectName(u"answeredRow")
        self.answered1 = QPushButton(self.body)
        self.answered1.setObjectName(u"answered1")
        self.answered1.setCheckable(True)
        self.answered1.setMinimumSize(QSize(96, 44))

        self.answeredRow.addWidget(self.answered1)

        self.answered2 = QPushButton(self.body)
        self.answered2.setObjectName(u"answered2")
        self.answered2.setCheckable(True)
        self.answered2.setMinimumSize(QSize(96, 44))

        self.answeredRow.addWidget(self.answered2)

        self.answered3 = QPushButton(self.body)
        self.answered3.setObjectName(u"answered3")
        self.answered3.setCheckable(True)
        self.answered3.setMinimumSize(QSize(96, 44))

        self.answeredRow.addWidget(self.answered3)

        self.answeredSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.answeredRow.addItem(self.answeredSpace)


        self.phoneBox.addLayout(self.answeredRow)

        self.phoneNote = QLabel(self.body)
        self.phoneNote.setObjectName(u"phoneNote")
        self.phoneNote.setWordWrap(True)

        self.phoneBox.addWidget(self.phoneNote)


        self.grid.addLayout(self.phoneBox, 1, 1, 1, 1)

        self.outcomeLabel = QLabel(self.body)
        self.outcomeLabel.setObjectName(u"outcomeLabel")

        self.grid.addWidget(self.outcomeLabel, 2, 0, 1, 1)

        self.outcomeRow = QHBoxLayout()
        self.outcomeRow.setObjectName(u"outcomeRow")
        self.outcome1 = QPushButton(self.body)
        self.outcome1.setObjectName(u"outcome1")
        self.outcome1.setCheckable(True)
        self.outcome1.setMinimumSize(QSize(96, 44))

        self.outcomeRow.addWidget(self.outcome1)

        self.outcome2 = QPushButton(self.body)
        self.outcome2.setObjectName(u"outcome2")
        self.outcome2.setCheckable(True)
        self.outcome2.setMinimumSize(QSize(96, 44))

        self.outcomeRow.addWidget(self.outcome2)

        self.outcome3 = QPushButton(self.body)
        self.outcome3.setObjectName(u"outcome3")
        self.outcome3.setCheckable(True)
        self.outcome3.setMinimumSize(QSize(96, 44))

        self.outcomeRow.addWidget(self.outcome3)

        self.outcome4 = QPushButton(self.body)
        self.outcome4.setObjectName(u"outcome4")
        self.outcome4.setCheckable(True)
        self.outcome4.setMinimumSize(QSize(96, 44))

        self.outcomeRow.addWidget(self.outcome4)

        self.outcome5 = QPushButton(self.body)
        self.outcome5.setObjectName(u"outcome5")
        self.outcome5.setCheckable(True)
        self.outcome5.setMinimumSize(QSize(96, 44))

        self.outcomeRow.addWidget(self.outcome5)

        self.outcome6 = QPushButton(self.body)
        self.outcome6.setObjectName(u"outcome6")
        self.outcome6.setCheckable(True)
        self.outcome6.setMinimumSize(QSize(96, 44))

        self.outcomeRow.addWidget(self.outcome6)

        self.outcomeSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.outcomeRow.addItem(self.outcomeSpace)


        self.grid.addLayout(self.outcomeRow, 2, 1, 1, 1)

        self.metLabel = QLabel(self.body)
        self.metLabel.setObjectName(u"metLabel")

        self.grid.addWidget(self.metLabel, 3, 0, 1, 1)

        self.metRow = QHBoxLayout()
        self.metRow.setObjectName(u"metRow")
        self.met1 = QPushButton(self.body)
        self.met1.setObjectName(u"met1")
        self.met1.setCheckable(True)
        self.met1.setMinimumSize(QSize(96, 44))

        self.metRow.addWidget(self.met1)

        self.met2 = QPushButton(self.body)
        self.met2.setObjectName(u"met2")
        self.met2.setCheckable(True)
        self.met2.setMinimumSize(QSize(96, 44))

        self.metRow.addWidget(self.met2)

        self.metSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.metRow.addItem(self.metSpace)


        self.grid.addLayout(self.metRow, 3, 1, 1, 1)

        self.proxyNameLabel = QLabel(self.body)
        self.proxyNameLabel.setObjectName(u"proxyNameLabel")

        self.grid.addWidget(self.proxyNameLabel, 4, 0, 1, 1)

        self.proxyName = QLineEdit(self.body)
        self.proxyName.setObjectName(u"proxyName")

        self.grid.addWidget(self.proxyName, 4, 1, 1, 1)

        self.proxyRelationLabel = QLabel(self.body)
        self.proxyRelationLabel.setObjectName(u"proxyRelationLabel")

        self.grid.addWidget(self.proxyRelationLabel, 5, 0, 1, 1)

        self.proxyRelation = QLineEdit(self.body)
        self.proxyRelation.setObjectName(u"proxyRelation")

        self.grid.addWidget(self.proxyRelation, 5, 1, 1, 1)

        self.proxyReasonLabel = QLabel(self.body)
        self.proxyReasonLabel.setObjectName(u"proxyReasonLabel")

        self.grid.addWidget(self.proxyReasonLabel, 6, 0, 1, 1)

        self.proxyReason = QLineEdit(self.body)
        self.proxyReason.setObjectName(u"proxyReason")

        self.grid.addWidget(self.proxyReason, 6, 1, 1, 1)

        self.conditionsLabel = QLabel(self.body)
        self.conditionsLabel.setObjectName(u"conditionsLabel")

        self.grid.addWidget(self.conditionsLabel, 7, 0, 1, 1)

        self.conditions = QPlainTextEdit(self.body)
        self.conditions.setObjectName(u"conditions")
        self.conditions.setTabChangesFocus(True)
        self.conditions.setMaximumSize(QSize(16777215, 80))

        self.grid.addWidget(self.conditions, 7, 1, 1, 1)

        self.opinionsLabel = QLabel(self.body)
        self.opinionsLabel.setObjectName(u"opinionsLabel")

        self.grid.addWidget(self.opinionsLabel, 8, 0, 1, 1)

        self.opinions = QPlainTextEdit(self.body)
        self.opinions.setObjectName(u"opinions")
        self.opinions.setTabChangesFocus(True)
        self.opinions.setMaximumSize(QSize(16777215, 80))

        self.grid.addWidget(self.opinions, 8, 1, 1, 1)

        self.cashLabel = QLabel(self.body)
        self.cashLabel.setObjectName(u"cashLabel")

        self.grid.addWidget(self.cashLabel, 9, 0, 1, 1)

        self.cashRow = QHBoxLayout()
        self.cashRow.setObjectName(u"cashRow")
        self.cash = QLineEdit(self.body)
        self.cash.setObjectName(u"cash")
        self.cash.setMaximumSize(QSize(240, 16777215))

        self.cashRow.addWidget(self.cash)

        self.cashNote = QLabel(self.body)
        self.cashNote.setObjectName(u"cashNote")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.cashNote.sizePolicy().hasHeightForWidth())
        self.cashNote.setSizePolicy(sizePolicy)

        self.cashRow.addWidget(self.cashNote)

        self.cashSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.cashRow.addItem(self.cashSpace)

        self.cashRow.setStretch(2, 1)

        self.grid.addLayout(self.cashRow, 9, 1, 1, 1)

        self.transferLabel = QLabel(self.body)
        self.transferLabel.setObjectName(u"transferLabel")

        self.grid.addWidget(self.transferLabel, 10, 0, 1, 1)

        self.transferDue = QCheckBox(self.body)
        self.transferDue.setObjectName(u"transferDue")
        self.transferDue.setMinimumSize(QSize(0, 44))

        self.grid.addWidget(self.transferDue, 10, 1, 1, 1)

        self.goodsLabel = QLabel(self.body)
        self.goodsLabel.setObjectName(u"goodsLabel")

        self.grid.addWidget(self.goodsLabel, 11, 0, 1, 1)

        self.goods = QLineEdit(self.body)
        self.goods.setObjectName(u"goods")

        self.grid.addWidget(self.goods, 11, 1, 1, 1)

        self.offReasonLabel = QLabel(self.body)
        self.offReasonLabel.setObjectName(u"offReasonLabel")

        self.grid.addWidget(self.offReasonLabel, 12, 0, 1, 1)

        self.offReason = QLineEdit(self.body)
        self.offReason.setObjectName(u"offReason")

        self.grid.addWidget(self.offReason, 12, 1, 1, 1)

        self.visitorsLabel = QLabel(self.body)
        self.visitorsLabel.setObjectName(u"visitorsLabel")

        self.grid.addWidget(self.visitorsLabel, 13, 0, 1, 1)

        self.visitors = QLineEdit(self.body)
        self.visitors.setObjectName(u"visitors")

        self.grid.addWidget(self.visitors, 13, 1, 1, 1)

        self.signLabel = QLabel(self.body)
        self.signLabel.setObjectName(u"signLabel")

        self.grid.addWidget(self.signLabel, 14, 0, 1, 1)

        self.cannotSign = QComboBox(self.body)
        self.cannotSign.setObjectName(u"cannotSign")
        self.cannotSign.setMinimumSize(QSize(240, 44))

        self.grid.addWidget(self.cannotSign, 14, 1, 1, 1)

        self.attemptLabel = QLabel(self.body)
        self.attemptLabel.setObjectName(u"attemptLabel")

        self.grid.addWidget(self.attemptLabel, 15, 0, 1, 1)

        self.attemptRow = QHBoxLayout()
        self.attemptRow.setObjectName(u"attemptRow")
        self.attemptedAt = QLineEdit(self.body)
        self.attemptedAt.setObjectName(u"attemptedAt")
        self.attemptedAt.setMaximumSize(QSize(120, 16777215))

        self.attemptRow.addWidget(self.attemptedAt)

        self.revisitLabel = QLabel(self.body)
        self.revisitLabel.setObjectName(u"revisitLabel")

        self.attemptRow.addWidget(self.revisitLabel)

        self.revisitOn = QDateEdit(self.body)
        self.revisitOn.setObjectName(u"revisitOn")
        self.revisitOn.setCalendarPopup(True)
        self.revisitOn.setMinimumSize(QSize(160, 44))

        self.attemptRow.addWidget(self.revisitOn)

        self.attemptSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.attemptRow.addItem(self.attemptSpace)


        self.grid.addLayout(self.attemptRow, 15, 1, 1, 1)

        self.scroll.setWidget(self.body)

        self.outer.addWidget(self.scroll)

        self.actions = QHBoxLayout()
        self.actions.setObjectName(u"actions")
        self.savedLabel = QLabel(VisitForm)
        self.savedLabel.setObjectName(u"savedLabel")

        self.actions.addWidget(self.savedLabel)

        self.actionSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.actions.addItem(self.actionSpace)

        self.backButton = QPushButton(VisitForm)
        self.backButton.setObjectName(u"backButton")
        self.backButton.setMinimumSize(QSize(120, 48))

        self.actions.addWidget(self.backButton)

        self.saveButton = QPushButton(VisitForm)
        self.saveButton.setObjectName(u"saveButton")
        self.saveButton.setMinimumSize(QSize(160, 48))

        self.actions.addWidget(self.saveButton)


        self.outer.addLayout(self.actions)


        self.retranslateUi(VisitForm)

        QMetaObject.connectSlotsByName(VisitForm)
    # setupUi

    def retranslateUi(self, VisitForm):
        self.title.setText(QCoreApplication.translate("VisitForm", u"\u8d70\u8bbf", None))
        self.modeLabel.setText(QCoreApplication.translate("VisitForm", u"\u65b9\u5f0f", None))
        self.mode1.setText(QCoreApplication.translate("VisitForm", u"1 \u4e0a\u95e8", None))
        self.mode2.setText(QCoreApplication.translate("VisitForm", u"2 \u7535\u8bdd", None))
        self.mode3.setText(QCoreApplication.translate("VisitForm", u"3 \u5355\u4f4d", None))
        self.phoneLabel.setText(QCoreApplication.translate("VisitForm", u"\u63a5\u542c", None))
        self.answered1.setText(QCoreApplication.translate("VisitForm", u"1 \u672c\u4eba", None))
        self.answered2.setText(QCoreApplication.translate("VisitForm", u"2 \u5bb6\u5c5e", None))
        self.answered3.setText(QCoreApplication.translate("VisitForm", u"3 \u65e0\u4eba\u63a5\u542c", None))
        self.phoneNote.setText("")
        self.outcomeLabel.setText(QCoreApplication.translate("VisitForm", u"\u7ed3\u679c", None))
        self.outcome1.setText(QCoreApplication.translate("VisitForm", u"1 \u5df2\u6170\u95ee", None))
        self.outcome2.setText(QCoreApplication.translate("VisitForm", u"2 \u4e0d\u5728\u5bb6", None))
        self.outcome3.setText(QCoreApplication.translate("VisitForm", u"3 \u62d2\u6536", None))
        self.outcome4.setText(QCoreApplication.translate("VisitForm", u"4 \u8fc1\u51fa", None))
        self.outcome5.setText(QCoreApplication.translate("VisitForm", u"5 \u53bb\u4e16", None))
        self.outcome6.setText(QCoreApplication.translate("VisitForm", u"6 \u8054\u7cfb\u4e0d\u4e0a", None))
        self.metLabel.setText(QCoreApplication.translate("VisitForm", u"\u89c1\u5230", None))
        self.met1.setText(QCoreApplication.translate("VisitForm", u"1 \u672c\u4eba", None))
        self.met2.setText(QCoreApplication.translate("VisitForm", u"2 \u4ee3\u9886", None))
        self.proxyNameLabel.setText(QCoreApplication.translate("VisitForm", u"\u4ee3\u9886\u4eba", None))
        self.proxyRelationLabel.setText(QCoreApplication.translate("VisitForm", u"\u4e0e\u6237\u4e3b\u5173\u7cfb", None))
        self.proxyReasonLabel.setText(QCoreApplication.translate("VisitForm", u"\u4ee3\u9886\u539f\u56e0", None))
        self.conditionsLabel.setText(QCoreApplication.translate("VisitForm", u"\u770b\u5230\u7684\u60c5\u51b5", None))
        self.opinionsLabel.setText(QCoreApplication.translate("VisitForm", u"\u610f\u89c1\u5efa\u8bae", None))
        self.cashLabel.setText(QCoreApplication.translate("VisitForm", u"\u6170\u95ee\u91d1\uff08\u5143\uff09", None))
        self.cashNote.setText("")
        self.transferLabel.setText(QCoreApplication.translate("VisitForm", u"\u8f6c\u8d26", None))
        self.transferDue.setText(QCoreApplication.translate("VisitForm", u"\u8bb0\u4e3a\u8f6c\u8d26\u5f85\u53d1\uff08\u8d22\u52a1\u8f6c\u5230\u672c\u4eba\u94f6\u884c\u5361\uff0c\u4e0d\u7528\u7b7e\u540d\uff09", None))
        self.goodsLabel.setText(QCoreApplication.translate("VisitForm", u"\u6170\u95ee\u54c1", None))
        self.offReasonLabel.setText(QCoreApplication.translate("VisitForm", u"\u91d1\u989d\u4e0d\u540c\u7684\u539f\u56e0", None))
        self.visitorsLabel.setText(QCoreApplication.translate("VisitForm", u"\u8d70\u8bbf\u4eba", None))
        self.signLabel.setText(QCoreApplication.translate("VisitForm", u"\u7b7e\u540d", None))
        self.attemptLabel.setText(QCoreApplication.translate("VisitForm", u"\u672c\u6b21\u65f6\u95f4", None))
        self.attemptedAt.setPlaceholderText(QCoreApplication.translate("VisitForm", u"14:30", None))
        self.revisitLabel.setText(QCoreApplication.translate("VisitForm", u"\u518d\u6b21\u8d70\u8bbf", None))
        self.revisitOn.setDisplayFormat(QCoreApplication.translate("VisitForm", u"yyyy-MM-dd", None))
        self.savedLabel.setText("")
        self.backButton.setText(QCoreApplication.translate("VisitForm", u"\u8fd4\u56de(&B)", None))
        self.saveButton.setText(QCoreApplication.translate("VisitForm", u"\u4ea4\u53d7\u52a9\u4eba\u786e\u8ba4", None))
        pass
    # retranslateUi

