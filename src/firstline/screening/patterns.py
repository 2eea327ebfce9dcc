"""Compiling screening's word lists (screening/words.py) into something fast enough to run on
every message: text folded the way the lists are written, and each list turned into rules
filed under the literals their matches contain.

Several hundred fragments in 17 languages, tried one by one at every position of a message,
cost milliseconds. So each fragment is compiled on its own, and filed under a set of literals
one of which is in any text it matches ("password" for "(?:login |fund )?passwords?"); one pass of a
trie-shaped expression over a sentence says which literals it contains, and only the rules
filed under those are tried. The tries are split by script, because a trie's first step tries
every first letter in turn and Chinese alone brings hundreds of them; a sentence is scanned
only for the scripts it is written in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from firstline.screening import words

# -- Folding --------------------------------------------------------------------------------


# After NFD, these marks go: Latin accents ("mật khẩu" is typed "mat khau" as often as not;
# Cyrillic ё and й lose theirs too, in the text and the lists alike), Arabic harakat, tatweel
# and the hamza that sits on alef, waw and ya (أ إ آ ؤ ئ come apart into the letter and the
# mark). Thai and Japanese marks are not in these ranges: they are letters and stay.
_MARKS = re.compile("[\u0300-\u036f\u064b-\u065f\u0670\u0640]")
# Letters with no decomposition, and the spellings phones mix up.
_REPLACE = (
    ("đ", "d"), ("ı", "i"), ("ø", "o"), ("ł", "l"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه"),
    ("ی", "ي"), ("ک", "ك"), ("،", ","), ("’", "'"), ("‘", "'"), ("ʼ", "'"), ("´", "'"),
)  # fmt: skip


def _fold_marks(text: str) -> str:
    # Composed again afterwards: Hangul syllables and kana with their voicing mark come back
    # whole (a syllable's first jamo would otherwise match inside a longer syllable).
    text = unicodedata.normalize("NFC", _MARKS.sub("", unicodedata.normalize("NFD", text)))
    for old, new in _REPLACE:
        if old in text:
            text = text.replace(old, new)
    return text.replace("`", "'")


def fold(text: str) -> str:
    """`text` as the word lists are written: NFKC, casefolded, Latin accents and Arabic
    variants removed. The length may change: keep the original for what is shown."""
    if text.isascii():
        return text.lower().replace("`", "'")
    return _fold_marks(unicodedata.normalize("NFKC", text).casefold())


def fold_fragment(fragment: str) -> str:
    """A fragment of the word lists folded like the text. Not casefolded: that would turn the
    pattern's \\S into \\s (the lists are written in lower case)."""
    return _fold_marks(unicodedata.normalize("NFKC", fragment))


# -- The literals every match contains --------------------------------------------------------
# A small reader for the expressions of words.py (groups, lookarounds, classes, escapes,
# quantifiers): enough to find a set of literals one of which is in any text a fragment
# matches. A fragment it cannot read, or with no such literal, is tried on every sentence.

_Item = tuple[str, object]  # ("lit", char) | ("group", alternatives) | ("any", None)
_Seq = list[tuple[_Item, int, int | None]]  # (item, least, most) repetitions


def _read_alternatives(p: str, i: int) -> tuple[list[_Seq], int]:
    seqs: list[_Seq] = [[]]
    while i < len(p) and p[i] != ")":
        if p[i] == "|":
            seqs.append([])
            i += 1
            continue
        item, i = _read_item(p, i)
        least, most, i = _read_repeat(p, i)
        seqs[-1].append((item, least, most))
    return seqs, i


def _read_item(p: str, i: int) -> tuple[_Item, int]:
    c = p[i]
    if c == "(":
        for opening, kind in (("(?:", "group"), ("(?>", "group"), ("(?=", "any"), ("(?!", "any")):
            if p.startswith(opening, i):
                body, i = _read_alternatives(p, i + 3)
                return (kind, body if kind == "group" else None), i + 1
        if p.startswith(("(?<=", "(?<!"), i):
            _, i = _read_alternatives(p, i + 4)
            return ("any", None), i + 1
        raise ValueError(f"screening fragments use (?:...) groups only: {p!r}")
    if c == "[":
        j = i + 1 + (p[i + 1] == "^")
        j += p[j] == "]"
        while p[j] != "]":
            j += 2 if p[j] == "\\" else 1
        return ("any", None), j + 1
    if c == "\\":
        if p[i + 1] in "uUxN0123456789":
            raise ValueError(f"screening fragments write characters as themselves: {p!r}")
        return (("any", None) if p[i + 1] in "wWsSdDbBAZ" else ("lit", p[i + 1])), i + 2
    return (("any", None) if c in "^$." else ("lit", c)), i + 1


def _read_repeat(p: str, i: int) -> tuple[int, int | None, int]:
    if i >= len(p) or p[i] not in "?*+{":
        return 1, 1, i
    least: int
    most: int | None
    if p[i] == "{":
        j = p.index("}", i)
        low, comma, high = p[i + 1 : j].partition(",")
        least = int(low or 0)
        most = (int(high) if high else None) if comma else least
        i = j
    else:
        least, most = {"?": (0, 1), "*": (0, None), "+": (1, None)}[p[i]]
    i += 1
    return least, most, i + (i < len(p) and p[i] in "?+")  # lazy or possessive


def _spellings(item: _Item, least: int, most: int | None) -> list[str] | None:
    """Every string `item` can match, if they are few and fixed ("(?:ví|địa chỉ)")."""
    if (least, most) != (1, 1):
        return None
    kind, data = item
    if kind == "lit":
        return [str(data)]
    if kind != "group" or not isinstance(data, list):
        return None
    out: list[str] = []
    for seq in data:
        spelled = [""]
        for sub, sub_least, sub_most in seq:
            parts = _spellings(sub, sub_least, sub_most)
            if parts is None or len(spelled) * len(parts) > _MOST_SPELLINGS:
                return None
            spelled = [a + b for a in spelled for b in parts]
        out += spelled
    return out if len(out) <= _MOST_SPELLINGS else None


_MOST_SPELLINGS = 64


def _best(options: Iterable[frozenset[str] | None]) -> frozenset[str] | None:
    # Literals of four characters or more where possible, then as few as possible: "code"
    # rather than "security|login|email" (each literal is a place the scan stops), "ví này"
    # rather than "này" (an everyday word).
    found = [o for o in options if o and all(o)]
    if not found:
        return None
    return max(found, key=lambda o: (min(4, *map(len, o)), -len(o), min(map(len, o))))


def _required_in_sequence(seq: _Seq) -> frozenset[str] | None:
    options: list[frozenset[str] | None] = []
    run = [""]  # the fixed text read so far, in each of its spellings
    for item, least, most in seq:
        spelled = _spellings(item, least, most)
        if spelled is not None and len(run) * len(spelled) <= _MOST_SPELLINGS:
            run = [a + b for a in run for b in spelled]
            continue
        options.append(frozenset(run))
        run = [""]
        if spelled is not None:  # too many spellings with the text before: start again
            run = spelled
        elif least >= 1:
            kind, data = item
            if kind == "group" and isinstance(data, list):
                options.append(_required_in_alternatives(data))
    options.append(frozenset(run))
    return _best(options)


def _required_in_alternatives(seqs: list[_Seq]) -> frozenset[str] | None:
    out: set[str] = set()
    for seq in seqs:
        found = _required_in_sequence(seq)
        if found is None:
            return None
        out |= found
    return frozenset(out)


def required_literals(pattern: str) -> frozenset[str] | None:
    """Literals one of which every match of `pattern` contains, or None if there is none (or
    the pattern uses syntax the word lists do not)."""
    try:
        seqs, end = _read_alternatives(pattern, 0)
    except (IndexError, ValueError):
        return None
    return _required_in_alternatives(seqs) if end == len(pattern) else None


# -- Word boundaries --------------------------------------------------------------------------

_ARABIC_START = r"(?<![^\W\u0648\u0641\u0628\u0644])"  # و ف ب ل are glued to the next word
# Latin-script words end at anything not a-z or a digit, so "请把你的OTP发给我" names "otp"
# though Chinese letters touch it (\w would not let it).
_LATIN_START = r"(?<![a-z0-9_])"
_LATIN_END = r"(?![a-z0-9_])"
_WORD_START = r"(?<!\w)"
_WORD_END = r"(?!\w)"


def _ends_with_lookahead(fragment: str) -> bool:
    # "xin (?=mã |mật )" ends on what follows it: a word boundary after it would never hold.
    depth = 0
    for i in range(len(fragment) - 1, -1, -1):
        if i > 0 and fragment[i - 1] == "\\":
            continue
        if fragment[i] == ")":
            depth += 1
        elif fragment[i] == "(":
            depth -= 1
            if depth == 0:
                return fragment.startswith("(?=", i)
        if depth == 0:
            return False
    return False


def bounded(lang: str, fragment: str, *, secret: bool = False) -> str:
    """`fragment` folded, between word boundaries in a language written with spaces ("*": a
    fragment that carries its own)."""
    fragment = fold_fragment(fragment)
    if lang in words.UNSPACED or lang == "*":
        return fragment
    latin = lang in words.LATIN
    left = _LATIN_START if latin else _ARABIC_START if lang == "ar" else _WORD_START
    # Indonesian glues -nya ("the") to a noun: "kode OTP-nya", "passwordnya".
    suffix = "(?:-?nya)?" if secret and latin else ""
    right = "" if _ends_with_lookahead(fragment) else _LATIN_END if latin else _WORD_END
    return f"{left}(?:{fragment}){suffix}{right}"


# -- Scanning for literals --------------------------------------------------------------------

_TrieNode = dict[str, "_TrieNode"]


def trie(literals: Iterable[str]) -> str:
    """One expression matching any of `literals`, shaped as a trie so that a position of the
    text costs a step or two rather than a try of every literal."""
    root: _TrieNode = {}
    for literal in literals:
        node = root
        for ch in literal:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: _TrieNode) -> str:
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


_SCRIPTS = (
    ("cyrillic", "\u0400-\u04ff"),
    ("arabic", "\u0600-\u06ff\u0750-\u077f"),
    ("thai", "\u0e00-\u0e7f"),
    ("hangul", "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"),
    ("cjk", "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"),
)
_SCRIPT_OF = [(name, re.compile(f"[{chars}]")) for name, chars in _SCRIPTS]
_ASCII_ALNUM = re.compile("[a-z0-9]")


def _script_of_literal(literal: str) -> str:
    for name, pattern in _SCRIPT_OF:
        if pattern.search(literal):
            return name
    return "latin"  # and digits, and anything else


def scripts(folded: str) -> frozenset[str]:
    """The scripts `folded` is written in, as far as the word lists care."""
    if folded.isascii():
        return frozenset({"latin"})
    found = {name for name, pattern in _SCRIPT_OF if pattern.search(folded)}
    if _ASCII_ALNUM.search(folded):
        found.add("latin")
    return frozenset(found)


class Scanner:
    """Which of some literals a text contains (`found`), or whether it contains any (`any`,
    for a scanner made with gate=True)."""

    def __init__(self, literals: Iterable[str], *, gate: bool = False) -> None:
        by_script: dict[str, set[str]] = {}
        for literal in literals:
            by_script.setdefault(_script_of_literal(literal), set()).add(literal)
        self.patterns: dict[str, re.Pattern[str]] = {}
        self.gates: dict[str, re.Pattern[str]] = {}
        for script, known in by_script.items():
            if gate:
                # Without a lookahead, `re` skips the positions whose character starts no
                # literal, and stops at the first.
                self.gates[script] = re.compile(trie(known))
            else:
                # Every position, longest literal first; a trie reports one literal per
                # position, so the shorter ones a longer one starts with come from `prefixes`.
                self.patterns[script] = re.compile(f"(?=({trie(known)}))")
        known = set().union(*by_script.values())
        self.prefixes = {
            literal: [literal[:n] for n in range(1, len(literal)) if literal[:n] in known]
            for literal in known
        }

    def found(self, folded: str, in_scripts: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for script in in_scripts:
            if (pattern := self.patterns.get(script)) is not None:
                for m in pattern.finditer(folded):
                    out.add(literal := m.group(1))
                    out.update(self.prefixes[literal])
        return out

    def any(self, folded: str, in_scripts: Iterable[str]) -> bool:
        return any(
            (gate := self.gates.get(script)) is not None and gate.search(folded) is not None
            for script in in_scripts
        )


# -- Rules ----------------------------------------------------------------------------------

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Rule(Generic[T]):
    order: int  # its place in the lists
    pattern: re.Pattern[str]
    tag: T


class Rules(Generic[T]):
    """Fragments of the word lists (lang, fragment, tag), filed under the literals their
    matches contain."""

    def __init__(self, entries: Iterable[tuple[str, str, T]], *, secret: bool = False) -> None:
        self.by_literal: dict[str, list[Rule[T]]] = {}
        self.always: list[Rule[T]] = []
        for order, (lang, fragment, tag) in enumerate(entries):
            pattern = re.compile(bounded(lang, fragment, secret=secret))
            if pattern.groups:
                raise ValueError(f"capturing group in a screening fragment: {fragment!r}")
            rule = Rule(order, pattern, tag)
            literals = required_literals(fold_fragment(fragment))
            for literal in literals or ():
                self.by_literal.setdefault(literal, []).append(rule)
            if not literals:
                self.always.append(rule)
        self.literals = frozenset(self.by_literal)

    def among(self, found: set[str]) -> list[Rule[T]]:
        """The rules that may match a text containing the literals `found`, in list order."""
        hits = found & self.literals
        if not hits:
            return self.always
        rules = {r.order: r for r in self.always}
        for literal in hits:
            rules.update((r.order, r) for r in self.by_literal[literal])
        return [rules[order] for order in sorted(rules)]

    def search(
        self, folded: str, found: set[str], pos: int = 0, endpos: int | None = None
    ) -> re.Match[str] | None:
        end = len(folded) if endpos is None else endpos
        for rule in self.among(found):
            if match := rule.pattern.search(folded, pos, end):
                return match
        return None


def scanner(*rule_sets: Rules[Any], gate: bool = False) -> Scanner:
    """One scan for the literals of several rule sets read together."""
    return Scanner((literal for rules in rule_sets for literal in rules.by_literal), gate=gate)
