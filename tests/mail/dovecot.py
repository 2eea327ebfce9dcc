"""A real IMAP server for the tests: Debian's Dovecot, started in a temporary folder on a
free port with one account, and stopped afterwards. Never the system's own Dovecot."""

from __future__ import annotations

import imaplib
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.live import free_port

_CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
first_valid_gid = 1
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
mail_location = maildir:~/Maildir
service imap-login {{
  chroot =
  inet_listener imap {{
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


@dataclass(frozen=True)
class Imap:
    port: int
    user: str
    password: str


def dovecot_binary() -> str | None:
    return shutil.which("dovecot") or (
        "/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None
    )


@contextmanager
def dovecot(user: str, password: str) -> Iterator[Imap]:
    """Dovecot in a folder of its own under the system's temporary folder (its processes run
    as its own user, who must be able to reach the folder: pytest's are private)."""
    binary = dovecot_binary()
    assert binary is not None
    root = Path(tempfile.mkdtemp(prefix="firstline-dovecot-"))
    root.chmod(0o755)
    # Dovecot will not keep mail as root: as root, use its own system user.
    uid, gid = os.getuid(), os.getgid()
    if uid == 0:
        entry = pwd.getpwnam("dovecot")
        uid, gid = entry.pw_uid, entry.pw_gid
    for name in ("run", "state", "home"):
        (root / name).mkdir(parents=True, exist_ok=True)
    os.chown(root / "home", uid, gid)
    (root / "passwd").write_text(f"{user}:{{PLAIN}}{password}\n")
    port = free_port()
    config = root / "dovecot.conf"
    config.write_text(_CONFIG.format(root=root, uid=uid, gid=gid, port=port))
    subprocess.run([binary, "-c", str(config)], check=True, timeout=30)
    pid_file = root / "run" / "master.pid"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:  # up once a login works (the auth process starts after the listener)
                client = imaplib.IMAP4("127.0.0.1", port, timeout=2)
                client.login(user, password)
                client.logout()
                break
            except (OSError, imaplib.IMAP4.error):
                if time.monotonic() > deadline:
                    log = (
                        (root / "dovecot.log").read_text()
                        if (root / "dovecot.log").exists()
                        else ""
                    )
                    raise AssertionError(f"dovecot did not start: {log}") from None
                time.sleep(0.2)
        yield Imap(port=port, user=user, password=password)
    finally:
        if pid_file.exists():
            pid = int(pid_file.read_text().split()[0])
            os.kill(pid, signal.SIGTERM)
            for _ in range(50):
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    break
                time.sleep(0.1)
        shutil.rmtree(root, ignore_errors=True)
