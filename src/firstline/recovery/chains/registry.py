"""The adapters this deployment has, built once per process from the settings.

FIRSTLINE_RECOVERY_CHAINS is JSON: network -> {"rpc_url": ..., "confirmations": ...,
"block_seconds": ..., "timeout": ...}. Each EVM network with an `rpc_url` gets an EvmAdapter
(the `firstline[chains]` extra); FIRSTLINE_RECOVERY_RECORDED names recorded-data files
(separated by os.pathsep) whose networks get a RecordedAdapter unless a live one exists.
A network with neither has no adapter: its cases wait for a person to look.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson

from firstline.core.errors import InvalidInput
from firstline.core.settings import Settings
from firstline.recovery.chains import ChainAdapter, ChainTransaction
from firstline.recovery.chains.recorded import RecordedAdapter, read_records
from firstline.recovery.networks import PARAMS, family

Adapters = dict[str, ChainAdapter]
_built: dict[tuple[str, str], Adapters] = {}


def adapters(settings: Settings) -> Adapters:
    key = (settings.recovery_chains or "", settings.recovery_recorded or "")
    found = _built.get(key)
    if found is None:
        found = _built[key] = build_adapters(*key)
    return found


def forget_adapters() -> None:
    _built.clear()


def build_adapters(chains_json: str, recorded_paths: str) -> Adapters:
    try:
        chains: Any = orjson.loads(chains_json) if chains_json.strip() else {}
    except orjson.JSONDecodeError as exc:
        raise InvalidInput(f"FIRSTLINE_RECOVERY_CHAINS is not JSON: {exc}") from exc
    if not isinstance(chains, dict):
        raise InvalidInput("FIRSTLINE_RECOVERY_CHAINS must map a network to its settings.")
    out: Adapters = {}
    txs: list[ChainTransaction] = []
    contracts: dict[str, list[str]] = {}
    for part in filter(None, recorded_paths.split(os.pathsep)):
        more_txs, more_contracts = read_records(Path(part))
        txs += more_txs
        for network, addresses in more_contracts.items():
            contracts.setdefault(network, []).extend(addresses)
    for network in sorted({t.network for t in txs} | set(contracts)):
        if network in PARAMS:
            conf = chains.get(network) or {}
            p = PARAMS[network]
            out[network] = RecordedAdapter(
                network, txs, contracts.get(network, ()),
                confirmations_required=int(conf.get("confirmations", p.confirmations)),
                block_seconds=float(conf.get("block_seconds", p.block_seconds)),
            )  # fmt: skip
    for network, conf in chains.items():
        if network not in PARAMS:
            raise InvalidInput(f"FIRSTLINE_RECOVERY_CHAINS names an unknown network {network!r}.")
        if not isinstance(conf, dict) or not conf.get("rpc_url"):
            continue
        if family(network) != "evm":
            raise InvalidInput(
                f"FIRSTLINE_RECOVERY_CHAINS: {network} is not an EVM network; only EVM "
                "networks have a live adapter so far (record its transactions instead)."
            )
        from firstline.recovery.chains.evm import EvmAdapter

        p = PARAMS[network]
        out[network] = EvmAdapter(
            network,
            str(conf["rpc_url"]),
            confirmations_required=int(conf.get("confirmations", p.confirmations)),
            block_seconds=float(conf.get("block_seconds", p.block_seconds)),
            timeout=float(conf.get("timeout", 10.0)),
            native_decimals=p.decimals,
        )
    return out
