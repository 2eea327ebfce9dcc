"""A small backoffice for `firstline demo` and the tests: every action the built-in flows call,
over in-memory accounts, KYC states, withdrawals and deposits.

It checks signatures the way a real backoffice should (HMAC of the method, the action, the
timestamp, a nonce and the body; at most five minutes old; each nonce once; else 401), and
it enforces step-up verification itself: account changes, and any read for a customer who is
not signed in, need the token a checked one-time code gave.
One-time codes and reset links land in an outbox that `GET /outbox?email=...` shows, so a demo
user (and a test) can read the code that would have been emailed. Never run it for real
customers. Mount it anywhere (`app.mount("/demo-backoffice", create_demo_backoffice(secret))`):
it assumes no path of its own.
"""

from __future__ import annotations

import copy
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from firstline.flows.backoffice import (
    NONCE_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    NonceCache,
    signature_problem,
)

CODE_SECONDS = 600
TOKEN_SECONDS = 900
CODE_ATTEMPTS = 5
LOCK_HOURS = 24
RECENT_DAYS = 30

_ACCOUNTS: list[dict[str, Any]] = [
    {
        "user_id": "u_1001",
        "email": "linh@example.com",
        "name": "Linh Nguyen",
        "kyc": {"status": "approved", "level": 2},
        "two_factor": True,
    },
    {
        "user_id": "u_1002",
        "email": "marco@example.com",
        "name": "Marco Rossi",
        "kyc": {"status": "pending", "submitted_at": "2026-11-20"},
        "two_factor": True,
    },
    {
        "user_id": "u_1003",
        "email": "aisha@example.com",
        "name": "Aisha Rahman",
        "kyc": {"status": "rejected", "reason": "The photo of your ID document is blurred."},
        "two_factor": True,
    },
    {
        "user_id": "u_1004",
        "email": "kenji@example.com",
        "name": "Kenji Sato",
        "kyc": {"status": "not_started"},
        "two_factor": False,
    },
]
_WITHDRAWALS: list[dict[str, Any]] = [
    {
        "id": "w_5003", "user_id": "u_1001", "status": "stuck", "amount": "1.2", "token": "ETH",
        "network": "ETH", "created_at": "2026-11-22",
    },
    {
        "id": "w_5002", "user_id": "u_1001", "status": "pending", "amount": "0.05",
        "token": "BTC", "network": "BTC", "created_at": "2026-11-21", "eta_minutes": 30,
    },
    {
        "id": "w_5001", "user_id": "u_1001", "status": "completed", "amount": "250",
        "token": "USDT", "network": "TRON", "created_at": "2026-11-18",
        "completed_at": "2026-11-18 14:02 UTC",
        "tx_hash": "9f2c4be1a07d3e56c8b9a0f1e2d3c4b5a69788f0e1d2c3b4a5968778695a4b3c",
    },
    {
        "id": "w_5101", "user_id": "u_1003", "status": "stuck", "amount": "500", "token": "USDT",
        "network": "BSC", "created_at": "2026-11-23",
    },
]  # fmt: skip
_DEPOSITS: list[dict[str, Any]] = [
    {
        "user_id": "u_1001", "status": "credited", "network": "ETH", "token": "USDT",
        "amount": "500", "address": "0x8ba1f109551bd432803012645ac136ddd64dba72",
        "tx_hash": "0x4e3a3754410177e6937ef1f84bba68ea139e8d1a2258c5f85db9f1cd715a1bdd",
        "credited_at": "2026-11-21 09:15 UTC", "confirmations": 64, "required_confirmations": 64,
    },
    {
        "user_id": "u_1001", "status": "pending", "network": "BTC", "token": "BTC",
        "amount": "0.1", "address": "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
        "tx_hash": "a1075db55d416d3ca199f55b6084e2115b9345e16c5cf302fc80e9d5fbf5d48d",
        "confirmations": 1, "required_confirmations": 2,
    },
]  # fmt: skip


# Whose addresses are whose, for the recovery desk's `recovery_lookup`: each customer's own
# deposit addresses (EVM ones issued for the networks listed), a shared XRP address where the
# destination tag says whose deposit it is, and a wallet withdrawals leave from.
_ADDRESSES: list[dict[str, Any]] = [
    {"kind": "deposit", "user_id": "u_1001",
     "address": "0x8ba1f109551bd432803012645ac136ddd64dba72",
     "networks": ["ETH", "POLYGON", "ARBITRUM"]},
    {"kind": "deposit", "user_id": "u_1001", "address": "TN9RRaXkCFtTXRso2GdTZxSxxwufzxLQPP",
     "networks": ["TRON"]},
    {"kind": "deposit", "user_id": "u_1001",
     "address": "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "networks": ["BTC"]},
    {"kind": "deposit", "user_id": "u_1002",
     "address": "0x2f62f2b4c5fcd7570a709dec05d68ea19c82a9ec", "networks": ["ETH", "BSC"]},
    {"kind": "shared_deposit", "address": "rEb8TK3gBgk5auZkwc6sHnwrGVJH8DuaLh", "networks": ["XRP"],
     "memos": {"100234": "u_1001", "100235": "u_1002"}},
    {"kind": "hot_wallet", "address": "0x28c6c06298d514db089934071355e5743bf21d60",
     "networks": ["ETH", "BSC", "POLYGON", "ARBITRUM"]},
]  # fmt: skip


class Refused(Exception):
    def __init__(self, status: int, error: str) -> None:
        self.status = status
        self.error = error


@dataclass
class DemoBackoffice:
    """The demo's data and what happened to it (tests read it to see an account change)."""

    clock: Callable[[], float] = time.time
    accounts: list[dict[str, Any]] = field(default_factory=list)
    withdrawals: list[dict[str, Any]] = field(default_factory=list)
    deposits: list[dict[str, Any]] = field(default_factory=list)
    addresses: list[dict[str, Any]] = field(default_factory=list)
    outbox: list[dict[str, Any]] = field(default_factory=list)
    verifications: dict[str, dict[str, Any]] = field(default_factory=dict)
    tokens: dict[str, dict[str, Any]] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """Back to the seed data, with an empty outbox."""
        self.accounts = copy.deepcopy(_ACCOUNTS)
        self.withdrawals = copy.deepcopy(_WITHDRAWALS)
        self.deposits = copy.deepcopy(_DEPOSITS)
        self.addresses = copy.deepcopy(_ADDRESSES)
        self.outbox.clear()
        self.verifications.clear()
        self.tokens.clear()
        self.calls.clear()

    def account(self, user_id: str) -> dict[str, Any]:
        return next(a for a in self.accounts if a["user_id"] == user_id)

    def codes_for(self, email: str) -> list[str]:
        return [m["code"] for m in self.outbox if m["to"] == email and "code" in m]

    # -- the rules every action shares ----------------------------------------------------

    def _find(self, customer: Any) -> dict[str, Any] | None:
        if not isinstance(customer, dict):
            return None
        user_id, email = customer.get("external_user_id"), customer.get("email")
        for a in self.accounts:
            if (user_id and a["user_id"] == user_id) or (
                not user_id and isinstance(email, str) and a["email"] == email.lower()
            ):
                return a
        return None

    def _customer(self, body: dict[str, Any]) -> dict[str, Any]:
        found = self._find(body.get("customer"))
        if found is None:
            raise Refused(404, "account_not_found")
        return found

    def _verified(self, body: dict[str, Any], account: dict[str, Any]) -> None:
        token = self.tokens.get(str(body.get("verification_token") or ""))
        if (
            token is None
            or token["user_id"] != account["user_id"]
            or token["expires"] < self.clock()
        ):
            raise Refused(403, "verification_required")

    def _reader(self, body: dict[str, Any]) -> dict[str, Any]:
        """The account to read from; a customer who is not signed in must have verified."""
        account = self._customer(body)
        if not (body.get("customer") or {}).get("external_user_id"):
            self._verified(body, account)
        return account

    # -- actions --------------------------------------------------------------------------

    def send_verification_code(self, body: dict[str, Any]) -> dict[str, Any]:
        account = self._find(body.get("customer"))
        verification_id = "v_" + secrets.token_hex(8)
        typed = str((body.get("customer") or {}).get("email") or "")
        destination = account["email"] if account else typed
        # An unknown email gets a verification no code passes (and the same attempts), so
        # neither this answer nor the next ones tell who has an account.
        code = f"{secrets.randbelow(10**6):06d}" if account else None
        self.verifications[verification_id] = {
            "user_id": account["user_id"] if account else None,
            "code": code,
            "attempts_left": CODE_ATTEMPTS,
            "expires": self.clock() + CODE_SECONDS,
        }
        if account is not None:
            self.outbox.append(
                {"to": account["email"], "subject": "Your verification code", "code": code}
            )
        return {
            "sent": True,
            "verification_id": verification_id,
            "destination_hint": _mask(destination),
            "expires_in_seconds": CODE_SECONDS,
        }

    def check_verification_code(self, body: dict[str, Any]) -> dict[str, Any]:
        record = self.verifications.get(str(body.get("verification_id")))
        if record is None or record["expires"] < self.clock():
            return {"valid": False, "attempts_left": 0}
        if record["code"] is None or not secrets.compare_digest(
            str(body.get("code", "")), record["code"]
        ):
            record["attempts_left"] -= 1
            if record["attempts_left"] <= 0:
                del self.verifications[str(body.get("verification_id"))]
            return {"valid": False, "attempts_left": max(record["attempts_left"], 0)}
        del self.verifications[str(body.get("verification_id"))]
        token = "vt_" + secrets.token_urlsafe(24)
        self.tokens[token] = {
            "user_id": record["user_id"],
            "expires": self.clock() + TOKEN_SECONDS,
        }
        return {"valid": True, "verification_token": token, "expires_in_seconds": TOKEN_SECONDS}

    def send_password_reset(self, body: dict[str, Any]) -> dict[str, Any]:
        account = self._customer(body)
        self._verified(body, account)
        account["password_reset_requested"] = True
        link = "https://exchange.example/reset/" + secrets.token_urlsafe(16)
        self.outbox.append({"to": account["email"], "subject": "Reset your password", "link": link})
        return {"sent": True, "expires_minutes": 30}

    def reset_two_factor(self, body: dict[str, Any]) -> dict[str, Any]:
        account = self._customer(body)
        self._verified(body, account)
        if account["kyc"]["status"] != "approved":
            # Without a verified identity a person must look first.
            return {"status": "review"}
        account["two_factor"] = False
        account["withdrawals_locked_hours"] = LOCK_HOURS
        return {"status": "done", "withdrawals_locked_hours": LOCK_HOURS}

    def get_kyc_status(self, body: dict[str, Any]) -> dict[str, Any]:
        return dict(self._reader(body)["kyc"])

    def list_withdrawals(self, body: dict[str, Any]) -> dict[str, Any]:
        account = self._reader(body)
        mine = [
            {k: v for k, v in w.items() if k != "user_id"}
            for w in self.withdrawals
            if w["user_id"] == account["user_id"]
        ]
        return {"days": RECENT_DAYS, "withdrawals": mine}

    def reset_withdrawal(self, body: dict[str, Any]) -> dict[str, Any]:
        account = self._customer(body)
        self._verified(body, account)
        wanted = str((body.get("args") or {}).get("withdrawal_id"))
        withdrawal = next(
            (
                w
                for w in self.withdrawals
                if w["id"] == wanted and w["user_id"] == account["user_id"]
            ),
            None,
        )
        if withdrawal is None:
            raise Refused(404, "withdrawal_not_found")
        if withdrawal["status"] != "stuck":
            raise Refused(409, "withdrawal_not_stuck")
        withdrawal.update(status="pending", eta_minutes=30)
        return {"id": withdrawal["id"], "status": "pending", "eta_minutes": 30}

    def find_deposit(self, body: dict[str, Any]) -> dict[str, Any]:
        account = self._reader(body)
        args = body.get("args") or {}
        wanted = str(args.get("tx_hash") or "").lower()
        for d in self.deposits:
            if d["user_id"] == account["user_id"] and d["tx_hash"].lower() == wanted:
                return {k: v for k, v in d.items() if k != "user_id"}
        return {"status": "unknown"}

    def recovery_lookup(self, body: dict[str, Any]) -> dict[str, Any]:
        """For the recovery desk: who owns each address asked about, and whether the
        transaction was credited (to whom). The desk calls it as itself, not for a customer."""
        found: dict[str, Any] = {}
        for asked in body.get("addresses") or []:
            address = str(asked.get("address") or "")
            found[address] = self._owner(address, asked.get("memo"))
        wanted = str(body.get("tx_hash") or "").lower()
        deposit = next(
            (d for d in self.deposits
             if d["tx_hash"].lower() == wanted and d["status"] == "credited"),
            None,
        )  # fmt: skip
        credited = None
        if deposit is not None:
            account = self.account(deposit["user_id"])
            credited = {
                "status": "credited", "credited_at": deposit["credited_at"],
                "account": "Spot wallet", "external_user_id": account["user_id"],
                "email": account["email"],
            }  # fmt: skip
        return {"addresses": found, "deposit": credited}

    def _owner(self, address: str, memo: Any) -> dict[str, Any] | None:
        def same(a: str) -> bool:
            return a.lower() == address.lower() if a.startswith("0x") else a == address

        entry = next((a for a in self.addresses if same(a["address"])), None)
        if entry is None:
            return None
        out: dict[str, Any] = {"kind": entry["kind"], "networks": entry["networks"]}
        if entry["kind"] == "deposit":
            account = self.account(entry["user_id"])
            out.update(external_user_id=account["user_id"], email=account["email"])
        elif entry["kind"] == "shared_deposit":
            user_id = entry["memos"].get(str(memo or ""))
            owner = self.account(user_id) if user_id else None
            out["memo_owner"] = (
                {"external_user_id": owner["user_id"], "email": owner["email"]}
                if owner else None
            )  # fmt: skip
        return out


def _mask(email: str) -> str:
    name, _, domain = email.partition("@")
    if not domain:
        return "***"
    return f"{name[:1]}***@{domain}"


def create_demo_backoffice(secret: str, *, clock: Callable[[], float] = time.time) -> FastAPI:
    """The demo backoffice as an ASGI app; its data is `app.state.backoffice`."""
    app = FastAPI(title="Firstline demo backoffice", docs_url=None, redoc_url=None)
    data = DemoBackoffice(clock=clock)
    app.state.backoffice = data
    nonces = NonceCache()
    actions: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
        name: getattr(data, name)
        for name in (
            "send_verification_code",
            "check_verification_code",
            "send_password_reset",
            "reset_two_factor",
            "get_kyc_status",
            "list_withdrawals",
            "reset_withdrawal",
            "find_deposit",
            "recovery_lookup",
        )
    }

    @app.post("/{action}")
    async def call(action: str, request: Request) -> JSONResponse:
        raw = await request.body()
        problem = signature_problem(
            secret,
            action=action,  # the route it came to: a signature for another action fails
            timestamp=request.headers.get(TIMESTAMP_HEADER),
            nonce=request.headers.get(NONCE_HEADER),
            signature=request.headers.get(SIGNATURE_HEADER),
            body=raw,
            now=clock(),
            nonces=nonces,
            method=request.method,
        )
        if problem is not None:
            return JSONResponse({"error": "bad_signature", "detail": problem}, status_code=401)
        handler = actions.get(action)
        if handler is None:
            return JSONResponse({"error": "unknown_action"}, status_code=404)
        try:
            body = orjson.loads(raw)
        except orjson.JSONDecodeError:
            return JSONResponse({"error": "bad_json"}, status_code=400)
        if not isinstance(body, dict):
            return JSONResponse({"error": "bad_json"}, status_code=400)
        data.calls.append(action)
        try:
            return JSONResponse(handler(body))
        except Refused as exc:
            return JSONResponse({"error": exc.error}, status_code=exc.status)

    @app.get("/outbox")
    async def outbox(email: str) -> dict[str, Any]:
        """What the demo would have emailed to `email` (codes, reset links), newest last."""
        return {"messages": [m for m in data.outbox if m["to"] == email.strip().lower()]}

    @app.get("/")
    async def accounts() -> dict[str, Any]:
        """The demo accounts, to try the flows with."""
        return {
            "accounts": [
                {"user_id": a["user_id"], "email": a["email"], "kyc": a["kyc"]["status"]}
                for a in data.accounts
            ]
        }

    return app
