"""A real Ethereum chain in the test process (eth-tester on py-evm, offline), served over
HTTP as a JSON-RPC node, so the EVM adapter is tested the way it runs: web3.py's HTTP
provider talking to a node.

eth-tester's own answers use Python names and numbers; `_wire` writes them the way a node
puts them on the wire (camelCase keys, 0x-hex quantities), for the handful of methods the
adapter calls. Transactions are sent from the test with web3.py straight into the tester.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from eth_tester import EthereumTester, PyEVMBackend
from eth_tester.exceptions import TransactionNotFound
from eth_typing import HexStr
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from web3 import EthereumTesterProvider, Web3
from web3.types import Wei

from tests.live import in_thread

TRANSFER = "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"
# A minimal token: every call emits Transfer(caller, to, value) for calldata laid out as
# transfer(address to, uint256 value), and returns true. It keeps no balances: the desk only
# reads the events, which is what a block explorer shows of a real token transfer too.
_RUNTIME = (
    "602435600052"  # mstore(0, calldataload(36))        value -> memory
    "600435"  # calldataload(4)                            topic 2: to
    "33"  # caller                                         topic 1: from
    "7f"
    + TRANSFER  # push32 the event signature           topic 0
    + "60206000a3"  # log3(0, 32, ...)
    "600160005260206000f3"  # mstore(0, 1); return(0, 32)
)
_INIT = f"60{len(_RUNTIME) // 2:02x}600c60003960{len(_RUNTIME) // 2:02x}6000f3"
TOKEN_BYTECODE = "0x" + _INIT + _RUNTIME


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _wire(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            name = "input" if k == "data" and "value" in value else _camel(k)
            out[name] = _wire(v, k)
        return out
    if isinstance(value, list | tuple):
        return [_wire(v) for v in value]
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return hex(value)
    if isinstance(value, bytes):
        return "0x" + value.hex()
    return value


class TestChain:
    """One chain: `w3` sends transactions into it; `url` is its JSON-RPC endpoint."""

    __test__ = False

    def __init__(self, mnemonic: str | None = None) -> None:
        # Two chains with the same accounts would give the same hash to the same transfer.
        self.tester = EthereumTester(PyEVMBackend(mnemonic=mnemonic))
        self.w3 = Web3(EthereumTesterProvider(self.tester))
        self.accounts: tuple[str, ...] = self.w3.eth.accounts
        self.url = ""

    def mine(self, blocks: int) -> None:
        self.tester.mine_blocks(blocks)

    def send(self, sender: str, to: str, value: int) -> str:
        tx = self.w3.eth.send_transaction(
            {"from": sender, "to": Web3.to_checksum_address(to), "value": Wei(value)}
        )
        return "0x" + bytes(tx).hex()

    def deploy_token(self, sender: str) -> str:
        tx = self.w3.eth.send_transaction({"from": sender, "data": HexStr(TOKEN_BYTECODE)})
        return str(self.w3.eth.get_transaction_receipt(tx)["contractAddress"]).lower()

    def transfer_token(self, sender: str, token: str, to: str, raw_amount: int) -> str:
        data = "0xa9059cbb" + to.lower().removeprefix("0x").rjust(64, "0") + f"{raw_amount:064x}"
        tx = self.w3.eth.send_transaction(
            {
                "from": sender,
                "to": Web3.to_checksum_address(token),
                "data": HexStr(data),
                "gas": 100_000,
            }
        )
        return "0x" + bytes(tx).hex()

    def answer(self, method: str, params: list[Any]) -> Any:
        t = self.tester
        if method == "eth_chainId":
            return hex(self.w3.eth.chain_id)
        if method == "eth_blockNumber":
            return hex(t.get_block_by_number("latest")["number"])
        if method == "eth_getBlockByNumber":
            number = params[0]
            if isinstance(number, str) and re.fullmatch(r"0x[0-9a-f]+", number):
                number = int(number, 16)
            return _wire(t.get_block_by_number(number, full_transactions=False))
        if method == "eth_getCode":
            return t.get_code(params[0])
        try:
            if method == "eth_getTransactionByHash":
                return _wire(t.get_transaction_by_hash(params[0]))
            if method == "eth_getTransactionReceipt":
                return _wire(t.get_transaction_receipt(params[0]))
        except TransactionNotFound:
            return None
        raise LookupError(method)


def rpc_app(chain: TestChain) -> Starlette:
    async def rpc(request: Request) -> JSONResponse:
        body = await request.json()

        def one(call: dict[str, Any]) -> dict[str, Any]:
            base = {"jsonrpc": "2.0", "id": call.get("id")}
            try:
                return {**base, "result": chain.answer(call["method"], call.get("params", []))}
            except LookupError:
                return {**base, "error": {"code": -32601, "message": "method not found"}}

        return JSONResponse([one(c) for c in body] if isinstance(body, list) else one(body))

    return Starlette(routes=[Route("/", rpc, methods=["POST"])])


@contextmanager
def served(chain: TestChain, name: str) -> Iterator[TestChain]:
    with in_thread(rpc_app(chain), name) as url:
        chain.url = url
        yield chain
