# Compiled from forms/main_window.ui by scripts/compile_forms.py: edit the .ui, not this file.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'main_window.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QSpacerItem, QStackedWidget, QTableView,
    QTextBrowser, QVBoxLayout, QWidget)

class Ui_MainWindow(object):
    def setupUi(self, MainWindow):
        if not MainWindow.objectName():
            MainWindow.setObjectName(u"MainWindow")
        MainWindow.resize(1366, 700)
        self.outer = QVBoxLayout(MainWindow)
        self.outer.setObjectName(u"outer")
        self.headRow = QHBoxLayout()
        self.headRow.setObjectName(u"headRow")
        self.heading = QLabel(MainWindow)
        self.heading.setObjectName(u"heading")

        self.headRow.addWidget(self.heading)

        self.headSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.headRow.addItem(self.headSpace)

        self.lettersButton = QPushButton(MainWindow)
        self.lettersButton.setObjectName(u"lettersButton")
        self.lettersButton.setMinimumSize(QSize(120, 44))

        self.headRow.addWidget(self.lettersButton)

        self.dayButton = QPushButton(MainWindow)
        self.dayButton.setObjectName(u"dayButton")
        self.dayButton.setMinimumSize(QSize(120, 44))

        self.headRow.addWidget(self.dayButton)

        self.lockButton = QPushButton(MainWindow)
        self.lockButton.setObjectName(u"lockButton")
        self.lockButton.setMinimumSize(QSize(120, 44))

        self.headRow.addWidget(self.lockButton)

        self.helpButton = QPushButton(MainWindow)
        self.helpButton.setObjectName(u"helpButton")
        self.helpButton.setMinimumSize(QSize(120, 44))

        self.headRow.addWidget(self.helpButton)


        self.outer.addLayout(self.headRow)

        self.pages = QStackedWidget(MainWindow)
        self.pages.setObjectName(u"pages")
        self.listPage = QWidget()
        self.listPage.setObjectName(u"listPage")
        self.listLayout = QHBoxLayout(self.listPage)
        self.listLayout.setObjectName(u"listLayout")
        self.leftColumn = QVBoxLayout()
        self.leftColumn.setObjectName(u"leftColumn")
        self.searchRow = QHBoxLayout()
        self.searchRow.setObjectName(u"searchRow")
        self.searchLabel = QLabel(self.listPage)
        self.searchLabel.setObjectName(u"searchLabel")

        self.searchRow.addWidget(self.searchLabel)

        self.searchBox = QLineEdit(self.listPage)
        self.searchBox.setObjectName(u"searchBox")
        self.searchBox.setClearButtonEnabled(True)

        self.searchRow.addWidget(self.searchBox)

        self.listFilter = QComboBox(self.listPage)
        self.listFilter.setObjectName(u"listFilter")
        self.listFilter.setMinimumSize(QSize(150, 44))

        self.searchRow.addWidget(self.listFilter)


        self.leftColumn.addLayout(self.searchRow)

        self.progressLine = QLabel(self.listPage)
        self.progressLine.setObjectName(u"progressLine")

        self.leftColumn.addWidget(self.progressLine)

        self.householdTable = QTableView(self.listPage)
        self.householdTable.setObjectName(u"householdTable")
        self.householdTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.householdTable.setSelectionMode(QAbstractItemView.SingleSelection)
        self.householdTable.setAlternatingRowColors(True)
        self.householdTable.setEditTriggers(QAbstractItemView.NoEditTriggers)

        self.leftColumn.addWidget(self.householdTable)

        self.emptyHint = QLabel(self.listPage)
        self.emptyHint.setObjectName(u"emptyHint")
        self.emptyHint.setWordWrap(True)

        self.leftColumn.addWidget(self.emptyHint)

        self.leftColumn.setStretch(2, 1)

        self.listLayout.addLayout(self.leftColumn)

        self.rightColumn = QVBoxLayout()
        self.rightColumn.setObjectName(u"rightColumn")
        self.householdDetail = QTextBrowser(self.listPage)
        self.householdDetail.setObjectName(u"householdDetail")
        self.householdDetail.setMinimumSize(QSize(420, 0))
        self.householdDetail.setMaximumSize(QSize(520, 16777215))

        self.rightColumn.addWidget(self.householdDetail)

        self.startVisit = QPushButton(self.listPage)
        self.startVisit.setObjectName(u"startVisit")
        self.startVisit.setMinimumSize(QSize(200, 48))

        self.rightColumn.addWidget(self.startVisit)


        self.listLayout.addLayout(self.rightColumn)

        self.pages.addWidget(self.listPage)
        self.firstRunPage = QWidget()
        self.firstRunPage.setObjectName(u"firstRunPage")
        self.firstRunLayout = QVBoxLayout(self.firstRunPage)
        self.firstRunLayout.setObjectName(u"firstRunLayout")
        self.topSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.firstRunLayout.addItem(self.topSpace)

        self.firstRunText = QLabel(self.firstRunPage)
        self.firstRunText.setObjectName(u"firstRunText")
        self.firstRunText.setAlignment(Qt.AlignCenter)
        self.firstRunText.setWordWrap(True)

        self.firstRunLayout.addWidget(self.firstRunText)

        self.importButton = QPushButton(self.firstRunPage)
        self.importButton.setObjectName(u"importButton")
        self.importButton.setMinimumSize(QSize(240, 48))

        self.firstRunLayout.addWidget(self.importButton)

        self.bottomSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.firstRunLayout.addItem(self.bottomSpace)

        self.pages.addWidget(self.firstRunPage)

        self.outer.addWidget(self.pages)


        self.retranslateUi(MainWindow)

        QMetaObject.connectSlotsByName(MainWindow)
    # setupUi

    def retranslateUi(self, MainWindow):
        MainWindow.setWindowTitle(QCoreApplication.translate("MainWindow", u"\u9001\u6e29\u6696\u8d70\u8bbf", None))
        self.heading.setText(QCoreApplication.translate("MainWindow", u"\u9001\u6e29\u6696\u8d70\u8bbf", None))
        self.heading.setObjectName(QCoreApplication.translate("MainWindow", u"heading", None))
        self.lettersButton.setText(QCoreApplication.translate("MainWindow", u"\u6170\u95ee\u4fe1(&L)", None))
        self.dayButton.setText(QCoreApplication.translate("MainWindow", u"\u65e5\u7ec8\u6e05\u70b9(&E)", None))
        self.lockButton.setText(QCoreApplication.translate("MainWindow", u"\u9501\u5c4f", None))
        self.helpButton.setText(QCoreApplication.translate("MainWindow", u"\u5e2e\u52a9", None))
        self.searchLabel.setText(QCoreApplication.translate("MainWindow", u"\u67e5\u627e(&F)", None))
        self.searchBox.setPlaceholderText(QCoreApplication.translate("MainWindow", u"\u59d3\u540d\u3001\u62fc\u97f3\u9996\u5b57\u6bcd\u3001\u8eab\u4efd\u8bc1\u540e4\u4f4d\u3001\u7535\u8bdd\u6216\u5730\u5740", None))
        self.progressLine.setText("")
        self.emptyHint.setText("")
        self.startVisit.setText(QCoreApplication.translate("MainWindow", u"\u5f00\u59cb\u8d70\u8bbf(&V)", None))
        self.firstRunText.setText(QCoreApplication.translate("MainWindow", u"\u8fd8\u6ca1\u6709\u5bfc\u5165\u5206\u6d3e\u5305\uff0c\u8bf7\u63d2\u5165U\u76d8", None))
        self.importButton.setText(QCoreApplication.translate("MainWindow", u"\u5bfc\u5165\u5206\u6d3e\u5305(&I)", None))
    # retranslateUi

