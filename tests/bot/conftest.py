"""The bot's tests run the chat with the bot on, the flows against the demo backoffice served
over real HTTP (tests/flows/conftest.py), and a knowledge base written through the API."""

from __future__ import annotations

import pytest

from firstline.core.settings import Settings
from tests.flows.conftest import SECRET, backoffice_url, demo  # noqa: F401  (fixtures)


@pytest.fixture
def settings(backoffice_url: str) -> Settings:  # noqa: F811
    return Settings(
        max_body_bytes=64 * 1024,
        dashboard_cache_seconds=0,
        bot=True,
        backoffice_url=backoffice_url,
        backoffice_secret=SECRET,
    )
