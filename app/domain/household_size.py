"""Who counts in a household for per-capita income (DESIGN.md, process step 2).

- three persons when nothing else is known;
- married: self, spouse and unmarried children;
- unmarried: parents, self and the other unmarried members;
- single parents, couples without children and families with several children: the actual
  count, which the two rules above already give.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

DEFAULT_SIZE = 3

SPOUSE = "配偶"
CHILD = "子女"
PARENT = "父母"
SIBLING = "兄弟姐妹"
GRANDCHILD = "孙子女"
GRANDPARENT = "祖父母"
OTHER = "其他"
RELATIONS = (SPOUSE, CHILD, PARENT, SIBLING, GRANDCHILD, GRANDPARENT, OTHER)

_RELATION_WORDS = {
    SPOUSE: ("配偶", "妻子", "丈夫", "爱人", "老伴", "妻", "夫"),
    CHILD: ("子女", "儿子", "女儿", "之子", "之女", "子", "女", "儿"),
    PARENT: ("父母", "父亲", "母亲", "父", "母", "爸", "妈"),
    SIBLING: ("兄弟姐妹", "兄", "弟", "姐", "妹"),
    GRANDCHILD: ("孙子女", "孙子", "孙女", "外孙", "孙"),
    GRANDPARENT: ("祖父母", "祖父", "祖母", "外祖", "爷爷", "奶奶", "姥"),
}
# Longest words first, so 孙子 is a grandchild and not a child (子).
_WORDS = sorted(
    ((word, relation) for relation, words in _RELATION_WORDS.items() for word in words),
    key=lambda pair: -len(pair[0]),
)


def normalise_relation(text: str) -> str:
    """A relation as people write it (儿子, 妻子, 母亲 …) → one of RELATIONS."""
    value = text.strip()
    if value in RELATIONS:
        return value
    return next((relation for word, relation in _WORDS if word in value), OTHER)


@dataclass(frozen=True, slots=True)
class MemberFacts:
    relation: str  # one of RELATIONS
    married: bool | None = None  # None: not recorded, taken as unmarried for children


def household_size(members: Iterable[MemberFacts], *, applicant_married: bool | None) -> int:
    """The size that per-capita income divides by, the applicant included."""
    members = list(members)
    married = applicant_married
    if married is None:
        married = any(m.relation == SPOUSE for m in members)
    size = 1
    for member in members:
        unmarried = member.married is not True
        if member.relation == SPOUSE:
            size += 1
        elif member.relation in (CHILD, GRANDCHILD):
            size += unmarried
        elif not married and member.relation in (PARENT, SIBLING, GRANDPARENT, OTHER):
            size += unmarried or member.relation == PARENT
    return size


def effective_size(
    members: Iterable[MemberFacts], reported: int | None, *, applicant_married: bool | None
) -> tuple[int, str]:
    """The size to use and where it came from: members (rules), the roster, or the default."""
    members = list(members)
    if members:
        return household_size(members, applicant_married=applicant_married), "members"
    if reported:
        return reported, "roster"
    return DEFAULT_SIZE, "default"


def is_married(marital_status: str) -> bool | None:
    text = marital_status.strip()
    if not text:
        return None
    if text in ("未婚", "离异", "离婚", "丧偶", "单身"):
        return False
    return "已婚" in text or text in ("初婚", "再婚", "复婚", "有配偶")
