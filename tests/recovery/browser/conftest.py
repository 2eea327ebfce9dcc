"""The recovery desk's browser tests use the browser tests' Chromium (tests/browser)."""

from tests.browser.conftest import browser, screenshots  # noqa: F401  (fixtures)
