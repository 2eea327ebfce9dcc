"""The support matrix `firstline demo` starts with, and where its recorded chain data lies.

Coins of every network are listed and recoverable directly; the two big stablecoins, USDT
and USDC, are listed on the networks that carry most of them (their real contracts); any
other token is reviewed (EVM, Tron) or not supported yet (the rest,
some of which may be listed later). Prices are made up, in USD.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from importlib.resources import files
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.core.db import now
from firstline.recovery.actions import do_answer_fee, do_open_case, do_transition_case, load_policy
from firstline.recovery.chains import ChainTransaction, Transfer
from firstline.recovery.ledger import Owner, Person
from firstline.recovery.models import RecoveryCase, State
from firstline.recovery.networks import PARAMS, normal_address
from firstline.recovery.queries import load_matrix
from firstline.recovery.rules import Claim, Seen, diagnose

_PRICES = {
    "ETH": "3000",
    "BNB": "600",
    "POL": "0.5",
    "AVAX": "30",
    "TRX": "0.2",
    "BTC": "90000",
    "LTC": "80",
    "DOGE": "0.3",
    "SOL": "150",
    "XRP": "2",
    "XLM": "0.3",
    "TON": "5",
}
_STABLECOINS: dict[str, dict[str, tuple[str, int]]] = {
    "USDT": {
        "ETH": ("0xdac17f958d2ee523a2206206994597c13d831ec7", 6),
        "BSC": ("0x55d398326f99059ff775485246999027b3197955", 18),
        "POLYGON": ("0xc2132d05d31c914a87c6611c10748aeb04b58e8f", 6),
        "ARBITRUM": ("0xfd086bc7cd5c481dcc9c85ebe478a1c0b69fcbb9", 6),
        "OPTIMISM": ("0x94b008aa00579c1307b0ef2c499ad98a8ce58e58", 6),
        "AVAXC": ("0x9702230a8ea53601f5cd2dc00fdbc13d4df4a8c7", 6),
        "TRON": ("TR7NHqjeKQxGTCi8q8ZvfGyQm2tjRmVvPd", 6),
        "SOL": ("Es9vMFrzaCERmJfrF4H8FYD4KCoNkY11McCEf2mBsqgp", 6),
    },
    "USDC": {
        "ETH": ("0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48", 6),
        "BSC": ("0x8ac76a51cc950d9822d68b83fe1ad97b32cd580d", 18),
        "POLYGON": ("0x3c499c542cef5e3811e1192ce70d8cc03d5c3359", 6),
        "ARBITRUM": ("0xaf88d065e77c8cc2239327c5edb3a432268e5831", 6),
        "OPTIMISM": ("0x0b2c639c533813f4aa9d7837caf62653d097ff85", 6),
        "BASE": ("0x833589fcd6edb6e08f4c7c32d4f71b54bda02913", 6),
        "AVAXC": ("0xb97ef9ef8734c71904d8002f8b6bc66dd9c48a6e", 6),
        "SOL": ("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v", 6),
    },
}
_MINIMUM = {"BTC": "0.0001", "ETH": "0.001", "LTC": "0.01", "DOGE": "20"}


def demo_matrix() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for network, p in PARAMS.items():
        rows.append(
            {
                "network": network,
                "token": p.coin,
                "contract": None,
                "listed": True,
                "path": "direct",
                "decimals": p.decimals,
                "min_deposit": _MINIMUM.get(network),
                "price": _PRICES[p.coin],
                "may_be_listed": False,
            }
        )
        for token, on in _STABLECOINS.items():
            if network not in on:
                continue
            contract, decimals = on[network]
            rows.append(
                {
                    "network": network,
                    "token": token,
                    "contract": contract,
                    "listed": True,
                    "path": "direct",
                    "decimals": decimals,
                    "min_deposit": "1",
                    "price": "1",
                    "may_be_listed": False,
                }
            )
        reviewed = network in (
            "ETH",
            "BSC",
            "POLYGON",
            "ARBITRUM",
            "BASE",
            "OPTIMISM",
            "AVAXC",
            "TRON",
        )
        rows.append(
            {
                "network": network,
                "token": "*",
                "contract": None,
                "listed": False,
                "path": "conditional" if reviewed else "unsupported",
                "decimals": None,
                "min_deposit": None,
                "price": None,
                "may_be_listed": network in ("SOL", "TON"),
            }
        )
    return rows


def demo_chain_file() -> Path:
    """Recorded transactions for the demo's customer u_1001 (docs/recovery.md lists them)."""
    return Path(str(files("firstline.demo") / "recovery_chain.json"))


# -- a queue with a case in every state ------------------------------------------------------
# The demo's recovery team should not open an empty queue. Each case is a claim diagnosed by
# the same rules as a real one (rules.diagnose, on a transaction described here rather than
# read from a chain) and moved through the same actions as the team and customers move them.

_LINH = Person("u_1001", "linh@example.com")
_MARCO = Person("u_1002", "marco@example.com")
_LINH_EVM = "0x8ba1f109551bd432803012645ac136ddd64dba72"  # issued for ETH, POLYGON, ARBITRUM
_LINH_BTC = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"
_MARCO_EVM = "0x2f62f2b4c5fcd7570a709dec05d68ea19c82a9ec"  # issued for ETH, BSC
_SENDER = "0x5a52e96bacdabb82fd05763e25335261b270efcb"
_BSC_USDT = _STABLECOINS["USDT"]["BSC"][0]
_ETH_USDT = _STABLECOINS["USDT"]["ETH"][0]
_PEPE = "0x6982508145454ce325ddbe47a25d4ec3d2311933"  # not in the demo matrix


@dataclass(frozen=True, slots=True)
class _DemoCase:
    """One case of the demo queue: what the customer claimed, what the chain showed, and the
    moves that bring it to its state after the diagnosis."""

    claim_network: str
    claim_token: str
    claim_amount: str | None
    applicant: Person
    language: str
    found_on: str
    recipient: str
    contract: str | None
    raw_amount: int
    decimals: int
    fee_answer: bool | None = None  # the customer's answer to the fee, if any
    moves: tuple[State, ...] = ()
    recipient_is_contract: bool = False
    unchecked: bool = False


_DEMO_CASES: tuple[_DemoCase, ...] = (
    # submitted: the chain did not answer in time; a person looks.
    _DemoCase("BTC", "BTC", "0.02", _LINH, "vi", "BTC", _LINH_BTC, None, 2_000_000, 8,
              unchecked=True),
    # awaiting_customer: "500 USDT on ETH" that was 0.8 BNB on BSC: said, priced on 0.8 BNB.
    _DemoCase("ETH", "USDT", "500", _LINH, "vi", "BSC", _LINH_EVM, None, 8 * 10**17, 18),
    # diagnosing: a token the company does not list, fee accepted, with the team for review.
    _DemoCase("ETH", "PEPE", "1000000", _MARCO, "en", "ETH", _MARCO_EVM, _PEPE, 10**24, 18,
              fee_answer=True),
    # approved: BNB on BSC to an address given for ETH, fee accepted.
    _DemoCase("BSC", "BNB", "1.5", _LINH, "vi", "BSC", _LINH_EVM, None, 15 * 10**17, 18,
              fee_answer=True),
    # recovering: BEP-20 USDT to the same address.
    _DemoCase("BSC", "USDT", "250", _LINH, "vi", "BSC", _LINH_EVM, _BSC_USDT, 250 * 10**18, 18,
              fee_answer=True, moves=(State.recovering,)),
    # credited: a small one, at the minimum fee.
    _DemoCase("BSC", "BNB", "0.05", _LINH, "vi", "BSC", _LINH_EVM, None, 5 * 10**16, 18,
              fee_answer=True, moves=(State.recovering, State.credited)),
    # rejected: the capped fee declined.
    _DemoCase("BSC", "BNB", "20", _LINH, "vi", "BSC", _LINH_EVM, None, 20 * 10**18, 18,
              fee_answer=False),
    # rejected: tokens sent to the token's own contract.
    _DemoCase("ETH", "USDT", "75", _MARCO, "en", "ETH", _ETH_USDT, _ETH_USDT, 75 * 10**6, 6,
              recipient_is_contract=True),
)  # fmt: skip


def _demo_hash(n: int, network: str) -> str:
    digest = hashlib.sha256(f"firstline demo recovery case {n}".encode()).hexdigest()
    return digest if network == "BTC" else "0x" + digest


def _demo_seen(c: _DemoCase, tx_hash: str, at: datetime) -> Seen:
    if c.unchecked:
        return Seen(unavailable=[f"The {c.found_on} node did not answer within 8 s."])
    transfer = Transfer(_SENDER, c.recipient, c.contract, c.raw_amount, c.decimals)
    tx = ChainTransaction(
        network=c.found_on, tx_hash=tx_hash, succeeded=True, confirmations=500,
        block_time=at - timedelta(days=2), sender=_SENDER, to=c.contract or c.recipient,
        transfers=(transfer,),
    )  # fmt: skip
    owners: dict[str, Owner | None] = {_SENDER: None}
    if c.recipient == _LINH_EVM:
        owners[c.recipient] = Owner("deposit", ("ETH", "POLYGON", "ARBITRUM"), _LINH)
    elif c.recipient == _MARCO_EVM:
        owners[c.recipient] = Owner("deposit", ("ETH", "BSC"), _MARCO)
    else:
        owners[normal_address(c.found_on, c.recipient)] = None
    contracts = {normal_address(c.found_on, c.recipient)} if c.recipient_is_contract else set()
    return Seen(
        tx=tx, found_on=c.found_on, confirmations_required=PARAMS[c.found_on].confirmations,
        block_seconds=PARAMS[c.found_on].block_seconds, owners=owners, contracts=contracts,
    )  # fmt: skip


async def seed_demo_cases(
    db: AsyncSession, *, customer_ids: Mapping[str, int] | None = None
) -> int:
    """Open the demo's recovery cases, one or more in every state (submitted, diagnosing,
    awaiting_customer, approved, recovering, credited, rejected), priced by the stored matrix
    and policy (store the matrix first). `customer_ids` links them to the demo's customers by
    their external user id. Run again, it finds the cases it opened and leaves them as they
    are. Returns how many it opened."""
    matrix = await load_matrix(db)
    policy = await load_policy(db)
    opened = 0
    for n, c in enumerate(_DEMO_CASES, 1):
        tx_hash = _demo_hash(n, c.claim_network)
        seeded = select(RecoveryCase.id).where(
            RecoveryCase.network == c.claim_network, RecoveryCase.tx_hash == tx_hash
        )
        if await db.scalar(seeded.limit(1)) is not None:
            continue  # seeded before, and perhaps closed since: left as it is
        claim = Claim(
            c.claim_network, c.claim_token, tx_hash,
            Decimal(c.claim_amount) if c.claim_amount else None, c.recipient, None, c.applicant,
        )  # fmt: skip
        diagnosis = diagnose(claim, _demo_seen(c, tx_hash, now(db)), matrix, policy.fee)
        user = c.applicant.external_user_id or ""
        case, _ = await do_open_case(
            db, claim, diagnosis, source="help_center", language=c.language,
            customer_id=(customer_ids or {}).get(user),
        )  # fmt: skip
        opened += 1
        if c.fee_answer is not None:
            await do_answer_fee(db, case, c.fee_answer)
        for to in c.moves:
            await do_transition_case(db, case, to, acting_agent_id=None)
    return opened
