"""Cursors are opaque, round-trip, and bad ones are refused with a sentence."""

from __future__ import annotations

import pytest

from firstline.core.errors import InvalidInput
from firstline.core.pagination import decode_cursor, encode_cursor


@pytest.mark.parametrize("last_id", [1, 42, 10_000_000_000])
def test_round_trip(last_id: int) -> None:
    assert decode_cursor(encode_cursor(last_id)) == last_id


@pytest.mark.parametrize("bad", ["", "garbage!", "djE6LTE", "djI6NQ", "bm9wZQ"])
def test_bad_cursors(bad: str) -> None:
    with pytest.raises(InvalidInput, match="next_cursor"):
        decode_cursor(bad)
