"""Mail in the browser: an agent reads a customer's mail (Vietnamese typed without diacritics,
with a screenshot), answers it with a PDF attached and watches the reply go out; a visitor
opens a request in Arabic through the help center's form with an image."""

from __future__ import annotations

import asyncio
import smtplib
import time
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller

from tests.browser import pages
from tests.live import Deployment, deploy, free_port, server

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


class Keep:
    def __init__(self) -> None:
        self.mails: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = BytesParser(policy=policy.default).parsebytes(envelope.original_content)
        assert isinstance(parsed, EmailMessage)
        self.mails.append(parsed)
        return "250 OK"


@pytest.fixture
def outgoing() -> Any:
    keep = Keep()
    controller = Controller(keep, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller.port, keep
    controller.stop()


@pytest.fixture
def deployment(tmp_path: Path, outgoing: Any) -> tuple[Deployment, int]:
    smtp_port = free_port()
    dep = deploy(
        f"sqlite+aiosqlite:///{tmp_path / 'mail.db'}",
        FIRSTLINE_SMTP_LISTEN=f"127.0.0.1:{smtp_port}",
        FIRSTLINE_SMTP_URL=f"smtp://127.0.0.1:{outgoing[0]}",
        FIRSTLINE_ATTACHMENTS_DIR=str(tmp_path / "files"),
    )
    return dep, smtp_port


async def test_an_agent_reads_a_mail_and_answers_it_with_a_file(
    browser: Any, deployment: tuple[Deployment, int], outgoing: Any, screenshots: Path
) -> None:
    dep, smtp_port = deployment
    _, keep = outgoing
    with server(dep) as base:
        http = httpx.AsyncClient(base_url=base, headers=dep.headers)
        r = await http.post("/api/v1/mailboxes", json={"address": "support@demo.test"})
        assert r.status_code == 201, r.text
        mail = EmailMessage()
        mail["From"] = "Lan Nguyen <lan@example.com>"
        mail["To"] = "support@demo.test"
        mail["Subject"] = "Nap tien chua ve"
        mail.set_content("Toi nap 500 USDT qua TRC20 tu hom qua ma van chua thay tien ve tai khoan")
        mail.add_attachment(PNG, maintype="image", subtype="png", filename="man-hinh.png")
        with smtplib.SMTP("127.0.0.1", smtp_port, timeout=30) as client:
            client.send_message(mail)
        [conversation] = (await http.get("/api/v1/conversations")).json()["items"]
        assert conversation["language"] == "vi"
        number = conversation["id"]

        agent = await pages.console(browser, base, dep.email, dep.password)
        await agent.goto(f"{base}/console#/conversations/{number}")
        await agent.reload()
        await agent.locator('[data-testid="mail-state"][data-state="received"]').wait_for()
        thumbnail = agent.get_by_test_id("message-file").locator("img")
        await thumbnail.wait_for()
        # Served, and an image: once loaded (thumbnails load lazily), it has its pixel's width.
        await agent.wait_for_function(
            "() => { const img = document.querySelector('[data-testid=message-file] img');"
            " return !!img && img.complete && img.naturalWidth > 0; }"
        )
        assert await thumbnail.evaluate("img => img.naturalWidth") == 1
        await agent.set_input_files(
            '[data-testid="reply-files"]',
            files=[{"name": "bien-lai.pdf", "mimeType": "application/pdf",
                    "buffer": b"%PDF-1.4\n% receipt of the deposit\n"}],
        )  # fmt: skip
        await agent.get_by_test_id("reply-files-list").filter(has_text="bien-lai.pdf").wait_for()
        await agent.get_by_test_id("reply-input").fill(
            "Chao chi Lan, giao dich cua chi can them 20 xac nhan. Bien lai dinh kem."
        )
        await agent.get_by_test_id("reply-send").click()
        # The acknowledgement and the reply both leave; the reply's badge turns to sent.
        sent = agent.locator('[data-testid="mail-state"][data-state="sent"]')
        deadline = time.monotonic() + 30
        while await sent.count() < 2 and time.monotonic() < deadline:
            await agent.wait_for_timeout(300)
        assert await sent.count() == 2
        await agent.screenshot(path=str(screenshots / "mail-conversation.png"))
        reply = next(m for m in keep.mails if "20 xac nhan" in m.get_body(("plain",)).get_content())
        assert [a.get_filename() for a in reply.iter_attachments()] == ["bien-lai.pdf"]
        assert reply["Subject"] == f"Re: Nap tien chua ve [#{number}]"
        await http.aclose()


async def test_a_visitor_sends_a_request_in_arabic_with_an_image(
    browser: Any, deployment: tuple[Deployment, int], outgoing: Any, screenshots: Path
) -> None:
    dep, _ = deployment
    with server(dep) as base:
        http = httpx.AsyncClient(base_url=base, headers=dep.headers)
        r = await http.post("/api/v1/mailboxes", json={"address": "support@demo.test"})
        assert r.status_code == 201, r.text
        context = await browser.new_context(viewport={"width": 800, "height": 1000}, locale="ar")
        page = await context.new_page()
        await page.goto(f"{base}/help/ar")
        await page.get_by_test_id("help-request").click()
        # The link opens a new page: wait until it has loaded before reading it.
        await page.wait_for_url("**/help/ar/request")
        await page.get_by_test_id("request-email").wait_for()
        assert await page.evaluate("() => document.documentElement.dir") == "rtl"
        await page.get_by_test_id("request-email").fill("ahmed@example.com")
        await page.get_by_test_id("request-category").select_option("withdrawal")
        await page.get_by_test_id("request-subject").fill("السحب معلق")
        await page.get_by_test_id("request-description").fill(
            "طلبت سحب 300 USDT منذ ثلاث ساعات وما زال معلقاً. رقم الطلب W-5521."
        )
        await page.set_input_files(
            '[data-testid="request-files"]',
            files=[{"name": "لقطة.png", "mimeType": "image/png", "buffer": PNG}],
        )
        await page.screenshot(path=str(screenshots / "request-form-ar.png"), full_page=True)
        await page.get_by_test_id("request-submit").click()
        await page.get_by_test_id("request-sent").wait_for()
        await page.screenshot(path=str(screenshots / "request-sent-ar.png"), full_page=True)
        [conversation] = (await http.get("/api/v1/conversations")).json()["items"]
        assert conversation["channel"] == "web_form" and conversation["language"] == "ar"
        files = (await http.get(f"/api/v1/conversations/{conversation['id']}/attachments")).json()
        assert [f["filename"] for f in files] == ["لقطة.png"]
        assert f"#{conversation['id']}" in await page.get_by_test_id("request-page").inner_text()
        await http.aclose()


async def test_a_chat_customer_sends_a_screenshot_picked_before_the_chat_started(
    browser: Any, deployment: tuple[Deployment, int], screenshots: Path
) -> None:
    """The file is picked while the page still waits for its session (held back here, as a
    slow network does): it shows as pending and goes once the session comes, not dropped."""
    dep, _ = deployment
    released = asyncio.Event()

    async def hold(route: Any) -> None:
        await released.wait()
        await route.continue_()

    with server(dep) as base:
        context = await browser.new_context(viewport={"width": 420, "height": 720}, locale="id-ID")
        customer = await context.new_page()
        await customer.route("**/chat/api/session", hold)
        await customer.goto(f"{base}/chat#locale=id-ID")
        await customer.set_input_files(
            '[data-testid="chat-file"]',
            files=[{"name": "bukti-transfer.png", "mimeType": "image/png", "buffer": PNG}],
        )
        bubbles = customer.locator('[data-testid="chat-messages"] li').filter(
            has_text="bukti-transfer.png"
        )
        await bubbles.and_(customer.locator("li.pending")).wait_for()
        assert await customer.locator('body[data-session="open"]').count() == 0
        released.set()
        await bubbles.and_(customer.locator("li[data-id]")).wait_for()
        assert await bubbles.count() == 1
        await customer.screenshot(path=str(screenshots / "chat-attachment.png"))
        async with httpx.AsyncClient(base_url=base, headers=dep.headers) as http:
            [conversation] = (await http.get("/api/v1/conversations")).json()["items"]
            files = (
                await http.get(f"/api/v1/conversations/{conversation['id']}/attachments")
            ).json()
            assert [f["filename"] for f in files] == ["bukti-transfer.png"]
        await context.close()


async def test_an_admin_adds_a_mailbox_then_gives_it_an_imap_account(
    browser: Any, deployment: tuple[Deployment, int], screenshots: Path
) -> None:
    dep, _ = deployment
    with server(dep) as base:
        admin = await pages.console(browser, base, dep.email, dep.password)
        await admin.goto(f"{base}/console#/settings/mailboxes")
        await admin.get_by_test_id("settings-add").click()
        form = admin.get_by_test_id("settings-form")
        await form.get_by_test_id("settings-field-address").fill("vip@demo.test")
        await form.get_by_test_id("settings-field-name").fill("VIP desk")
        await form.get_by_test_id("settings-field-signatures").fill('{"en": "The VIP desk"}')
        await form.get_by_test_id("settings-save").click()
        row = admin.get_by_test_id("settings-row").filter(has_text="vip@demo.test")
        await row.wait_for()
        await row.get_by_test_id("settings-edit").click()
        form = admin.get_by_test_id("settings-form")
        await form.get_by_test_id("settings-field-imap_host").fill("imap.demo.test")
        await form.get_by_test_id("settings-field-imap_user").fill("vip")
        await form.get_by_test_id("settings-field-imap_password").fill("imap-secret-1")
        await form.get_by_test_id("settings-save").click()
        await row.filter(has_text="imap.demo.test").wait_for()
        await admin.screenshot(path=str(screenshots / "settings-mailboxes.png"))
        async with httpx.AsyncClient(base_url=base, headers=dep.headers) as http:
            [box] = (await http.get("/api/v1/mailboxes")).json()
        assert box["name"] == "VIP desk" and box["signatures"] == {"en": "The VIP desk"}
        assert box["imap"]["host"] == "imap.demo.test" and box["imap"]["password_set"]
        assert box["imap"]["folder"] == "INBOX" and box["imap"]["port"] == 993
