"""Networks without a live adapter yet (Bitcoin-like, Tron, Solana, the memo chains): answers
from transactions recorded in a JSON file, as an explorer showed them.

The recovery team records the transactions it looked up by hand, the demo ships a handful, and
the same diagnosis runs on them as on a live chain. The file:

    {"transactions": [{"network": "XRP", "tx_hash": "...", "confirmations": 20,
                       "block_time": "2026-11-20T08:00:00Z", "sender": "r...", "to": "r...",
                       "memo": null, "succeeded": true,
                       "transfers": [{"sender": "r...", "recipient": "r...", "contract": null,
                                      "amount": "125.5", "decimals": 6}]}],
     "contracts": {"TRON": ["T..."]}}

`contracts` lists the addresses that are smart contracts, per network.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import orjson

from firstline.recovery.chains import ChainTransaction, Transfer

_HEX = re.compile(r"(?:0x)?[0-9a-fA-F]+")


def hash_key(tx_hash: str) -> str:
    """Hex hashes compare without case (XRP writes them in capitals); base58 ones (Solana) are
    case-sensitive and stay as they are."""
    t = tx_hash.strip()
    return t.lower().removeprefix("0x") if _HEX.fullmatch(t) else t


class RecordError(ValueError):
    pass


class RecordedAdapter:
    def __init__(
        self,
        network: str,
        transactions: Iterable[ChainTransaction],
        contracts: Iterable[str] = (),
        *,
        confirmations_required: int,
        block_seconds: float,
    ) -> None:
        self.network = network
        self.confirmations_required = confirmations_required
        self.block_seconds = block_seconds
        self._by_hash = {hash_key(t.tx_hash): t for t in transactions if t.network == network}
        self._contracts = {c.lower() for c in contracts}

    async def transaction(self, tx_hash: str) -> ChainTransaction | None:
        return self._by_hash.get(hash_key(tx_hash))

    async def is_contract(self, address: str) -> bool:
        return address.lower() in self._contracts


def read_records(path: Path) -> tuple[list[ChainTransaction], dict[str, list[str]]]:
    """The transactions and contract lists of a recorded-data file."""
    try:
        doc = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError) as exc:
        raise RecordError(f"Cannot read recorded chain data {path.name}: {exc}") from exc
    if not isinstance(doc, dict):
        raise RecordError(f"{path.name}: expected a JSON object with 'transactions'.")
    txs = [_transaction(i, t) for i, t in enumerate(doc.get("transactions") or [])]
    contracts = doc.get("contracts") or {}
    if not isinstance(contracts, Mapping):
        raise RecordError(f"{path.name}: 'contracts' must map a network to addresses.")
    return txs, {str(k): [str(a) for a in v] for k, v in contracts.items()}


def _transaction(index: int, raw: Any) -> ChainTransaction:
    where = f"transactions[{index}]"
    try:
        transfers = tuple(_transfer(t) for t in raw.get("transfers") or ())
        block_time = raw.get("block_time")
        return ChainTransaction(
            network=str(raw["network"]),
            tx_hash=str(raw["tx_hash"]),
            succeeded=bool(raw.get("succeeded", True)),
            confirmations=int(raw.get("confirmations", 0)),
            block_time=datetime.fromisoformat(block_time) if block_time else None,
            sender=str(raw["sender"]),
            to=str(raw["to"]) if raw.get("to") else None,
            transfers=transfers,
            memo=str(raw["memo"]) if raw.get("memo") not in (None, "") else None,
        )
    except (KeyError, TypeError, ValueError, AttributeError, InvalidOperation) as exc:
        raise RecordError(f"{where}: {exc}") from exc


def _transfer(raw: Any) -> Transfer:
    decimals = int(raw.get("decimals", 0))
    amount = Decimal(str(raw["amount"]))
    return Transfer(
        sender=str(raw["sender"]),
        recipient=str(raw["recipient"]),
        contract=str(raw["contract"]) if raw.get("contract") else None,
        raw_amount=int(amount.scaleb(decimals)),
        decimals=decimals,
    )
