"""POST /api/v1/language/detect."""

from __future__ import annotations

import httpx
import pytest


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Tôi đã nạp USDT nhưng chưa nhận được tiền", "vi"),
        ("我的充值还没到账，请帮我查一下", "zh-CN"),
        ("我的充值還沒到帳，請幫我查一下", "zh-TW"),
        ("Мій вивід коштів затримується вже три години", "uk"),
        ("출금이 세 시간째 보류 중입니다", "ko"),
        ("Saya sudah transfer tapi saldo belum bertambah", "id"),
    ],
)
async def test_detects_the_language(as_carol: httpx.AsyncClient, text: str, language: str) -> None:
    r = await as_carol.post("/api/v1/language/detect", json={"text": text})
    assert r.status_code == 200, r.text
    assert r.json()["language"] == language
    assert r.json()["confidence"] >= 0.6


async def test_a_short_text_gets_an_answer_with_low_confidence(as_carol: httpx.AsyncClient) -> None:
    r = await as_carol.post("/api/v1/language/detect", json={"text": "ok"})
    assert r.status_code == 200
    assert r.json()["confidence"] < 0.6


async def test_bad_input_and_no_token_are_refused(
    api: httpx.AsyncClient, as_carol: httpx.AsyncClient
) -> None:
    assert (await as_carol.post("/api/v1/language/detect", json={"text": ""})).status_code == 422
    assert (await as_carol.post("/api/v1/language/detect", json={})).status_code == 422
    r = await api.post("/api/v1/language/detect", json={"text": "hello there"})
    assert r.status_code == 401
