"""screening/notes.py: a note meant for colleagues, typed into the reply box, in every supported
language; and ordinary replies that start or talk the same way without being one."""

from __future__ import annotations

import pytest

from firstline.demo.data import CANNED_RESPONSES, TOPICS
from firstline.screening.notes import looks_internal

# language -> notes of one line each (the line is the evidence)
NOTES: dict[str, list[str]] = {
    "en": [
        "Note: customer seems to be the same person as ticket 4411, check KYC.",
        "  [internal] waiting on the wallet team",
        "FYI the sweep is 40 min behind, don't promise a time",
        "@maria can you take this one? I'm off at 6",
        "cc @ops stuck TRC20 deposit",
        "TODO: refund the fee after the sweep",
        "Told the customer to wait for the sweep.",
    ],
    "zh-CN": [
        "内部备注：该用户疑似诈骗，先别放币",
        "这个客户昨天也来问过",
    ],
    "zh-TW": [
        "內部備註：等錢包團隊回覆",
        "這位客戶之前申訴過兩次",
    ],
    "vi": [
        "Ghi chú nội bộ: chờ đội ví xử lý",
        "kh này nói dối, đừng hoàn phí",
        "khach hang nay hoi 3 lan roi",
    ],
    "id": [
        "Catatan internal: tunggu tim wallet",
        "pelanggan ini minta refund terus",
    ],
    "ru": [
        "Внутренняя заметка: ждём команду кошельков",
        "Этот клиент уже писал вчера, тот же TXID",
    ],
    "es": [
        "Nota interna: esperar al equipo de billeteras",
        "el cliente parece estar mintiendo sobre el depósito",
    ],
    "pt": [
        "Nota interna: aguardar o time de carteiras",
        "esse cliente já abriu três chamados",
    ],
    "fr": [
        "Note interne : attendre l'équipe wallets",
        "ce client a déjà écrit hier",
    ],
    "de": [
        "Interne Notiz: auf das Wallet-Team warten",
        "dieser Kunde hat schon dreimal geschrieben",
    ],
    "tr": [
        "İç not: cüzdan ekibini bekle",
        "bu müşteri dün de yazdı",
    ],
    "ar": [
        "ملاحظة داخلية: ننتظر فريق المحافظ",
        "هذا العميل كتب أمس أيضا",
    ],
    "ja": [
        "社内メモ：ウォレットチームの回答待ち",
        "この顧客は昨日も問い合わせています",
    ],
    "ko": [
        "내부 메모: 지갑팀 답변 대기",
        "이 고객 어제도 문의함",
    ],
    "th": [
        "บันทึกภายใน: รอทีมกระเป๋าเงิน",
        "ลูกค้ารายนี้ทักมาแล้วสามครั้ง",
    ],
    "uk": [
        "Внутрішня нотатка: чекаємо команду гаманців",
        "Цей клієнт уже писав учора",
    ],
    "it": [
        "Nota interna: aspettare il team wallet",
        "questo cliente ha già scritto ieri",
    ],
}

# Customer-facing text that opens like a note or names a customer.
REPLIES: list[str] = [
    "Note that withdrawals are paused for 24 hours after you change your email.",
    "Todo listo: tu retiro fue aprobado.",
    "Todo certo, seu saque foi aprovado.",
    "Nota: los retiros tardan hasta 24 horas.",
    "Not: Çekimler 24 saate kadar sürebilir.",
    "This customer service chat is recorded for quality.",
    "该用户名已被注册，请换一个。",
    "Thanks for waiting! Your withdrawal is approved.",
    "Our customer support team is available 24/7.",
    "Khách hàng mới được miễn phí rút tiền trong tháng này.",
    "Bạn vui lòng chờ thêm 30 phút nhé.",
    "Pelanggan yang terhormat, deposit Anda sudah masuk.",
    "",
    "   \n  ",
]


def _cases() -> list[object]:
    return [
        pytest.param(text, id=f"{lang}-{i}")
        for lang, cases in NOTES.items()
        for i, text in enumerate(cases)
    ]


@pytest.mark.parametrize("text", _cases())
def test_a_note_for_colleagues_is_found(text: str) -> None:
    assert looks_internal(text) == text.strip()


def test_the_evidence_is_the_line_that_talks_about_the_customer() -> None:
    text = "Hi Anna,\nthe user is a scammer, same device as the banned account\nThanks"
    assert looks_internal(text) == "the user is a scammer, same device as the banned account"


@pytest.mark.parametrize("text", REPLIES)
def test_a_reply_to_the_customer_is_not_a_note(text: str) -> None:
    assert looks_internal(text) is None


def test_every_language_has_a_note_opening_and_a_third_person() -> None:
    assert len(NOTES) == 17
    assert all(len(cases) >= 2 for cases in NOTES.values())


def test_no_demo_agent_reply_looks_internal() -> None:
    texts = [
        topic["agent_reply"][lang] for topic in TOPICS.values() for lang in topic["agent_reply"]
    ]
    texts += [body for replies in CANNED_RESPONSES.values() for _, body in replies.values()]
    assert [text for text in texts if looks_internal(text)] == []


def test_the_evidence_is_cut_to_200_characters() -> None:
    found = looks_internal("Note: " + "x" * 500)
    assert found is not None and len(found) == 200
