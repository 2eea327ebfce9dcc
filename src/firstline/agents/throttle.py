"""Sign-in throttles that slow attackers down without letting them lock a person out.

Locking an account after N wrong passwords lets anyone who knows an e-mail address keep its
owner out. Instead three limits are counted over the failures of the last `window`, in the
database, so that they hold across every server process:

- per address: an address (the client's IP) with `per_address` failures, whatever the
  accounts, waits until the oldest leaves the window (password spraying from one place);
- per account and address: after `pair_free` failures for one account from one address, each
  further try waits twice as long as the last (2 s, 4 s, 8 s ... at most `pair_max_delay`);
- per account: `per_account` failures for one account from anywhere (a botnet guessing one
  person's password) hold sign-ins to it back, but only for browsers that have not signed in
  to it before. A browser that has carries a signed device cookie (web/console.py), so the
  person keeps signing in from their usual browser while the guessing is held back.

A refusal costs one small query and no password check, so being throttled is cheap for the
server. Successes clear the (account, address) count.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from firstline.core.db import parse_utc
from firstline.core.rawsql import SQL, RawConnection


@dataclass(frozen=True, slots=True)
class ThrottlePolicy:
    window: timedelta = timedelta(minutes=15)
    per_address: int = 30
    per_account: int = 10
    pair_free: int = 3
    pair_max_delay: timedelta = timedelta(minutes=15)


def account_key(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


_COUNTS = SQL(
    "SELECT "
    "(SELECT COUNT(*) FROM sign_in_failures WHERE address = $1 AND occurred_at > $3), "
    "(SELECT MIN(occurred_at) FROM sign_in_failures WHERE address = $1 AND occurred_at > $3), "
    "(SELECT COUNT(*) FROM sign_in_failures "
    " WHERE account = $2 AND address = $1 AND occurred_at > $3), "
    "(SELECT MAX(occurred_at) FROM sign_in_failures "
    " WHERE account = $2 AND address = $1 AND occurred_at > $3), "
    "(SELECT COUNT(*) FROM sign_in_failures WHERE account = $2 AND occurred_at > $3), "
    "(SELECT MIN(occurred_at) FROM sign_in_failures WHERE account = $2 AND occurred_at > $3)"
)
_RECORD = SQL("INSERT INTO sign_in_failures (occurred_at, address, account) VALUES ($1, $2, $3)")
_EXPIRE = SQL("DELETE FROM sign_in_failures WHERE occurred_at < $1")
_FORGET = SQL("DELETE FROM sign_in_failures WHERE account = $1 AND address = $2")


@dataclass(frozen=True, slots=True)
class Throttled:
    """Why a sign-in must wait, and for how many seconds."""

    limit: str  # "address", "account_address" or "account"
    retry_after: int


def _at(value: datetime | str) -> datetime:
    return parse_utc(value) if isinstance(value, str) else value  # SQLite stores text


def _seconds(delta: timedelta) -> int:
    return max(1, int(delta.total_seconds() + 0.999))


async def throttled(
    raw: RawConnection,
    at: datetime,
    *,
    address: str,
    account: str,
    known_device: bool,
    policy: ThrottlePolicy,
) -> Throttled | None:
    """Whether a sign-in to `account` from `address` must wait now (None: go ahead)."""
    since = raw.ts(at - policy.window)
    row = await raw.fetchone(_COUNTS, address, account, since)
    by_address, address_oldest, pair, pair_last, by_account, account_oldest = row
    if int(by_address) >= policy.per_address:
        until = _at(address_oldest) + policy.window
        return Throttled("address", _seconds(until - at))
    if int(pair) >= policy.pair_free:
        delay = min(
            timedelta(seconds=2 ** (int(pair) - policy.pair_free + 1)), policy.pair_max_delay
        )
        until = _at(pair_last) + delay
        if until > at:
            return Throttled("account_address", _seconds(until - at))
    if not known_device and int(by_account) >= policy.per_account:
        until = _at(account_oldest) + policy.window
        return Throttled("account", _seconds(until - at))
    return None


async def record_failure(
    raw: RawConnection, at: datetime, *, address: str, account: str, policy: ThrottlePolicy
) -> None:
    await raw.execute(_EXPIRE, raw.ts(at - policy.window))
    await raw.execute(_RECORD, raw.ts(at), address, account)


async def forget_failures(raw: RawConnection, *, address: str, account: str) -> None:
    await raw.execute(_FORGET, account, address)
