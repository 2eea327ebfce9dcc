"""The field types an `ask` step can validate, and the networks a deposit or withdrawal uses.

Checks are loose on purpose: they catch a pasted amount in the hash box or a Bitcoin address
for a Tron deposit, not every checksum. The recovery desk still looks at the real thing, and
refusing a valid hash because a network changed its format would strand the customer.
Each parser returns the value in a normal form (a lower-case email, an 0x-prefixed EVM hash, a
plain decimal) or None when the text is not one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum


class FieldType(StrEnum):
    email = "email"
    tx_hash = "tx_hash"
    amount = "amount"
    address = "address"
    memo = "memo"
    network = "network"
    token = "token"
    code = "code"


@dataclass(frozen=True, slots=True)
class Network:
    value: str
    label: str
    family: str  # evm, btc, tron, solana, xrp, ton, stellar, bnb
    needs_memo: bool
    aliases: tuple[str, ...]


NETWORKS: dict[str, Network] = {
    n.value: n
    for n in (
        Network("ETH", "Ethereum (ERC-20)", "evm", False, ("ethereum", "erc20", "erc-20")),
        Network("BSC", "BNB Smart Chain (BEP-20)", "evm", False, ("bep20", "bep-20", "bnb", "bsc")),
        Network("TRON", "Tron (TRC-20)", "tron", False, ("trx", "trc20", "trc-20")),
        Network("BTC", "Bitcoin", "btc", False, ("bitcoin",)),
        Network("SOL", "Solana", "solana", False, ("solana", "spl")),
        Network("POLYGON", "Polygon", "evm", False, ("matic", "pol")),
        Network("ARBITRUM", "Arbitrum One", "evm", False, ("arb", "arbitrum")),
        Network("BASE", "Base", "evm", False, ()),
        Network("LTC", "Litecoin", "btc", False, ("litecoin",)),
        Network("XRP", "XRP Ledger", "xrp", True, ("ripple",)),
        Network("TON", "TON", "ton", True, ("toncoin",)),
        Network("XLM", "Stellar", "stellar", True, ("stellar",)),
        Network("BNB", "BNB Beacon Chain (BEP-2)", "bnb", True, ("bep2", "bep-2", "beacon")),
        Network("OPTIMISM", "OP Mainnet", "evm", False, ("op", "optimism")),
        Network("AVAXC", "Avalanche C-Chain", "evm", False, ("avax", "avalanche")),
        Network("DOGE", "Dogecoin", "btc", False, ("dogecoin",)),
    )
}

_B58 = "[1-9A-HJ-NP-Za-km-z]"
_HEX64 = re.compile(r"(?:0x)?([0-9a-fA-F]{64})")
_TX_HASH: dict[str, re.Pattern[str]] = {
    "solana": re.compile(f"{_B58}{{85,90}}"),  # 64-byte signatures: 87-88 characters
    "ton": re.compile(r"[0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?"),
}
_ADDRESS: dict[str, re.Pattern[str]] = {
    "evm": re.compile(r"0x[0-9a-fA-F]{40}"),
    "btc": re.compile(f"(?:bc|tb|ltc|tltc)1[02-9ac-hj-np-zA-HJ-NP-Z]{{6,87}}|{_B58}{{25,35}}"),
    "tron": re.compile(f"T{_B58}{{33}}"),
    "solana": re.compile(f"{_B58}{{32,44}}"),
    "xrp": re.compile(f"r{_B58}{{24,34}}"),
    "ton": re.compile(r"[A-Za-z0-9_-]{48}|-?\d:[0-9a-fA-F]{64}"),
    "stellar": re.compile(r"[GM][A-Z2-7]{55,68}"),
    "bnb": re.compile(r"(?:bnb|tbnb)1[02-9ac-hj-np-z]{38}"),
}
_ANY_ADDRESS = re.compile(r"[A-Za-z0-9:_-]{20,120}")
_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s.]+(?:\.[^@\s.]+)*\.[^@\s.]{2,}")
_TOKEN = re.compile(r"(?=.*[A-Za-z])[A-Za-z0-9][A-Za-z0-9.\-]{0,11}")
_CODE = re.compile(r"\d{6}")
_NUMBER = re.compile(r"[0-9][0-9.,' ]*")


def network_of(value: str | None) -> Network | None:
    return NETWORKS.get(value) if value else None


def parse_network(text: str, allowed: Sequence[str]) -> str | None:
    """The network a customer named: its code, its label, an alias (erc20), or its number."""
    t = text.strip().casefold()
    if re.fullmatch(r"#?\d{1,2}[.)]?", t):
        n = int(t.strip("#.)"))
        return allowed[n - 1] if 1 <= n <= len(allowed) else None
    for value in allowed:
        net = NETWORKS.get(value)
        names = {value.casefold()}
        if net is not None:
            names |= {net.label.casefold(), *net.aliases}
        if t in names:
            return value
    return None


def parse_tx_hash(text: str, network: str | None) -> str | None:
    t = text.strip()
    net = network_of(network)
    family = net.family if net else None
    hex_match = _HEX64.fullmatch(t)
    if family == "evm":
        return "0x" + hex_match.group(1).lower() if hex_match else None
    if family in ("btc", "tron", "stellar"):
        return hex_match.group(1).lower() if hex_match and not t.startswith("0x") else None
    if family in ("xrp", "bnb"):
        return hex_match.group(1).upper() if hex_match and not t.startswith("0x") else None
    if family in _TX_HASH:
        return t if _TX_HASH[family].fullmatch(t) else None
    # Network unknown: whatever one of them would take.
    if hex_match:
        return t.lower() if t.startswith("0x") else t
    return t if _TX_HASH["solana"].fullmatch(t) else None


def parse_address(text: str, network: str | None) -> str | None:
    t = text.strip()
    net = network_of(network)
    pattern = _ADDRESS.get(net.family) if net else None
    if pattern is None:
        return t if _ANY_ADDRESS.fullmatch(t) else None
    return t if pattern.fullmatch(t) else None


def parse_amount(text: str) -> str | None:
    """A positive decimal, written with a point or a comma ("0,5"), with or without thousands
    separators ("1,250.75", "1.250,75"), optionally followed by the token ("150 USDT")."""
    t = text.strip()
    match = _NUMBER.match(t)
    if match is None or not re.fullmatch(r"\s*[A-Za-z]{0,12}\s*", t[match.end() :]):
        return None
    number = match.group().strip().replace(" ", "").replace("'", "")
    if "," in number and "." in number:
        decimal_mark = "," if number.rfind(",") > number.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        number = number.replace(thousands, "").replace(decimal_mark, ".")
    elif "," in number:
        if re.fullmatch(r"\d{1,3}(,\d{3})+", number):
            number = number.replace(",", "")
        else:
            number = number.replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3}){2,}", number):
        number = number.replace(".", "")
    try:
        value = Decimal(number)
    except InvalidOperation:
        return None
    if not value.is_finite() or value <= 0 or len(number) > 40:
        return None
    return format(value.normalize(), "f")


def parse_memo(text: str, network: str | None) -> str | None:
    t = text.strip()
    if network == "XRP":  # a destination tag: an unsigned 32-bit number
        return t if re.fullmatch(r"\d{1,10}", t) and int(t) < 2**32 else None
    if not 1 <= len(t) <= 100 or any(ord(ch) < 32 for ch in t):
        return None
    return t


def parse_field(
    kind: FieldType, text: str, *, network: str | None = None, networks: Sequence[str] = ()
) -> str | None:
    """The normal form of `text` as a `kind`, or None when it is not one."""
    t = text.strip()
    if kind == FieldType.email:
        return t.lower() if _EMAIL.fullmatch(t) and len(t) <= 254 else None
    if kind == FieldType.code:
        digits = re.sub(r"[\s-]", "", t)
        return digits if _CODE.fullmatch(digits) else None
    if kind == FieldType.token:
        symbol = t.removeprefix("$")
        return symbol.upper() if _TOKEN.fullmatch(symbol) else None
    if kind == FieldType.amount:
        return parse_amount(t)
    if kind == FieldType.tx_hash:
        return parse_tx_hash(t, network)
    if kind == FieldType.address:
        return parse_address(t, network)
    if kind == FieldType.memo:
        return parse_memo(t, network)
    return parse_network(t, list(networks) or list(NETWORKS))
