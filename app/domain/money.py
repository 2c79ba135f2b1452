"""Money as an integer number of fen (分): parsed from what clerks type, shown as ¥ and capitals.

Never a float: a float cannot hold 0.10 exactly, and a sum of floats drifts away from what the
receipt says. Floats only arrive from Excel cells and are turned into fen at once.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, Inexact, InvalidOperation, localcontext

from app.domain.errors import InvalidInput
from app.domain.text import clean_value

_CAPITALS = "零壹贰叁肆伍陆柒捌玖"

# Digits as written in words: lower case, capitals, 两, and the traditional forms
# (貳 參 陸 萬 億 圓) that older receipt templates and Taiwanese fonts still produce.
_DIGITS = dict(zip("一二三四五六七八九", range(1, 10), strict=True))
_DIGITS |= dict(zip("壹贰叁肆伍陆柒捌玖", range(1, 10), strict=True))
_DIGITS |= {"两": 2, "兩": 2, "貳": 2, "參": 3, "叄": 3, "陸": 6}
_ZEROS = "零〇"
_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_YUAN = "元圆圓块"
_D = "".join(_DIGITS)
# After 元: an optional 零 (元位 is 0), 角 (毛 in speech), then 分, perhaps after a 零.
_FRACTION = re.compile(f"零?(?:([{_D}])[角毛])?零?(?:([{_D}])分)?")

# Arabic amounts: 1170 / 1,170.00 / 1 170 (one kind of group separator, groups of three),
# perhaps followed by 千/万/亿 as in "1.2万".
_NUMBER = re.compile(r"(\d{1,3}(?:([, ])\d{3})(?:\2\d{3})*|\d+)(\.\d+)?(千|万|萬|亿|億)?")
_SCALE = {None: 1, "千": 1000, "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_PREFIXES = ("人民币", "RMB", "CNY", "¥", "￥")  # ¥ U+00A5 and ￥ U+FFE5 (not in clean's table)
_MINUS = ("-", "−", "负")
_PLAIN = re.compile(r"(\d{1,15})(?:\.(\d{1,2}))?", re.ASCII)


def yuan_to_fen(yuan: int) -> int:
    return yuan * 100


def parse_money(raw: object) -> int:
    """An amount in fen from a cell or a typed text; raises ``InvalidInput`` with a money.* key."""
    fen = parse_optional_money(raw)
    if fen is None:
        raise InvalidInput("money.missing")
    return fen


def parse_optional_money(raw: object) -> int | None:
    """Like ``parse_money`` but an empty cell is ``None`` (not zero: "not given" is not "¥0")."""
    if type(raw) is str:
        # The common cells ("2142", "1170.5", ""): integer arithmetic, no Decimal.
        if raw.isdigit() and raw.isascii() and len(raw) <= 15:
            return int(raw) * 100
        if raw and (m := _PLAIN.fullmatch(raw)):
            whole, cents = m.groups()
            return int(whole) * 100 + (int(cents.ljust(2, "0")) if cents else 0)
        return _parse_typed(raw) if raw else None
    if raw is None:
        return None
    if type(raw) is float:
        return _float_to_fen(raw)
    return _cell_to_fen(raw)


def _float_to_fen(raw: float) -> int:
    if not math.isfinite(raw):
        raise InvalidInput("money.invalid", value=str(raw))
    # Excel keeps 15 significant digits; a cell computed as =A1*1.1 may hold
    # 1287.0000000000002, which Excel itself shows as 1287. Reading the float to 15
    # significant digits gives back what the clerk saw; str() would keep the noise.
    shown = format(raw, ".15g")
    if m := _PLAIN.fullmatch(shown):  # most amounts: as the plain text path reads them
        whole, cents = m.groups()
        return int(whole) * 100 + (int(cents.ljust(2, "0")) if cents else 0)
    return _to_fen(Decimal(shown), shown)


def _cell_to_fen(raw: object) -> int | None:
    """A cell that is neither text nor a float: an int, a Decimal, or anything else as text."""
    if isinstance(raw, bool):  # an int subclass; a True in a money column is a wrong column
        raise InvalidInput("money.invalid", value=str(raw))
    if isinstance(raw, int):
        return _to_fen(Decimal(raw), str(raw))
    if isinstance(raw, float):  # a float subclass
        return _float_to_fen(raw)
    if isinstance(raw, Decimal):
        if not raw.is_finite():
            raise InvalidInput("money.invalid", value=str(raw))
        return _to_fen(raw, str(raw))
    return _parse_typed(raw)


def _parse_typed(raw: object) -> int | None:
    """What a clerk typed: ¥1,170.00, 1.2万, 壹仟元整, -5 (refused) ..."""
    shown = clean_value(raw)  # full-width → ASCII, every kind of space → one space, trimmed
    if not shown:
        return None
    text = shown
    negative = text.startswith(_MINUS)
    if negative:
        text = text[1:].lstrip()
    amount = _parse_text(text)
    if amount is None:
        raise InvalidInput("money.invalid", value=shown)
    if negative and amount:
        raise InvalidInput("money.negative", value=shown)
    return _to_fen(amount, shown)


def _to_fen(amount: Decimal, shown: str) -> int:
    if amount < 0:
        raise InvalidInput("money.negative", value=shown)
    with localcontext() as ctx:  # exact: a huge amount must fail, not be rounded quietly
        ctx.prec = 60
        ctx.traps[Inexact] = True
        try:
            fen = amount.scaleb(2)
        except (Inexact, InvalidOperation):
            raise InvalidInput("money.invalid", value=shown) from None
    # By value, not by the digits typed: "1.230" is 123 fen, "1.234" is not a whole fen.
    if fen != fen.to_integral_value():
        raise InvalidInput("money.precision", value=shown)
    return int(fen)


def _parse_text(text: str) -> Decimal | None:
    """The amount in yuan, or None if the text is not one."""
    for prefix in _PREFIXES:
        text = text.removeprefix(prefix).lstrip()
    text = text.removesuffix("整").removesuffix("正").rstrip()
    if any(c.isascii() and c.isdigit() for c in text):
        if text and text[-1] in _YUAN:
            text = text[:-1].rstrip()
        m = _NUMBER.fullmatch(text)
        if not m:
            return None
        digits = m.group(1).replace(",", "").replace(" ", "") + (m.group(3) or "")
        return Decimal(digits) * _SCALE[m.group(4)]
    fen = _words_to_fen(text.replace(" ", ""))
    return None if fen is None else Decimal(fen).scaleb(-2)


def _words_to_fen(words: str) -> int | None:
    """一千零五元 / 壹佰元伍角陆分 / 两千 / 伍分 → fen; None when the words are not an amount."""
    if not words:
        return None
    cut = min((words.find(c) for c in _YUAN if c in words), default=-1)
    if cut >= 0:
        integer, fraction = words[:cut], words[cut + 1 :]
    elif any(c in words for c in "角毛分"):
        integer, fraction = "", words  # 伍角, 伍分: no 元 when there are no yuan
    else:
        integer, fraction = words, ""
    m = _FRACTION.fullmatch(fraction)
    if not m:
        return None
    jiao, fen = (_DIGITS[d] if d else 0 for d in m.groups())
    if cut < 0 and not integer and not (m.group(1) or m.group(2)):
        return None
    if not integer:
        yuan = 0 if cut < 0 else None  # "元伍角" has lost its yuan: not an amount
    else:
        yuan = _words_to_int(integer)
    return None if yuan is None else yuan * 100 + jiao * 10 + fen


def _words_to_int(words: str) -> int | None:
    """Chinese numerals below 1万亿. Strict about order, so a typo is an error, not an amount."""
    if len(words) == 1 and words in _ZEROS:
        return 0
    numeral = _Numeral()
    for ch in words:
        if ch in _ZEROS:
            ok = numeral.zero()
        elif ch in _DIGITS:
            ok = numeral.digit(_DIGITS[ch])
        elif ch in _UNITS:
            ok = numeral.unit(_UNITS[ch])
        elif ch in _BIG:
            ok = numeral.big(_BIG[ch])
        else:
            ok = False
        if not ok:
            return None
    return numeral.end()


class _Numeral:
    """A Chinese numeral read one character at a time; each step says whether it may follow."""

    __slots__ = ("after_zero", "last_big", "last_unit", "pending", "section", "total")

    def __init__(self) -> None:
        self.total = 0  # finished 亿 and 万 sections
        self.section = 0  # the section being read, below 万
        self.pending: int | None = None  # a digit waiting for its unit
        self.last_unit = 10**4  # units inside a section must get smaller (千 then 百 ...)
        self.last_big = 10**12  # and so must 亿, 万
        self.after_zero = False

    def zero(self) -> bool:
        """零 stands for skipped places and must lead to a digit."""
        if self.pending is not None or self.after_zero or not (self.total or self.section):
            return False
        self.after_zero = True
        return True

    def digit(self, value: int) -> bool:
        if self.pending is not None:
            return False
        self.pending = value
        return True

    def unit(self, unit: int) -> bool:
        if unit >= self.last_unit:
            return False
        digit = self.pending
        if digit is None:  # 十五, 一千零十: 十 alone means 一十
            if unit != 10 or (self.section and not self.after_zero):
                return False
            digit = 1
        self.section += digit * unit
        self.pending, self.last_unit, self.after_zero = None, unit, False
        return True

    def big(self, big: int) -> bool:
        bare = self.pending
        if bare is not None and not self._take_bare_digit():
            return False
        if big >= self.last_big or not self.section or (self.after_zero and bare is None):
            return False
        self.total += self.section * big
        self.section, self.pending, self.last_unit, self.last_big = 0, None, 10**4, big
        self.after_zero = False
        return True

    def end(self) -> int | None:
        if self.pending is not None:
            if not self._take_bare_digit():
                return None
        elif self.after_zero:
            return None
        return self.total + self.section

    def _take_bare_digit(self) -> bool:
        # A digit with no unit ends a section only after 零 (一千零五), after 十 (二十五), or
        # alone as the whole number (五). "一千二" and "一万五" are speech for 1200 and
        # 15000: guessing would turn a typo into money, so they are refused.
        ok = self.after_zero or self.last_unit == 10 or (
            self.last_unit == 10**4 and self.last_big == 10**12)  # fmt: skip
        if ok:
            self.section += self.pending or 0
        return ok


def format_yuan(fen: int) -> str:
    """1,170.00 — for tables and CSV, where the column says it is yuan."""
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    return f"{sign}{yuan:,}.{cents:02d}"


def format_fen(fen: int) -> str:
    """¥1,170.00; a negative amount (a refund, a correction) is -¥5.00."""
    text = format_yuan(fen)
    return f"-¥{text[1:]}" if fen < 0 else f"¥{text}"


def fen_to_capitals(fen: int) -> str:
    """Chinese capitals for receipts, by 《正确填写票据和结算凭证的基本规定》 as cn2an writes them.

    Where the rules leave a choice we take cn2an's: no 零 after 元 before 角 (壹拾元伍角),
    no 整 after 角, and no 零 before a group that starts with 仟 (壹拾万柒仟元整, 壹亿壹仟元整).
    """
    if fen < 0:
        raise ValueError("a receipt amount cannot be negative")
    yuan, rest = divmod(fen, 100)
    jiao, cents = divmod(rest, 10)
    words = _yuan_capitals(yuan) if yuan else ""
    if not rest:
        return (words or "零") + "元整"
    head = words + "元" if words else ""
    if jiao:
        tail = _CAPITALS[jiao] + "角"
    else:
        tail = "零" if words else ""  # 壹元零伍分: the rules require 零 when 角 is 0 and 分 is not
    if cents:
        tail += _CAPITALS[cents] + "分"
    return head + tail


def _yuan_capitals(yuan: int) -> str:
    """壹亿零壹佰万 ...: groups of four digits; a group below 仟 after a higher one gets 零."""
    out = _yuan_capitals(yuan // 10**8) + "亿" if yuan >= 10**8 else ""
    for value, unit in ((yuan // 10**4 % 10**4, "万"), (yuan % 10**4, "")):
        if value:
            out += ("零" if out and value < 1000 else "") + _group_capitals(value) + unit
    return out


def _group_capitals(value: int) -> str:
    """1..9999: 壹仟零伍, 壹拾 (always with 壹, so nothing can be written in front of 拾)."""
    out, gap = "", False
    for place, unit in ((1000, "仟"), (100, "佰"), (10, "拾"), (1, "")):
        digit = value // place % 10
        if digit:
            out += ("零" if gap and out else "") + _CAPITALS[digit] + unit
            gap = False
        else:
            gap = True
    return out
