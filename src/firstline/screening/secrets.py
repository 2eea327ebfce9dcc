"""Whether a message about to reach a customer asks for something no support desk asks for:
a password, a one-time or 2FA code, a seed phrase, a private key, or money moved to an
address outside the account.

It runs on every message an agent or the bot sends (quality/checks.py, bot/engine.py). A
message is read sentence by sentence. A sentence asks for a secret when it names one and,
within a few words, has a cue that means "give it to us" (a verb aimed at us, "what is your
...", "type it here"), and no negation: the opposite sentence, "we will never ask for your
password", is far more common in support than the scam and must pass. It asks for money when
a transfer verb in the form of a request ("please transfer", "переведите") meets a
destination the customer is handed ("this safe wallet", "0xAb...") and something that is
money.

The words are in screening/words.py; screening/patterns.py compiles them so that a sentence
that names no secret and no destination, nearly every sentence, costs one scan.
evaluation/screening.py measures how often ordinary text about passwords and keys
(Bitcoin.org's FAQ, in 15 languages) is flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from firstline.screening import words
from firstline.screening.patterns import Rules, fold, fold_fragment, scanner, scripts

KINDS: tuple[str, ...] = ("password", "code", "seed_phrase", "private_key", "funds")

EVIDENCE_CHARS = 200


@dataclass(frozen=True, slots=True)
class SecretRequest:
    kind: str  # one of KINDS
    evidence: str  # the sentence that asks, as written (stripped, at most EVIDENCE_CHARS)
    language: str | None  # the language whose cue matched


# -- The lists, compiled --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Name:
    kind: str
    lang: str
    flag: str  # "" | "weak" (generic verification code) | "local" (slang of one language)


def _names_listed() -> list[tuple[str, str, _Name]]:
    entries: list[tuple[str, str, _Name]] = []
    # The more specific kind first, where one name starts another ("clave privada", "clave").
    for kind in ("private_key", "seed_phrase", "code", "password"):
        for lang in words.LANGUAGES:
            entries += [(lang, f, _Name(kind, lang, "")) for f in words.SECRETS[lang].get(kind, ())]
        if kind == "code":
            for lang, fragments in words.WEAK_CODES.items():
                entries += [(lang, f, _Name(kind, lang, "weak")) for f in fragments]
        for lang, kinds in words.LOCAL_SECRETS.items():
            entries += [(lang, f, _Name(kind, lang, "local")) for f in kinds.get(kind, ())]
    return entries


def _per_language(table: Mapping[str, Iterable[str]]) -> list[tuple[str, str, str]]:
    return [(lang, f, lang) for lang in words.LANGUAGES for f in table.get(lang, ())]


def _as_written(table: Mapping[str, Iterable[str]]) -> list[tuple[str, str, str]]:
    # Fragments that carry their own boundaries or anchors, tried whatever the language.
    return [("*", f, lang) for lang, fragments in table.items() for f in fragments]


_ASK = "ask"
_NEAR = "near"
_ENTRY = "entry"

_NAMES = Rules(_names_listed(), secret=True)
_CUES = {
    _ASK: Rules(_per_language(words.ASK)),
    _NEAR: Rules(_per_language(words.ASK_NEAR)),
    _ENTRY: Rules(_per_language(words.ASK_ENTRY)),
}
# How far (in characters of folded text) a cue may be from the secret it asks for: a few
# words in languages with spaces, a few characters in those without.
_REACH = {_ASK: (40, 16), _NEAR: (14, 8), _ENTRY: (40, 16)}
_NEGATION = Rules(_per_language(words.NEGATION))
_BEFORE_NAME = Rules(_as_written(words.BEFORE_NAME))
_AFTER_NAME = Rules(_as_written(words.AFTER_NAME))
_CLAUSE = Rules(_as_written(words.CLAUSE))
_MOVE = Rules(_per_language(words.MOVE))
_DESTINATION = Rules(_per_language(words.DESTINATION))
_FUNDS = Rules(_as_written({"*": words.FUNDS}))
_NOT_FUNDS = Rules(_as_written({"*": words.NOT_FUNDS}))
_ADDRESS = re.compile("|".join(f"(?:{f})" for f in words.ADDRESS))
_COURTESY = re.compile("(?:[\\s,]|" + "|".join(fold_fragment(f) for f in words.POLITE) + ")*")

# Whether a message names a secret or a destination at all; then, for each sentence of one
# that does, one scan for the literals of every list (within a script, a trie's first step
# costs about the same however many literals it holds).
_GATE = scanner(_NAMES, _DESTINATION, gate=True)
_SCAN = scanner(
    _NAMES, *_CUES.values(), _NEGATION, _BEFORE_NAME, _AFTER_NAME, _CLAUSE, _MOVE, _DESTINATION,
    _FUNDS, _NOT_FUNDS,
)  # fmt: skip
if _NAMES.always or _DESTINATION.always:
    raise ValueError("every secret's and destination's fragment needs a literal")

# Sentences end at . ! ? followed by a space (not inside "0.5" or "0xAb..."), at the CJK,
# Arabic and Devanagari stops, at semicolons and at line ends. The first kind keeps its mark.
_SENTENCE_END = re.compile(r"([.!?…])\s+|[。！？؟।;；\n\r]+")


# -- Reading a sentence ---------------------------------------------------------------------


@dataclass(slots=True)
class _Sentence:
    folded: str
    found: set[str]  # the literals of the lists it contains
    _negated: set[str] | None = None

    @classmethod
    def read(cls, folded: str, in_scripts: frozenset[str]) -> _Sentence:
        return cls(folded, _SCAN.found(folded, in_scripts))

    def negated(self) -> set[str]:
        """The languages whose negation is in the sentence; "en" and the negations no other
        language could mistake (words.DISTINCT_NEGATION) count whatever language asked."""
        if self._negated is None:
            self._negated = {
                rule.tag for rule in _NEGATION.among(self.found) if rule.pattern.search(self.folded)
            }
        return self._negated


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int
    end: int
    lang: str
    mode: str


_NEGATED_ANYWAY = frozenset({"en", *words.DISTINCT_NEGATION})


def _close_enough(sentence: _Sentence, start: int, end: int, cue: _Cue) -> bool:
    if cue.start < end and start < cue.end:
        return True  # the cue spans the name ("gửi mã OTP cho mình", "enter ... here")
    folded, found = sentence.folded, sentence.found
    reach = _REACH[cue.mode][1 if cue.lang in words.UNSPACED else 0]
    if cue.end <= start:
        courtesy = _COURTESY.match(folded, cue.end, start)
        gap = courtesy.end() if courtesy else cue.end
        return (
            start - gap <= reach
            and "," not in folded[gap:start]
            and _CLAUSE.search(folded, found, gap, start) is None
        )
    return cue.start - end <= reach and _CLAUSE.search(folded, found, 0, start) is None


def _names(sentence: _Sentence) -> list[tuple[int, int, _Name]]:
    folded, found = sentence.folded, sentence.found
    matches = sorted(
        (m.start(), rule.order, m.end(), rule.tag)
        for rule in _NAMES.among(found)
        for m in rule.pattern.finditer(folded)
    )
    names: list[tuple[int, int, _Name]] = []
    taken = 0
    for start, _, end, name in matches:
        if start < taken:
            continue  # inside a longer name ("clave" of "clave privada", "sandi" of "kata sandi")
        taken = end
        if _BEFORE_NAME.search(folded, found, max(0, start - 40), start):
            continue  # "reset your password", "新密码"
        if _AFTER_NAME.search(folded[end : end + 40], found):
            continue  # "password reset", "Passwort zurücksetzen"
        names.append((start, end, name))
    return names


def _asks_for_secret(sentence: _Sentence) -> tuple[str, str] | None:
    names = _names(sentence)
    if not names:
        return None
    negated, found = sentence.negated(), sentence.found
    cues = [
        _Cue(m.start(), m.end(), rule.tag, mode)
        for mode, rules in _CUES.items()
        for rule in rules.among(found)
        for m in rule.pattern.finditer(sentence.folded)
    ]
    for start, end, name in names:
        for cue in cues:
            if name.flag == "local" and cue.lang != name.lang:
                continue
            if name.flag == "weak" and cue.mode == _ENTRY:
                continue
            if cue.lang not in negated and _close_enough(sentence, start, end, cue):
                return name.kind, cue.lang
    return None


def _address(folded: str) -> bool:
    # Only a long token can be an address, and only one with 0x, bc1 or tb1 a short one:
    # plain string operations rule out nearly every text before any expression runs.
    prefixed = "0x" in folded or "bc1" in folded or "tb1" in folded
    if not prefixed and max(map(len, folded.split()), default=0) < 26:
        return False
    for m in _ADDRESS.finditer(folded):
        if m.start() > 0 and folded[m.start() - 1].isalnum():
            continue
        written = m.group()
        # Tron addresses have a digit somewhere, old Bitcoin ones a letter: not a long word
        # that starts with t, not a long number.
        if written[0] == "t" and not any(c.isdigit() for c in written):
            continue
        if written[0] in "13" and written.isdigit():
            continue
        return True
    return False


def _asks_for_funds(sentence: _Sentence) -> tuple[str, str] | None:
    folded, found = sentence.folded, sentence.found
    # In the order that gives up soonest: a transfer asked for is the rare part.
    moves = [rule for rule in _MOVE.among(found) if rule.pattern.search(folded)]
    if not moves:
        return None
    if _DESTINATION.search(folded, found) is None and not _address(folded):
        return None
    if _FUNDS.search(folded, found) is None or _NOT_FUNDS.search(folded, found) is not None:
        return None
    negated = sentence.negated()
    for rule in moves:
        if rule.tag not in negated:
            return "funds", rule.tag
    return None


# -- The API --------------------------------------------------------------------------------


def sentences(text: str) -> list[str]:
    """The sentences of `text` as find_secret_request reads them, stripped, empty ones left
    out."""
    parts = _SENTENCE_END.split(text)
    marks = [*parts[1::2], None]  # the . ! ? that ended each piece, kept with it
    pieces = [piece + (mark or "") for piece, mark in zip(parts[::2], marks, strict=True)]
    return [s for piece in pieces if (s := piece.strip())]


def find_secret_request(text: str) -> SecretRequest | None:
    """The first sentence of `text` that asks the customer for a secret or for their money,
    or None. Warnings and instructions that only name the secret ("we will never ask for your
    password", "enter the code on the withdrawal page") are not requests."""
    # Nearly every message names no secret and no destination: one fold, one scan, done.
    whole = fold(text)
    if not _GATE.any(whole, scripts(whole)) and not _address(whole):
        return None
    for piece in sentences(text):
        folded = fold(piece)
        in_scripts = scripts(folded)
        if not _GATE.any(folded, in_scripts) and not _address(folded):
            continue
        sentence = _Sentence.read(folded, in_scripts)
        if sentence.negated() & _NEGATED_ANYWAY:
            continue  # a warning, the commonest sentence that names a secret: no more to read
        found = None
        if _NAMES.among(sentence.found):
            found = _asks_for_secret(sentence)
        if found is None and (_DESTINATION.among(sentence.found) or _address(sentence.folded)):
            found = _asks_for_funds(sentence)
        if found is not None:
            kind, lang = found
            return SecretRequest(kind, piece[:EVIDENCE_CHARS], lang)
    return None
