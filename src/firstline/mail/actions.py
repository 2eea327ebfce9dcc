"""Every write to the mailboxes, each one audited (never with the IMAP password, which is kept
encrypted with the deployment's key)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.models import Team
from firstline.audit.tables import ConfigTable
from firstline.core.errors import Conflict, InvalidInput
from firstline.core.secrets import encrypt_secret
from firstline.mail.models import Mailbox

_IMAP = ("imap_host", "imap_port", "imap_security", "imap_user", "imap_folder", "imap_move_to")


def _imap_fields(imap: dict[str, Any] | None, row: Mailbox | None) -> dict[str, Any]:
    if imap is None:
        return {name: None for name in (*_IMAP, "imap_password")}
    fields = {
        "imap_host": imap["host"],
        "imap_port": imap["port"],
        "imap_security": str(imap["security"]),
        "imap_user": imap["user"],
        "imap_folder": imap["folder"],
        "imap_move_to": imap.get("move_to"),
    }
    password = imap.get("password")
    if password:
        fields["imap_password"] = encrypt_secret(password)
    elif row is None or not row.imap_password:
        raise InvalidInput(
            "imap.password is required the first time an IMAP account is set.",
            message="required",
            args={"field": "imap.password"},
        )
    return fields


async def _check(db: AsyncSession, row: Mailbox | None, fields: dict[str, Any]) -> dict[str, Any]:
    values = dict(fields)
    if "address" in values:
        address = values["address"].lower()
        taken = await db.scalar(select(Mailbox.id).where(Mailbox.address == address))
        if taken is not None and (row is None or taken != row.id):
            raise Conflict(f"A mailbox for {address} exists already.")
        values["address"] = address
    if values.get("team_id") is not None and await db.get(Team, values["team_id"]) is None:
        raise InvalidInput(
            f"team_id {values['team_id']} does not exist; see GET /api/v1/teams.",
            message="team_field_missing",
            args={"field": "team_id", "id": str(values["team_id"])},
        )
    if "imap" in values:
        values |= _imap_fields(values.pop("imap"), row)
    if row is None:
        values.setdefault("signatures", {})
    return values


MAILBOXES = ConfigTable(
    model=Mailbox,
    noun="mailbox",
    entity_type="mailbox",
    required=("address", "signatures", "acknowledge", "active"),
    unaudited=frozenset({"imap_password", "imap_checked_at", "imap_error"}),
    order_by=(Mailbox.id,),
    validate=_check,
)


async def do_create_mailbox(
    db: AsyncSession, fields: dict[str, Any], *, acting_agent_id: int | None
) -> Mailbox:
    return await MAILBOXES.create(db, fields, acting_agent_id=acting_agent_id)


async def do_update_mailbox(
    db: AsyncSession, mailbox: Mailbox, changes: dict[str, Any], *, acting_agent_id: int | None
) -> dict[str, Any]:
    return await MAILBOXES.update(db, mailbox, changes, acting_agent_id=acting_agent_id)


async def do_delete_mailbox(
    db: AsyncSession, mailbox: Mailbox, *, acting_agent_id: int | None
) -> None:
    """Delete the mailbox; its conversations and mails stay (their mailbox_id goes null)."""
    await MAILBOXES.delete(db, mailbox, acting_agent_id=acting_agent_id)
