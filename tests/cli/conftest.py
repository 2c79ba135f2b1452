"""The printing world of tests/documents, built once per session."""

from tests.documents.conftest import world_file  # noqa: F401  (a session fixture)
