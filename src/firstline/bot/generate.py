"""Optional generated answers: an OpenAI-compatible chat-completions endpoint (vLLM, Ollama,
llama.cpp's server, a hosted service) rewords the retrieved article for the question.

Off unless FIRSTLINE_LLM_BASE_URL is set. The model sees only the question and the article,
is told to answer from the article alone or say NO_ANSWER, and its answer is checked: every
number in it must appear in the article (amounts, fees, days and confirmations are where an
invented fact would hurt). A slow, failing or unchecked answer gives None, and the bot answers
with the article's own words instead, so the endpoint can never stall or derail a chat.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import httpx

from firstline.core.language import NATIVE_NAMES
from firstline.core.settings import Settings

log = logging.getLogger(__name__)

MAX_ARTICLE_CHARS = 6000
MAX_ANSWER_CHARS = 900
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_clients: dict[str, httpx.AsyncClient] = {}

PROMPT = (
    "You answer customers of a crypto exchange in {language}. Use only the help-center "
    "article below. If it does not answer the question, reply exactly NO_ANSWER. Do not add "
    "facts, numbers, links or advice that are not in the article. Answer in at most four short "
    "sentences.\n\nArticle title: {title}\n\n{body}"
)


def _client(base_url: str) -> httpx.AsyncClient:
    client = _clients.get(base_url)
    if client is None:
        client = _clients[base_url] = httpx.AsyncClient(base_url=base_url.rstrip("/") + "/")
    return client


def grounded(answer: str, article: str) -> bool:
    """True when every number of `answer` is in `article` too."""
    source = set(_NUMBER.findall(article))
    return all(n in source for n in _NUMBER.findall(answer))


async def grounded_answer(
    settings: Settings, question: str, article: Any, language: str
) -> str | None:
    assert settings.llm_base_url
    body = article.body[:MAX_ARTICLE_CHARS]
    payload = {
        "model": settings.llm_model,
        "temperature": 0,
        "max_tokens": 300,
        "messages": [
            {
                "role": "system",
                "content": PROMPT.format(
                    language=NATIVE_NAMES.get(language, language), title=article.title, body=body
                ),
            },
            {"role": "user", "content": question[:1000]},
        ],
    }
    headers = {"Authorization": f"Bearer {settings.llm_api_key}"} if settings.llm_api_key else {}
    try:
        response = await _client(settings.llm_base_url).post(
            "chat/completions", json=payload, headers=headers, timeout=settings.llm_timeout
        )
        response.raise_for_status()
        text = response.json()["choices"][0]["message"]["content"]
    except (httpx.HTTPError, KeyError, IndexError, TypeError, ValueError) as exc:
        log.warning("generated answer unavailable (%s); answering from the article", exc)
        return None
    text = (text or "").strip()
    if not text or "NO_ANSWER" in text or len(text) > MAX_ANSWER_CHARS:
        return None
    if not grounded(text, article.title + "\n" + body):
        log.warning("generated answer has numbers the article lacks; answering from the article")
        return None
    return text
