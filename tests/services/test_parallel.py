"""Work handed to a worker comes back as if it had run here, results and refusals, however the
worker starts; and the start method is chosen as docs/decisions.md says."""

from __future__ import annotations

import threading

import pytest

from app.domain.errors import BundleRefused
from app.services.infra import parallel
from app.services.infra.parallel import START_METHOD_ENV, Workers, start_method


def _square_or_refuse(n: int) -> int:
    if n < 0:
        raise BundleRefused("bundle.chain", device=f"d{n}")
    return n * n


@pytest.mark.parametrize("method", ["fork", "spawn", None])
def test_results_and_refusals_come_back_in_order(method: parallel.StartMethod | None) -> None:
    with Workers(1, method) as workers:
        assert workers.parallel is (method is not None)
        pending = [workers.submit(_square_or_refuse, n) for n in (3, -2, 4)]
        assert pending[0].result() == 9
        with pytest.raises(BundleRefused) as caught:
            pending[1].result()
        # The parameters make half the sentence: they survive the trip between processes.
        assert (caught.value.key, caught.value.params) == ("bundle.chain", {"device": "d-2"})
        assert pending[2].result() == 16


def _nth(values: list[int], n: int) -> int:
    return values[n]


@pytest.mark.parametrize("method", ["fork", "spawn", None])
def test_what_is_shared_reaches_every_task(method: parallel.StartMethod | None) -> None:
    values = list(range(100, 150))
    with Workers(2, method, shared=(values,)) as workers:
        pending = [workers.submit(_nth, n) for n in (0, 7, 49)]
        assert [p.result() for p in pending] == [100, 107, 149]
    assert parallel._shared == ()  # given to the workers, not kept here


def test_no_workers_asked_runs_here() -> None:
    with Workers(0, "spawn") as workers:
        assert not workers.parallel
        assert workers.submit(_square_or_refuse, 5).result() == 25


@pytest.mark.parametrize(
    ("forced", "expected"),
    [("", "fork"), ("fork", "fork"), ("spawn", "spawn"), ("none", None), (" Spawn ", "spawn"),
     ("threads", "fork")],
)  # fmt: skip
def test_fork_unless_told_otherwise(
    forced: str, expected: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(START_METHOD_ENV, forced)
    assert threading.active_count() == 1  # this test process runs no other thread
    assert start_method() == expected


@pytest.mark.parametrize("forced", ["", "fork"])
def test_never_forked_while_another_thread_runs(
    forced: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(START_METHOD_ENV, forced)
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert start_method() == "spawn"
    finally:
        release.set()
        other.join()
    assert start_method() == "fork"


def test_without_fork_workers_are_spawned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(START_METHOD_ENV, raising=False)
    monkeypatch.setattr(parallel.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert start_method() == "spawn"
    monkeypatch.setenv(START_METHOD_ENV, "fork")
    assert start_method() == "spawn"
