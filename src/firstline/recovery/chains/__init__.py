"""What the desk needs to know about a transaction on a chain, and the adapters that know it.

An adapter answers for one network. Everything it returns is already normalised: addresses of
EVM chains are lower-case (they are case-insensitive; the capitals are only a checksum),
amounts are integers in the asset's smallest unit, with the number of decimals when the
adapter knows it (the chain's own coin, a recorded transfer). Token decimals otherwise come
from the support matrix, where an admin wrote them for the tokens the company lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol


class ChainUnavailable(Exception):
    """The network could not be asked (node down, timeout, bad answer): nothing is known,
    which is not the same as "no such transaction"."""


@dataclass(frozen=True, slots=True)
class Transfer:
    """One movement of value inside a transaction: the chain's coin (`contract` None) or a
    token (its contract; a TRC-20 or SPL mint for the recorded chains)."""

    sender: str
    recipient: str
    contract: str | None
    raw_amount: int
    decimals: int | None = None

    def amount(self, decimals: int | None = None) -> Decimal | None:
        places = self.decimals if self.decimals is not None else decimals
        if places is None:
            return None
        return Decimal(self.raw_amount).scaleb(-places).normalize()


@dataclass(frozen=True, slots=True)
class ChainTransaction:
    network: str
    tx_hash: str
    succeeded: bool
    confirmations: int  # 0 while it waits in the mempool
    block_time: datetime | None
    sender: str
    to: str | None  # whom the transaction itself was addressed to (a token's contract, say)
    transfers: tuple[Transfer, ...]
    memo: str | None = None  # memo chains: the memo, tag or comment the sender wrote


class ChainAdapter(Protocol):
    """Reads one network. `confirmations_required` and `block_seconds` say when a deposit on
    it counts as final and how long the wait for that is."""

    network: str
    confirmations_required: int
    block_seconds: float

    async def transaction(self, tx_hash: str) -> ChainTransaction | None:
        """The transaction, or None when the network does not know the hash.
        Raises ChainUnavailable when the network cannot be asked."""
        ...

    async def is_contract(self, address: str) -> bool:
        """Whether code lives at `address` (a smart contract rather than a wallet)."""
        ...
