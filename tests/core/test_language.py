"""Language detection and locale normalisation across the 17 supported languages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
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


# Messages as customers type them in chat: Vietnamese without its diacritics (most Vietnamese
# chat is typed so), Indonesian shorthand, Malay (served as Indonesian), Turkish without its
# letters, and short questions in the scripts that name their language.
AS_TYPED = [
    ("vi", "nap tien mat bao lau vay"),
    ("vi", "tai khoan bi khoa"),
    ("vi", "rut tien chua ve"),
    ("vi", "sao em nap roi ma chua thay cong vao vi"),
    ("vi", "ko dang nhap dc, quen mat khau roi"),
    ("vi", "cho minh hoi phi rut tien la bao nhieu"),
    ("vi", "nap USDT qua Binance 2 tieng roi van chua nhan duoc"),
    ("vi", "tài khoan bi khóa roi"),  # some accents, not all
    ("id", "Berapa lama deposit masuk?"),
    ("id", "deposit belum masuk gan"),
    ("id", "saya tidak bisa login"),
    ("id", "knp saldo sy blm masuk"),
    ("id", "min tolong dong"),
    ("id", "kok lama bgt sih"),
    ("id", "udh nunggu dari tadi blm masuk jg"),
    ("id", "camne nak reset password"),
    ("id", "duit tak masuk lagi, macam mana ni"),
    ("tr", "para yatırdım gelmedi"),
    ("tr", "para yatirdim gelmedi"),
    ("tr", "sifremi unuttum"),
    ("tr", "hesabima giris yapamiyorum"),
    ("ar", "لم يصل الإيداع إلى حسابي"),
    ("zh-CN", "充值没到账"),
    ("th", "ฝากเงินไม่เข้า"),
]


@pytest.mark.parametrize(("language", "text"), AS_TYPED)
def test_detects_messages_as_customers_type_them(language: str, text: str) -> None:
    detection = detect_language(text)
    assert detection.language == language
    assert detection.confidence >= 0.6


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "can you help me, my deposit is not in my account"),
        ("en", "I sent it to the wrong address"),
        ("es", "no me llego el deposito, que hago"),
        ("pt", "meu saque nao caiu ainda"),
        ("fr", "mon depot n est toujours pas arrive"),
        ("it", "non mi e arrivato il prelievo"),
        ("de", "meine Auszahlung ist noch nicht da"),
    ],
)
def test_other_languages_typed_without_accents_are_not_read_as_vietnamese(
    language: str, text: str
) -> None:
    assert detect_language(text).language == language


def test_unaccented_vietnamese_outweighs_a_stated_english_locale() -> None:
    assert choose_language("tai khoan cua toi bi khoa", "en-US") == "vi"
    # One word is a guess: the stated locale still decides.
    assert detect_language("khong").language == "vi"
    assert choose_language("khong", "en-US") == "en"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("nap tien mat bao lau vay", "vi"),
        ("deposit belum masuk gan", "id"),
        ("boleh tolong check deposit saya", "id"),
        ("para yatirdim gelmedi", "tr"),
    ],
)
async def test_the_detect_endpoint_reads_messages_as_typed(
    as_carol: httpx.AsyncClient, text: str, language: str
) -> None:
    r = await as_carol.post("/api/v1/language/detect", json={"text": text})
    assert r.status_code == 200, r.text
    assert r.json()["language"] == language
    assert r.json()["confidence"] >= 0.6


def test_eval_reports_unaccented_vietnamese_on_its_own_line(tmp_path: Path) -> None:
    data = tmp_path / "tatoeba_lid"
    data.mkdir()
    rows = [
        "id,lang,iso639_3,text,text_en",
        "a,vi,vie,Tôi đã nạp tiền hai tiếng rồi mà chưa thấy,I deposited two hours ago",
        "b,vi,vie,Làm sao để đổi mật khẩu của tài khoản?,How do I change my password?",
        "c,tr,tur,Şifremi değiştirmek istiyorum,I want to change my password",
        "d,fr,fra,Je n'arrive pas à me connecter,I cannot sign in",
    ]
    (data / "dev.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIRSTLINE_")}
    result = subprocess.run(
        [sys.executable, "-m", "firstline", "eval", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "| vi without diacritics | 2 | 1.000 | 0.95 (met) |" in result.stdout
    assert "| tr without ı ş ğ ç ö ü | 1 | 1.000 | - |" in result.stdout
    assert "| de es fr it pt without accents | 1 | 1.000 | - |" in result.stdout
    assert "Firstline's own sentences |" in result.stdout
    assert "µs a sentence" in result.stdout


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("tr", "çay mı, süt mü?"),  # folds to "cay mi, sut mu": four Vietnamese syllables
        ("fr", "ça va, toi et moi"),
    ],
)
def test_a_letter_vietnamese_never_writes_rules_vietnamese_out(language: str, text: str) -> None:
    assert detect_language(text).language == language


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ar", "ana 3ndi moshkela fi el sa7b"),
        ("ar", "wen floosi? 3amalt deposit mn sa3a"),
        ("ar", "la2 msh 3ayez"),
        # Digits in crypto words are not Arabizi.
        ("en", "my 2fa code for p2p on web3"),
        ("en", "send usdt on trc20 or bep20"),
    ],
)
def test_arabizi_is_arabic_and_crypto_words_are_not(language: str, text: str) -> None:
    assert detect_language(text).language == language
