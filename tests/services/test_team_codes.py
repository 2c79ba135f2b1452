"""Team codes go into the names of bundle files: a code Windows could not put in a file name
is refused when the team is made, with the characters named."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.domain.errors import InvalidInput
from app.domain.text import file_name_part
from app.i18n import render
from app.services.campaign import setup as campaigns
from app.services.teams import assignment as teams
from app.store.db import Store


@pytest.mark.parametrize("code", ["T/1", "A:B", "组*", 'T"1', "T<1>", "T|2", "T\\3", "T?"])
def test_a_code_a_file_name_cannot_hold_is_refused(tmp_path: Path, code: str) -> None:
    with Store(tmp_path / "c.db") as store:
        campaigns.init_campaign(store, name="春节", organizer="区总工会", start=date(2027, 1, 20),
                                end=date(2027, 1, 28), min_living="780")  # fmt: skip
        with pytest.raises(InvalidInput) as caught:
            teams.add_team(store, code=code, name="第一组", leader="王一")
        assert f"慰问组代码“{code}”含有文件名不能用的字符" in render(caught.value, "zh")
        assert teams.list_teams(store) == ()
        assert teams.add_team(store, code="东-1_组", name="第一组", leader="王一").code == "东-1_组"


def test_names_built_from_codes_are_made_safe() -> None:
    assert file_name_part('T/1:"x"') == "T_1__x_"
    assert file_name_part("东-1_组") == "东-1_组"
