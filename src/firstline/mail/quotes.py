"""What the customer wrote this time, and what their mail program quoted below it.

Mail programs put the conversation so far under a reply: a line saying who wrote it ("On
Tue, Lan wrote:", "Vào Th 3, Lan đã viết:", "Pada Sel, Lan menulis:"), Outlook's "-----
Original Message-----" or its From:/Sent: block, lines starting with ">", and a signature after
"-- ". The agent reads the new part; the rest is kept and shown folded. When nothing would be
left (a reply written below the quote, or a mail that is all quote) the whole text stays the
message: a folded message must never hide what the customer said.
"""

from __future__ import annotations

import re

# "<someone> wrote:" in the languages we serve, as mail programs write it on one line (or two:
# the date may push "wrote:" to the next line, so two lines are joined before matching).
_ATTRIBUTION = re.compile(
    r"(?ix)^(?:"
    r"on\b.{0,200}\bwrote\s*:"  # en
    r"|le\b.{0,200}\ba\s+écrit\s*:"  # fr
    r"|am\b.{0,200}\bschrieb.{0,80}:"  # de
    r"|el\b.{0,200}\bescribió\s*:"  # es
    r"|em\b.{0,200}\bescreveu\s*:"  # pt
    r"|il\b.{0,200}\bha\s+scritto\s*:"  # it
    r"|vào\b.{0,200}\bđã\s+viết\s*:|vao\b.{0,200}\bda\s+viet\s*:"  # vi, with and without marks
    r"|pada\b.{0,200}\bmenulis\s*:"  # id
    r"|.{0,200}\bнаписал[аи]?\s*:|.{0,200}\bнаписав(?:ла)?\s*:"  # ru, uk
    r"|.{0,200}\byazdı\s*:"  # tr
    r"|.{0,200}\bكتب\b.{0,200}:|.{0,200}:\s*كتب"  # ar
    r"|.{0,200}님이\s*작성(?:함|했습니다)?\s*:?"  # ko
    r"|.{0,200}(?:のメッセージ|書きました|書き込みました)\s*[:：]"  # ja
    r"|.{0,200}(?:写道|寫道)\s*[:：]"  # zh
    r"|.{0,200}เขียนว่า\s*:?"  # th
    r")\s*$"
)
_SEPARATOR = re.compile(
    r"(?i)^\s*(?:-{2,}\s*(?:original message|forwarded message|ursprüngliche nachricht|"
    r"message d'origine|mensaje original|tin nhắn gốc|pesan asli)\s*-{2,}|_{20,})\s*$"
)
_OUTLOOK_FROM = re.compile(r"(?i)^\s*\*?(?:from|von|de|da|từ|dari|от|kimden)\s*:\*?\s+\S")
_OUTLOOK_NEXT = re.compile(
    r"(?i)^\s*\*?(?:sent|date|gesendet|envoyé|enviado|inviato|đã gửi|dikirim|отправлено|"
    r"to|an|à|para|a|tới|kepada|кому)\s*:"
)
_SIGNATURE = re.compile(r"^-- ?$")


def _marker(lines: list[str]) -> int | None:
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if _SEPARATOR.match(stripped) or _SIGNATURE.match(line.rstrip("\n")):
            return i
        if _ATTRIBUTION.match(stripped):
            return i
        if i + 1 < len(lines) and _ATTRIBUTION.match(f"{stripped} {lines[i + 1].strip()}"):
            return i
        if _OUTLOOK_FROM.match(stripped) and any(
            _OUTLOOK_NEXT.match(n) for n in lines[i + 1 : i + 4]
        ):
            return i
        if stripped.startswith(">") and all(
            not n.strip() or n.lstrip().startswith(">") for n in lines[i:]
        ):
            return i
    return None


def split_reply(text: str) -> tuple[str, str]:
    """(what is new, what is quoted or signed below it)."""
    lines = text.split("\n")
    cut = _marker(lines)
    if cut is None:
        return text.strip(), ""
    fresh = "\n".join(lines[:cut]).strip()
    quoted = "\n".join(lines[cut:]).strip()
    if not fresh:
        return text.strip(), ""
    return fresh, quoted
