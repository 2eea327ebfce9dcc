"""Rate limits the public pages share (the recovery form, the request form, password reset):
one limiter per name and app, shared through Redis when the deployment has it."""

from __future__ import annotations

from typing import Any

from firstline.core.ratelimit import Limiter, limiter
from firstline.core.secrets import instance_secret
from firstline.core.settings import Settings


async def app_limiter(app: Any, name: str, rate: float, burst: int) -> Limiter:
    """This app's limiter called `name`, made on first use. Per app, not per module: a
    module-wide bucket would be shared by every app in the process (the tests make many)."""
    made: dict[str, Limiter] | None = getattr(app.state, "limiters", None)
    if made is None:
        made = app.state.limiters = {}
    found = made.get(name)
    if found is None:
        settings: Settings = app.state.settings
        key = await instance_secret(app.state.db, "cookie_key", settings.secret_key)
        found = made[name] = limiter(name, rate, burst, settings.redis_url, key)
    return found
