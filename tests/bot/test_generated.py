"""Optional generated answers, against a real OpenAI-compatible HTTP endpoint served here (a
small stand-in model that answers by rule): used when grounded and on time, never otherwise."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator

import httpx
import pytest
from fastapi import FastAPI, Request

from firstline.core.settings import Settings
from tests.live import in_thread

ARTICLE = (
    "# Withdrawal fees\n\nEach withdrawal pays the network fee of the network you choose; "
    "the fee is shown before you confirm. Deposits are free."
)
_replies: dict[str, str] = {}
_endpoint = FastAPI()


@_endpoint.post("/v1/chat/completions")
async def completions(request: Request) -> dict[str, object]:
    doc = await request.json()
    question = doc["messages"][-1]["content"]
    assert "Withdrawal fees" in doc["messages"][0]["content"]  # it was given the article
    reply = _replies.get(question, "NO_ANSWER")
    if reply == "SLOW":
        await asyncio.sleep(3)
    return {"choices": [{"message": {"role": "assistant", "content": reply}}]}


@pytest.fixture(scope="module")
def llm_url() -> Iterator[str]:
    with in_thread(_endpoint, "language-model") as url:
        yield url + "/v1"


@pytest.fixture
def settings(llm_url: str) -> Settings:
    return Settings(
        max_body_bytes=64 * 1024, dashboard_cache_seconds=0, bot=True,
        llm_base_url=llm_url, llm_timeout=0.5,
    )  # fmt: skip


async def _ask(api: httpx.AsyncClient, question: str) -> str:
    api.cookies.clear()
    token = (await api.post("/chat/api/session", json={"locale": "en"})).json()["token"]
    r = await api.post(
        "/chat/api/messages",
        json={"body": question, "client_id": uuid.uuid4().hex},
        headers={"X-Chat-Token": token},
    )
    assert r.status_code == 201, r.text
    answer = r.json()["replies"][0]
    assert answer["meta"]["article"]["external_id"] == "fees"  # cited either way
    return str(answer["body"])


async def test_generated_answers_only_when_grounded_and_on_time(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient
) -> None:
    r = await as_alice.put(
        "/api/v1/kb/articles/fees/en", json={"body": ARTICLE, "status": "published"}
    )
    assert r.status_code == 201
    grounded = "What are the withdrawal fees?"
    _replies[grounded] = "You pay the network fee of the chosen network; deposits are free."
    assert "You pay the network fee of the chosen network" in await _ask(api, grounded)

    invented = "How much are withdrawal fees in total?"
    _replies[invented] = "Withdrawal fees are 0.1% plus 5 USDT."  # numbers not in the article
    answer = await _ask(api, invented)
    assert "0.1%" not in answer and "Each withdrawal pays the network fee" in answer

    slow = "Are there withdrawal fees for deposits?"
    _replies[slow] = "SLOW"
    assert "Each withdrawal pays the network fee" in await _ask(api, slow)
