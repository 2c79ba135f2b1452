"""Record ids: random version-4 UUIDs in their canonical text, one by one or 100,000 at once."""

from __future__ import annotations

import uuid

from app.domain.campaign import new_id, new_ids


def test_ids_made_in_bulk_are_canonical_version_4_uuids() -> None:
    ids = new_ids(20_000)
    assert len(set(ids)) == 20_000
    for text in ids:
        parsed = uuid.UUID(text)
        assert (parsed.version, parsed.variant) == (4, uuid.RFC_4122)
        assert str(parsed) == text  # lower case, hyphens where uuid puts them
    # Every variant digit and every other digit appears: the bits are random, not fixed.
    assert {text[19] for text in ids} == set("89ab")
    assert {text[15] for text in ids} == set("0123456789abcdef")
    assert new_ids(0) == []


def test_one_id_is_the_same_kind() -> None:
    assert uuid.UUID(new_id()).version == 4
