"""The support matrix `firstline demo` starts with, and where its recorded chain data lies.

Coins of every network are listed and recoverable directly; the two big stablecoins, USDT
and USDC, are listed on the networks that carry most of them (their real contracts); any
other token is reviewed (EVM, Tron) or not supported yet (the rest,
some of which may be listed later). Prices are made up, in USD.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

from firstline.recovery.networks import PARAMS

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
    return Path(str(files("firstline.recovery") / "demo_chain.json"))
