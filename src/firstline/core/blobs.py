"""Files kept outside the database rows, named by the SHA-256 of their bytes.

Attachments (mail, the widget, the console) are written here and the rows name them by digest:
the same file sent twice is stored once, a row never points at half a file (the bytes are
written to a temporary name and renamed into place before the row commits), and a file whose
last row is gone is removed by whoever removed that row. The folder is
`FIRSTLINE_ATTACHMENTS_DIR`; beside a SQLite database by default.

What a file is comes from its first bytes (`sniff`), never from the name or the type the
sender declared: a page saved as `invoice.pdf` is served as what it is, and only the types in
SAFE_INLINE are ever shown inline.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import puremagic

# Served inline (images in the console, a PDF opened in the browser); everything else is
# downloaded as an attachment. No SVG: it can carry script.
SAFE_INLINE = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"})
OCTET = "application/octet-stream"
_TEXTUAL = ("text/plain",)


def sniff(data: bytes) -> str:
    """The MIME type the bytes say they are; plain text when they decode as UTF-8 and look
    like text, application/octet-stream when nothing matches."""
    head = data[:8192]
    try:
        matches = puremagic.magic_string(head) if head else []
    except (puremagic.PureError, ValueError):
        matches = []
    for match in matches:
        if match.mime_type:
            return str(match.mime_type)
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return OCTET
    if text and all(c.isprintable() or c in "\r\n\t" for c in text[:2000]):
        return _TEXTUAL[0]
    return OCTET


def default_dir(database_url: str) -> Path:
    """`attachments` beside a SQLite file database, else under the working directory."""
    prefix = "sqlite+aiosqlite:///"
    if database_url.startswith(prefix):
        path = database_url[len(prefix) :].split("?")[0]
        if path and path != ":memory:":
            return Path(path).resolve().parent / "attachments"
    return Path("attachments").resolve()


@dataclass(frozen=True, slots=True)
class Stored:
    sha256: str
    size: int
    content_type: str


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError("not a SHA-256 digest")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def _put(self, data: bytes, digest: str) -> None:
        target = self.path(digest)
        if target.exists():
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    async def put(self, data: bytes) -> Stored:
        """Keep `data` (once, whatever how many rows name it); its digest, size and type."""
        digest = hashlib.sha256(data).hexdigest()
        await asyncio.to_thread(self._put, data, digest)
        return Stored(digest, len(data), sniff(data))

    async def read(self, sha256: str) -> bytes:
        return await asyncio.to_thread(self.path(sha256).read_bytes)

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).exists()

    async def remove(self, sha256: str) -> None:
        """Delete the file (the caller checked that no row names it any more)."""
        await asyncio.to_thread(self.path(sha256).unlink, missing_ok=True)


_STORES: dict[Path, BlobStore] = {}


def blob_store(directory: str | None, database_url: str) -> BlobStore:
    root = Path(directory).resolve() if directory else default_dir(database_url)
    store = _STORES.get(root)
    if store is None:
        store = _STORES[root] = BlobStore(root)
    return store
