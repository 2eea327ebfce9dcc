"""EVM networks (Ethereum, BNB Smart Chain, Polygon, Arbitrum...) over JSON-RPC, with web3.py.

Part of the `firstline[chains]` extra; importing this module without it raises a clear error.
Any node that speaks standard JSON-RPC works (the company's own, a provider's). A transaction
is read with at most five calls: the transaction, its receipt, the head block, the block's
time, and `eth_getCode` when the desk asks whether a recipient is a contract.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from firstline.recovery.chains import ChainTransaction, ChainUnavailable, Transfer

try:
    import aiohttp
    from web3 import AsyncHTTPProvider, AsyncWeb3
    from web3.exceptions import TransactionNotFound, Web3Exception
except ImportError as exc:  # pragma: no cover - the extra is installed wherever tests run
    raise ImportError(
        "EVM chain adapters need the chains extra: pip install 'firstline[chains]'"
    ) from exc

# keccak("Transfer(address,address,uint256)"): ERC-20 (and BEP-20...) transfer events.
TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"
_FAILURES: tuple[type[BaseException], ...] = (
    Web3Exception,
    aiohttp.ClientError,
    asyncio.TimeoutError,
    OSError,
    ValueError,  # a node's JSON-RPC error object, as web3.py raises it
)


class EvmAdapter:
    """One EVM network, read through a JSON-RPC endpoint."""

    def __init__(
        self,
        network: str,
        rpc_url: str,
        *,
        confirmations_required: int,
        block_seconds: float,
        timeout: float = 10.0,
        native_decimals: int = 18,
    ) -> None:
        self.network = network
        self.confirmations_required = confirmations_required
        self.block_seconds = block_seconds
        self.native_decimals = native_decimals
        provider = AsyncHTTPProvider(
            rpc_url,
            request_kwargs={"timeout": aiohttp.ClientTimeout(total=timeout)},
            # The desk retries a whole diagnosis later; a node that is down should say so
            # quickly rather than after web3.py's own back-off.
            exception_retry_configuration=None,
        )
        self._w3 = AsyncWeb3(provider)

    async def transaction(self, tx_hash: str) -> ChainTransaction | None:
        try:
            return await self._transaction(tx_hash)
        except TransactionNotFound:
            return None
        except _FAILURES as exc:
            raise ChainUnavailable(f"{self.network}: {type(exc).__name__}: {exc}") from exc

    async def is_contract(self, address: str) -> bool:
        try:
            code = await self._w3.eth.get_code(AsyncWeb3.to_checksum_address(address))
        except _FAILURES as exc:
            raise ChainUnavailable(f"{self.network}: {type(exc).__name__}: {exc}") from exc
        return len(code) > 0

    async def _transaction(self, tx_hash: str) -> ChainTransaction | None:
        eth = self._w3.eth
        tx: Any = await eth.get_transaction(tx_hash)  # type: ignore[arg-type]
        sender = str(tx["from"]).lower()
        to = str(tx["to"]).lower() if tx.get("to") else None
        transfers: list[Transfer] = []
        if tx["value"] and to:
            transfers.append(Transfer(sender, to, None, int(tx["value"]), self.native_decimals))
        if tx.get("blockNumber") is None:  # still in the mempool
            return ChainTransaction(
                self.network, tx_hash, True, 0, None, sender, to, tuple(transfers)
            )
        receipt: Any = await eth.get_transaction_receipt(tx_hash)  # type: ignore[arg-type]
        head, block = await asyncio.gather(eth.block_number, eth.get_block(tx["blockNumber"]))
        succeeded = receipt.get("status", 1) == 1
        if not succeeded:
            transfers = []  # a reverted transaction moved nothing but its fee
        for log in receipt.get("logs", ()):
            topics = [_hex(t) for t in log.get("topics", ())]
            if len(topics) == 3 and topics[0] == TRANSFER_TOPIC:
                transfers.append(
                    Transfer(
                        sender=_topic_address(topics[1]),
                        recipient=_topic_address(topics[2]),
                        contract=str(log["address"]).lower(),
                        raw_amount=int.from_bytes(bytes(log.get("data") or b""), "big"),
                    )
                )
        return ChainTransaction(
            network=self.network,
            tx_hash=tx_hash,
            succeeded=succeeded,
            confirmations=max(int(head) - int(tx["blockNumber"]) + 1, 0),
            block_time=datetime.fromtimestamp(int(block["timestamp"]), UTC),
            sender=sender,
            to=to,
            transfers=tuple(transfers),
        )


def _hex(value: Any) -> str:
    if isinstance(value, bytes | bytearray):
        return "0x" + bytes(value).hex()
    text = str(value).lower()
    return text if text.startswith("0x") else "0x" + text


def _topic_address(topic: str) -> str:
    return "0x" + topic[-40:]
