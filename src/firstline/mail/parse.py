"""A raw mail, read into what intake needs: who, what, which thread, which files, and whether
a person wrote it at all. Pure functions of the bytes (no database), so every rule here is
tested on its own.
"""

from __future__ import annotations

import hashlib
import html as htmllib
import re
from dataclasses import dataclass, field
from email import policy
from email.errors import HeaderParseError
from email.header import decode_header, make_header
from email.headerregistry import Address
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.policy import compat32
from email.utils import getaddresses, parseaddr
from typing import Any

import nh3

from firstline.mail.quotes import split_reply

MAX_ID = 250
MAX_SUBJECT = 300
# Tags and attributes the console shows of a customer's HTML mail. No scripts, styles, forms
# or remote resources: images only from the mail itself (cid:, rewritten to the attachment's
# authenticated URL when shown).
_TAGS = {
    "a", "b", "blockquote", "br", "code", "div", "em", "h1", "h2", "h3", "h4", "hr", "i",
    "img", "li", "ol", "p", "pre", "span", "strong", "table", "tbody", "td", "th", "thead",
    "tr", "u", "ul",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt"}, "td": {"colspan"}, "th": {"colspan"}}
_AUTOMATIC_SENDERS = ("mailer-daemon", "postmaster", "noreply-dmarc", "bounce", "bounces")
_SUBJECT_REF = re.compile(r"\[#(\d{1,10})\]")


@dataclass(frozen=True, slots=True)
class Part:
    filename: str
    declared_type: str
    data: bytes
    content_id: str | None
    inline: bool


@dataclass(slots=True)
class ParsedMail:
    message_id: str
    from_address: str
    from_name: str | None
    to: list[str]
    subject: str
    in_reply_to: str | None
    references: list[str]
    text: str  # what the customer wrote this time
    quoted: str  # the history and signature below it
    html: str | None  # sanitized
    parts: list[Part] = field(default_factory=list)
    # Why no person wrote it ("auto_submitted", "list", "daemon"), else None.
    automatic: str | None = None
    # A delivery report: the Message-IDs of the mails it reports on, and what it says.
    bounce_of: list[str] = field(default_factory=list)
    bounce_text: str = ""
    authentication: list[str] = field(default_factory=list)
    reference: int | None = None  # the [#123] of a subject


def clean_id(value: str | None) -> str | None:
    """A Message-ID without its angle brackets and blanks; long ones hashed to fit a column."""
    if not value:
        return None
    found = re.findall(r"<([^<>\s]+)>", value)
    text = found[0] if found else value.strip().strip("<>").strip()
    if not text or any(c.isspace() for c in text):
        return None
    if len(text) > MAX_ID:
        return "sha256:" + hashlib.sha256(text.encode()).hexdigest()
    return text


def _ids(value: str | None) -> list[str]:
    if not value:
        return []
    out = []
    for raw in re.findall(r"<([^<>\s]+)>", value)[:50]:
        cleaned = clean_id(f"<{raw}>")
        if cleaned:
            out.append(cleaned)
    return out


def normalize_address(value: str) -> str:
    return value.strip().strip("<>").lower()


def plus_tag(address: str) -> tuple[str, str | None]:
    """support+123@x.test -> ("support@x.test", "123")."""
    local, _, domain = address.partition("@")
    base, plus, tag = local.partition("+")
    return (f"{base}@{domain}", tag if plus else None)


def _header(msg: Message, name: str) -> str:
    """A header's text, RFC 2047 words decoded ("=?utf-8?b?...?=" to "Nạp tiền"). Read with
    the compat32 policy, which leaves headers alone until asked: parsing every header into
    objects (the default policy) cost more than the rest of the intake together."""
    value = msg.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):  # a Header object
        value = str(value)
    if "=?" not in value:
        return " ".join(value.split()) if "\n" in value else value
    try:
        return str(make_header(decode_header(value)))
    except (HeaderParseError, LookupError, UnicodeDecodeError, ValueError):
        return value


def _words(value: str | None) -> str | None:
    """A parameter's RFC 2047 words decoded (mail programs write file names that way)."""
    if not value or "=?" not in value:
        return value
    try:
        return str(make_header(decode_header(value)))
    except (HeaderParseError, LookupError, UnicodeDecodeError, ValueError):
        return value


def _automatic(msg: Message, sender: str) -> str | None:
    auto = _header(msg, "Auto-Submitted").strip().lower()
    if auto and not auto.startswith("no"):
        return "auto_submitted"
    precedence = _header(msg, "Precedence").strip().lower()
    if precedence in ("bulk", "junk", "list", "auto_reply"):
        return "list"
    if _header(msg, "X-Autoreply") or _header(msg, "X-Autorespond"):
        return "auto_submitted"
    if _header(msg, "List-Id") or _header(msg, "List-Unsubscribe"):
        return "list"
    local = sender.partition("@")[0]
    if local in _AUTOMATIC_SENDERS or not sender:
        return "daemon"
    return None


def _decode(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:
        return payload.decode("utf-8", errors="replace")


def html_to_text(markup: str) -> str:
    """The text of an HTML mail, line breaks kept where blocks end."""
    markup = re.sub(r"(?is)<(script|style|head)[^>]*>.*?</\1>", "", markup)
    markup = re.sub(r"(?i)<br\s*/?>", "\n", markup)
    markup = re.sub(r"(?i)</(p|div|li|tr|h[1-6]|blockquote)>", "\n", markup)
    markup = re.sub(r"(?i)<blockquote[^>]*>", "\n> ", markup)
    text = htmllib.unescape(re.sub(r"<[^>]+>", "", markup))
    lines = [line.rstrip() for line in text.replace("\r", "").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def sanitize_html(markup: str) -> str:
    """Only what reads safely in the console: no script, style or remote images."""

    def attribute(tag: str, name: str, value: str) -> str | None:
        if tag == "img" and name == "src":
            return value if value.lower().startswith("cid:") else None
        return value

    return nh3.clean(
        markup,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        attribute_filter=attribute,
        url_schemes={"http", "https", "mailto", "cid"},
        link_rel="noopener noreferrer nofollow",
    )


def _bounce(msg: Message) -> tuple[list[str], str]:
    """For a delivery status report: the Message-IDs it reports on, and its human text."""
    if msg.get_content_type() != "multipart/report":
        return [], ""
    ids: list[str] = []
    text = ""
    for part in msg.walk():
        kind = part.get_content_type()
        if kind == "text/plain" and not text:
            text = _decode(part)
        elif kind in ("message/rfc822", "text/rfc822-headers"):
            inner = part.get_payload()
            if isinstance(inner, list) and inner and isinstance(inner[0], Message):
                ids += _ids(_header(inner[0], "Message-ID"))
            else:
                raw = _decode(part) if kind == "text/rfc822-headers" else str(inner)
                match = re.search(r"(?im)^message-id:\s*(<[^>]+>)", raw)
                if match:
                    ids += _ids(match.group(1))
    return ids, text.strip()[:4000]


def parse_mail(raw: bytes, envelope_from: str | None = None) -> ParsedMail:
    """`envelope_from` (SMTP's MAIL FROM) stands in for a missing From header; an empty one
    (`<>`) is how delivery reports are sent."""
    msg = BytesParser(policy=compat32).parsebytes(raw)
    name, sender = parseaddr(_header(msg, "From"))
    sender = normalize_address(sender) or normalize_address(envelope_from or "")
    to = [normalize_address(a) for _, a in getaddresses([_header(msg, "To"), _header(msg, "Cc")])]
    subject = " ".join(_header(msg, "Subject").split())[:MAX_SUBJECT]
    message_id = clean_id(_header(msg, "Message-ID")) or (
        "sha256:" + hashlib.sha256(raw).hexdigest()
    )
    text_body: str | None = None
    html_body: str | None = None
    parts: list[Part] = []
    bounce_of, bounce_text = _bounce(msg)
    for part in msg.walk():
        if part.is_multipart():
            continue
        kind = part.get_content_type()
        disposition = (part.get_content_disposition() or "").lower()
        filename = _words(part.get_filename())
        content_id = clean_id(_header(part, "Content-ID"))
        is_file = (
            bool(filename)
            or disposition == "attachment"
            or (content_id is not None and kind.startswith("image/"))
        )
        if bounce_of and kind in ("message/delivery-status", "text/rfc822-headers"):
            continue
        if is_file:
            data = part.get_payload(decode=True)
            if isinstance(data, bytes):
                parts.append(
                    Part(
                        filename=(filename or f"part-{len(parts) + 1}")[:255],
                        declared_type=kind,
                        data=data,
                        content_id=content_id,
                        inline=disposition != "attachment" and content_id is not None,
                    )
                )
        elif kind == "text/plain" and text_body is None:
            text_body = _decode(part)
        elif kind == "text/html" and html_body is None:
            html_body = _decode(part)
    if text_body is None:
        text_body = html_to_text(html_body) if html_body else ""
    fresh, quoted = split_reply(text_body.replace("\r\n", "\n"))
    reference_match = _SUBJECT_REF.search(subject)
    return ParsedMail(
        message_id=message_id,
        from_address=sender,
        from_name=" ".join(name.split())[:200] or None,
        to=[a for a in to if a],
        subject=subject,
        in_reply_to=clean_id(_header(msg, "In-Reply-To")),
        references=_ids(_header(msg, "References")),
        text=fresh,
        quoted=quoted,
        html=sanitize_html(html_body) if html_body else None,
        parts=parts,
        automatic=_automatic(msg, sender),
        bounce_of=bounce_of,
        bounce_text=bounce_text,
        authentication=[str(v) for v in msg.get_all("Authentication-Results", [])],
        reference=int(reference_match.group(1)) if reference_match else None,
    )


def authentication_results(headers: list[str], authserv_id: str | None) -> dict[str, Any]:
    """{"spf": ..., "dkim": ..., "dmarc": ...} from the Authentication-Results header our own
    server added (the first one carrying `authserv_id`); without that id configured, nothing is
    trusted, since the sender can write any header it likes."""
    results: dict[str, Any] = {}
    if not authserv_id:
        return results
    for header in headers:
        head, _, rest = header.partition(";")
        if head.strip().split()[0:1] != [authserv_id]:
            continue
        for method in ("spf", "dkim", "dmarc"):
            found = re.search(rf"(?i)\b{method}\s*=\s*([a-z]+)", rest)
            if found:
                results[method] = found.group(1).lower()
        break
    return results


def reply_subject(subject: str, reference: int) -> str:
    """Re: <subject> [#reference], without stacking Re: or the reference."""
    base = _SUBJECT_REF.sub("", subject).strip()
    base = re.sub(r"(?i)^((re|aw|sv|fw|fwd|tr)\s*:\s*)+", "", base).strip()
    return f"Re: {base} [#{reference}]" if base else f"[#{reference}]"


def address_of(mailbox_address: str, name: str | None) -> str:
    local, _, domain = mailbox_address.partition("@")
    return str(Address(display_name=name or "", username=local, domain=domain))


def header_safe(message: EmailMessage) -> bytes:
    return message.as_bytes(policy=policy.SMTP)
