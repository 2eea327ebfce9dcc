"""Flow definitions: the checks an admin's file goes through, the built-in flows' languages,
the field types, and how a flow is chosen from a message or an intent."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest

from firstline.core.i18n import CATALOGS, arguments
from firstline.core.language import SUPPORTED_LANGUAGES
from firstline.flows.definitions import FlowInvalid
from firstline.flows.fields import FieldType, parse_field
from firstline.flows.registry import builtin_flows
from firstline.flows.runner import FlowRunner
from firstline.flows.validation import load_flow_text, parse_flow, texts_of

GOOD: dict[str, Any] = {
    "id": "vip_callback",
    "title": {"en": "Call me back", "vi": "Gọi lại cho tôi"},
    "intents": ["callback"],
    "triggers": {"en": ["call me back"]},
    "steps": [
        {"id": "ask_email", "kind": "ask", "field": "email", "prompt": {"en": "Your email?"}},
        {"id": "bye", "kind": "handover", "reason": "callback",
         "text": {"en": "We will call {ask_email}."}},
    ],
}  # fmt: skip


def errors_of(data: Any, *, strict: bool = False) -> list[str]:
    with pytest.raises(FlowInvalid) as caught:
        parse_flow(data, strict=strict)
    return caught.value.errors


def edited(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(GOOD)
    data.update(changes)
    return data


def test_a_good_definition_loads_from_yaml_and_json() -> None:
    flow = parse_flow(GOOD)
    assert flow.start_id == "ask_email"
    assert load_flow_text(json.dumps(GOOD)).document() == flow.document()
    yaml_text = """
id: vip_callback
title: {en: Call me back, vi: Gọi lại cho tôi}
intents: [callback]
triggers: {en: [call me back]}
steps:
  - {id: ask_email, kind: ask, field: email, prompt: {en: "Your email?"}}
  - id: bye
    kind: handover
    reason: callback
    text: {en: "We will call {ask_email}."}
"""
    assert load_flow_text(yaml_text).document() == flow.document()


def test_errors_name_the_step_and_the_problem() -> None:
    steps = copy.deepcopy(GOOD["steps"])
    steps[0]["next"] = "x"
    steps.append({"id": "orphan", "kind": "resolve", "text": {"vi": "Xong."}})
    errors = errors_of(edited(steps=steps))
    assert "step 'ask_email': unknown next step 'x'" in errors
    assert "step 'orphan': text: missing English text (en)" in errors

    steps[0]["next"] = "bye"
    steps[2]["text"] = {"en": "Done."}
    assert errors_of(edited(steps=steps)) == [
        "step 'orphan' is unreachable from the start step 'ask_email'"
    ]


def test_schema_errors_are_sentences_too() -> None:
    steps = copy.deepcopy(GOOD["steps"])
    steps[0]["kind"] = "wait"
    del steps[1]["reason"]
    steps.append({"id": "Bad Id", "kind": "resolve", "text": {"en": "x"}, "colour": "red"})
    errors = errors_of(edited(steps=steps))
    kinds = "message, ask, action, branch, verify, handover, resolve"
    assert f"step 'ask_email': unknown kind 'wait' (use one of {kinds})" in errors
    assert "step 'bye': reason is required" in errors
    assert "step 'Bad Id': colour is not a known field" in errors
    assert any(e.startswith("step 'Bad Id': id 'Bad Id' must be lower-case") for e in errors)
    assert errors_of([1, 2]) == ["the flow must be a mapping (YAML) or an object (JSON)"]


def test_a_loop_without_an_ask_is_refused() -> None:
    steps: list[dict[str, Any]] = [
        {"id": "hello", "kind": "message", "text": {"en": "Hi"}},
        {"id": "again", "kind": "branch",
         "cases": [{"field": "customer.external_user_id", "exists": True, "next": "hello"}],
         "else": "hello"},
    ]  # fmt: skip
    errors = errors_of(edited(steps=steps))
    assert any("'hello' -> 'again' -> 'hello' loop without an ask" in e for e in errors), errors

    # Through an ask it is a retry loop, and fine.
    steps[1]["cases"][0]["next"] = steps[1]["else"] = "ask"
    steps.append({"id": "ask", "kind": "ask", "prompt": {"en": "Again?"}, "next": "hello"})
    parse_flow(edited(steps=steps))


def test_names_languages_and_conditions_are_checked() -> None:
    steps = copy.deepcopy(GOOD["steps"])
    steps.insert(1, {"id": "route", "kind": "branch", "else": "bye",
                     "cases": [{"field": "ask_email", "equals": "a", "exists": True,
                                "next": "bye"}]})  # fmt: skip
    assert errors_of(edited(steps=steps)) == [
        "step 'route': cases.0: give exactly one of equals, in, exists"
    ]
    del steps[1]["cases"][0]["exists"]
    steps[2]["text"] = {"en": "We will call {phone}.", "zh": "..."}
    errors = errors_of(edited(steps=steps))
    assert "step 'bye': {phone} names nothing the flow collects" in errors
    assert any(e.startswith("step 'bye': text: unknown language 'zh'") for e in errors)


def test_strict_definitions_need_every_language() -> None:
    errors = errors_of(GOOD, strict=True)
    assert errors[0].startswith("flow: title: missing zh-CN, zh-TW, id, ru")
    assert "flow: triggers: missing zh-CN" in errors[-1]


def test_yaml_syntax_errors_say_where() -> None:
    with pytest.raises(FlowInvalid) as caught:
        load_flow_text("id: x\nsteps: [\n  - {id: a")
    assert re.match(r"not valid YAML: line \d+: ", caught.value.errors[0])


def test_every_built_in_flow_speaks_every_supported_language() -> None:
    flows = builtin_flows()
    assert set(flows) == {
        "password_reset", "two_factor_reset", "kyc_status", "withdrawal_status",
        "deposit_not_arrived",
    }  # fmt: skip
    languages = set(SUPPORTED_LANGUAGES)
    assert len(languages) == 17
    for flow in flows.values():
        for where, text in texts_of(flow):
            assert set(text) == languages, (flow.id, where)
            english = set(re.findall(r"\{[^}]+\}", text["en"]))
            for lang, t in text.items():
                assert t.strip(), (flow.id, where, lang)
                assert set(re.findall(r"\{[^}]+\}", t)) == english, (flow.id, where, lang)
        assert set(flow.triggers) == languages, flow.id
    english_words = CATALOGS.messages("en", "flows")
    assert "code_wrong" in english_words
    for lang in SUPPORTED_LANGUAGES:
        words = CATALOGS.messages(lang, "flows")
        assert set(words) == set(english_words), lang
        for key in english_words:
            assert set(arguments(words[key])) == set(arguments(english_words[key])), (lang, key)


@pytest.mark.parametrize(
    ("kind", "text", "network", "expected"),
    [
        (FieldType.email, " Linh.N@Example.COM ", None, "linh.n@example.com"),
        (FieldType.email, "linh@example", None, None),
        (FieldType.code, "123 456", None, "123456"),
        (FieldType.code, "12345", None, None),
        (FieldType.token, "$usdt", None, "USDT"),
        (FieldType.token, "150", None, None),
        (FieldType.amount, "0,5", None, "0.5"),
        (FieldType.amount, "1,250.75", None, "1250.75"),
        (FieldType.amount, "1.250,75", None, "1250.75"),
        (FieldType.amount, "100 USDT", None, "100"),
        (FieldType.amount, "0", None, None),
        (FieldType.amount, "-1", None, None),
        (FieldType.tx_hash, "AB" * 32, "ETH", "0x" + "ab" * 32),
        (FieldType.tx_hash, "0x" + "ab" * 32, "BTC", None),
        (FieldType.tx_hash, "ab" * 32, "TRON", "ab" * 32),
        (FieldType.tx_hash, "5" * 88, "SOL", "5" * 88),
        (FieldType.tx_hash, "0" * 88, "SOL", None),  # 0 is not base58
        (FieldType.tx_hash, "ab" * 32, "SOL", None),
        (FieldType.tx_hash, "5" * 87, None, "5" * 87),
        (
            FieldType.address,
            "0x8ba1f109551bd432803012645ac136ddd64dba72",
            "BSC",
            "0x8ba1f109551bd432803012645ac136ddd64dba72",
        ),
        (FieldType.address, "0x8ba1f109551bd432803012645ac136ddd64dba72", "BTC", None),
        (
            FieldType.address,
            "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
            "BTC",
            "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
        ),
        (
            FieldType.address,
            "TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7",
            "TRON",
            "TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7",
        ),
        (FieldType.memo, "104733", "XRP", "104733"),
        (FieldType.memo, "abc", "XRP", None),
        (FieldType.memo, "hello ton", "TON", "hello ton"),
        (FieldType.network, "BEP20", None, "BSC"),
        (FieldType.network, "3", None, "TRON"),
        (FieldType.network, "Tron (TRC-20)", None, "TRON"),
        (FieldType.network, "dogecoin", None, "DOGE"),
        (FieldType.network, "moonchain", None, None),
        (FieldType.network, "bep2", None, "BNB"),
        (
            FieldType.address,
            "bnb1grpf0955h0ykzq3ar5nmum7y6gdfl6lxfn46h2",
            "BNB",
            "bnb1grpf0955h0ykzq3ar5nmum7y6gdfl6lxfn46h2",
        ),
    ],
)
def test_fields(kind: FieldType, text: str, network: str | None, expected: str | None) -> None:
    assert parse_field(kind, text, network=network) == expected


@pytest.mark.parametrize(
    ("text", "language", "flow_id"),
    [
        ("Hi, I forgot my password", "en", "password_reset"),
        ("My withdrawal is stuck since yesterday", "en", "withdrawal_status"),
        ("mình nạp tiền mà chưa về tài khoản", "vi", "deposit_not_arrived"),
        ("我的提现还没到账", "zh-CN", "withdrawal_status"),
        ("비밀번호를 잊어버렸어요", "ko", "password_reset"),
        ("Я забыла пароль от аккаунта", "ru", "password_reset"),
        ("quel est le statut de ma vérification d'identité", "fr", "kyc_status"),
        ("入金が反映されないです", "ja", "deposit_not_arrived"),
        ("ลืมรหัสผ่าน", "th", "password_reset"),
        ("I lost my google authenticator", "de", "two_factor_reset"),  # English always counts
        ("what is the BTC price today", "en", None),
    ],
)
def test_match_flow(text: str, language: str, flow_id: str | None) -> None:
    runner = FlowRunner(builtin_flows(), backoffice=None)  # type: ignore[arg-type]
    assert runner.match_flow(text, language) == flow_id


def test_flow_for_intent() -> None:
    runner = FlowRunner(builtin_flows(), backoffice=None)  # type: ignore[arg-type]
    assert runner.flow_for_intent("withdrawal_pending") == "withdrawal_status"
    assert runner.flow_for_intent("forgot_password") == "password_reset"
    assert runner.flow_for_intent("card_arrival") is None
