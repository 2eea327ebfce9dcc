"""Opening the console and the chat widget in the browser, as the browser tests' people do."""

from __future__ import annotations

from typing import Any

from tests.signin import SECRETS, totp_code


async def console(browser: Any, base: str, email: str, password: str) -> Any:
    """A signed-in console page, once its live connection is up."""
    context = await browser.new_context(viewport={"width": 1360, "height": 820})
    page = await context.new_page()
    await page.goto(f"{base}/console")
    await page.get_by_test_id("login-email").fill(email)
    await page.get_by_test_id("login-password").fill(password)
    await page.get_by_test_id("login-submit").click()
    await second_step(page, base, email)
    # "Connected" in any console language: the badge's class, not its words.
    await page.locator('[data-testid="live-status"].on').wait_for()
    return page


async def second_step(page: Any, base: str, email: str) -> None:
    """After the password: enrol in two-factor when the role requires it (remembering the
    seed, tests/signin.py), or enter a code when it is on; nothing when the console opens."""
    await page.locator(
        '[data-testid="live-status"], [data-testid="login-code"], [data-testid="enrol-secret"]'
    ).first.wait_for()
    key = (base.rstrip("/"), email)
    if await page.get_by_test_id("enrol-secret").count():
        secret = (await page.get_by_test_id("enrol-secret").inner_text()).strip()
        SECRETS[key] = secret
        await page.get_by_test_id("enrol-code").fill(totp_code(secret))
        await page.get_by_test_id("enrol-submit").click()
        await page.get_by_test_id("codes-continue").click()
    elif await page.get_by_test_id("login-code").count():
        await page.get_by_test_id("login-code").fill(totp_code(SECRETS[key]))
        await page.get_by_test_id("login-code-submit").click()


async def customer(browser: Any, base: str, locale: str = "en-US") -> Any:
    """A new visitor's chat page in a browser set to `locale`."""
    context = await browser.new_context(viewport={"width": 420, "height": 720}, locale=locale)
    page = await context.new_page()
    await page.goto(f"{base}/chat#locale={locale}")
    await chat_ready(page)
    return page


async def chat_ready(page: Any) -> None:
    """Wait for the chat's session, not only its box: the page marks its body once the
    session's answer has come. What the customer sends before then waits on screen and goes
    when it comes (tests/browser/test_mail.py holds the session back to prove it), but a test
    that reads the greeting or the language needs the session. `page` is a page or a frame
    locator."""
    await page.locator('body[data-session="open"]').wait_for(state="attached")


async def say(page: Any, text: str) -> None:
    await page.get_by_test_id("chat-input").fill(text)
    await page.get_by_test_id("chat-send").click()
    await page.get_by_test_id("chat-message").filter(has_text=text).first.wait_for()
