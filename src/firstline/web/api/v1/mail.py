"""/api/v1/mailboxes (mailboxes.manage; to anyone else they answer 404), a conversation's mails
and files (whoever may see the conversation), and the files themselves.

A file is served with the type read from its bytes, as an attachment unless it is an image or
a PDF, under a policy that runs nothing: a page saved as `invoice.pdf` cannot script the
console.
"""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Request, Response, UploadFile
from sqlalchemy import select

from firstline.conversations.access import access_conversation_row_by_id
from firstline.conversations.attachments import (
    attachment_dict,
    do_upload_attachment,
    list_attachments,
)
from firstline.conversations.models import Attachment
from firstline.core.blobs import SAFE_INLINE, blob_store
from firstline.core.errors import InvalidInput, NotFound
from firstline.core.settings import Settings
from firstline.mail.access import access_mailbox_by_id, require_mailbox_admin
from firstline.mail.actions import do_create_mailbox, do_delete_mailbox, do_update_mailbox
from firstline.mail.models import MailMessage
from firstline.mail.outbound import do_retry_mail
from firstline.mail.queries import list_mailboxes, mail_dict, mailbox_dict
from firstline.mail.schemas import (
    AttachmentOut,
    MailboxCreate,
    MailboxOut,
    MailboxUpdate,
    MailDetail,
    MailOut,
)
from firstline.web.deps import CurrentActor, DatabaseDep, ReadSession
from firstline.web.problems import problem_responses
from firstline.web.responses import FastJSON

router = APIRouter(tags=["mail"])

NOT_ADMIN = problem_responses((404, "You do not manage mailboxes: they do not exist for you."))


@router.post(
    "/mailboxes",
    operation_id="createMailbox",
    status_code=201,
    response_model=MailboxOut,
    responses=problem_responses((404, "You do not manage mailboxes."), 409),
)
async def create_mailbox(data: MailboxCreate, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """Add a support address (mail reaches it through the SMTP listener or by IMAP)."""
    require_mailbox_admin(actor)
    async with db.transaction() as session:
        box = await do_create_mailbox(
            session, data.model_dump(mode="json"), acting_agent_id=actor.agent_id
        )
    return FastJSON(mailbox_dict(box), status_code=201)


@router.get(
    "/mailboxes", operation_id="listMailboxes", response_model=list[MailboxOut], responses=NOT_ADMIN
)
async def list_all(actor: CurrentActor, session: ReadSession) -> FastJSON:
    """Every mailbox, oldest first."""
    require_mailbox_admin(actor)
    return FastJSON([mailbox_dict(b) for b in await list_mailboxes(session)])


@router.get("/mailboxes/{mailbox_id}", operation_id="getMailbox", response_model=MailboxOut)
async def get_one(mailbox_id: int, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """One mailbox (never its IMAP password)."""
    async with db.session() as session:
        return FastJSON(mailbox_dict(await access_mailbox_by_id(session, actor, mailbox_id)))


@router.patch(
    "/mailboxes/{mailbox_id}",
    operation_id="updateMailbox",
    response_model=MailboxOut,
    responses=problem_responses(409),
)
async def update_mailbox(
    mailbox_id: int, data: MailboxUpdate, actor: CurrentActor, db: DatabaseDep
) -> FastJSON:
    """Change the fields sent; `imap: null` stops fetching by IMAP."""
    changes = data.model_dump(mode="json", exclude_unset=True)
    if data.imap is not None:  # the account as a whole, its defaults included
        changes["imap"] = data.imap.model_dump(mode="json")
    if not changes:
        raise InvalidInput("Send at least one field to change.", message="send_a_change")
    async with db.transaction() as session:
        box = await access_mailbox_by_id(session, actor, mailbox_id)
        await do_update_mailbox(session, box, changes, acting_agent_id=actor.agent_id)
    return FastJSON(mailbox_dict(box))


@router.delete(
    "/mailboxes/{mailbox_id}",
    operation_id="deleteMailbox",
    status_code=204,
    response_description="Deleted.",
)
async def delete_mailbox(mailbox_id: int, actor: CurrentActor, db: DatabaseDep) -> Response:
    """Delete a mailbox; its conversations and mails stay."""
    async with db.transaction() as session:
        box = await access_mailbox_by_id(session, actor, mailbox_id)
        await do_delete_mailbox(session, box, acting_agent_id=actor.agent_id)
    return Response(status_code=204)


@router.get(
    "/conversations/{conversation_id}/mails",
    operation_id="listConversationMails",
    response_model=list[MailOut],
)
async def list_mails(conversation_id: int, actor: CurrentActor, session: ReadSession) -> FastJSON:
    """The mails that came and went in this conversation, oldest first (at most 500), with
    each reply's sending state."""
    await access_conversation_row_by_id(session, actor, conversation_id)
    rows = await session.scalars(
        select(MailMessage)
        .where(MailMessage.conversation_id == conversation_id)
        .order_by(MailMessage.id)
        .limit(500)
    )
    return FastJSON([mail_dict(m) for m in rows])


async def _mail(session: Any, actor: Any, conversation_id: int, mail_id: int) -> MailMessage:
    await access_conversation_row_by_id(session, actor, conversation_id)
    mail: MailMessage | None = (
        await session.get(MailMessage, mail_id) if 0 < mail_id < 2**31 else None
    )
    if mail is None or mail.conversation_id != conversation_id:
        raise NotFound(f"Conversation {conversation_id} has no mail {mail_id}.")
    return mail


_CID = re.compile(r'src="cid:([^"]+)"', re.IGNORECASE)


@router.get(
    "/conversations/{conversation_id}/mails/{mail_id}",
    operation_id="getConversationMail",
    response_model=MailDetail,
)
async def get_mail(
    conversation_id: int, mail_id: int, actor: CurrentActor, session: ReadSession
) -> FastJSON:
    """One mail with its sanitized HTML; inline images point at the files' URLs."""
    mail = await _mail(session, actor, conversation_id, mail_id)
    body = mail.html
    if body and mail.message_id is not None:
        files = await session.scalars(
            select(Attachment).where(Attachment.message_id == mail.message_id)
        )
        by_cid = {f.content_id: f.id for f in files if f.content_id}

        def swap(match: re.Match[str]) -> str:
            found = by_cid.get(match.group(1))
            return f'src="/api/v1/attachments/{found}"' if found else 'src=""'

        body = _CID.sub(swap, body)
    return FastJSON(mail_dict(mail) | {"html": body})


@router.post(
    "/conversations/{conversation_id}/mails/{mail_id}/retry",
    operation_id="retryConversationMail",
    response_model=MailOut,
    responses=problem_responses((409, "Only a failed or bounced reply is sent again.")),
)
async def retry_mail(
    conversation_id: int, mail_id: int, actor: CurrentActor, db: DatabaseDep
) -> FastJSON:
    """Send a failed reply again, now (same Message-ID)."""
    async with db.transaction() as session:
        await access_conversation_row_by_id(session, actor, conversation_id)
        mail = await _mail(session, actor, conversation_id, mail_id)
        await do_retry_mail(session, mail)
    return FastJSON(mail_dict(mail))


@router.get(
    "/conversations/{conversation_id}/attachments",
    operation_id="listConversationAttachments",
    response_model=list[AttachmentOut],
)
async def list_files(conversation_id: int, actor: CurrentActor, session: ReadSession) -> FastJSON:
    """Every file of the conversation: those sent with messages (`message_id`) and your
    uploads not sent yet."""
    await access_conversation_row_by_id(session, actor, conversation_id)
    files = await list_attachments(session, conversation_id)
    return FastJSON(
        [
            attachment_dict(f)
            for f in files
            if f.message_id is not None or f.uploaded_by_agent_id == actor.agent_id
        ]
    )


@router.post(
    "/conversations/{conversation_id}/attachments",
    operation_id="uploadAttachment",
    status_code=201,
    response_model=AttachmentOut,
    responses=problem_responses(413),
)
async def upload(
    conversation_id: int,
    request: Request,
    actor: CurrentActor,
    db: DatabaseDep,
    file: Annotated[UploadFile, File(description="The file (multipart/form-data).")],
    filename: Annotated[str | None, Form(max_length=255)] = None,
) -> FastJSON:
    """Upload a file to send with your next message (`attachment_ids`)."""
    settings: Settings = request.app.state.settings
    data = await file.read(settings.attachment_max_bytes + 1)
    store = blob_store(settings.attachments_dir, request.app.state.db.url)
    async with db.transaction() as session:
        await access_conversation_row_by_id(session, actor, conversation_id)
        row = await do_upload_attachment(
            session, store, conversation_id=conversation_id, data=data,
            filename=filename or file.filename, limit=settings.attachment_max_bytes,
            agent_id=actor.agent_id,
        )  # fmt: skip
    return FastJSON(attachment_dict(row), status_code=201)


@router.get(
    "/attachments/{attachment_id}",
    operation_id="downloadAttachment",
    response_class=Response,
    responses={
        200: {
            "description": "The file: images and PDF as what they are, anything else as bytes.",
            "content": {
                kind: {"schema": {"type": "string", "format": "binary"}}
                for kind in ("application/octet-stream", *sorted(SAFE_INLINE))
            },
        }
    },
)
async def download(
    attachment_id: int, request: Request, actor: CurrentActor, session: ReadSession
) -> Response:
    """The file's bytes, for whoever may see its conversation."""
    row = await session.get(Attachment, attachment_id) if 0 < attachment_id < 2**31 else None
    if row is None:
        raise NotFound(f"No file with id {attachment_id}.")
    try:
        await access_conversation_row_by_id(session, actor, row.conversation_id)
    except NotFound:
        raise NotFound(f"No file with id {attachment_id}.") from None
    if row.message_id is None and row.uploaded_by_agent_id != actor.agent_id:
        raise NotFound(f"No file with id {attachment_id}.")
    settings: Settings = request.app.state.settings
    store = blob_store(settings.attachments_dir, request.app.state.db.url)
    try:
        data = await store.read(row.sha256)
    except FileNotFoundError:
        raise NotFound(f"The file {attachment_id} is no longer kept.") from None
    inline = row.content_type in SAFE_INLINE
    disposition = "inline" if inline else "attachment"
    return Response(
        data,
        media_type=row.content_type if inline else "application/octet-stream",
        headers={
            "Content-Disposition": f"{disposition}; filename*=UTF-8''{quote(row.filename)}",
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, max-age=3600",
        },
    )
