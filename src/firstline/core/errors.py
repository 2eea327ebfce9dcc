"""Domain errors. The web layer turns each into an RFC 9457 problem document; the CLI into a
sentence and an exit code. Messages are written for the person who has to fix the input.

An error raised with `message=` names a message of the `errors` catalog
(`locales/<language>/errors.json`) and its arguments: its `detail` is the English sentence,
and `in_language()` the same sentence in the language the caller reads (the console asks for
its own with Accept-Language). An error raised with a sentence only is English everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class FirstlineError(Exception):
    status = 400
    title = "Bad request"

    def __init__(
        self,
        detail: str | None = None,
        /,
        *,
        message: str | None = None,
        args: Mapping[str, object] | None = None,
        **extra: Any,
    ) -> None:
        self.message = message
        self.arguments = dict(args or {})
        # A sentence given beside a message name is the English one (it may say more than
        # the catalog can, such as what the caller was doing).
        self.english = detail
        if detail is None:
            if message is None:
                raise TypeError("A FirstlineError needs a sentence or a message name.")
            detail = self.in_language("en")
        super().__init__(detail)
        self.detail = detail
        self.extra = extra

    def in_language(self, language: str) -> str:
        """The sentence in `language`, when the error names a catalog message; else as written."""
        if self.message is None or (language == "en" and self.english is not None):
            return self.detail
        from firstline.core.i18n import t  # the catalogs load on the first translated error

        return t(f"errors.{self.message}", language, **self.arguments)


class InvalidInput(FirstlineError):
    status = 422
    title = "Invalid input"


class NotFound(FirstlineError):
    status = 404
    title = "Not found"


class Forbidden(FirstlineError):
    status = 403
    title = "Forbidden"


class Conflict(FirstlineError):
    status = 409
    title = "Conflict"


class PayloadTooLarge(FirstlineError):
    status = 413
    title = "Payload too large"


class Unauthorized(FirstlineError):
    status = 401
    title = "Unauthorized"


class Unavailable(FirstlineError):
    """The request was sound but could not run now; nothing was written, and a retry may
    succeed (HTTP 503 with Retry-After)."""

    status = 503
    title = "Service unavailable"
