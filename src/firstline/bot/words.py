"""The words the bot listens for, in every supported language: asking for a person, cancelling,
greeting, yes and no. All lower-case; bot/text.py strips a message's punctuation and case, and
it matches when it is one of these or (for the longer phrases) contains one.

These are matching data, not text anyone reads: what the bot says is in the `bot` message
catalogs (firstline/locales/<language>/bot.json).
"""

from __future__ import annotations

HUMAN_PHRASES = (
    "agent", "human", "person", "operator", "real person", "live agent", "customer service",
    "talk to someone", "speak to someone", "representative", "support team",
    "nhân viên", "người thật", "tư vấn viên", "gặp nhân viên", "agen", "petugas", "manusia",
    "cs", "人工", "客服", "转人工", "真人", "轉真人", "人工客服", "оператор", "человек",
    "живой", "сотрудник", "agente", "persona", "humano", "atendente", "pessoa", "humain",
    "conseiller", "mitarbeiter", "mensch", "menschen", "temsilci", "müşteri temsilcisi",
    "insan", "موظف", "شخص", "انسان", "إنسان", "オペレーター", "担当者", "人間", "상담원",
    "상담사", "사람", "เจ้าหน้าที่", "คน", "คุยกับคน", "людина", "співробітник", "operatore",
    "persona reale",
    # As people write it in chat: without Vietnamese diacritics, inflected (Russian,
    # Ukrainian, Turkish), with the Arabic article, or as a support desk's name.
    "customer support", "nhan vien", "gap nhan vien", "nguoi that", "tu van vien",
    "оператора", "оператором", "человеком", "живым человеком", "сотрудником", "сотрудника",
    "людиною", "живою людиною", "співробітником", "atención al cliente", "service client",
    "kundendienst", "kundenservice", "temsilciye", "canlı destek", "insanla", "الموظف",
    "خدمة العملاء", "شخص حقيقي", "人と話", "有人対応", "พนักงาน", "assistenza clienti",
)  # fmt: skip
CANCEL_WORDS = (
    "cancel", "stop", "quit", "exit", "hủy", "huỷ", "dừng", "batal", "berhenti", "取消",
    "停止", "отмена", "отменить", "стоп", "cancelar", "parar", "annuler", "arrêter",
    "abbrechen", "stopp", "iptal", "dur", "إلغاء", "توقف", "キャンセル", "やめる", "中止",
    "취소", "중지", "ยกเลิก", "หยุด", "скасувати", "annulla", "basta",
    # Vietnamese as typed without diacritics.
    "huy", "huy bo", "hủy bỏ", "thoat",
)  # fmt: skip
GREETINGS = (
    "hi", "hello", "hey", "good morning", "good evening", "xin chào", "chào", "chào bạn",
    "halo", "hai", "selamat pagi", "你好", "您好", "哈喽", "嗨", "здравствуйте", "привет",
    "hola", "buenas", "olá", "ola", "oi", "bonjour", "salut", "hallo", "guten tag", "merhaba",
    "selam", "مرحبا", "السلام عليكم", "こんにちは", "こんばんは", "안녕하세요", "안녕",
    "สวัสดี", "สวัสดีครับ", "สวัสดีค่ะ", "вітаю", "привіт", "ciao", "buongiorno",
)  # fmt: skip
YES_WORDS = (
    "yes", "y", "yeah", "yep", "ok", "thanks", "thank you", "có", "vâng", "được", "cảm ơn",
    "ya", "iya", "terima kasih", "是", "是的", "好的", "谢谢", "謝謝", "да", "спасибо", "sí",
    "si", "gracias", "sim", "obrigado", "obrigada", "oui", "merci", "ja", "danke", "evet",
    "teşekkürler", "نعم", "شكرا", "はい", "ありがとう", "예", "네", "감사합니다", "ใช่",
    "ขอบคุณ", "так", "дякую", "grazie",
)  # fmt: skip
NO_WORDS = (
    "no", "n", "nope", "not really", "không", "chưa", "tidak", "bukan", "belum", "否", "不",
    "不是", "没有", "沒有", "нет", "não", "nao", "non", "nein", "hayır", "لا", "いいえ",
    "아니요", "아니", "ไม่", "ไม่ใช่", "ні",
)  # fmt: skip
