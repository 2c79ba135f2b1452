"""Work handed to a forked worker comes back as if it had run here: results and refusals."""

from __future__ import annotations

import pytest

from app.domain.errors import BundleRefused
from app.services.infra import parallel
from app.services.infra.parallel import Workers


def _square_or_refuse(n: int) -> int:
    if n < 0:
        raise BundleRefused("bundle.chain", device=f"d{n}")
    return n * n


@pytest.mark.parametrize("forked", [True, False])
def test_results_and_refusals_come_back_in_order(
    forked: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not forked:
        monkeypatch.setattr(parallel, "can_fork", lambda: False)
    elif not parallel.can_fork():
        pytest.fail("this test process should be able to fork (no other threads)")
    with Workers(1) as workers:
        assert workers.parallel is forked
        pending = [workers.submit(_square_or_refuse, n) for n in (3, -2, 4)]
        assert pending[0].result() == 9
        with pytest.raises(BundleRefused) as caught:
            pending[1].result()
        # The parameters make half the sentence: they survive the trip between processes.
        assert (caught.value.key, caught.value.params) == ("bundle.chain", {"device": "d-2"})
        assert pending[2].result() == 16


def test_no_workers_asked_runs_here() -> None:
    with Workers(0) as workers:
        assert not workers.parallel
        assert workers.submit(_square_or_refuse, 5).result() == 25
