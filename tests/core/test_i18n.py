"""The message catalogs: every message in all seventeen languages with the same arguments as
English, every one formats with sample arguments, plural categories complete for each
language, apostrophes survive ICU's quoting, and a missing translation reads English; plus the
locale formats of numbers, durations and dates."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import threading
from pathlib import Path

import icu
import pytest

from firstline.core.i18n import (
    CATALOGS,
    Catalogs,
    arguments,
    bind,
    choices,
    escape,
    format_datetime,
    format_duration,
    format_number,
    icu_locale,
    isolate,
    keys,
    t,
)
from firstline.core.language import SUPPORTED_LANGUAGES

NUMBERS = (0, 1, 2, 3, 5, 11, 21, 101)
MESSAGES = keys()
# Domains written in English first and being translated right now: a language with no file
# for one yet reads it in English; a file that exists must be complete. Keep this short.
BEING_TRANSLATED: set[str] = set()
# Arguments by the kind of value they take; a plain `{name}` gets a word.
SAMPLE_DATE = dt.datetime(2026, 12, 1, 23, 30, tzinfo=dt.UTC)


def _sample(kind: str, n: int) -> object:
    if kind in ("plural", "selectordinal", "number"):
        return n
    if kind in ("date", "time"):
        return SAMPLE_DATE
    if kind == "select":
        return "other"
    return "Ngân"


def test_the_catalogs_cover_the_migrated_domains() -> None:
    assert {"flows", "knowledge"} <= set(CATALOGS.domains())
    assert "flows.code_wrong" in MESSAGES and "knowledge.updated" in MESSAGES
    assert sorted(p.name for p in CATALOGS.root.iterdir() if p.is_dir()) == sorted(
        SUPPORTED_LANGUAGES
    )


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_message_exists_in_every_language_with_the_english_arguments(language: str) -> None:
    for domain in CATALOGS.domains():
        english = CATALOGS.messages("en", domain)
        own = CATALOGS.messages(language, domain)
        if domain in BEING_TRANSLATED and not own:
            continue
        assert set(own) == set(english), (language, domain, sorted(set(own) ^ set(english)))
        for name, pattern in own.items():
            assert set(arguments(pattern)) == set(arguments(english[name])), (language, name)
            assert pattern.strip(), (language, name)


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_message_formats_with_sample_arguments(language: str) -> None:
    for key in MESSAGES:
        pattern, _ = CATALOGS.pattern(key, language)
        kinds = arguments(pattern)
        for n in NUMBERS:
            text = t(key, language, **{a: _sample(k, n) for a, k in kinds.items()})
            assert text.strip() and "{" not in text and "}" not in text, (language, key, text)
            if "" in kinds.values():
                assert "Ngân" in text, (language, key)


def test_the_fast_path_for_text_arguments_prints_what_icu_prints(tmp_path: Path) -> None:
    # Messages with only plain arguments are filled without ICU when every value is text; the
    # result must be ICU's own, braces and apostrophes in the text or the values included.
    for language in SUPPORTED_LANGUAGES:
        for key in MESSAGES:
            pattern, source = CATALOGS.pattern(key, language)
            kinds = arguments(pattern)
            if any(kinds.values()):
                continue  # a plural, a number or a date takes no text
            names = sorted(kinds)
            values = {n: f"{{{n}}} l'x" for n in names}
            # Right to left, each text value is set apart (core.i18n.isolate) before filling.
            given = {n: isolate(v) for n, v in values.items()} if language == "ar" else values
            expected = icu.MessageFormat(pattern, icu_locale(source)).format(
                names, [icu.Formattable(given[n]) for n in names]
            )
            assert t(key, language, **values) == str(expected), (language, key)
    catalogs = _catalog(tmp_path, {"en/demo": {"braces": "'{'literal'}' {a} '{'{b}'}' #{c}"}})
    assert catalogs.t("demo.braces", "en", a="1", b="{2}", c="x") == "{literal} 1 {{2}} #x"
    assert catalogs.t("demo.braces", "en", a=1000, b="2", c="x") == "{literal} 1,000 {2} #x"


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_plural_messages_have_every_category_of_their_language(language: str) -> None:
    wanted = set(icu.PluralRules.forLocale(icu_locale(language)).getKeywords())
    for key in MESSAGES:
        pattern, source = CATALOGS.pattern(key, language)
        if source != language:
            continue  # read in English until translated: English's categories were checked
        for argument, kind in arguments(pattern).items():
            if kind != "plural":
                continue
            selectors = choices(pattern)[argument]
            named = {s for s in selectors if not s.startswith("=")}
            assert named == wanted, (language, key, sorted(named), sorted(wanted))


def test_every_ascii_apostrophe_in_a_catalog_is_written_twice() -> None:
    # A lone apostrophe before a brace quotes the argument away ("l'{name}" prints "l{name}");
    # writing every one twice keeps the rule simple for translators.
    lone = re.compile(r"(?<!')'(?!')")
    for path in sorted(CATALOGS.root.glob("*/*.json")):
        for name, pattern in json.loads(path.read_text("utf-8")).items():
            assert not lone.search(pattern.replace("''", "")), (path.parent.name, name)


def test_apostrophes_survive() -> None:
    assert t("flows.choose", "fr") == "Veuillez choisir l'une des options."
    assert "l'importo" in t("flows.invalid_amount", "it")
    assert "0'dan" in t("flows.invalid_amount", "tr")
    assert "''" not in t("flows.verification_failed", "fr")
    # A text with an apostrophe right before an argument: the classic ICU pitfall.
    pattern = escape("L'article de ") + "l''{name} {n, plural, one {# l''a lu} other {# l''ont lu}}"
    assert (
        icu.MessageFormat(pattern, icu.Locale("fr")).format(
            ["name", "n"], [icu.Formattable("équipe"), icu.Formattable(2)]
        )
        == "L'article de l'équipe 2 l'ont lu"
    )
    assert escape("{x} l'a") == "'{'x'}' l''a"


@pytest.mark.parametrize(
    ("n", "russian", "arabic"),
    [
        (1, "Осталась 1 попытка.", "بقيت محاولة واحدة."),
        (2, "Осталось 2 попытки.", "بقيت محاولتان."),
        (3, "Осталось 3 попытки.", "بقيت 3 محاولات."),
        (5, "Осталось 5 попыток.", "بقيت 5 محاولات."),
        (11, "Осталось 11 попыток.", "بقيت 11 محاولة."),
        (21, "Осталась 21 попытка.", "بقيت 21 محاولة."),
        (22, "Осталось 22 попытки.", "بقيت 22 محاولة."),
        (101, "Осталась 101 попытка.", "بقيت 101 محاولة."),
    ],
)
def test_plural_forms_read_right(n: int, russian: str, arabic: str) -> None:
    assert t("flows.code_wrong", "ru", left=n).endswith(russian)
    assert t("flows.code_wrong", "ar", left=n).endswith(arabic)
    assert t("flows.code_wrong", "en", left=n).endswith(
        "You have 1 attempt left." if n == 1 else f"You have {n} attempts left."
    )


def test_arabic_zero_and_two_and_the_languages_without_plural() -> None:
    assert t("flows.code_wrong", "ar", left=0).endswith("لم تبقَ أي محاولة.")
    assert t("flows.code_wrong", "uk", left=5).endswith("Залишилося 5 спроб.")
    assert t("flows.code_wrong", "zh-CN", left=3) == "验证码不正确。剩余尝试次数：3。"


def _catalog(root: Path, files: dict[str, dict[str, str]]) -> Catalogs:
    for where, messages in files.items():
        path = root / f"{where}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(messages, ensure_ascii=False), "utf-8")
    return Catalogs(root)


def test_a_missing_translation_reads_english_and_is_logged_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    catalogs = _catalog(
        tmp_path,
        {
            "en/demo": {"hello": "Hello {name}", "bye": "Bye"},
            "fr/demo": {"hello": "Bonjour {name}"},
        },
    )
    with caplog.at_level(logging.WARNING, logger="firstline.core.i18n"):
        assert catalogs.t("demo.hello", "fr", name="Linh") == "Bonjour Linh"
        assert catalogs.t("demo.bye", "fr") == "Bye"
        assert catalogs.t("demo.bye", "fr") == "Bye"
        assert catalogs.t("demo.bye", "de") == "Bye"  # no German file at all
    fallbacks = [r for r in caplog.records if "demo.bye" in r.getMessage()]
    assert len(fallbacks) == 2  # once for French, once for German
    with pytest.raises(KeyError):
        catalogs.t("demo.nothing", "fr")
    with pytest.raises(KeyError, match="name"):
        catalogs.t("demo.hello", "fr")


def test_a_gender_choice_and_an_unknown_locale(tmp_path: Path) -> None:
    catalogs = _catalog(
        tmp_path,
        {
            "en/demo": {"took": "{agent} took {gender, select, female {her} male {his} other "
                        "{their}} break"},
            "fr/demo": {"took": "{agent} est {gender, select, female {partie} other {parti}} en "
                        "pause"},
        },
    )  # fmt: skip
    assert catalogs.t("demo.took", "en", agent="Ana", gender="female") == "Ana took her break"
    assert catalogs.t("demo.took", "en", agent="Sam", gender="x") == "Sam took their break"
    canadian = catalogs.t("demo.took", "fr-CA", agent="Ana", gender="female")
    assert canadian == "Ana est partie en pause"
    assert catalogs.t("demo.took", "xx", agent="Sam", gender="male") == "Sam took his break"


def test_the_lookup_is_shared_safely_between_threads() -> None:
    results: list[str] = []

    def work() -> None:
        for n in range(200):
            results.append(t("flows.code_wrong", "ru", left=n % 7))
            results.append(t("knowledge.updated", "de", date=SAMPLE_DATE))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 1600
    assert set(r for r in results if "Aktualisiert" in r) == {"Aktualisiert am 1. Dezember 2026"}


def test_bind_serves_templates() -> None:
    words = bind("knowledge", "vi")
    assert words("results_for", q="rút tiền") == t("knowledge.results_for", "vi", q="rút tiền")
    assert "rút tiền" in words("results_for", q="rút tiền")


def test_numbers_durations_and_dates_follow_the_locale() -> None:
    assert format_number(1234.5, "fr") == "1\u202f234,5"
    assert format_number(1234.5, "de") == "1.234,5"
    assert format_number(1234567, "en") == "1,234,567"
    assert format_duration(120, "en") == "2 minutes"
    assert format_duration(60, "en") == "1 minute"
    assert format_duration(21 * 60, "ru") == "21 минута"
    assert format_duration(5 * 60, "ru") == "5 минут"
    assert format_duration(dt.timedelta(hours=1, minutes=5), "ru") == "1 час 5 минут"
    assert format_duration(120, "ar") == "دقيقتان"
    assert format_duration(0, "fr") == "0\u00a0seconde"
    assert format_duration(90, "en", short=True) == "1 min, 30 sec"
    assert format_datetime(SAMPLE_DATE, "de") == "01.12.2026, 23:30"
    assert format_datetime(SAMPLE_DATE, "en", timezone="Asia/Tokyo") == "Dec 2, 2026, 8:30\u202fAM"
    assert format_datetime(dt.date(2026, 12, 1), "ja", date="long") == "2026年12月1日"
    assert format_datetime(SAMPLE_DATE, "fr", skeleton="yMMMdjmmz") == "1 déc. 2026, 23:30 UTC"
    assert format_datetime(SAMPLE_DATE, "ja", skeleton="yMMMdjmmz") == "2026年12月1日 23:30 UTC"
    assert t("knowledge.updated", "fr", date=SAMPLE_DATE) == "Mis à jour le 1 décembre 2026"


def test_reading_a_pattern_by_icus_rules() -> None:
    pattern = (
        "{a} {n, plural, offset:1 =0 {none} one {# {b} l''x} other {'{'c'}' {d, number}}} "
        "{g, select, female {her} other {their}}"
    )
    assert arguments(pattern) == {
        "a": "", "n": "plural", "b": "", "d": "number", "g": "select",
    }  # fmt: skip
    assert choices(pattern) == {"n": {"=0", "one", "other"}, "g": {"female", "other"}}
    # A lone apostrophe before a brace quotes the argument away: ICU sees no argument there.
    assert arguments("l'{e}' x") == {}
    for broken in ("{a", "a}", "{n, plural, one {x}", "{n, plural, one x}"):
        with pytest.raises(ValueError):
            arguments(broken)


def test_the_recovery_desks_wait_reads_right() -> None:
    def wait(language: str, minutes: int) -> str:
        return t("recovery.cause_unconfirmed", language, network="TRON", minutes=minutes)

    assert "about 1 minute," in wait("en", 1) and "about 25 minutes," in wait("en", 25)
    assert "خلال دقيقتين" in wait("ar", 2) and "خلال 3 دقائق" in wait("ar", 3)
    assert "خلال 21 دقيقة" in wait("ar", 21)
    assert "etwa 1 Minute " in wait("de", 1)
    assert "через 21 минуту," in wait("ru", 21) and "через 5 минут," in wait("ru", 5)


def test_text_arguments_keep_their_own_direction_in_arabic() -> None:
    """An e-mail or an amount inside an Arabic sentence is set apart with Unicode isolates,
    so it reads "l***@example.com", not "example.com@***l"; other languages get it as is."""
    arabic = t("chat.agent_joined", "ar", name="Linh (VN)")
    assert "\u2068Linh (VN)\u2069" in arabic
    assert "\u2068" not in t("chat.agent_joined", "vi", name="Linh (VN)")
    assert isolate(isolate("x")) == isolate("x") == "\u2068x\u2069"


def test_a_choice_in_arabic_is_made_on_the_value_itself() -> None:
    """Isolates go around what is printed, never around a select's value, which must still
    choose its branch."""
    admin = t("errors.needs_role", "ar", role="admin", you="agent")
    agent = t("errors.needs_role", "ar", role="agent", you="agent")
    assert admin != agent
    assert "\u2068" not in admin
