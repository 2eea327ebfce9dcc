"""Whether a message about to reach the customer looks like an internal note: something an
agent meant for colleagues and typed into the reply box.

Two signs, both kept narrow because a false alarm on an ordinary reply annoys the agent who
wrote it: the message opens the way notes open ("Note:", "[internal]", "FYI", "@maria", "cc
@", "内部备注", "ghi chú nội bộ"), or a line talks about the customer in the third person the
way only staff do ("customer seems to be lying", "khách hàng này", "该用户", "этот клиент").
A plain "Nota:" or "Not:" opens customer-facing text in several languages, so outside English
only the words for an internal note count.
"""

from __future__ import annotations

import re

from firstline.screening.patterns import Rules, fold, fold_fragment, scanner, scripts

EVIDENCE_CHARS = 200

# How a note opens, per language (folded, matched at the start of the message).
_OPENINGS: dict[str, tuple[str, ...]] = {
    "en": (
        r"note\s*:", r"internal(?: note)?\s*[:\-]", r"internal note\b", r"[\[(]internal[\])]",
        r"fyi\b", r"n\.?b\.?\s*:", r"todo\s*:", r"to do\s*:", r"private note\b",
        r"staff only\b", r"for (?:agents|the team|colleagues)\s*:", r"cc\s*:?\s*@",
        r"@[\w.\-]+",  # a colleague mentioned first
    ),
    "zh-CN": (r"内部备注", r"备注\s*:", r"内部\s*:", r"【内部】", r"[\[(]内部[\])]", r"内部说明"),
    "zh-TW": (r"內部備註", r"備註\s*:", r"內部\s*:", r"【內部】", r"[\[(]內部[\])]", r"內部說明"),
    "vi": (r"ghi chú nội bộ", r"note nội bộ", r"nội bộ\s*:", r"[\[(]nội bộ[\])]", r"ghi chú\s*:"),
    "id": (r"catatan internal", r"catatan\s*:", r"note internal", r"catatan untuk tim"),
    "ru": (
        r"внутренн\w* заметк\w*", r"заметка\s*:", r"внутреннее\s*:", r"[\[(]внутр\w*[\])]",
        r"только для сотрудников", r"для своих\s*:",
    ),
    "uk": (
        r"внутрішн\w* нотатк\w*", r"нотатка\s*:", r"[\[(]внутр\w*[\])]",
        r"лише для співробітників",
    ),
    "es": (r"nota interna", r"[\[(]interno[\])]", r"solo para agentes"),
    "pt": (r"nota interna", r"observação interna", r"obs\.? interna", r"[\[(]interno[\])]"),
    "fr": (r"note interne", r"[\[(]interne[\])]", r"réservé aux agents"),
    "de": (r"interne notiz", r"notiz\s*:", r"intern\s*:", r"[\[(]intern[\])]", r"nur intern"),
    "tr": (r"iç not", r"dahili not", r"[\[(]iç[\])]", r"[\[(]dahili[\])]"),
    "ar": (r"ملاحظة داخلية", r"ملاحظات داخلية", r"[\[(]داخلي[\])]", r"للفريق فقط"),
    "ja": (r"社内メモ", r"内部メモ", r"社内用", r"【社内】", r"[\[(]社内[\])]"),
    "ko": (r"내부 ?메모", r"사내 ?메모", r"[\[(]내부[\])]", r"【내부】"),
    "th": (r"บันทึกภายใน", r"โน้ตภายใน", r"[\[(]ภายใน[\])]"),
    "it": (r"nota interna", r"[\[(]interno[\])]", r"solo per (?:gli )?operatori"),
}  # fmt: skip

# The customer in the third person, as staff write it (folded, anywhere in a line). The bare
# "this customer" is left out: "this customer service chat" is customer-facing.
_ABOUT_THE_CUSTOMER: dict[str, tuple[str, ...]] = {
    "en": (
        r"\b(?:customer|user|client|cx|cust)\s+(?:seems|is (?:lying|a scammer|a fraud(?:ster)?|"
        r"scamming|fake|suspicious|trolling|abusive)|looks (?:legit|suspicious|fake|shady|"
        r"sketchy|like a scammer)|might be (?:lying|a scammer|scamming)|(?:is )?probably "
        r"(?:lying|scamming|a scammer)|keeps (?:lying|spamming)|claims)\b",
        r"\b(?:told|asked|called|pinged|emailed|informed|warned) the (?:customer|user|client)\b",
        r"\bthis (?:customer|user|client|guy) (?:is|was|has|seems|looks|keeps|claims|says)\b",
    ),
    "zh-CN": (
        r"该用户(?!名)", r"这个用户(?!名)", r"此用户(?!名)", r"这位用户", r"该客户(?!端)",
        r"这个客户(?!端)", r"此客户(?!端)", r"这位客户", r"(?:用户|客户)疑似",
    ),
    "zh-TW": (
        r"該用戶(?!名)", r"這個用戶(?!名)", r"此用戶(?!名)", r"這位用戶", r"該客戶(?!端)",
        r"這個客戶(?!端)", r"這位客戶", r"(?:用戶|客戶)疑似",
    ),
    # Folded, "tháng này" (this month) is "thang nay": "thằng này" cannot be listed.
    "vi": (
        r"\bkhách hàng này\b", r"\bkhách này\b", r"\bkh này\b", r"\buser này\b",
        r"\bông khách\b",
    ),
    "id": (
        r"\bpelanggan ini\b", r"\bnasabah ini\b", r"\bcustomer ini\b", r"\bmember ini\b",
        r"\borang ini (?:scam|penipu|bohong)\b",
    ),
    "ru": (
        r"(?<!\w)(?:этот|этого|этому) (?:клиент|пользовател|юзер)\w*",
        r"(?<!\w)клиент (?:врет|обманывает|похоже|мошенник)\w*",
    ),
    "uk": (
        r"(?<!\w)(?:цей|цього|цьому) (?:клієнт|користувач)\w*",
        r"(?<!\w)клієнт (?:бреше|обманює|схоже|шахрай)\w*",
    ),
    "es": (
        r"\bel (?:cliente|usuario) (?:parece|miente|está mintiendo|es (?:un )?estafador)\b",
        r"\b(?:este|ese) (?:cliente|usuario)\b",
    ),
    "pt": (
        r"\bo (?:cliente|usuário) (?:parece|mente|está mentindo|é golpista)\b",
        r"\b(?:este|esse) (?:cliente|usuário)\b",
    ),
    "fr": (
        r"\ble client (?:semble|ment|est un arnaqueur|a l'air)\b", r"\bce client\b",
        r"\bcet utilisateur\b",
    ),
    "de": (
        r"\bder kunde (?:scheint|lügt|ist ein betrüger|wirkt)\b",
        r"\bdieser (?:kunde|nutzer|user)\b",
    ),
    "tr": (r"\bbu (?:müşteri|kullanıcı)\w*", r"\bmüşteri (?:yalan söylüyor|dolandırıcı|şüpheli)"),
    "ar": (r"هذا العميل", r"هذا المستخدم", r"العميل (?:يكذب|محتال|مشبوه)"),
    "ja": (r"この顧客", r"このユーザー(?!名)", r"このお客様", r"顧客は嘘"),
    "ko": (r"이 고객(?!센터)", r"이 유저", r"이 사용자(?! ?이름)", r"고객이 거짓말"),
    "th": (r"ลูกค้ารายนี้", r"ลูกค้าคนนี้", r"ยูสนี้", r"ลูกค้าโกหก"),
    "it": (
        r"\bil cliente (?:sembra|mente|è un truffatore)\b", r"\bquesto (?:cliente|utente)\b",
    ),
}  # fmt: skip


_OPENING = re.compile(
    r"^\s*(?:"
    + "|".join(fold_fragment(f) for fragments in _OPENINGS.values() for f in fragments)
    + ")"
)
# Tried only where a sentence holds one of their literals (screening/patterns.py).
_CUSTOMER_IN_THIRD_PERSON = Rules(
    ("*", f, lang) for lang, fragments in _ABOUT_THE_CUSTOMER.items() for f in fragments
)
_THIRD_PERSON_SCAN = scanner(_CUSTOMER_IN_THIRD_PERSON)
# "Todo" is Spanish and Portuguese for "all": a to-do counts only written as one.
_TODO = re.compile(r"^\s*TODO\b")


def looks_internal(text: str) -> str | None:
    """The line of `text` that makes it look like a note for colleagues, or None."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    first = lines[0]
    if _TODO.match(first) or _OPENING.match(fold(first)):
        return first[:EVIDENCE_CHARS]
    for line in lines:
        folded = fold(line)
        found = _THIRD_PERSON_SCAN.found(folded, scripts(folded))
        if _CUSTOMER_IN_THIRD_PERSON.search(folded, found):
            return line[:EVIDENCE_CHARS]
    return None
