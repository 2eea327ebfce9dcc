"""`firstline serve --workers 2` with FIRSTLINE_SMTP_LISTEN: both workers listen on the one
mail port, every mail sent to it becomes a conversation, and the acknowledgements leave
through FIRSTLINE_SMTP_URL to a real SMTP server, from the workers' own jobs."""

from __future__ import annotations

import smtplib
import time
from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller

from tests.live import deploy, free_port, server
from tests.mail.conftest import mail


class Collect:
    def __init__(self) -> None:
        self.subjects: list[str] = []
        self.message_ids: list[str] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = BytesParser(policy=policy.default).parsebytes(envelope.original_content)
        self.subjects.append(str(message["Subject"]))
        self.message_ids.append(str(message["Message-ID"]))
        return "250 OK"


@pytest.fixture
def sink() -> Any:
    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, handler
    controller.stop()


def test_two_workers_share_the_mail_port_and_answer_every_mail(tmp_path: Path, sink: Any) -> None:
    controller, collected = sink
    smtp_port = free_port()
    dep = deploy(
        f"sqlite+aiosqlite:///{tmp_path / 'mail.db'}",
        FIRSTLINE_SMTP_LISTEN=f"127.0.0.1:{smtp_port}",
        FIRSTLINE_SMTP_URL=f"smtp://127.0.0.1:{controller.port}",
        FIRSTLINE_ATTACHMENTS_DIR=str(tmp_path / "files"),
    )
    with server(dep, workers=2) as base, httpx.Client(base_url=base, headers=dep.headers) as api:
        r = api.post("/api/v1/mailboxes", json={"address": "help@exchange.test"})
        assert r.status_code == 201, r.text
        for n in range(8):
            with smtplib.SMTP("127.0.0.1", smtp_port, timeout=30) as client:
                refused = client.send_message(
                    mail(f"Withdrawal number {n} has been pending for two hours",
                         subject=f"Withdrawal {n}", sender=f"user{n}@example.com",
                         to="help@exchange.test")
                )  # fmt: skip
                assert refused == {}
        with (
            smtplib.SMTP("127.0.0.1", smtp_port, timeout=30) as client,
            pytest.raises(smtplib.SMTPRecipientsRefused),
        ):
            client.send_message(mail("hi", to="nobody@exchange.test"))
        items = api.get("/api/v1/conversations", params={"limit": 50}).json()["items"]
        assert sorted(c["subject"] for c in items) == [f"Withdrawal {n}" for n in range(8)]
        assert {c["channel"] for c in items} == {"email"}
        deadline = time.monotonic() + 30
        while len(collected.subjects) < 8 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(collected.subjects) == 8  # once each, though both workers run the jobs
        assert all(s.startswith("Re: Withdrawal ") for s in collected.subjects)


def test_a_reply_committed_before_a_kill_9_is_sent_once_after_the_restart(tmp_path: Path) -> None:
    """The mail server is away while the agent answers: the reply waits in the outbox. The
    server is killed outright, the mail server comes back, the server restarts: the reply
    leaves once, with the Message-ID it was given when it was saved."""
    import os
    import signal
    import subprocess
    import sys

    smtp_port, outgoing_port = free_port(), free_port()
    dep = deploy(
        f"sqlite+aiosqlite:///{tmp_path / 'kill.db'}",
        FIRSTLINE_SMTP_LISTEN=f"127.0.0.1:{smtp_port}",
        FIRSTLINE_SMTP_URL=f"smtp://127.0.0.1:{outgoing_port}",  # nothing listens there yet
        FIRSTLINE_ATTACHMENTS_DIR=str(tmp_path / "files"),
    )
    port = free_port()
    base = f"http://127.0.0.1:{port}"

    def start() -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(
            [sys.executable, "-m", "firstline", "serve", "--port", str(port)],
            env=dep.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    return proc
            except httpx.TransportError:
                time.sleep(0.1)
        raise AssertionError("server did not start")

    proc = start()
    try:
        api = httpx.Client(base_url=base, headers=dep.headers, timeout=30)
        r = api.post("/api/v1/mailboxes", json={"address": "help@exchange.test",
                                                "acknowledge": False})  # fmt: skip
        assert r.status_code == 201, r.text
        with smtplib.SMTP("127.0.0.1", smtp_port, timeout=30) as client:
            client.send_message(mail("Where is my withdrawal?", subject="Withdrawal",
                                     to="help@exchange.test"))  # fmt: skip
        [conversation] = api.get("/api/v1/conversations").json()["items"]
        cid = conversation["id"]
        r = api.post(f"/api/v1/conversations/{cid}/messages", json={"body": "It left at 10:02."})
        assert r.status_code == 201, r.text
        # Killed once the first attempt has failed (the mail server is not there yet).
        deadline = time.monotonic() + 30
        while True:
            [reply] = [m for m in api.get(f"/api/v1/conversations/{cid}/mails").json()
                       if m["direction"] == "out"]  # fmt: skip
            if reply["error"] or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert reply["state"] == "queued" and reply["error"]
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)

    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=outgoing_port)
    controller.start()
    proc = start()
    try:
        deadline = time.monotonic() + 90  # the first retry is due 30 s after the failed try
        while not handler.subjects and time.monotonic() < deadline:
            time.sleep(0.3)
        time.sleep(3)  # and nothing more comes
        assert handler.subjects == [f"Re: Withdrawal [#{cid}]"]
        assert handler.message_ids == [f"<{reply['rfc_message_id']}>"]
        sent = [m for m in api.get(f"/api/v1/conversations/{cid}/mails").json()
                if m["direction"] == "out"]  # fmt: skip
        assert [m["state"] for m in sent] == ["sent"]
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        controller.stop()
