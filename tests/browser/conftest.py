"""Chromium for the browser tests: Debian's, driven by Playwright (which never downloads one).
Screenshots go to build/screenshots (FIRSTLINE_SCREENSHOTS to change it)."""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REQUIRE_ALL

CHROMIUM = os.environ.get("FIRSTLINE_TEST_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(os.environ.get("FIRSTLINE_SCREENSHOTS", "build/screenshots"))


def _unavailable(reason: str) -> None:
    if REQUIRE_ALL:
        pytest.fail(f"{reason} (FIRSTLINE_TEST_REQUIRE_ALL=1 requires it)")
    pytest.skip(reason)


def _chromium() -> str | None:
    return CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    executable = _chromium()
    if executable is None:
        _unavailable("browser tests need Chromium (apt install chromium)")
    try:
        from playwright.async_api import async_playwright
    except ImportError:
        _unavailable("browser tests need playwright (pip install -e '.[test]')")
    async with async_playwright() as p:
        browser = await p.chromium.launch(
            executable_path=executable,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield browser
        finally:
            await browser.close()


@pytest.fixture
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
