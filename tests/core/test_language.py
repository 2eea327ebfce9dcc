"""Language detection and locale normalisation across the 17 supported languages."""

from __future__ import annotations

import pytest

from firstline.core.language import (
    SUPPORTED_LANGUAGES,
    choose_language,
    detect_language,
    normalize_locale,
)

SAMPLES = {
    "en": "My withdrawal has been pending for three hours, what is going on?",
    "zh-CN": "我的提现已经三个小时了还没到账，这是为什么？",
    "zh-TW": "我的提現已經三個小時了還沒到帳，這是為什麼？",
    "vi": "Lệnh rút tiền của tôi đã treo ba tiếng rồi, chuyện gì vậy?",
    "id": "Penarikan saya sudah tertunda tiga jam, ada apa sebenarnya?",
    "ru": "Мой вывод средств висит уже три часа, что происходит?",
    "es": "Mi retiro lleva tres horas pendiente, ¿qué está pasando?",
    "pt": "Meu saque está pendente há três horas, o que está acontecendo?",
    "fr": "Mon retrait est en attente depuis trois heures, que se passe-t-il ?",
    "de": "Meine Auszahlung hängt seit drei Stunden fest, was ist da los?",
    "tr": "Para çekme işlemim üç saattir bekliyor, neler oluyor?",
    "ar": "عملية السحب الخاصة بي معلقة منذ ثلاث ساعات، ماذا يحدث؟",
    "ja": "出金が3時間も保留中のままです。どうなっていますか？",
    "ko": "출금이 세 시간째 대기 중입니다. 무슨 일인가요?",
    "th": "การถอนเงินของฉันค้างอยู่สามชั่วโมงแล้ว เกิดอะไรขึ้น",
    "uk": "Моє виведення коштів висить уже три години, що відбувається?",
    "it": "Il mio prelievo è in sospeso da tre ore, cosa sta succedendo?",
}


def test_samples_cover_every_supported_language() -> None:
    assert set(SAMPLES) == set(SUPPORTED_LANGUAGES)


@pytest.mark.parametrize(("language", "text"), sorted(SAMPLES.items()))
def test_detects_each_language(language: str, text: str) -> None:
    detection = detect_language(text)
    assert detection.language == language
    assert detection.confidence >= 0.6


def test_short_text_is_unsure_and_defers_to_the_stated_locale() -> None:
    assert detect_language("ok").confidence < 0.6
    assert choose_language("ok", "pt-BR") == "pt"
    assert choose_language("ok", None) == "en"
    assert choose_language("🙂👍", "th-TH") == "th"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("vi-VN", "vi"),
        ("zh_Hant_TW", "zh-TW"),
        ("zh-HK", "zh-TW"),
        ("zh", "zh-CN"),
        ("zh-Hans-SG", "zh-CN"),
        ("pt-BR", "pt"),
        ("EN", "en"),
        ("in", "id"),
        ("pl-PL", None),
        ("", None),
    ],
)
def test_normalize_locale(given: str, expected: str | None) -> None:
    assert normalize_locale(given) == expected
