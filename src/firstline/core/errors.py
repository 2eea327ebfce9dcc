"""Domain errors. The web layer turns each into an RFC 9457 problem document; the CLI into a
sentence and an exit code. Messages are written for the person who has to fix the input."""

from __future__ import annotations

from typing import Any


class FirstlineError(Exception):
    status = 400
    title = "Bad request"

    def __init__(self, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra


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


class Unauthorized(FirstlineError):
    status = 401
    title = "Unauthorized"


class Unavailable(FirstlineError):
    """The request was sound but could not run now; nothing was written, and a retry may
    succeed (HTTP 503 with Retry-After)."""

    status = 503
    title = "Service unavailable"
