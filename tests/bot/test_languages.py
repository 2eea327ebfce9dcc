"""The bot on the demo knowledge base, asked as customers write: Indonesian, Arabic and
Vietnamese typed without its diacritics get the article in their language; a question with no
good article in the customer's language is answered from another language's, saying so."""

from __future__ import annotations

import httpx

from firstline.core.i18n import t
from firstline.core.language import NATIVE_NAMES
from firstline.demo.kb import ARTICLES
from tests.bot.test_bot import _chat, _say


async def _publish_demo(client: httpx.AsyncClient) -> None:
    for doc in ARTICLES:
        r = await client.put(
            f"/api/v1/kb/articles/{doc['external_id']}/{doc['locale']}",
            json={"body": doc["body"], "status": "published", "category": doc["category"]},
        )
        assert r.status_code in (200, 201), r.text


async def test_demo_deposit_question_in_indonesian_arabic_and_unaccented_vietnamese(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient
) -> None:
    await _publish_demo(as_alice)
    for locale, question, language in (
        ("id-ID", "Berapa lama deposit masuk?", "id"),
        ("ar", "كم من الوقت يستغرق الإيداع؟", "ar"),
        ("vi-VN", "nap tien mat bao lau vay", "vi"),
    ):
        token = await _chat(api, locale)
        sent = await _say(api, token, question)
        answer = sent["replies"][0]
        assert answer["author_kind"] == "bot", (question, answer["body"])
        cited = answer["meta"]["article"]
        assert (cited["external_id"], cited["locale"]) == ("deposit-confirmations", language)
        assert answer["body"].startswith(t("bot.answer_intro", language))
        assert sent["replies"][1]["body"] == t("bot.helped", language)


async def test_no_good_article_in_the_customers_language_answers_from_another_saying_so(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient
) -> None:
    # Indonesian has deposit articles, none on API keys: the English one answers, and the
    # bot says in Indonesian that it is in English.
    await _publish_demo(as_alice)
    token = await _chat(api, "id-ID")
    sent = await _say(api, token, "Gimana bikin API key?")
    answer = sent["replies"][0]
    assert answer["author_kind"] == "bot", answer["body"]
    cited = answer["meta"]["article"]
    assert (cited["external_id"], cited["locale"]) == ("api-keys", "en")
    said = t("bot.answer_other_language", "id", language=NATIVE_NAMES["en"])
    assert answer["body"].startswith(said)
    assert sent["replies"][1]["body"] == t("bot.helped", "id")
