"""Agents' console passwords: argon2id hashing off the event loop, and what a password may be.

argon2 is slow on purpose (about a third of a second of CPU per check). Run on the event loop,
a handful of sign-ins with wrong passwords stalls every request of the process, so each hash
and check runs in a small thread pool (argon2-cffi releases the GIL while it works). The pool
has one thread per core and a short queue in front: when the queue is full the check is
refused at once (`PasswordChecksBusy`, a 503 with Retry-After) instead of letting requests pile
up behind it; the sign-in throttles (agents/signin.py) refuse most attackers before they get
here.

A new password must be at least MIN_PASSWORD_LENGTH characters long, must not be one of the
common passwords shipped in `common_passwords.txt` (nor one of them with digits or symbols
added at the end) and must not contain the name part of the agent's e-mail address.
"""

from __future__ import annotations

import asyncio
import os
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from importlib.resources import files
from typing import TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from firstline.core.errors import InvalidInput, Unavailable

_hasher = PasswordHasher()

MIN_PASSWORD_LENGTH = 12
# Local parts shorter than this ("al", "bob") occur in too many good passwords to refuse them.
MIN_LOCAL_PART = 4

T = TypeVar("T")


class PasswordChecksBusy(Unavailable):
    """More password checks are waiting than the pool's queue holds."""

    def __init__(self) -> None:
        super().__init__(
            "Too many sign-ins are being checked right now; try again in a moment.",
            message="password_checks_busy",
        )


class PasswordPool:
    """At most `workers` argon2 computations at once, and at most `queue` more waiting."""

    def __init__(self, workers: int, queue: int) -> None:
        self.workers = max(1, workers)
        self.limit = self.workers + max(0, queue)
        self.in_flight = 0
        self._executor = ThreadPoolExecutor(self.workers, thread_name_prefix="argon2")

    async def run(self, work: Callable[[], T]) -> T:
        # Counted on the event loop's thread only, so a plain integer is enough.
        if self.in_flight >= self.limit:
            raise PasswordChecksBusy()
        self.in_flight += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(self._executor, work)
        finally:
            self.in_flight -= 1


_pool = PasswordPool(os.cpu_count() or 1, 4 * (os.cpu_count() or 1))


def configure_pool(workers: int | None, queue: int | None) -> PasswordPool:
    """Size the pool (the server does it from its settings at start; None keeps the default
    of one worker per core and four waiting per worker)."""
    global _pool
    workers = workers or os.cpu_count() or 1
    queue = 4 * workers if queue is None else queue
    # Apps made one after another (tests, workers) share the pool when the sizes agree.
    if (_pool.workers, _pool.limit) != (max(1, workers), max(1, workers) + max(0, queue)):
        _pool = PasswordPool(workers, queue)
    return _pool


def password_pool() -> PasswordPool:
    return _pool


def hash_password_blocking(password: str) -> str:
    """Only for code that runs outside the event loop (the CLI, migrations)."""
    return str(_hasher.hash(password))


def verify_password_blocking(password_hash: str, password: str) -> bool:
    try:
        return bool(_hasher.verify(password_hash, password))
    except (VerificationError, InvalidHashError):
        return False


async def hash_password(password: str) -> str:
    return await _pool.run(lambda: hash_password_blocking(password))


async def verify_password(password_hash: str, password: str) -> bool:
    return await _pool.run(lambda: verify_password_blocking(password_hash, password))


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hash_password_blocking("no agent has this password: it only spends time")


async def spend_like_a_check(password: str) -> None:
    """Verify against a made-up hash: an unknown e-mail costs as long as a wrong password, so
    response times do not reveal which accounts exist."""
    await verify_password(_dummy_hash(), password)


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    text = (files("firstline.agents") / "common_passwords.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


_TRAILING = re.compile(r"[\d\W_]+$")
_LEADING = re.compile(r"^[\d\W_]+")


def _variants(password: str) -> set[str]:
    """The password as people decorate a common one: case, digits and symbols around it,
    spaces or dashes between its words."""
    lowered = password.lower().strip()
    out = {lowered, _TRAILING.sub("", lowered), _LEADING.sub("", _TRAILING.sub("", lowered))}
    out |= {re.sub(r"[\s\-_.]+", "", v) for v in list(out)}
    return {v for v in out if v}


def password_problem(password: str, email: str | None = None) -> InvalidInput | None:
    """Why `password` may not be used (None when it may)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return InvalidInput(
            f"The password must be at least {MIN_PASSWORD_LENGTH} characters long.",
            message="password_too_short",
            args={"min": MIN_PASSWORD_LENGTH},
        )
    common = common_passwords()
    lowered = password.lower()
    if _variants(password) & common or len(set(lowered)) <= 2:
        return InvalidInput(
            "This password is on the list of common passwords attackers try first; choose "
            "another (a few unrelated words make a good one).",
            message="password_common",
        )
    local = (email or "").split("@", 1)[0].lower()
    if len(local) >= MIN_LOCAL_PART and local in re.sub(r"[\s]+", "", lowered):
        return InvalidInput(
            "The password must not contain the name of your e-mail address.",
            message="password_has_email",
        )
    return None


def check_new_password(password: str, email: str | None = None) -> None:
    problem = password_problem(password, email)
    if problem is not None:
        raise problem
