"""Opaque keyset cursors. A cursor carries the last id seen, so the next page starts right
after it through an index, however deep the client has paged."""

from __future__ import annotations

import base64
import binascii

from firstline.core.errors import InvalidInput

MAX_PAGE = 200


def encode_cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"v1:{last_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        version, _, value = raw.partition(":")
        if version != "v1":
            raise ValueError(version)
        last_id = int(value)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise InvalidInput(
            "cursor is not valid; pass the next_cursor of a previous page unchanged."
        ) from None
    if last_id < 1:
        raise InvalidInput(
            "cursor is not valid; pass the next_cursor of a previous page unchanged."
        )
    return last_id
