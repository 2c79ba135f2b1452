"""Made-up households for demos, benchmarks and tests: realistic enough to exercise imports.

Pure and deterministic: the same seed gives the same households on every machine, so a
benchmark or a bug report can name its data by (n, seed). Nothing here is a real person;
ID numbers are valid in form only.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple


class DemoCategory(NamedTuple):
    code: str
    name: str
    cash_fen: int
    goods_description: str
    goods_fen: int


DEMO_CATEGORIES: tuple[DemoCategory, ...] = (
    DemoCategory("KN", "困难职工", 100000, "大米10kg×1袋，食用油5L×1桶", 15000),
    DemoCategory("ZB", "重大疾病", 200000, "大米10kg×1袋，食用油5L×1桶，牛奶1箱", 20000),
    DemoCategory("TX", "困难退休教师", 100000, "大米10kg×1袋，食用油5L×1桶", 15000),
    DemoCategory("NM", "农民工", 50000, "米面油礼包×1份", 10000),
)
_CATEGORY_NAME = {c.code: c.name for c in DEMO_CATEGORIES}

ROSTER_HEADER: tuple[str, ...] = (
    "姓名", "性别", "身份证号", "工作单位", "所属街道", "家庭住址", "联系电话", "家庭人口",
    "家庭月收入(元)", "致困原因", "慰问类别", "自付医疗费(元)", "备注",
)  # fmt: skip

MIN_LIVING_STANDARD_FEN = 78000  # 780 元/人/月, the figure the campaign plans use


@dataclass(frozen=True, slots=True)
class DemoHousehold:
    name: str
    sex: str  # "男" / "女", always agreeing with the ID number's 17th digit
    id_number: str
    employer: str
    street: str
    address: str
    phone: str
    household_size: int
    monthly_income_fen: int
    causes: tuple[str, ...]  # main cause first
    category_code: str
    medical_cost_fen: int
    notes: str


# --- word lists (weights are expressed by repetition: indexing a list is the fastest draw) ---

_SURNAMES = list(
    "王王王李李李张张张刘刘刘陈陈杨杨黄赵赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾"
    "肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江"
    "尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_COMPOUND_SURNAMES = ["欧阳", "司马", "上官", "诸葛"]
_GIVEN = {
    "男": list(
        "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆旭宁龙林"
        "国建志文海峰东成立庆春德新兵福生荣晓永"
    ),
    "女": list("芳娜敏静丽艳娟霞秀英玲桂兰萍红燕梅琳雪婷慧颖洁莉琴云凤淑珍丹倩月晓玉佳春金"),
}
# Outside GBK (CJK Ext A and Ext B): names like these break GBK exports and many fonts.
_RARE = ["䶮", "㛃", "𠇔"]

_REGIONS = ["120116"] * 6 + (  # mostly 滨海新区, where the sample rosters come from
    "120101 120102 120103 120104 120110 110105 110108 420302 330802 370202 130102 130104 410102"
).split()

_EMPLOYERS = (
    "区供热公司 华泰纺织有限公司 公交集团第五车队 区环卫所 区自来水公司 港务集团装卸二公司 "
    "渤海化工集团 天碱热电厂 新港船厂 区燃气公司 区人民医院 区中医医院 区市政工程公司 "
    "海河乳业有限公司 大港石化服务中心 区物资回收公司 区园林绿化所 金桥焊材集团 "
    "鑫达建筑工程有限公司 宏远物流有限公司 顺通快递分拨中心 区邮政分局 区供电服务中心 "
    "惠民超市连锁 滨海农贸市场 区粮油公司 海晶集团 永利制盐厂 区房管站 区保洁服务公司 "
    "区第一中学 区第二中学 区实验小学 新港第三小学 区职业中专 区第一幼儿园 "
    "区社区服务中心 滨海出租汽车公司 长城汽车配件厂 区机关后勤服务中心"
).split()
_SCHOOLS = [e for e in _EMPLOYERS if e.endswith(("中学", "小学", "中专", "幼儿园"))]
_STREETS = (
    "新港街道 大沽街道 杭州道街道 新城镇 新村街道 泰达街道 胡家园街道 新河街道 向阳街道 "
    "解放路街道 渤海石油街道 海滨街道"
).split()
_COMPOUNDS = (
    "向阳里 幸福里 光明里 新华里 建设里 和平里 春华里 福盛家园 海韵园 金色家园 红星里 东升里"
).split()
# "23号楼1门1046": building, entrance, floor and flat, built once (17,280 strings) because
# formatting them per household was a fifth of the generation time.
_DOORS = [
    f"{b}号楼{u}门{f}{r:02d}"
    for b in range(1, 41)
    for u in range(1, 7)
    for f in range(1, 19)
    for r in range(1, 5)
]
_MOBILE_PREFIXES = (
    "130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 157 158 159 166 "
    "173 175 176 177 178 180 181 182 183 185 186 187 188 189 191 193 198 199"
).split()

_CAT_DRAW = ["KN"] * 55 + ["ZB"] * 20 + ["TX"] * 10 + ["NM"] * 15
_SIZE_DRAW = [1] * 8 + [2] * 22 + [3] * 35 + [4] * 22 + [5] * 9 + [6] * 4
_EXTRA_COUNT_DRAW = [0] * 10 + [1] * 7 + [2] * 3
_MAIN_CAUSE = {
    "KN": (
        "本人患病 本人患病 家属患病 家属患病 子女上学 子女上学 残疾 单亲 意外灾害 意外伤害 "
        "失业 低收入 低收入"
    ).split(),
    "ZB": "本人患病 本人患病 本人患病 家属患病 家属患病 家属患病 意外伤害".split(),
    "TX": "本人患病 家属患病 低收入 低收入".split(),
    "NM": "失业 低收入 低收入 子女上学 意外伤害".split(),
}
_ALL_CAUSES = "本人患病 家属患病 子女上学 残疾 单亲 意外灾害 意外伤害 失业 低收入".split()
_FAMILY_CAUSES = {"家属患病", "子女上学", "单亲"}  # impossible for someone living alone
_BIRTH_YEARS = {"KN": (1966, 2004), "ZB": (1960, 2004), "TX": (1940, 1967), "NM": (1967, 2005)}
_NOTES = ["低保户", "已享受临时救助", "电话常打不通，请上门", "白天上班，晚上在家", "持残疾证"]

# --- ID numbers: the check digit from precomputed partial sums, ~10x faster than summing
# the 17 digits each time. Weights and table are GB 11643 / ISO 7064 MOD 11-2 (the same as
# app.domain.id_number.check_digit, which the tests use as the oracle).
_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def _wsum(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True))


def _date_table(first: int, last: int) -> tuple[list[str], list[int], dict[int, int]]:
    """Every valid YYYYMMDD in [first, last] with its weighted digit sum, and year offsets."""
    dates: list[str] = []
    year_start: dict[int, int] = {}
    for y in range(first, last + 2):
        year_start[y] = len(dates)
        if y > last:
            break
        leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
        for m, days in enumerate((31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)):
            dates.extend(f"{y}{m + 1:02d}{d:02d}" for d in range(1, days + 1))
    return dates, [_wsum(s, _W[6:14]) for s in dates], year_start


_DATES, _DATE_SUMS, _YEAR_START = _date_table(1940, 2005)
_REGION_SUMS = [_wsum(r, _W[:6]) for r in _REGIONS]
_SEQ_SUMS = [_wsum(f"{s:03d}", _W[14:17]) for s in range(1000)]


class _CategoryDraw(NamedTuple):
    """What depends on the category, looked up once per household instead of field by field."""

    code: str
    birth_lo: int  # index range into _DATES
    birth_hi: int
    main_causes: list[str]
    employers: list[str]
    medical_p: float


_CAT_DRAWS = {
    code: _CategoryDraw(
        code,
        _YEAR_START[first],
        _YEAR_START[last + 1],
        _MAIN_CAUSE[code],
        _SCHOOLS if code == "TX" else _EMPLOYERS,  # retired teachers come from schools
        0.30 if code == "ZB" else 0.025,  # ~8% overall with a medical bill, mostly 重大疾病
    )
    for code, (first, last) in _BIRTH_YEARS.items()
}
_N_SURNAMES, _N_REGIONS, _N_DOORS = len(_SURNAMES), len(_REGIONS), len(_DOORS)
_GIVEN_MALE, _GIVEN_FEMALE = _GIVEN["男"], _GIVEN["女"]
_PER_PERSON_YUAN = MIN_LIVING_STANDARD_FEN // 100


def generate_households(n: int, seed: int = 1) -> Iterator[DemoHousehold]:
    """``n`` made-up households, the same ones for the same seed; ID numbers never repeat."""
    rnd = random.Random(seed).random  # one C call per draw; rng.choice costs several times more
    # Draws are written out as seq[int(rnd() * len)], never through a helper per draw: this
    # loop is the whole cost of a benchmark file of 100,000 rows. A helper draws one part of a
    # household; a rare part (a medical bill) is drawn only when a draw says there is one.
    # The order of the draws is what a seed names: reordering them changes every household.
    cats = [_CAT_DRAWS[c] for c in _CAT_DRAW]
    streets, compounds, doors, mobiles = _STREETS, _COMPOUNDS, _DOORS, _MOBILE_PREFIXES
    seen: set[str] = set()
    for _ in range(n):
        cat = cats[int(rnd() * 100)]
        male = rnd() < 0.5
        name = _draw_name(rnd, male)
        id_number = _draw_id_number(rnd, cat, male, seen)
        causes, size = _draw_causes(rnd, cat)
        income_fen = _draw_income_fen(rnd, size)
        medical = _draw_medical_fen(rnd) if rnd() < cat.medical_p else 0
        street = streets[int(rnd() * 12)]
        address = street + compounds[int(rnd() * 12)] + doors[int(rnd() * _N_DOORS)]
        if rnd() < 0.08:
            phone = f"022-2{int(rnd() * 10_000_000):07d}"
        else:
            phone = f"{mobiles[int(rnd() * len(mobiles))]}{int(rnd() * 100_000_000):08d}"
        yield DemoHousehold(
            name=name,
            sex="男" if male else "女",
            id_number=id_number,
            employer=cat.employers[int(rnd() * len(cat.employers))],
            street=street,
            address=address,
            phone=phone,
            household_size=size,
            monthly_income_fen=income_fen,
            causes=causes,
            category_code=cat.code,
            medical_cost_fen=medical,
            notes=_NOTES[int(rnd() * len(_NOTES))] if rnd() < 0.04 else "",
        )


Draw = Callable[[], float]


def _draw_name(rnd: Draw, male: bool) -> str:
    if rnd() < 0.02:
        surname = _COMPOUND_SURNAMES[int(rnd() * 4)]
    else:
        surname = _SURNAMES[int(rnd() * _N_SURNAMES)]
    pool = _GIVEN_MALE if male else _GIVEN_FEMALE
    given = pool[int(rnd() * len(pool))]
    if rnd() >= 0.35:
        given += pool[int(rnd() * len(pool))]
    if rnd() < 0.002:
        given = given[:-1] + _RARE[int(rnd() * 3)]
    return surname + given


def _draw_id_number(rnd: Draw, cat: _CategoryDraw, male: bool, seen: set[str]) -> str:
    """A valid ID number of the category's birth years, not in ``seen`` (then added to it)."""
    regions, region_sums = _REGIONS, _REGION_SUMS
    span = cat.birth_hi - cat.birth_lo
    while True:  # retry on the (rare) repeated ID number
        ri = int(rnd() * _N_REGIONS)
        di = cat.birth_lo + int(rnd() * span)
        seq = int(rnd() * 500) * 2 + male  # 17th digit odd = male
        total = region_sums[ri] + _DATE_SUMS[di] + _SEQ_SUMS[seq]
        id_number = f"{regions[ri]}{_DATES[di]}{seq:03d}{_CHECK[total % 11]}"
        if id_number not in seen:
            seen.add(id_number)
            return id_number


def _draw_causes(rnd: Draw, cat: _CategoryDraw) -> tuple[tuple[str, ...], int]:
    """The causes (main first) and the household size, which a family cause makes ≥ 2."""
    main = cat.main_causes
    causes = [main[int(rnd() * len(main))]]
    for _ in range(_EXTRA_COUNT_DRAW[int(rnd() * 20)]):
        extra = _ALL_CAUSES[int(rnd() * 9)]
        if extra not in causes:
            causes.append(extra)
    size = _SIZE_DRAW[int(rnd() * 100)]
    if size == 1 and not _FAMILY_CAUSES.isdisjoint(causes):
        size = 2
    return tuple(causes), size


def _draw_income_fen(rnd: Draw, size: int) -> int:
    # Per-capita income as a multiple of the minimum living standard: ~60% at or
    # below 1.5x (rule 一), ~20% in (1.5x, 3x], ~20% above — the spread rules 一–三 sort.
    r = rnd()
    if r < 0.6:
        ratio = 0.25 + 1.25 * rnd()
    elif r < 0.8:
        ratio = 1.5 + 1.5 * rnd()
    else:
        ratio = 3.0 + 3.0 * rnd()
    income_fen = int(ratio * _PER_PERSON_YUAN * size) * 100  # floored: stays in its band
    if rnd() < 0.15 and income_fen:
        income_fen -= 50  # "1170.5": clerks do type half yuan; subtracting keeps the band
    return income_fen


def _draw_medical_fen(rnd: Draw) -> int:
    """A medical bill (for the few households that have one)."""
    medical = 500000 + int(rnd() * 5500000)  # 5,000–60,000 元
    if rnd() < 0.5:
        medical -= medical % 100
    return medical


def yuan_text(fen: int) -> str:
    """Fen as a clerk types yuan: 214200 → "2142", 117050 → "1170.5", 12345 → "123.45"."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    if not cents:
        return f"{sign}{whole}"
    return f"{sign}{whole}.{cents:02d}".rstrip("0")


def roster_row(h: DemoHousehold) -> tuple[str, ...]:
    """The household as the cells of a unit's roster spreadsheet, in ``ROSTER_HEADER`` order."""
    return (
        h.name,
        h.sex,
        h.id_number,
        h.employer,
        h.street,
        h.address,
        h.phone,
        str(h.household_size),
        yuan_text(h.monthly_income_fen),
        "、".join(h.causes),
        _CATEGORY_NAME[h.category_code],
        yuan_text(h.medical_cost_fen) if h.medical_cost_fen else "",
        h.notes,
    )
