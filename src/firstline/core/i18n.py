"""Message catalogs and the one lookup for every text the product shows.

Texts live in `firstline/locales/<language>/<domain>.json`, one flat object per file mapping a
message's name to an ICU MessageFormat pattern, and are read with `t("flows.code_sent", "vi",
destination=...)`: the key's first part names the file (the domain), the rest the message.
English is the source: its files hold every key, and a language that misses one falls back to
English (logged once per message), so an incomplete translation never breaks a page.

Why ICU MessageFormat: PyICU already ships with the product, and its patterns carry CLDR plural
rules (`{n, plural, one {# minute} few {# минуты} many {# минут} other {...}}`), gender or any
other choice (`{gender, select, female {...} other {...}}`) and locale number and date
formats inside the translation itself, where the translator can see them.

Apostrophes: ICU reads an ASCII apostrophe before `{`, `}` or `#` as the start of quoted text,
so French "l'{name}" would print "l{name}" verbatim. The catalogs therefore always write an
ASCII apostrophe twice (`l''article`), which ICU prints as one; a test holds every catalog to
that, and `escape()` does it for generated text.

Speed: the bot calls `t` on its hot path. Catalog files are read once; each thread keeps its own
compiled MessageFormat per (language, key), because an ICU formatter with a date inside carries a
calendar it changes while formatting and must not be shared between threads. A message without
arguments is formatted once and kept as the finished string.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import threading
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import icu  # type: ignore[import-untyped]

from firstline.core.language import (
    DEFAULT_LANGUAGE,
    RTL_LANGUAGES,
    SUPPORTED_LANGUAGES,
    normalize_locale,
)

log = logging.getLogger(__name__)

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"

# ICU's names for the two Chinese scripts; the other codes are ICU's own.
_ICU_LOCALE_IDS = {"zh-CN": "zh_Hans_CN", "zh-TW": "zh_Hant_TW"}
_UTC = dt.UTC


def icu_locale(language: str) -> icu.Locale:
    """The ICU locale for one of the product's language codes."""
    return _icu_locale(language)


@lru_cache(maxsize=64)
def _icu_locale(language: str) -> icu.Locale:
    return icu.Locale(_ICU_LOCALE_IDS.get(language, language.replace("-", "_")))


# Unicode's "first strong isolate" and "pop directional isolate": text between them takes its
# own direction and cannot reorder what is around it.
_FSI, _PDI = "\u2068", "\u2069"


def isolate(text: str) -> str:
    """`text` set apart from the sentence around it, for a right-to-left message: an e-mail,
    an amount with its currency or a name in Latin letters inside Arabic keeps its own order
    ("l***@example.com", not "example.com@***l") and leaves the sentence's punctuation where
    it belongs. Every text argument of an Arabic message gets this (the browser formatter
    does the same)."""
    if not text or text.startswith(_FSI):
        return text
    return f"{_FSI}{text}{_PDI}"


def escape(text: str) -> str:
    """`text` as an ICU pattern that prints it unchanged (apostrophes doubled, braces quoted)."""
    text = text.replace("'", "''")
    return re.sub(r"[{}]+", lambda m: f"'{m.group(0)}'", text)


# --- reading patterns ----------------------------------------------------------------------------

_COMPLEX = frozenset({"plural", "selectordinal", "select"})


def arguments(pattern: str) -> dict[str, str]:
    """The arguments a pattern uses, each with its type ("" for a plain `{name}`, "plural",
    "select", "number", "date"...), nested ones included. Raises ValueError on a pattern whose
    braces do not close."""
    return _Scan(pattern).kinds


def choices(pattern: str) -> dict[str, set[str]]:
    """The selectors of each plural or select argument ("one", "few", "=0"...)."""
    return _Scan(pattern).selectors


class _Scan:
    """One pass over a pattern by ICU's rules (ApostropheMode DOUBLE_OPTIONAL: an apostrophe
    quotes only before a brace, a `#` in a plural, a `|` or another apostrophe)."""

    _HEAD = re.compile(r"\s*([^\s,{}]+)\s*(?:,\s*(\w+)\s*)?([,}])")
    _SELECTOR = re.compile(r"\s*(?:offset:\s*\d+\s*)?([^\s{}]+)\s*\{")

    def __init__(self, pattern: str) -> None:
        self.p = pattern
        self.kinds: dict[str, str] = {}
        self.selectors: dict[str, set[str]] = {}
        end = self._message(0, in_plural=False)
        if end != len(pattern):
            raise ValueError(f"unbalanced '}}' at {end} in {pattern!r}")

    def _message(self, i: int, *, in_plural: bool) -> int:
        """Scan message text from `i` to the `}` that closes it (or the end); return that
        index."""
        p = self.p
        specials = "{}#|'" if in_plural else "{}|'"
        while i < len(p):
            c = p[i]
            if c == "'":
                if i + 1 < len(p) and p[i + 1] == "'":
                    i += 2
                elif i + 1 < len(p) and p[i + 1] in specials:
                    close = p.find("'", i + 1)
                    while close != -1 and close + 1 < len(p) and p[close + 1] == "'":
                        close = p.find("'", close + 2)
                    i = len(p) if close == -1 else close + 1
                else:
                    i += 1
            elif c == "{":
                i = self._argument(i + 1)
            elif c == "}":
                return i
            else:
                i += 1
        return i

    def _argument(self, i: int) -> int:
        """Scan an argument after its `{`; return the index after its closing `}`."""
        p = self.p
        head = self._HEAD.match(p, i)
        if not head:
            raise ValueError(f"bad argument at {i} in {p!r}")
        name, kind, stop = head.group(1), head.group(2) or "", head.group(3)
        self.kinds[name] = kind
        i = head.end()
        if stop == "}":
            return i
        if kind not in _COMPLEX:  # a style such as "medium" or "::currency/EUR": no braces
            close = p.find("}", i)
            if close == -1:
                raise ValueError(f"unclosed argument {name!r} in {p!r}")
            return close + 1
        selectors = self.selectors.setdefault(name, set())
        while True:
            while i < len(p) and p[i].isspace():
                i += 1
            if i < len(p) and p[i] == "}":
                return i + 1
            m = self._SELECTOR.match(p, i)
            if not m:
                raise ValueError(f"bad {kind} choices for {name!r} in {p!r}")
            selectors.add(m.group(1))
            i = self._message(m.end(), in_plural=kind != "select")
            if i >= len(p):
                raise ValueError(f"unclosed choice for {name!r} in {p!r}")
            i += 1


# --- the catalogs --------------------------------------------------------------------------------


class Catalogs:
    """The messages under one locales folder. The product uses the one at `LOCALES_DIR`
    through `t`; tests build their own on a folder of their own."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._files: dict[tuple[str, str], Mapping[str, str]] = {}
        self._lock = threading.Lock()
        self._fallbacks_logged: set[tuple[str, str]] = set()
        self._local = threading.local()

    def messages(self, language: str, domain: str) -> Mapping[str, str]:
        """The patterns of `domain` in `language` as its file has them (empty if no file)."""
        cached = self._files.get((language, domain))
        if cached is not None:
            return cached
        with self._lock:
            cached = self._files.get((language, domain))
            if cached is None:
                path = self.root / language / f"{domain}.json"
                cached = json.loads(path.read_text("utf-8")) if path.is_file() else {}
                self._files[(language, domain)] = cached
        return cached

    def domains(self) -> list[str]:
        """The domains English has a file for."""
        return sorted(p.stem for p in (self.root / DEFAULT_LANGUAGE).glob("*.json"))

    def keys(self, domain: str | None = None) -> list[str]:
        """Every message key ("domain.name"), of one domain or of all, in English's order."""
        domains = [domain] if domain else self.domains()
        return [f"{d}.{name}" for d in domains for name in self.messages(DEFAULT_LANGUAGE, d)]

    def pattern(self, key: str, language: str) -> tuple[str, str]:
        """The pattern of `key` in `language`, or in English when the language lacks it, and the
        language it came from. KeyError for a key English does not have."""
        domain, _, name = key.partition(".")
        text = self.messages(language, domain).get(name)
        if text is not None:
            return text, language
        english = self.messages(DEFAULT_LANGUAGE, domain)
        if name not in english:
            raise KeyError(key)
        if (language, key) not in self._fallbacks_logged:
            self._fallbacks_logged.add((language, key))
            log.warning("message %s has no %s translation; English is shown", key, language)
        return english[name], DEFAULT_LANGUAGE

    def t(self, key: str, locale: str, /, **args: object) -> str:
        """Message `key` in `locale` (a product language code; anything else reads English)
        with its arguments filled in."""
        language = locale if locale in _LANGUAGES else _language_of(locale)
        compiled: dict[tuple[str, str], _Compiled] | None = getattr(self._local, "cache", None)
        if compiled is None:
            compiled = self._local.cache = {}
        entry = compiled.get((language, key))
        if entry is None:
            entry = compiled[(language, key)] = self._compile(key, language)
        if language in RTL_LANGUAGES and args:
            # Only what is printed is set apart; a select's value chooses a branch as it is.
            args = {
                k: isolate(v) if isinstance(v, str) and k in entry.plain else v
                for k, v in args.items()
            }
        return entry.format(key, args)

    def _compile(self, key: str, language: str) -> _Compiled:
        text, source = self.pattern(key, language)
        # Plural rules and number formats follow the language of the text actually shown.
        fmt = icu.MessageFormat(text, icu_locale(source))
        for index, sub in enumerate(fmt.getFormats()):
            if isinstance(sub, icu.DateFormat):  # dates read in UTC, like the rest of the product
                sub.setTimeZone(icu.TimeZone.getGMT())
                fmt.setFormat(index, sub)
        kinds = arguments(text)
        names = frozenset(kinds)
        if not names:
            return _Compiled(fmt, names, str(fmt.format([], [])), None)
        template = None
        if all(kind == "" and name.isidentifier() for name, kind in kinds.items()):
            # Only plain arguments: ICU prints a text value as it is, so the message is its
            # literal pieces with the values between them. Rendered once with markers around
            # the names, it becomes a str.format template that fills text values several times
            # faster than ICU (numbers and dates still go through ICU, for their locale format).
            order = sorted(names)
            marked = fmt.format(order, [icu.Formattable(f"{_MARK}{n}{_MARK}") for n in order])
            pieces = str(marked).split(_MARK)  # literal, name, literal, name, ...
            template = "".join(
                "{" + piece + "}" if odd else piece.replace("{", "{{").replace("}", "}}")
                for odd, piece in zip(_ALTERNATE, pieces, strict=False)
            )
        plain = frozenset(name for name, kind in kinds.items() if kind == "")
        return _Compiled(fmt, names, None, template, plain)


_MARK = "\ue000"  # a private-use character no catalog text contains


class _Compiled:
    __slots__ = ("fixed", "fmt", "names", "plain", "template")

    def __init__(
        self,
        fmt: icu.MessageFormat,
        names: frozenset[str],
        fixed: str | None,
        template: str | None,
        plain: frozenset[str] = frozenset(),
    ) -> None:
        self.fmt, self.names, self.fixed, self.template = fmt, names, fixed, template
        self.plain = plain  # the arguments printed as they are ({x}, not a select or plural)

    def format(self, key: str, args: Mapping[str, object]) -> str:
        if self.fixed is not None:
            return self.fixed
        missing = self.names.difference(args)
        if missing:
            raise KeyError(f"{key} needs {', '.join(sorted(missing))}")
        if self.template is not None:
            for name in self.names:
                if type(args[name]) is not str:
                    break
            else:
                return self.template.format_map(args)
        names = [name for name in args if name in self.names]
        return str(self.fmt.format(names, [_formattable(args[name]) for name in names]))


_ALTERNATE = (False, True) * 64


def _formattable(value: object) -> icu.Formattable:
    if isinstance(value, bool):
        return icu.Formattable(str(value).lower())
    if isinstance(value, int | float):
        return icu.Formattable(value)
    if isinstance(value, Decimal):
        return icu.Formattable(float(value))
    if isinstance(value, dt.datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=_UTC)
        return icu.Formattable(aware.timestamp(), icu.Formattable.kIsDate)
    if isinstance(value, dt.date):
        midnight = dt.datetime(value.year, value.month, value.day, tzinfo=_UTC)
        return icu.Formattable(midnight.timestamp(), icu.Formattable.kIsDate)
    return icu.Formattable(str(value))


_LANGUAGES = frozenset(SUPPORTED_LANGUAGES)


@lru_cache(maxsize=256)
def _language_of(locale: str) -> str:
    return normalize_locale(locale) or DEFAULT_LANGUAGE


CATALOGS = Catalogs(LOCALES_DIR)


def t(key: str, locale: str, /, **args: object) -> str:
    """Message `key` ("domain.name") in `locale`, its ICU arguments filled from `args`: the one
    lookup for every text a customer or an agent reads."""
    return CATALOGS.t(key, locale, **args)


def bind(domain: str, locale: str) -> Callable[..., str]:
    """`t` for one domain and locale, for a template: `t("title")`, `t("updated", date=d)`."""

    def lookup(name: str, /, **args: object) -> str:
        return CATALOGS.t(f"{domain}.{name}", locale, **args)

    return lookup


def keys(domain: str | None = None) -> list[str]:
    """Every message key of the product's catalogs, of one domain or of all."""
    return CATALOGS.keys(domain)


# --- numbers, durations, dates -------------------------------------------------------------------

_local = threading.local()


def _cached(kind: str, language: str, make: Callable[[], Any]) -> Any:
    # ICU formatters are not safe to share between threads: one of each per thread.
    cache: dict[tuple[str, str], Any] | None = getattr(_local, "cache", None)
    if cache is None:
        cache = _local.cache = {}
    found = cache.get((kind, language))
    if found is None:
        found = cache[(kind, language)] = make()
    return found


def _lang(locale: str) -> str:
    return locale if locale in _LANGUAGES else _language_of(locale)


def format_number(value: int | float | Decimal, locale: str) -> str:
    """`value` with the locale's digits, grouping and decimal sign ("1 234,5" in French)."""
    language = _lang(locale)
    fmt = _cached(
        "number", language, lambda: icu.NumberFormat.createInstance(_icu_locale(language))
    )
    return str(fmt.format(float(value) if isinstance(value, Decimal) else value))


_UNITS: tuple[tuple[str, int, Callable[[], icu.MeasureUnit]], ...] = (
    ("day", 86_400, icu.MeasureUnit.createDay),
    ("hour", 3_600, icu.MeasureUnit.createHour),
    ("minute", 60, icu.MeasureUnit.createMinute),
    ("second", 1, icu.MeasureUnit.createSecond),
)


def _duration_parts(total: int) -> Iterator[tuple[int, Callable[[], icu.MeasureUnit]]]:
    for _, size, unit in _UNITS:
        count, total = divmod(total, size)
        if count:
            yield count, unit


def format_duration(value: dt.timedelta | float, locale: str, *, short: bool = False) -> str:
    """A duration (a timedelta or seconds) in words of the locale, whole seconds, each unit
    pluralised by the locale's rules: "2 minutes", "1 час 5 минут", "دقيقتان". Zero units are
    left out; `short` gives the abbreviated units ("2 min")."""
    seconds = value.total_seconds() if isinstance(value, dt.timedelta) else float(value)
    total = round(abs(seconds))
    language = _lang(locale)
    width = icu.UMeasureFormatWidth.SHORT if short else icu.UMeasureFormatWidth.WIDE
    measures = _cached(
        f"measure-{short}", language, lambda: icu.MeasureFormat(_icu_locale(language), width)
    )
    parts = list(_duration_parts(total)) or [(0, icu.MeasureUnit.createSecond)]
    words = [str(measures.formatMeasure(icu.Measure(n, unit()))) for n, unit in parts]
    if len(words) == 1:
        return words[0]
    lists = _cached(
        f"list-{short}",
        language,
        lambda: icu.ListFormatter.createInstance(
            _icu_locale(language),
            icu.UListFormatterType.UNITS,
            icu.UListFormatterWidth.SHORT if short else icu.UListFormatterWidth.WIDE,
        ),
    )
    return str(lists.format(words))


_STYLES = {
    "full": icu.DateFormat.kFull,
    "long": icu.DateFormat.kLong,
    "medium": icu.DateFormat.kMedium,
    "short": icu.DateFormat.kShort,
    None: icu.DateFormat.kNone,
}


def format_datetime(
    value: dt.datetime | dt.date,
    locale: str,
    *,
    date: str | None = "medium",
    time: str | None = "short",
    timezone: str = "UTC",
    skeleton: str | None = None,
) -> str:
    """A moment in the locale's own way ("1 déc. 2026, 23:30"); `date` and `time` pick each
    part's length ("full", "long", "medium", "short") or leave it out (None), or `skeleton`
    names the fields and ICU orders them as the locale does ("yMMMdjmmz": "Dec 1, 2026,
    11:30 PM UTC", "2026年12月1日 23:30 UTC"). A naive value is taken as UTC; a bare date has
    no time part."""
    if not isinstance(value, dt.datetime):
        value, time = dt.datetime(value.year, value.month, value.day, tzinfo=_UTC), None
    language = _lang(locale)

    def make() -> icu.DateFormat:
        where = _icu_locale(language)
        if skeleton:
            pattern = icu.DateTimePatternGenerator.createInstance(where).getBestPattern(skeleton)
            fmt = icu.SimpleDateFormat(pattern, where)
        else:
            fmt = icu.DateFormat.createDateTimeInstance(_STYLES[date], _STYLES[time], where)
        fmt.setTimeZone(icu.TimeZone.createTimeZone(timezone))
        return fmt

    fmt = _cached(f"date-{date}-{time}-{timezone}-{skeleton}", language, make)
    aware = value if value.tzinfo else value.replace(tzinfo=_UTC)
    return str(fmt.format(aware.timestamp()))
