"""/admin: teams, agents and canned responses for admins (sqladmin).

Signing in happens at /console; the admin pages accept a console session whose agent is an
admin and send everyone else there. Passwords are never shown or edited here (set them with
`firstline agent create --password-stdin`); timestamps are kept by the views.
"""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import FastAPI
from sqladmin import Admin, ModelView
from sqladmin.authentication import AuthenticationBackend
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from firstline.agents.models import Agent, CannedResponse, Role, Team
from firstline.core.db import Database
from firstline.core.settings import Settings
from firstline.web.deps import SESSION_COOKIE, signed_in


class ConsoleSessionAuth(AuthenticationBackend):
    def __init__(self, db: Database, secret_key: str) -> None:
        super().__init__(secret_key=secret_key)
        self.db = db

    async def login(self, request: Request) -> Response | bool:
        return RedirectResponse("/console", status_code=303)

    async def logout(self, request: Request) -> Response | bool:
        return RedirectResponse("/console", status_code=303)

    async def authenticate(self, request: Request) -> Response | bool:
        session = await signed_in(self.db, request.cookies.get(SESSION_COOKIE))
        if session is None:
            return RedirectResponse("/console", status_code=303)
        if session.actor.role != Role.admin:
            return Response("The admin pages are for admins.", status_code=403)
        return True


class _Stamped(ModelView):
    async def on_model_change(
        self, data: dict[str, Any], model: Any, is_created: bool, request: Request
    ) -> None:
        from datetime import UTC, datetime

        at = datetime.now(UTC)
        if is_created and hasattr(model, "created_at"):
            model.created_at = at
        if hasattr(model, "updated_at"):
            model.updated_at = at


class TeamAdmin(_Stamped, model=Team):
    name = "Team"
    name_plural = "Teams"
    column_list = (
        Team.id,
        Team.name,
        Team.product,
        Team.line,
        Team.languages,
    )
    form_columns = (
        Team.name,
        Team.product,
        Team.line,
        Team.languages,
    )
    column_searchable_list = (Team.name,)


class AgentAdmin(_Stamped, model=Agent):
    name = "Agent"
    name_plural = "Agents"
    column_list = (
        Agent.id, Agent.name, Agent.email, Agent.role, Agent.presence,
        Agent.max_concurrent, Agent.languages, Agent.is_active,
    )  # fmt: skip
    form_columns = (
        Agent.name, Agent.email, Agent.role, Agent.languages, Agent.presence,
        Agent.max_concurrent, Agent.is_active,
    )  # fmt: skip
    column_searchable_list = (
        Agent.name,
        Agent.email,
    )
    can_delete = False  # deactivate instead: their messages and audit entries stay theirs


class CannedAdmin(_Stamped, model=CannedResponse):
    name = "Canned response"
    name_plural = "Canned responses"
    column_list = (
        CannedResponse.id, CannedResponse.shortcut, CannedResponse.language,
        CannedResponse.title, CannedResponse.team_id,
    )  # fmt: skip
    form_columns = (
        CannedResponse.shortcut, CannedResponse.language, CannedResponse.title,
        CannedResponse.body, CannedResponse.team_id,
    )  # fmt: skip
    column_searchable_list = (
        CannedResponse.shortcut,
        CannedResponse.title,
    )


def mount_admin(app: FastAPI, db: Database, settings: Settings) -> None:
    admin = Admin(
        app,
        session_maker=db._read,
        base_url="/admin",
        title="Firstline admin",
        authentication_backend=ConsoleSessionAuth(
            db, settings.secret_key or secrets.token_urlsafe(32)
        ),
    )
    for view in (TeamAdmin, AgentAdmin, CannedAdmin):
        admin.add_view(view)
