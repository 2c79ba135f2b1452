"""A team leader who forgot the PIN sets a new one with the team credential (the office's
sheet): the laptop keeps only the key derived from it, enough to check it."""

from __future__ import annotations

import pytest

from app.domain.errors import InvalidInput
from app.services.laptop import lock as team_lock
from tests.bundle_world import World


def test_a_forgotten_team_pin_is_reset_with_the_credential_on_a_real_laptop(world: World) -> None:
    team_lock.set_pin(world.t1, "2468")
    with pytest.raises(InvalidInput) as caught:
        team_lock.reset_pin(world.t1, "AAAAA-BBBBB", "1357")
    assert caught.value.key == "bundle.credential_format"
    team_lock.reset_pin(world.t1, world.template.t1_credential, "1357")
    assert team_lock.pin_matches(world.t1, "1357")
