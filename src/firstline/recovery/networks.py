"""What the desk assumes of each network: its coin, when a deposit is final, how fast blocks
come. Deployments override confirmations and block time per network in
FIRSTLINE_RECOVERY_CHAINS; these are the usual exchange settings."""

from __future__ import annotations

from dataclasses import dataclass

from firstline.flows.fields import NETWORKS


@dataclass(frozen=True, slots=True)
class ChainParams:
    coin: str  # the symbol of the network's own coin
    decimals: int
    confirmations: int
    block_seconds: float


PARAMS: dict[str, ChainParams] = {
    "ETH": ChainParams("ETH", 18, 64, 12),
    "BSC": ChainParams("BNB", 18, 15, 3),
    "POLYGON": ChainParams("POL", 18, 128, 2),
    "ARBITRUM": ChainParams("ETH", 18, 20, 0.25),
    "BASE": ChainParams("ETH", 18, 20, 2),
    "OPTIMISM": ChainParams("ETH", 18, 20, 2),
    "AVAXC": ChainParams("AVAX", 18, 12, 2),
    "TRON": ChainParams("TRX", 6, 19, 3),
    "BTC": ChainParams("BTC", 8, 2, 600),
    "LTC": ChainParams("LTC", 8, 4, 150),
    "DOGE": ChainParams("DOGE", 8, 40, 60),
    "SOL": ChainParams("SOL", 9, 1, 0.4),
    "XRP": ChainParams("XRP", 6, 1, 4),
    "XLM": ChainParams("XLM", 7, 1, 5),
    "TON": ChainParams("TON", 9, 1, 5),
    "BNB": ChainParams("BNB", 8, 1, 1),
}
assert set(PARAMS) == set(NETWORKS), "every network the flows offer needs its parameters"


def family(network: str) -> str | None:
    net = NETWORKS.get(network)
    return net.family if net else None


def same_address(network: str, a: str | None, b: str | None) -> bool:
    """EVM addresses compare without case; others (base58, bech32 with capitals) exactly."""
    if a is None or b is None:
        return False
    if family(network) == "evm":
        return a.lower() == b.lower()
    return a.strip() == b.strip()


def normal_address(network: str, address: str) -> str:
    return address.lower() if family(network) == "evm" else address.strip()
