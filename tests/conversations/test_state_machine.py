"""The conversation state machine: every status change allowed or refused, listed here in full
and tried through the public functions and the HTTP API; the check that no module but
conversations/state/ writes a conversation's status, assignee, team or priority; and the
bot's resolve and the chat's reopen leaving an audit entry and an event like any other."""

from __future__ import annotations

import ast
import re
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from firstline.agents.access import authenticate_token
from firstline.audit.queries import list_audit_entries
from firstline.conversations.access import access_conversation_by_id, access_conversation_for_reply
from firstline.conversations.actions import do_open_conversation, do_post_message
from firstline.conversations.events import ConversationReopened, ConversationResolved
from firstline.conversations.models import AuthorKind, Status
from firstline.conversations.schemas import ConversationCreate
from firstline.conversations.state import (
    ALLOWED,
    OWNED_COLUMNS,
    do_resolve_by_bot,
    do_return_to_bot,
    may_change_status,
    update_sql,
)
from firstline.core.db import Database
from firstline.core.errors import Conflict
from firstline.core.events import Event
from firstline.core.settings import Settings
from tests.conftest import World
from tests.helpers import new_conversation

STATUSES = ("bot", "open", "pending", "on_hold", "resolved", "closed")

# Every (from, to) pair, as an agent may set it (PATCH status) and as the conversation's own
# course may take it (the bot, the customer's message). Y: allowed, n: refused.
#                 to: bot  open pend hold res  closed
AGENT = {
    "bot":      ("Y", "n", "n", "n", "Y", "Y"),
    "open":     ("n", "Y", "Y", "Y", "Y", "Y"),
    "pending":  ("n", "Y", "Y", "Y", "Y", "Y"),
    "on_hold":  ("n", "Y", "Y", "Y", "Y", "Y"),
    "resolved": ("n", "Y", "n", "n", "Y", "Y"),
    "closed":   ("n", "n", "n", "n", "n", "Y"),
}  # fmt: skip
COURSE = {
    "bot":      ("Y", "Y", "n", "n", "Y", "Y"),
    "open":     ("n", "Y", "Y", "Y", "Y", "Y"),
    "pending":  ("n", "Y", "Y", "Y", "Y", "Y"),
    "on_hold":  ("n", "Y", "Y", "Y", "Y", "Y"),
    "resolved": ("Y", "Y", "n", "n", "Y", "Y"),
    "closed":   ("n", "n", "n", "n", "n", "Y"),
}  # fmt: skip


def _pairs(table: Mapping[str, tuple[str, ...]]) -> list[tuple[str, str, bool]]:
    return [
        (current, to, table[current][i] == "Y")
        for current in STATUSES
        for i, to in enumerate(STATUSES)
    ]


def test_the_table_is_the_one_listed_here() -> None:
    assert set(ALLOWED) == set(STATUSES) == {s.value for s in Status}
    for current, to, allowed in _pairs(AGENT):
        assert may_change_status(current, to, by_agent=True) is allowed, (current, to)
    for current, to, allowed in _pairs(COURSE):
        assert may_change_status(current, to) is allowed, (current, to)


async def _conversation_in(db: Database, world: World, status: str) -> int:
    """A conversation of Spot EN, put straight into `status` (a test's set-up, not a change)."""
    data = ConversationCreate.model_validate(
        new_conversation(f"sm-{uuid.uuid4().hex[:8]}", team_id=world.spot_en)
    )
    async with db.transaction() as s:
        opened = await do_open_conversation(s, data, acting_agent_id=None)
        await s.execute(
            text("UPDATE conversations SET status = :s WHERE id = :id"),
            {"s": status, "id": opened.conversation.id},
        )
    return opened.conversation.id


async def _status(db: Database, conversation_id: int) -> str:
    async with db.session() as s:
        found = await s.scalar(
            text("SELECT status FROM conversations WHERE id = :id"), {"id": conversation_id}
        )
    return str(found)


async def test_patch_status_allows_and_refuses_each_pair(
    as_bob: httpx.AsyncClient, db: Database, world: World
) -> None:
    for current, to, allowed in _pairs(AGENT):
        if current == to:
            continue
        cid = await _conversation_in(db, world, current)
        r = await as_bob.patch(f"/api/v1/conversations/{cid}", json={"status": to})
        if allowed:
            assert r.status_code == 200, (current, to, r.text)
            assert r.json()["status"] == to
        else:
            assert r.status_code == 409, (current, to, r.text)
            problem = r.json()
            assert problem["status"] == 409 and problem["detail"].endswith("."), problem
            assert await _status(db, cid) == current  # nothing was written


async def test_the_courses_own_changes_are_checked_too(db: Database, world: World) -> None:
    """The bot's resolve, the customer's return to the bot and reopening by a message refuse
    a conversation in any other status than the one they start from."""
    async with db.session() as s:
        actor = await authenticate_token(s, world.tokens["bob"])
    for current in STATUSES:
        for change, start, after in (
            (do_resolve_by_bot, "bot", "resolved"),
            (do_return_to_bot, "resolved", "bot"),
        ):
            cid = await _conversation_in(db, world, current)
            async with db.transaction() as s:
                state = await access_conversation_for_reply(s, actor, cid)
                if current == start:
                    await change(s, state)
                else:
                    with pytest.raises(Conflict):
                        await change(s, state)
            assert await _status(db, cid) == (after if current == start else current)
        # A customer's message reopens what waits on them or was settled; closed refuses it.
        cid = await _conversation_in(db, world, current)
        try:
            async with db.transaction() as s:
                conv = await access_conversation_by_id(s, actor, cid, for_update=True)
                await do_post_message(s, conv, body="Still there?", author_kind=AuthorKind.customer)
        except Conflict:
            assert current == "closed"
        else:
            reopens = current in ("pending", "on_hold", "resolved")
            assert await _status(db, cid) == ("open" if reopens else current)


# -- nobody but the owner writes the columns -------------------------------------------------

SRC = Path(__file__).resolve().parents[2] / "src" / "firstline"
OWNER = SRC / "conversations" / "state"
_UPDATE = re.compile(r"UPDATE\s+conversations\s+SET\s+(.*?)(?:\s+WHERE\s|$)", re.I | re.S)
_ASSIGNS = re.compile(r"\b(status|assignee_id|team_id|priority)\s*=", re.I)
# Objects that have a status, assignee or team of their own and are not conversations.
NOT_CONVERSATIONS = {
    ("flows/backoffice.py", "self"),  # a backoffice lookup's status
    ("demo/backoffice.py", "self"),
    ("knowledge/actions.py", "article"),  # an article's draft/published status
    ("routing/placement.py", "placement"),  # where intake will put a new conversation
    ("bot/handover.py", "placed"),
    ("recovery/actions.py", "policy"),  # the recovery matrix's default team
    ("learning/certificates.py", "cert"),  # a certificate's valid/due/lapsed/revoked
    ("learning/recheck.py", "cert"),
    ("learning/exams.py", "attempt"),  # an exam attempt's open/submitted/graded
}


def _strings(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.append((node.lineno, node.value))
        elif isinstance(node, ast.JoinedStr):
            parts = [v.value for v in node.values if isinstance(v, ast.Constant)]
            found.append((node.lineno, "{}".join(str(p) for p in parts)))
    return found


def _targets(node: ast.AST) -> list[ast.expr]:
    if isinstance(node, ast.Assign):
        out: list[ast.expr] = []
        for t in node.targets:
            out.extend(t.elts if isinstance(t, ast.Tuple) else [t])
        return out
    if isinstance(node, ast.AugAssign | ast.AnnAssign):
        return [node.target]
    return []


def writes_of_owned_columns(path: Path, module: str | None = None) -> list[str]:
    """Where `path` writes a conversation's status, assignee, team or priority: in SQL text
    (`UPDATE conversations SET ... status = ...`), by attribute (`x.status = ...`), by
    `setattr(x, "status", ...)` or through SQLAlchemy's `update(Conversation)`."""
    tree = ast.parse(path.read_text(), str(path))
    module = module or path.relative_to(SRC).as_posix()
    found = []
    for line, value in _strings(tree):
        for match in _UPDATE.finditer(value):
            columns = _ASSIGNS.findall(match.group(1))
            if columns:
                found.append(f"{module}:{line}: SQL sets {', '.join(columns)}")
    for node in ast.walk(tree):
        for target in _targets(node):
            if isinstance(target, ast.Attribute) and target.attr in OWNED_COLUMNS:
                owner = ast.unparse(target.value)
                if (module, owner) not in NOT_CONVERSATIONS:
                    found.append(f"{module}:{target.lineno}: assigns {owner}.{target.attr}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            args = node.args
            if (
                node.func.id == "setattr"
                and len(args) >= 2
                and isinstance(args[1], ast.Constant)
                and args[1].value in OWNED_COLUMNS
            ):
                found.append(f"{module}:{node.lineno}: setattr {args[1].value}")
            if node.func.id == "update" and args and ast.unparse(args[0]) == "Conversation":
                found.append(f"{module}:{node.lineno}: update(Conversation)")
    return found


def test_only_the_state_module_writes_the_state_columns() -> None:
    offenders = [
        where
        for path in sorted(SRC.rglob("*.py"))
        if not path.is_relative_to(OWNER) and "migrations" not in path.parts
        for where in writes_of_owned_columns(path)
    ]
    assert offenders == [], "write these through conversations/state/:\n" + "\n".join(offenders)


def test_the_check_catches_each_kind_of_write(tmp_path: Path) -> None:
    """The check above can fail: each way of writing a state column is reported."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "SQL = 'UPDATE conversations SET updated_at = $2, status = $3 WHERE id = $1'\n"
        "def f(conversation, state):\n"
        "    conversation.assignee_id = 3\n"
        "    state.team_id, state.priority = 1, 'high'\n"
        "    setattr(conversation, 'status', 'open')\n"
        "    update(Conversation)\n"
        "OK = 'UPDATE conversations SET sla_next_due_at = $2 WHERE id = $1 AND status = 1'\n"
    )
    found = writes_of_owned_columns(sample, "sample.py")
    assert [f.split(": ", 1)[1] for f in found] == [
        "SQL sets status",
        "assigns conversation.assignee_id",
        "assigns state.team_id",
        "assigns state.priority",
        "setattr status",
        "update(Conversation)",
    ]


def test_the_shared_statement_builder_refuses_the_owned_columns() -> None:
    assert update_sql(("relax_at", "updated_at")).postgresql == (
        "UPDATE conversations SET relax_at = $2, updated_at = $3 WHERE id = $1"
    )
    for column in OWNED_COLUMNS:
        with pytest.raises(ValueError, match="conversations/state/"):
            update_sql(("updated_at", column))


# -- the bot's resolve and the chat's reopen are audited and announced -------------------------

API_KEYS = (
    "# Create an API key\n\n"
    "Open Account, then API Management, and choose Create API key. A new key can trade but "
    "never withdraw unless you allow it, and you can hold up to 30 keys."
)


@pytest.fixture
def settings() -> Settings:
    return Settings(max_body_bytes=64 * 1024, dashboard_cache_seconds=0, bot=True)


async def _say(api: httpx.AsyncClient, token: str, body: str) -> dict[str, Any]:
    r = await api.post(
        "/chat/api/messages",
        json={"body": body, "client_id": uuid.uuid4().hex},
        headers={"X-Chat-Token": token},
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


async def test_the_bots_resolve_and_the_chats_reopen_are_audited_with_events(
    api: httpx.AsyncClient,
    as_alice: httpx.AsyncClient,
    as_bob: httpx.AsyncClient,
    db: Database,
    world: World,
    events: list[Event],
) -> None:
    r = await as_alice.put(
        "/api/v1/kb/articles/api-keys/en",
        json={"body": API_KEYS, "status": "published", "category": "Security"},
    )
    assert r.status_code in (200, 201), r.text
    session = await api.post("/chat/api/session", json={"locale": "en-US"})
    token = str(session.json()["token"])
    asked = await _say(api, token, "How do I create an API key for my trading bot?")
    cid = asked["replies"][0]["conversation_id"]
    events.clear()
    await _say(api, token, "Yes")  # it helped: the bot settles the conversation
    assert (await as_bob.get(f"/api/v1/conversations/{cid}")).json()["status"] == "resolved"
    resolved = [e for e in events if isinstance(e, ConversationResolved)]
    assert [(e.conversation_id, e.from_status, e.by) for e in resolved] == [(cid, "bot", "bot")]
    async with db.session() as s:
        trail = await list_audit_entries(s, "conversation", cid)
    entry = next(e for e in trail if e.action == "conversation.resolved")
    assert (entry.actor_kind, entry.data["from_status"]) == ("bot", "bot")

    # Once a person has it, the customer's next message reopens it for people, not the bot.
    r = await as_bob.patch(f"/api/v1/conversations/{cid}", json={"assignee_id": world.carol})
    assert r.status_code == 200, r.text
    events.clear()
    await _say(api, token, "It stopped working again")
    assert (await as_bob.get(f"/api/v1/conversations/{cid}")).json()["status"] == "open"
    reopened = [e for e in events if isinstance(e, ConversationReopened)]
    assert [(e.from_status, e.to_status, e.by) for e in reopened] == [
        ("resolved", "open", "customer")
    ]
    async with db.session() as s:
        trail = await list_audit_entries(s, "conversation", cid)
    reopenings = [(e.actor_kind, e.data) for e in trail if e.action == "conversation.reopened"]
    assert reopenings == [("customer", {"status": "open"})]
