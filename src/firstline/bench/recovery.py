"""The deposit-recovery desk under load: `firstline bench recovery`.

Chain. There is no chain node on a benchmark machine, so the server reads recorded chain data
(FIRSTLINE_RECOVERY_RECORDED, the format of firstline/recovery/chains/recorded.py): a file
this module writes, with 20,000 synthetic transactions (`TRANSACTIONS`, more when the run
needs more) on ETH, BSC, TRON and XRP. The company's books are the demo backoffice mounted in
the same server (FIRSTLINE_DEMO_BACKOFFICE), whose `recovery_lookup` knows the deposit
addresses of its customers u_1001 and u_1002, a shared XRP address with destination tags and a
hot wallet. So a diagnosis does what it does in production, over real HTTP: a lookup in the
claimed network's adapter (and in its siblings when the hash is not there), one signed call
to the backoffice, the contract check, the rules, then the case's transaction.

Claims. Each transaction is written for one kind of claim (`KINDS`: a correct deposit not
credited, a deposit on the wrong network, an unlisted token, below the minimum, a missing or
wrong XRP tag, a hash on no chain, unconfirmed, reverted, someone else's address, a contract,
a withdrawal...), in the proportions of `Kind.weight`, and each kind says which cause and
state the desk must find. Every answer is checked against that: a run whose diagnoses differ
fails (`misdiagnosed`), as the surge fails on an unaccounted breach.

Per table size (`--sizes`, 2,000 and 200,000 cases by default), on a fresh database:

1. Pre-fill. `size` cases are written straight to recovery_cases (executemany on SQLite,
   COPY on PostgreSQL, then ANALYZE, as bench/loader.py does for conversations): six months
   of cases, ids in time order, most older ones closed, a few left open past their SLA, the
   last week's spread over every state; every column the desk writes, NOT NULL or not.
2. The server starts with the recorded chain and the demo backoffice; the support matrix is
   stored with PUT /api/v1/recovery/matrix (firstline.demo.recovery.demo_matrix); a few
   unmeasured claims and reads warm it.
3. The queue, one request at a time: GET /api/v1/recovery/cases with each filter of
   `FILTERS`, the first page (limit 50) `--requests`/10 times, then the cursor chain followed
   up to `DEEP_PAGES` pages in (each page timed once) and the page reached fetched as often
   as the first. Then GET /recovery/report, a fifth as often (it aggregates the whole table:
   expected to grow with it).
4. The SQL of each queue read, the per-page state counts and the report, run in this process
   against the same database: their time alone, and the plan the database chose (EXPLAIN),
   so that a page that grows with the table says why.
5. Opening cases: `--requests` claims with POST /api/v1/recovery/cases at each concurrency
   (8 unless given), distinct transactions; client-side latency (the recovery routes send no
   Server-Timing header).
6. Bulk moves: the approved cases just opened go to recovering, then to credited, with
   POST /api/v1/recovery/cases/bulk, `BULK` cases a request.
"""

from __future__ import annotations

import asyncio
import hashlib
import random
import secrets
import sqlite3
import time
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import event
from sqlalchemy.engine import make_url

from firstline.bench.client import Connection, Outcome, percentile, run_load
from firstline.bench.loader import connect_postgresql
from firstline.bench.server import Server, bootstrap, durability, free_port, prepare_database
from firstline.recovery.models import RecoveryCase

TRANSACTIONS = 20_000
DEEP_PAGES = 100
PAGE = 50
BULK = 100
WARM_CLAIMS = 20
MAX_SECONDS = 600.0  # per measured load: the run stops by itself
# What the team asks the queue for: (label, query string).
FILTERS = [
    ("no filter", ""),
    ("state=approved", "state=approved"),
    ("network=BSC&state=recovering", "network=BSC&state=recovering"),
    ("overdue=true", "overdue=true"),
    ("cause=below_minimum", "cause=below_minimum"),
]

# The demo backoffice's books (firstline/demo/backoffice.py).
U1001, U1002 = "u_1001", "u_1002"
A1001 = "0x8ba1f109551bd432803012645ac136ddd64dba72"  # u_1001: ETH, POLYGON, ARBITRUM
A1002 = "0x2f62f2b4c5fcd7570a709dec05d68ea19c82a9ec"  # u_1002: ETH, BSC
T1001 = "TN9RRaXkCFtTXRso2GdTZxSxxwufzxLQPP"  # u_1001: TRON
XRP_SHARED = "rEb8TK3gBgk5auZkwc6sHnwrGVJH8DuaLh"  # tag 100234 is u_1001, 100235 u_1002
HOT_WALLET = "0x28c6c06298d514db089934071355e5743bf21d60"
# Tokens of the demo matrix (firstline/demo/recovery.py).
USDT = {
    "ETH": ("0xdac17f958d2ee523a2206206994597c13d831ec7", 6),
    "BSC": ("0x55d398326f99059ff775485246999027b3197955", 18),
    "TRON": ("TR7NHqjeKQxGTCi8q8ZvfGyQm2tjRmVvPd", 6),
}
CONTRACTS = [f"0x{hashlib.sha256(f'contract-{n}'.encode()).hexdigest()[:40]}" for n in range(8)]
LANGUAGES = ["en", "vi", "id", "ru", "zh-CN", "es", "tr", "ja"]
SERVER_ENV = {
    "FIRSTLINE_DEMO_BACKOFFICE": "true",
    "FIRSTLINE_RECOVERY_CHAINS": "",
    "FIRSTLINE_BOT": "false",
    "FIRSTLINE_LLM_BASE_URL": "",
}


@dataclass(frozen=True)
class Kind:
    name: str
    weight: int
    cause: str  # what the diagnosis must find
    state: str  # where the case must start
    found_network: str | None = None  # where the transaction really is, when not claimed


KINDS = [
    Kind("usdt_not_credited", 18, "not_credited", "approved"),
    Kind("wrong_network", 12, "wrong_network", "awaiting_customer", "BSC"),
    Kind("bnb_not_credited", 6, "not_credited", "approved"),
    Kind("found_on_sibling", 6, "not_credited", "approved", "BSC"),
    Kind("unlisted_token", 8, "unlisted_token", "awaiting_customer"),
    Kind("below_minimum", 4, "below_minimum", "awaiting_customer"),
    Kind("not_found", 10, "not_found", "rejected"),
    Kind("unconfirmed", 6, "unconfirmed", "rejected"),
    Kind("failed", 2, "failed", "rejected"),
    Kind("stranger", 6, "not_own_address", "rejected"),
    Kind("other_customer", 3, "not_own_address", "rejected"),
    Kind("withdrawal", 2, "withdrawal", "rejected"),
    Kind("to_contract", 2, "sent_to_contract", "rejected"),
    Kind("tron_not_credited", 8, "not_credited", "approved"),
    Kind("xrp_not_credited", 3, "not_credited", "approved"),
    Kind("xrp_missing_tag", 2, "missing_memo", "awaiting_customer"),
    Kind("xrp_wrong_tag", 2, "wrong_memo", "awaiting_customer"),
]
BY_NAME = {k.name: k for k in KINDS}


@dataclass(frozen=True)
class Claim:
    kind: str
    body: dict[str, Any]  # what POST /recovery/cases takes

    @property
    def tx_hash(self) -> str:
        return str(self.body["tx_hash"])


def _hex(seed: str, n: int, length: int = 64) -> str:
    return hashlib.sha256(f"{seed}-{n}".encode()).hexdigest()[:length]


def _tx(network: str, tx_hash: str, sender: str, to: str | None, *transfers: dict[str, Any],
        confirmations: int = 500, succeeded: bool = True,
        memo: str | None = None) -> dict[str, Any]:  # fmt: skip
    return {
        "network": network, "tx_hash": tx_hash, "confirmations": confirmations,
        "block_time": "2026-11-23T08:00:00+00:00", "sender": sender, "to": to, "memo": memo,
        "succeeded": succeeded, "transfers": list(transfers),
    }  # fmt: skip


def _transfer(sender: str, recipient: str, contract: str | None, amount: str,
              decimals: int) -> dict[str, Any]:  # fmt: skip
    return {"sender": sender, "recipient": recipient, "contract": contract, "amount": amount,
            "decimals": decimals}  # fmt: skip


def make_claim(kind: str, n: int, seed: int) -> tuple[Claim, dict[str, Any] | None]:
    """Claim number `n` of `kind`, and the transaction recorded for it (None: on no chain)."""
    rng = random.Random(f"{seed}-{n}")
    evm = "0x" + _hex(f"tx{seed}", n)
    sender = "0x" + _hex(f"sender{seed}", n, 40)
    amount = f"{rng.randint(20, 5000)}.{rng.randint(0, 99):02d}"
    language = LANGUAGES[n % len(LANGUAGES)]

    def claim(network: str, token: str, tx_hash: str, address: str, user: str = U1001,
              memo: str | None = None, claimed: str | None = amount) -> Claim:  # fmt: skip
        body = {"network": network, "token": token, "tx_hash": tx_hash, "address": address,
                "amount": claimed, "external_user_id": user, "language": language}  # fmt: skip
        if memo is not None:
            body["memo"] = memo
        return Claim(kind, body)

    def usdt(network: str, recipient: str, value: str = amount) -> dict[str, Any]:
        contract, decimals = USDT[network]
        return _transfer(sender, recipient, contract, value, decimals)

    if kind == "usdt_not_credited":
        tx = _tx("ETH", evm, sender, USDT["ETH"][0], usdt("ETH", A1001))
        return claim("ETH", "USDT", evm, A1001), tx
    if kind == "wrong_network":  # chose ETH on the deposit page, sent on BSC
        tx = _tx("BSC", evm, sender, USDT["BSC"][0], usdt("BSC", A1001))
        return claim("ETH", "USDT", evm, A1001), tx
    if kind == "bnb_not_credited":
        coin = f"0.{rng.randint(10, 99)}"
        tx = _tx("BSC", evm, sender, A1002, _transfer(sender, A1002, None, coin, 18))
        return claim("BSC", "BNB", evm, A1002, U1002, claimed=coin), tx
    if kind == "found_on_sibling":  # u_1002's address is issued for BSC too: only mislabelled
        tx = _tx("BSC", evm, sender, USDT["BSC"][0], usdt("BSC", A1002))
        return claim("ETH", "USDT", evm, A1002, U1002), tx
    if kind == "unlisted_token":
        contract = "0x" + _hex("token", n % 50, 40)
        tx = _tx("ETH", evm, sender, contract, _transfer(sender, A1001, contract, amount, 18))
        return claim("ETH", "PEPE", evm, A1001), tx
    if kind == "below_minimum":
        tx = _tx("ETH", evm, sender, A1001, _transfer(sender, A1001, None, "0.0005", 18))
        return claim("ETH", "ETH", evm, A1001, claimed="0.0005"), tx
    if kind == "not_found":
        return claim("ETH", "USDT", evm, A1001), None
    if kind == "unconfirmed":
        tx = _tx("ETH", evm, sender, USDT["ETH"][0], usdt("ETH", A1001), confirmations=10)
        return claim("ETH", "USDT", evm, A1001), tx
    if kind == "failed":
        tx = _tx("ETH", evm, sender, USDT["ETH"][0], usdt("ETH", A1001), succeeded=False)
        return claim("ETH", "USDT", evm, A1001), tx
    if kind == "stranger":
        stranger = "0x" + _hex(f"stranger{seed}", n, 40)
        tx = _tx("ETH", evm, sender, USDT["ETH"][0], usdt("ETH", stranger))
        return claim("ETH", "USDT", evm, stranger), tx
    if kind == "other_customer":
        tx = _tx("ETH", evm, sender, USDT["ETH"][0], usdt("ETH", A1002))
        return claim("ETH", "USDT", evm, A1002), tx
    if kind == "withdrawal":
        tx = _tx("ETH", evm, HOT_WALLET, USDT["ETH"][0],
                 _transfer(HOT_WALLET, A1001, USDT["ETH"][0], amount, 6))  # fmt: skip
        return claim("ETH", "USDT", evm, A1001), tx
    if kind == "to_contract":
        contract = CONTRACTS[n % len(CONTRACTS)]
        tx = _tx("ETH", evm, sender, USDT["ETH"][0], usdt("ETH", contract))
        return claim("ETH", "USDT", evm, contract), tx
    if kind == "tron_not_credited":
        tron = _hex(f"tron{seed}", n)
        tx = _tx("TRON", tron, "TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC", USDT["TRON"][0],
                 _transfer("TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC", T1001, USDT["TRON"][0],
                           amount, 6))  # fmt: skip
        return claim("TRON", "USDT", tron, T1001), tx
    xrp = _hex(f"xrp{seed}", n).upper()
    tag = {"xrp_not_credited": "100234", "xrp_missing_tag": None, "xrp_wrong_tag": "100235"}[kind]
    payer = "rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY"
    tx = _tx("XRP", xrp, payer, XRP_SHARED, _transfer(payer, XRP_SHARED, None, amount, 6),
             memo=tag)  # fmt: skip
    return claim("XRP", "XRP", xrp, XRP_SHARED, memo="100234"), tx


def claims(count: int, seed: int) -> tuple[list[Claim], list[dict[str, Any]]]:
    """`count` claims in the proportions of KINDS (deterministic for a seed), and the
    transactions the chain file records for them."""
    rng = random.Random(seed)
    kinds = rng.choices([k.name for k in KINDS], [k.weight for k in KINDS], k=count)
    out: list[Claim] = []
    txs: list[dict[str, Any]] = []
    for n, kind in enumerate(kinds):
        claim, tx = make_claim(kind, n, seed)
        out.append(claim)
        if tx is not None:
            txs.append(tx)
    return out, txs


def write_chain(path: Path, txs: list[dict[str, Any]]) -> None:
    path.write_bytes(orjson.dumps({"transactions": txs, "contracts": {"ETH": CONTRACTS}}))


# -- pre-filling the table -------------------------------------------------------------------

_DIAGNOSIS: dict[str, Any] = {
    "notes": [],
    "credited_at": None,
    "credited_account": None,
    "fee_percent": "5",
    "fee_minimum": "5",
    "fee_maximum": "500",
}
_SLA_HOURS = {"submitted": 4, "diagnosing": 48, "approved": 24, "recovering": 72}
_NETWORKS = {"ETH": 30, "BSC": 25, "TRON": 25, "XRP": 8, "POLYGON": 6, "SOL": 3, "BTC": 3}
# The last week's cases are in every state; older ones are closed but for a few stragglers,
# left open past their SLA (overdue).
RECENT = timedelta(days=7)
_RECENT_STATES = {
    "submitted": 3, "diagnosing": 10, "awaiting_customer": 20, "approved": 20,
    "recovering": 15, "credited": 15, "rejected": 17,
}  # fmt: skip
_STRAGGLERS = ["approved", "recovering", "diagnosing", "submitted"]
STRAGGLER_SHARE = 0.004
_RECOVERABLE = ["not_credited", "wrong_network", "unlisted_token", "below_minimum",
                "missing_memo", "wrong_memo"]  # fmt: skip
_REFUSED = ["not_found", "unconfirmed", "not_own_address", "sent_to_contract", "failed",
            "withdrawal", "credited"]  # fmt: skip
SPAN = timedelta(days=180)


def _case(n: int, rng: random.Random, created: datetime, recent: bool) -> dict[str, Any]:
    """One case as the desk would have written it by now, datetimes and flags as Python
    values: every column of RecoveryCase but the id (case_rows reads them by the model's
    column names, so a column added to the model and not here stops the pre-fill)."""
    if recent:
        state = rng.choices(list(_RECENT_STATES), list(_RECENT_STATES.values()))[0]
    else:
        r = rng.random()
        straggler = r < STRAGGLER_SHARE
        state = rng.choice(_STRAGGLERS) if straggler else "credited" if r < 0.52 else "rejected"
    network = rng.choices(list(_NETWORKS), list(_NETWORKS.values()))[0]
    if state == "submitted":
        cause = "unchecked"
    elif state == "rejected" and rng.random() < 0.8:
        cause = rng.choice(_REFUSED)
    else:
        cause = rng.choice(_RECOVERABLE)
    eligible = None if cause == "unchecked" else cause in _RECOVERABLE
    updated = created + timedelta(minutes=rng.randint(1, 600))
    hours = _SLA_HOURS.get(state)
    cents = rng.randint(500, 500_000)
    amount = f"{cents / 100:.2f}"
    fee = (
        (0 if cause == "not_credited" else min(max(cents // 20, 500), 50_000)) if eligible else None
    )
    credited = state == "credited"
    return {
        "public_id": f"pf{n:09d}{rng.getrandbits(48):012x}",
        "customer_id": None,
        "conversation_id": None,
        "applicant_user_id": f"u_{rng.randint(1, 50_000)}",
        "applicant_email": None,
        "language": LANGUAGES[n % len(LANGUAGES)],
        "source": "help_center" if n % 3 else "api",
        "network": network,
        "token": "USDT",
        "tx_hash": "0x" + _hex("prefill", n),
        "amount": amount,
        "address": "0x" + _hex("address", n % 5000, 40),
        "memo": None,
        "cause": cause,
        "eligible": eligible,
        "path": None if not eligible else "direct" if cause == "not_credited" else "conditional",
        "found_network": "BSC" if cause == "wrong_network" and network == "ETH" else network,
        "found_token": "USDT",
        "contract": None,
        "chain_amount": amount,
        "value_cents": cents,
        "advice": None,
        "wait_seconds": None,
        "diagnosis": _DIAGNOSIS,
        "diagnosed_at": created,
        "fee_currency": "USD",
        "fee_cents": fee,
        "fee_accepted_at": updated
        if fee and state in ("approved", "recovering", "credited")
        else None,
        "fee_charged_cents": fee if credited else None,
        "recovered_amount": amount if credited else None,
        "recovered_value_cents": cents if credited else None,
        "state": state,
        "reason": (cause if cause in _REFUSED else "fee_declined") if state == "rejected" else None,
        "note": None,
        "due_at": updated + timedelta(hours=hours) if hours else None,
        "assignee_agent_id": None,
        "team_id": None,
        "created_at": created,
        "updated_at": updated,
        "closed_at": updated if state in ("credited", "rejected") else None,
    }


# The model's columns: one it gains that _case does not fill fails the pre-fill at once.
CASE_COLUMNS = tuple(c.name for c in RecoveryCase.__table__.columns if c.name != "id")


def case_rows(
    count: int, end: datetime, convert: Callable[[str, Any], Any], seed: int = 11
) -> Iterator[tuple[Any, ...]]:
    """`count` cases, oldest first (ids in time order), the newest at `end`, each value passed
    through `convert(column, value)` for the driver."""
    rng = random.Random(seed)
    step = SPAN / max(count, 1)
    for n in range(count):
        created = end - SPAN + step * n
        case = _case(n, rng, created, end - created < RECENT)
        yield tuple(convert(column, case[column]) for column in CASE_COLUMNS)


def _sqlite_value(column: str, value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, bool):
        return int(value)
    return orjson.dumps(value).decode() if column == "diagnosis" else value


def _postgresql_value(column: str, value: Any) -> Any:
    return orjson.dumps(value).decode() if column == "diagnosis" else value


def prefill(url: str, count: int) -> float:
    """Write `count` cases into the (migrated) database at `url`; seconds taken."""
    started = time.perf_counter()
    end = datetime.now(UTC) - timedelta(minutes=5)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        conn = sqlite3.connect(parsed.database or "", isolation_level=None)
        try:
            conn.execute("PRAGMA synchronous=OFF")  # a loader: re-run it if the machine dies
            conn.execute("BEGIN")
            conn.executemany(
                f"INSERT INTO recovery_cases ({', '.join(CASE_COLUMNS)}) "
                f"VALUES ({', '.join('?' * len(CASE_COLUMNS))})",
                case_rows(count, end, _sqlite_value),
            )
            conn.execute("COMMIT")
            conn.execute("ANALYZE")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    else:
        asyncio.run(_prefill_postgresql(url, count, end))
    return time.perf_counter() - started


async def _prefill_postgresql(url: str, count: int, end: datetime) -> None:
    conn = await connect_postgresql(url)
    try:
        await conn.execute("SET synchronous_commit = off")
        await conn.copy_records_to_table(
            "recovery_cases", records=case_rows(count, end, _postgresql_value),
            columns=CASE_COLUMNS,
        )  # fmt: skip
        await conn.execute("ANALYZE recovery_cases")
    finally:
        await conn.close()


# -- talking to the server -------------------------------------------------------------------


def _call(server: Server, token: str, method: str, path: str, body: Any = None) -> Any:
    """One unmeasured request (set-up, bulk moves); raises on a status that is not 2xx."""
    request = urllib.request.Request(
        server.base + path,
        method=method,
        data=orjson.dumps(body) if body is not None else None,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as r:
        return orjson.loads(r.read())


def _open_requests(batch: list[Claim]) -> Callable[[int], tuple[str, str, bytes]]:
    def make(n: int) -> tuple[str, str, bytes]:
        return "POST", "/api/v1/recovery/cases", orjson.dumps(batch[n].body)

    return make


def check(bodies: list[dict[str, Any]], batch: list[Claim]) -> dict[str, Any]:
    """What the desk decided for each claim, against what its kind says it must: cause,
    first state, and the network the transaction was found on."""
    by_hash = {c.tx_hash: BY_NAME[c.kind] for c in batch}
    causes: Counter[str] = Counter()
    states: Counter[str] = Counter()
    wrong: list[str] = []
    approved: list[int] = []
    for body in bodies:
        kind = by_hash.get(body["claim"]["tx_hash"])
        causes[body["cause"]] += 1
        states[body["state"]] += 1
        if body["state"] == "approved":
            approved.append(body["id"])
        got = (body["cause"], body["state"], body["found"]["network"])
        if kind is None or got != (
            kind.cause, kind.state, kind.found_network or body["claim"]["network"]
        ):  # fmt: skip
            wrong.append(f"{kind.name if kind else '?'}: {'/'.join(got)}")
    return {
        "causes": dict(causes.most_common()),
        "states": dict(states.most_common()),
        "misdiagnosed": len(wrong),
        "misdiagnosed_examples": wrong[:5],
        "approved_ids": approved,
    }


def _queue_path(query: str, cursor: str | None = None) -> str:
    path = f"/api/v1/recovery/cases?{query}{'&' if query else ''}limit={PAGE}"
    return path + (f"&cursor={cursor}" if cursor else "")


@dataclass
class Walk:
    """The queue read page after page, as far as `DEEP_PAGES`."""

    page: int = 1  # the page reached
    cursor: str | None = None  # its cursor (None: the first page was the last)
    rows_before: int = 0
    seconds: list[float] = field(default_factory=list)  # each page after the first, once


async def _walk(server: Server, token: str, query: str, pages: int) -> Walk:
    host, _, port = server.base.removeprefix("http://").partition(":")
    conn = Connection(host, int(port), {"Authorization": f"Bearer {token}"})
    walk = Walk()
    try:
        while walk.page < pages:
            started = time.perf_counter()
            status, payload = await conn.request("GET", _queue_path(query, walk.cursor), None)
            if walk.cursor:
                walk.seconds.append(time.perf_counter() - started)
            if status != 200:
                raise RuntimeError(f"queue page {walk.page} answered {status}: {payload[:200]!r}")
            doc = orjson.loads(payload)
            if not doc["next_cursor"]:
                break
            walk.cursor = doc["next_cursor"]
            walk.rows_before += len(doc["items"])
            walk.page += 1
    finally:
        conn.close()
    return walk


def _repeat(server: Server, token: str, path: str, times: int) -> Outcome:
    """GET `path` `times` times, one at a time."""

    def make(_n: int) -> tuple[str, str, None]:
        return "GET", path, None

    return asyncio.run(
        run_load(server.base, token, make, concurrency=1, total=times, max_seconds=MAX_SECONDS)
    )


def _row(name: str, backend: str, server: Server, outcome: Outcome, **extra: Any) -> dict[str, Any]:
    return {
        "scenario": name, "backend": backend, "workers": server.workers, "concurrency": 1,
        **outcome.summary(), **server.memory(), **extra,
    }  # fmt: skip


# -- the SQL behind the reads ----------------------------------------------------------------


def _filter_args(query: str) -> dict[str, Any]:
    args: dict[str, Any] = dict(part.split("=") for part in query.split("&") if part)
    if "overdue" in args:
        args["overdue"] = args["overdue"] == "true"
    return args


async def sql_costs(url: str, cursors: dict[str, str | None], times: int) -> dict[str, Any]:
    """The queries behind the reads (queries.list_cases for each filter, first and deep page;
    queries.case_counts, which every queue page runs; queries.report), run in this process on
    the server's database: the median time of each over `times` runs, and the plan the
    database chose for each statement."""
    from firstline.core.db import Database
    from firstline.recovery.queries import case_counts, list_cases, report

    reads: list[tuple[str, Callable[..., Any], dict[str, Any]]] = []
    for label, query in FILTERS:
        reads.append((f"{label}, first page", list_cases, {"limit": PAGE, **_filter_args(query)}))
        if cursors.get(label):
            deep = {"limit": PAGE, "cursor": cursors[label], **_filter_args(query)}
            reads.append((f"{label}, deep page", list_cases, deep))
    reads += [("open-state counts (every queue page)", case_counts, {}), ("report", report, {})]

    db = Database(url)
    explain = "EXPLAIN QUERY PLAN " if db.dialect == "sqlite" else "EXPLAIN (COSTS OFF) "
    seen: list[tuple[str, Any]] = []

    def grab(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    event.listen(db.engine.sync_engine, "before_cursor_execute", grab)
    out: dict[str, Any] = {"ms": {}, "plans": {}}
    try:
        async with db.session() as session:
            for label, read, kwargs in reads:
                seen.clear()
                await read(session, **kwargs)
                statements = list(seen)
                took = []
                for _ in range(times):
                    started = time.perf_counter()
                    await read(session, **kwargs)
                    took.append(time.perf_counter() - started)
                out["ms"][label] = round(percentile(took, 50) * 1000, 2)
                conn = await session.connection()
                plan: list[str] = []
                for statement, parameters in statements:
                    result = await conn.exec_driver_sql(explain + statement, parameters)
                    plan += [str(r[-1]) for r in result.all()]
                out["plans"][label] = plan
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", grab)
        await db.dispose()
    return out


# -- the scenario ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    warm: list[Claim]
    claims: list[Claim]  # `requests` for each concurrency level, in turn
    levels: list[int]
    requests: int
    repeats: int  # each queue read
    deep_pages: int
    sql_times: int


@dataclass
class SizeRun:
    """The measurements on one server whose table holds `size` pre-filled cases."""

    server: Server
    token: str
    backend: str
    size: int
    url: str
    meta: dict[str, Any]

    def row(self, name: str, outcome: Outcome, **extra: Any) -> dict[str, Any]:
        return _row(f"{name}, {self.size:,} cases", self.backend, self.server, outcome,
                    **extra)  # fmt: skip

    def run(self, plan: Plan) -> list[dict[str, Any]]:
        from firstline.demo.recovery import demo_matrix

        _call(self.server, self.token, "PUT", "/api/v1/recovery/matrix", {"rows": demo_matrix()})
        warmed = asyncio.run(
            run_load(self.server.base, self.token, _open_requests(plan.warm), concurrency=2,
                     total=len(plan.warm))
        )  # fmt: skip
        if warmed.ok != len(plan.warm):
            raise RuntimeError(f"warm-up claims failed: {warmed.statuses}")
        for _, query in FILTERS:
            _repeat(self.server, self.token, _queue_path(query), 5)
        # The queue counts only the open states; the report counts every case.
        counts = _call(self.server, self.token, "GET", _queue_path(""))["counts"]
        cases = int(_call(self.server, self.token, "GET", "/api/v1/recovery/report")["cases"])
        self.meta[f"recovery_open_states_{self.backend}_{self.size}"] = counts
        rows = self.queue(plan, cases)
        rows += self.opening(plan, cases)
        return rows

    def queue(self, plan: Plan, cases: int) -> list[dict[str, Any]]:
        rows = []
        cursors: dict[str, str | None] = {}
        for name, query in FILTERS:
            title = f"recovery queue: {name}"
            outcome = _repeat(self.server, self.token, _queue_path(query), plan.repeats)
            rows.append(self.row(f"{title}, first page", outcome, cases=cases, page=1))
            walk = asyncio.run(_walk(self.server, self.token, query, plan.deep_pages))
            cursors[name] = walk.cursor
            if len(walk.seconds) > 1:
                # Each page on the way, once: where matches thin out, a filter that no index
                # serves reads more rows for the same page.
                seconds = walk.seconds
                outcome = Outcome(seconds, {200: len(seconds)}, elapsed=sum(seconds))
                title_walk = f"{title}, pages 2-{len(seconds) + 1} once each"
                rows.append(self.row(title_walk, outcome, cases=cases))
            if walk.cursor:
                path = _queue_path(query, walk.cursor)
                outcome = _repeat(self.server, self.token, path, plan.repeats)
                deep = {"page": walk.page, "rows_before": walk.rows_before}
                rows.append(self.row(f"{title}, page {walk.page}", outcome, cases=cases, **deep))
        times = max(3, plan.repeats // 5)
        outcome = _repeat(self.server, self.token, "/api/v1/recovery/report", times)
        rows.append(self.row("recovery report", outcome, cases=cases))

        costs = asyncio.run(sql_costs(self.url, cursors, plan.sql_times))
        key = f"{self.backend}_{self.size}"
        self.meta[f"recovery_sql_ms_{key}"] = costs["ms"]
        self.meta[f"recovery_plans_{key}"] = costs["plans"]
        return rows

    def opening(self, plan: Plan, cases: int) -> list[dict[str, Any]]:
        rows = []
        for n, level in enumerate(plan.levels):
            batch = plan.claims[n * plan.requests : (n + 1) * plan.requests]
            outcome = asyncio.run(
                run_load(self.server.base, self.token, _open_requests(batch), concurrency=level,
                         total=len(batch), keep_bodies=True, max_seconds=MAX_SECONDS)
            )  # fmt: skip
            found = check(outcome.bodies, batch)
            approved = found.pop("approved_ids")
            outcome.bodies = []
            rows.append({**self.row("recovery open case", outcome, cases=cases),
                         "concurrency": level, **found})  # fmt: skip
            self.meta[f"recovery_outcomes_{self.backend}_{self.size}_c{level}"] = (
                f"causes: {_counted(found['causes'])}; states: {_counted(found['states'])}; "
                f"misdiagnosed {found['misdiagnosed']}"
            )
            rows.append(self.bulk(approved, cases))
        return rows

    def bulk(self, ids: list[int], cases: int) -> dict[str, Any]:
        """The approved cases to recovering, then to credited, BULK a request."""
        took: list[float] = []
        moved = failed = 0
        started = time.perf_counter()
        for to in ("recovering", "credited"):
            for i in range(0, len(ids), BULK):
                began = time.perf_counter()
                answer = _call(self.server, self.token, "POST", "/api/v1/recovery/cases/bulk",
                               {"ids": ids[i : i + BULK], "to": to})  # fmt: skip
                took.append(time.perf_counter() - began)
                moved += len(answer["moved"])
                failed += len(answer["failed"])
        elapsed = time.perf_counter() - started
        outcome = Outcome(latencies=took, statuses={200: len(took)}, elapsed=elapsed)
        row = self.row(f"recovery bulk move ({BULK} a request)", outcome, cases=cases)
        row.update(cases_moved=moved, errors=failed,
                   cases_per_s=round(moved / elapsed, 1) if elapsed else 0.0)  # fmt: skip
        return row


def recovery(
    backend: str,
    work: Path,
    pg_url: str | None,
    *,
    sizes: list[int],
    levels: list[int],
    requests: int,
    meta: dict[str, Any],
    profile_to: Callable[[str], Path | None],
    workers: int,
    smoke: bool = False,
    seed: int = 7,
) -> list[dict[str, Any]]:
    """The queue, the report, opening cases and bulk moves, on one fresh database per size
    in `sizes`; rows for the results table, set-up figures in `meta`."""
    needed = WARM_CLAIMS + requests * len(levels)
    every, txs = claims(needed if smoke else max(needed, TRANSACTIONS), seed)
    chain = work / f"recovery-chain-{len(every)}-{seed}.json"
    write_chain(chain, txs)
    networks = Counter(t["network"] for t in txs).most_common()
    meta["recovery_chain"] = (
        f"{len(txs):,} recorded transactions ({', '.join(f'{k} {v:,}' for k, v in networks)}) "
        f"for {len(every):,} claims of {len(KINDS)} kinds (the rest on no chain); demo "
        "backoffice in the same server; matrix firstline.demo.recovery.demo_matrix()"
    )
    plan = Plan(
        warm=every[-WARM_CLAIMS:], claims=every[:-WARM_CLAIMS], levels=levels,
        requests=requests, repeats=max(5, requests // 10),
        deep_pages=3 if smoke else DEEP_PAGES, sql_times=3 if smoke else 20,
    )  # fmt: skip
    rows: list[dict[str, Any]] = []
    for size in sorted(sizes):
        url = prepare_database(backend, work, pg_url)
        token = bootstrap(url)
        meta[f"durability_{backend}"] = durability(url)
        took = prefill(url, size)
        meta[f"recovery_prefill_{backend}_{size}"] = (
            f"{size:,} cases written in {took:.1f} s ({size / took:,.0f}/s), then ANALYZE"
        )
        port = free_port()
        env = {
            **SERVER_ENV,
            "FIRSTLINE_RECOVERY_RECORDED": str(chain),
            "FIRSTLINE_BACKOFFICE_URL": f"http://127.0.0.1:{port}/demo-backoffice",
            "FIRSTLINE_BACKOFFICE_SECRET": secrets.token_hex(16),
        }
        server = Server(
            url=url, port=port, profile_to=profile_to(f"{backend}-{size}"), workers=workers,
            env=env,
        )  # fmt: skip
        started = time.perf_counter()
        server.start()
        meta[f"recovery_server_start_{backend}_{size}"] = (
            f"ready in {time.perf_counter() - started:.2f} s (it reads the chain file)"
        )
        try:
            rows += SizeRun(server, token, backend, size, url, meta).run(plan)
        finally:
            server.stop()
    return rows


def _counted(counter: dict[str, int]) -> str:
    return ", ".join(f"{k} {v:,}" for k, v in counter.items()) or "none"
