"""Finding a roster's columns by the header words base-level unions actually use.

Rosters arrive from dozens of units, each with its own template: a title row above the header,
"身份证号" in one and "公民身份号码" in the next, "(元)" after amounts. A column is matched by
the longest known word its header contains, so "家庭人均月收入" is per-capita income and not
"月收入".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.domain.errors import InvalidInput
from app.domain.text import squeeze

# field -> (Chinese label for messages, header words). Field names are what `--map` takes.
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "name": (
        "姓名",
        ("姓名", "职工姓名", "户主姓名", "慰问对象", "困难职工姓名", "申请人", "名字"),
    ),
    "sex": ("性别", ("性别",)),
    "id_number": (
        "身份证号",
        ("身份证号", "身份证号码", "证件号码", "公民身份号码", "身份证", "证件号", "身份号码"),
    ),
    "unit": ("报送单位", ("基层工会", "所属工会", "报送单位", "填报单位", "工会名称")),
    "employer": ("工作单位", ("工作单位", "单位名称", "单位", "所在单位", "工作单位名称")),
    "street": ("所属街道", ("所属街道", "街道", "乡镇街道", "街道乡镇", "所在街道", "街乡")),
    "address": ("家庭住址", ("家庭住址", "住址", "家庭地址", "现住址", "居住地址", "联系地址")),
    "phone": (
        "联系电话",
        ("联系电话", "手机号码", "手机", "电话", "联系方式", "手机号", "电话号码"),
    ),
    "household_size": (
        "家庭人口",
        ("家庭人口", "家庭人口数", "家庭人数", "共同生活人数", "人口数", "家庭成员数"),
    ),
    "monthly_income": (
        "家庭月收入",
        ("家庭月收入", "家庭月总收入", "月收入", "家庭收入", "家庭月收入合计"),
    ),
    "per_capita_income": (
        "人均月收入",
        ("人均月收入", "家庭人均月收入", "人均收入", "月人均收入", "家庭月人均收入"),
    ),
    "causes": ("致困原因", ("致困原因", "困难原因", "主要困难", "致贫原因", "困难情况")),
    "category": ("慰问类别", ("慰问类别", "类别", "帮扶类别", "困难类别", "慰问类型")),
    "medical_cost": (
        "自付医疗费",
        ("自付医疗费", "自付医疗费用", "医疗费", "医疗费用", "个人负担医疗费"),
    ),
    "disaster_loss": ("灾害损失", ("灾害损失", "财产损失", "受灾损失")),
    "special_cause": ("特殊原因", ("特殊原因", "其他原因")),
    "single_parent": ("是否单亲", ("是否单亲", "单亲")),
    "marital_status": ("婚姻状况", ("婚姻状况", "婚姻")),
    "ethnicity": ("民族", ("民族",)),
    "health": ("健康状况", ("健康状况", "身体状况")),
    "notes": ("备注", ("备注", "说明")),
    # Bank columns (app.domain.bank_cards): for households paid by transfer.
    "bank": ("开户行", ("开户行", "开户银行", "银行", "开户行名称", "银行名称", "工资卡开户行")),
    "branch": ("开户网点", ("支行", "网点", "开户网点", "开户支行", "开户行网点")),
    "card": (
        "银行卡号",
        ("银行卡号", "卡号", "工资卡号", "账号", "银行账号", "卡号/账号", "工资卡账号"),
    ),
}

REQUIRED = ("name", "id_number")
_SUFFIX = re.compile(r"[（(][^）)]*[)）]$")
_NOISE = re.compile(r"[*＊:：\s]")
HEADER_SCAN_ROWS = 20


def normalise_header(text: object) -> str:
    value = _NOISE.sub("", squeeze(text))
    while _SUFFIX.search(value):
        value = _SUFFIX.sub("", value)
    return value.lower()


FieldTable = dict[str, tuple[str, tuple[str, ...]]]


def field_for_header(header: str, fields: FieldTable = FIELDS) -> str | None:
    """The field whose longest header word the (normalised) header contains, or None."""
    best: tuple[int, str] | None = None
    for field, (_label, words) in fields.items():
        for word in words:
            if word == header:
                return field
            if word in header and (best is None or len(word) > best[0]):
                best = (len(word), field)
    return best[1] if best else None


def field_label(field: str, fields: FieldTable = FIELDS) -> str:
    return fields[field][0]


@dataclass(frozen=True, slots=True)
class Layout:
    header_row: int  # 0-based index into the sheet's rows
    columns: Mapping[str, int]  # field -> 0-based column
    headers: tuple[str, ...]  # header text as the file has it, per column


def parse_mapping(pairs: Sequence[str], fields: FieldTable = FIELDS) -> dict[str, str]:
    """``["证件=id_number", …]`` → {normalised header: field}; a Chinese field label works too."""
    by_label = {label: field for field, (label, _w) in fields.items()}
    mapping: dict[str, str] = {}
    for pair in pairs:
        header, sep, field = pair.partition("=")
        field = field.strip()
        field = by_label.get(field, field)
        if not sep or not header.strip() or field not in fields:
            raise InvalidInput("roster.bad_map", pair=pair, fields=", ".join(fields))
        mapping[normalise_header(header)] = field
    return mapping


def find_layout(
    rows: Sequence[Sequence[object]],
    explicit: Mapping[str, str] | None = None,
    fields: FieldTable = FIELDS,
    required: Sequence[str] = REQUIRED,
) -> Layout:
    """Find the header row among the first rows and map its columns to fields.

    The header is the row that names the most fields; a header cell left empty by a merged
    group heading borrows the text of the cell above it.
    """
    explicit = explicit or {}
    best: tuple[int, int, dict[str, int], tuple[str, ...]] | None = None
    for index in range(min(len(rows), HEADER_SCAN_ROWS)):
        headers = _header_texts(rows, index)
        columns: dict[str, int] = {}
        for col, text in enumerate(headers):
            key = normalise_header(text)
            if not key:
                continue
            field = explicit.get(key) or field_for_header(key, fields)
            if field and field not in columns:
                columns[field] = col
        score = len(columns) + 10 * sum(f in columns for f in required)
        if best is None or score > best[1]:
            best = (index, score, columns, headers)
    if best is None or not best[2]:
        raise InvalidInput("roster.no_header", missing=_labels(required, fields), found=())
    index, _score, columns, headers = best
    _refuse_twice_named(rows[index], explicit, fields)
    missing = [f for f in required if f not in columns]
    if missing:
        found = tuple(h for h in (squeeze(x) for x in headers) if h)
        raise InvalidInput("roster.missing_columns", missing=_labels(missing, fields), found=found)
    return Layout(index, columns, tuple(squeeze(h) for h in headers))


def _refuse_twice_named(
    row: Sequence[object], explicit: Mapping[str, str], fields: FieldTable
) -> None:
    """Two header cells that say the same for one field (a second 身份证号, another person's):
    which one holds the data is not for the app to guess. Headers that differ keep the first
    (慰问金（小写） before 慰问金（大写）, 姓名 before 配偶姓名), and a blank cell's text borrowed
    from a merged heading does not count."""
    seen: dict[tuple[str, str], list[int]] = {}
    for col, cell in enumerate(row):
        text = squeeze(cell)
        key = normalise_header(text)
        field = key and (explicit.get(key) or field_for_header(key, fields))
        if field:
            seen.setdefault((field, text), []).append(col)
    for (field, text), columns in seen.items():
        if len(columns) > 1:
            named = tuple(f"{column_letters(c)}:{text}" for c in columns)
            raise InvalidInput("roster.column_twice", field=field_label(field, fields),
                               columns=named)  # fmt: skip


def column_letters(index: int) -> str:
    """Excel's name of the column at 0-based ``index``: A … Z, AA …"""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _header_texts(rows: Sequence[Sequence[object]], index: int) -> tuple[str, ...]:
    row = rows[index]
    above = rows[index - 1] if index > 0 else ()
    texts = []
    for col, cell in enumerate(row):
        text = squeeze(cell)
        if not text and col < len(above):
            text = squeeze(above[col])
        texts.append(text)
    return tuple(texts)


def _labels(names: Sequence[str], fields: FieldTable = FIELDS) -> tuple[str, ...]:
    return tuple(field_label(f, fields) for f in names)
