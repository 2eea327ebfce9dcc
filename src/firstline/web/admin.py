"""/admin: teams, agents and canned responses for admins, and read-only lists of the settings
kept through the API (routing rules, SLA policies, escalation levels, flows, the recovery
matrix and policy).

Signing in happens at /console; the admin pages accept a console session whose agent is an
admin and send everyone else there. The pages are sqladmin's, but no form writes a row itself:
every create and edit is checked by the API's own schemas and written by the same
`do_<verb>_<noun>` action the API calls, so it is validated, audited and announced the same
way, and a refusal is the action's sentence, never a database error. Forms carry the
session's CSRF token, as the console's requests do. Settings are listed here, not edited: they
are changed through the validated API until the settings area exists.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any, ClassVar, TypeVar

from fastapi import FastAPI
from pydantic import ValidationError
from sqladmin import Admin, ModelView
from sqladmin.authentication import AuthenticationBackend
from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from wtforms import (  # type: ignore[import-untyped]  # no stubs published
    BooleanField,
    Form,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (  # type: ignore[import-untyped]
    DataRequired,
    Length,
    NumberRange,
    Optional,
)

from firstline.agents.access import Actor, role_of
from firstline.agents.actions import (
    do_create_agent,
    do_create_team,
    do_delete_canned_response,
    do_save_canned_response,
    do_set_agent_password,
    do_update_agent,
    do_update_team,
)
from firstline.agents.models import (
    Agent,
    CannedResponse,
    Line,
    Presence,
    Role,
    RoutingStrategy,
    Team,
)
from firstline.agents.queries import team_ids_by_agent
from firstline.agents.rules import check_agent_update
from firstline.agents.schemas import AgentCreate, AgentUpdate, TeamCreate, TeamUpdate
from firstline.core.db import Database
from firstline.core.errors import FirstlineError, Forbidden, InvalidInput, NotFound
from firstline.core.language import NATIVE_NAMES, SUPPORTED_LANGUAGES
from firstline.core.outbox import OutboxRow
from firstline.core.settings import Settings
from firstline.escalation.models import EscalationLevel
from firstline.flows.models import FlowDefinition
from firstline.recovery.models import RecoveryAsset, RecoveryPolicy
from firstline.routing.actions import do_react_to_agent_change
from firstline.routing.models import RoutingRule, RoutingSettings
from firstline.sla.models import SlaPolicy
from firstline.web.deps import SESSION_COOKIE, signed_in
from firstline.webhooks.capture import KIND as WEBHOOK_KIND
from firstline.webhooks.models import Webhook

log = logging.getLogger(__name__)
T = TypeVar("T")

# The signed-in admin's CSRF token, set by the authentication check at the start of every admin
# request, so that the forms sqladmin builds carry it.
_CSRF: ContextVar[str] = ContextVar("firstline_admin_csrf", default="")
LANGUAGE_CHOICES = [
    (code, f"{NATIVE_NAMES.get(code, code)} ({code})") for code in SUPPORTED_LANGUAGES
]
NOT_SAVED = "The change could not be saved, and nothing was changed; the server log says why."


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
        request.state.admin_actor = session.actor
        request.state.admin_db = self.db
        request.state.admin_csrf = session.csrf_token
        _CSRF.set(session.csrf_token)
        return True


def _sentence(exc: ValidationError) -> str:
    """The first problem pydantic found, as the API's problem documents say it."""
    first = exc.errors()[0]
    field = ".".join(str(p) for p in first["loc"])
    message = str(first["msg"]).removeprefix("Value error, ")
    return f"{field}: {message}." if field else f"{message}."


async def _write(request: Request, data: dict[str, Any],
                 work: Callable[[AsyncSession, Actor], Awaitable[T]]) -> T:  # fmt: skip
    """Run `work` in one transaction as the signed-in admin. What the admin sees on a refusal
    is a sentence: the action's own, the schema's, or a plain one (and the log has the rest)."""
    sent = str(data.pop("csrf", "") or "")
    if not secrets.compare_digest(sent, str(getattr(request.state, "admin_csrf", ""))):
        raise Forbidden("This form has expired; reload the page and try again.")
    db: Database = request.state.admin_db
    actor: Actor = request.state.admin_actor
    try:
        async with db.transaction() as session:
            return await work(session, actor)
    except FirstlineError:
        raise
    except ValidationError as exc:
        raise InvalidInput(_sentence(exc)) from None
    except Exception:
        log.exception("admin change failed")
        raise InvalidInput(NOT_SAVED) from None


class _AdminForm(Form):  # type: ignore[misc]
    csrf = HiddenField(default=lambda: _CSRF.get())


# Multiple choices: show enough of the list, and say how to pick several.
_MANY: dict[str, Any] = {
    "render_kw": {"size": 8},
    "description": "Ctrl-click (⌘-click on a Mac) to choose several.",
}


def _in_place(form: type[Form], name: str, field: Any) -> Any:
    """`field` (with this request's choices) where the form declared `name`, not last."""
    field.creation_counter = getattr(form, name).creation_counter
    return field


def _listed(_model: Any, attribute: Any) -> str:
    return ", ".join(getattr(_model, str(attribute).split(".")[-1]) or [])


class _Audited(ModelView):
    """Lists from the read replica of sqladmin; writes only through `_write`."""

    can_export = False

    async def _team_choices(self) -> list[tuple[str, str]]:
        async with self.session_maker() as s:
            teams = (await s.execute(select(Team.id, Team.name).order_by(Team.name))).all()
        return [(str(i), name) for i, name in teams]


# -- teams -----------------------------------------------------------------------------------


class TeamForm(_AdminForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=120)])
    product = StringField(
        "Product", validators=[Optional()], description="e.g. spot, futures, p2p; empty: any"
    )
    languages = SelectMultipleField("Languages", choices=LANGUAGE_CHOICES, **_MANY)
    line = SelectField("Line", choices=[(v.value, v.value) for v in Line])
    strategy = SelectField("Strategy", choices=[(v.value, v.value) for v in RoutingStrategy])
    relax_after_seconds = IntegerField(
        "Relax after (seconds)", default=120, validators=[NumberRange(5, 7 * 86400)]
    )
    overflow_team_id = SelectField("Overflow team", choices=[], validate_choice=False)


class TeamAdmin(_Audited, model=Team):
    name = "Team"
    name_plural = "Teams"
    column_list = (Team.id, Team.name, Team.product, Team.line, Team.languages, Team.strategy)
    column_searchable_list = (Team.name,)
    column_formatters: ClassVar[dict[Any, Any]] = {Team.languages: _listed}
    can_delete = False  # conversations, rules and memberships point at teams

    async def scaffold_form(self, rules: list[str] | None = None) -> type[Form]:
        choices = [("", "—"), *await self._team_choices()]

        class Bound(TeamForm):
            overflow_team_id = _in_place(
                TeamForm, "overflow_team_id", SelectField("Overflow team", choices=choices)
            )

        return Bound

    async def get_form_data_for_edit(self, obj: Any) -> dict[str, Any]:
        return {
            "name": obj.name, "product": obj.product or "", "languages": obj.languages,
            "line": obj.line, "strategy": obj.strategy,
            "relax_after_seconds": obj.relax_after_seconds,
            "overflow_team_id": str(obj.overflow_team_id or ""),
        }  # fmt: skip

    @staticmethod
    def _fields(data: dict[str, Any]) -> dict[str, Any]:
        overflow = data.get("overflow_team_id")
        return {
            "name": data.get("name"), "product": data.get("product") or None,
            "languages": data.get("languages") or [],
            "strategy": data.get("strategy"),
            "relax_after_seconds": data.get("relax_after_seconds"),
            "overflow_team_id": int(overflow) if overflow else None,
        }  # fmt: skip

    async def insert_model(self, request: Request, data: dict[str, Any]) -> Any:
        async def work(s: AsyncSession, actor: Actor) -> Team:
            checked = TeamCreate.model_validate({**self._fields(data), "line": data.get("line")})
            return await do_create_team(
                s, name=checked.name, product=checked.product, languages=checked.languages,
                line=checked.line.value, strategy=checked.strategy.value,
                relax_after_seconds=checked.relax_after_seconds,
                overflow_team_id=checked.overflow_team_id, acting_agent_id=actor.agent_id,
            )  # fmt: skip

        return await _write(request, data, work)

    async def update_model(self, request: Request, pk: str, data: dict[str, Any]) -> Any:
        async def work(s: AsyncSession, actor: Actor) -> Team:
            team = await s.get(Team, int(pk))
            if team is None:
                raise NotFound(f"No team with id {pk}.")
            checked = TeamUpdate.model_validate(self._fields(data))
            changes = checked.model_dump(exclude_unset=True)
            if "strategy" in changes:
                changes["strategy"] = checked.strategy.value if checked.strategy else None
            await do_update_team(s, team, changes, acting_agent_id=actor.agent_id)
            return team

        return await _write(request, data, work)


# -- agents ----------------------------------------------------------------------------------


class AgentForm(_AdminForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=200)])
    email = StringField("Email", validators=[DataRequired(), Length(max=254)])
    role = SelectField("Role", choices=[(r.value, r.value) for r in Role])
    languages = SelectMultipleField("Languages", choices=LANGUAGE_CHOICES, **_MANY)
    team_ids = SelectMultipleField("Teams", choices=[], validate_choice=False)
    presence = SelectField(
        "Presence", choices=[(p.value, p.value) for p in Presence], default=Presence.offline.value
    )
    max_concurrent = IntegerField(
        "Capacity (open conversations)", default=5, validators=[NumberRange(0, 100)]
    )
    is_active = BooleanField("Active", default=True)
    password = PasswordField(
        "New password",
        validators=[Optional(), Length(min=10, max=200)],
        description="At least 10 characters; leave empty to keep the current one.",
    )


class AgentAdmin(_Audited, model=Agent):
    name = "Agent"
    name_plural = "Agents"
    column_list = (
        Agent.id, Agent.name, Agent.email, Agent.role, Agent.presence,
        Agent.max_concurrent, Agent.languages, Agent.is_active,
    )  # fmt: skip
    column_searchable_list = (Agent.name, Agent.email)
    column_labels: ClassVar[dict[Any, str]] = {
        Agent.max_concurrent: "capacity",
        Agent.is_active: "active",
    }
    column_formatters: ClassVar[dict[Any, Any]] = {Agent.languages: _listed}
    column_details_exclude_list = (Agent.password_hash,)
    can_delete = False  # deactivate instead: their messages and audit entries stay theirs

    async def scaffold_form(self, rules: list[str] | None = None) -> type[Form]:
        choices = await self._team_choices()

        class Bound(AgentForm):
            team_ids = _in_place(
                AgentForm, "team_ids", SelectMultipleField("Teams", choices=choices, **_MANY)
            )

        return Bound

    async def get_form_data_for_edit(self, obj: Any) -> dict[str, Any]:
        async with self.session_maker() as s:
            teams = (await team_ids_by_agent(s, [obj.id])).get(obj.id, [])
        return {
            "name": obj.name, "email": obj.email, "role": role_of(obj.role).value,
            "languages": obj.languages, "team_ids": [str(t) for t in teams],
            "presence": obj.presence, "max_concurrent": obj.max_concurrent,
            "is_active": obj.is_active,
        }  # fmt: skip

    async def insert_model(self, request: Request, data: dict[str, Any]) -> Any:
        async def work(s: AsyncSession, actor: Actor) -> Agent:
            checked = AgentCreate.model_validate(
                {
                    "email": data.get("email"), "name": data.get("name"), "role": data.get("role"),
                    "languages": data.get("languages") or [],
                    "team_ids": [int(t) for t in data.get("team_ids") or []],
                    "max_concurrent": data.get("max_concurrent"),
                    "password": data.get("password") or None,
                }
            )  # fmt: skip
            agent = await do_create_agent(
                s, email=checked.email, name=checked.name, role=checked.role,
                languages=checked.languages, team_ids=checked.team_ids,
                max_concurrent=checked.max_concurrent, password=checked.password,
                acting_agent_id=actor.agent_id,
            )  # fmt: skip
            rest = {k: data.get(k) for k in ("presence", "is_active")}
            if rest != {"presence": agent.presence, "is_active": agent.is_active}:
                await self._update(s, actor, agent, rest)
            return agent

        return await _write(request, data, work)

    async def update_model(self, request: Request, pk: str, data: dict[str, Any]) -> Any:
        async def work(s: AsyncSession, actor: Actor) -> Agent:
            agent = await s.get(Agent, int(pk))
            if agent is None:
                raise NotFound(f"No agent with id {pk}.")
            if (data.get("email") or "").strip().lower() != agent.email:
                raise InvalidInput(
                    "An agent's email is their sign-in and cannot change; create a new agent."
                )
            fields = {k: data.get(k) for k in ("name", "role", "languages", "presence",
                                               "max_concurrent", "is_active")}  # fmt: skip
            fields["team_ids"] = [int(t) for t in data.get("team_ids") or []]
            await self._update(s, actor, agent, fields)
            if data.get("password"):
                await do_set_agent_password(
                    s, agent, str(data["password"]), acting_agent_id=actor.agent_id
                )
            return agent

        return await _write(request, data, work)

    @staticmethod
    async def _update(s: AsyncSession, actor: Actor, agent: Agent, fields: dict[str, Any]) -> None:
        """The API's PATCH: the schema checks the values, the policy who may change what."""
        checked = AgentUpdate.model_validate(fields)
        changes = checked.model_dump(exclude_unset=True)
        current = {"team_ids": (await team_ids_by_agent(s, [agent.id])).get(agent.id, [])}
        changes = {
            k: v for k, v in changes.items()
            if (current[k] if k in current else getattr(agent, k)) != v
        }  # fmt: skip
        if not changes:
            return
        check_agent_update(actor, agent.id, role_of(agent.role), changes)
        applied = await do_update_agent(s, agent, changes, acting_agent_id=actor.agent_id)
        await do_react_to_agent_change(s, agent.id, applied, acting_agent_id=actor.agent_id)


# -- canned responses ------------------------------------------------------------------------


class CannedForm(_AdminForm):
    shortcut = StringField("Shortcut", validators=[DataRequired(), Length(max=40)])
    language = SelectField("Language", choices=LANGUAGE_CHOICES)
    title = StringField("Title", validators=[DataRequired(), Length(max=120)])
    body = TextAreaField(
        "Text",
        validators=[DataRequired(), Length(max=5000)],
        description="Placeholders: {customer.name}, {agent.name}, {conversation.id}",
    )
    team_id = SelectField("Team", choices=[], validate_choice=False)


class CannedAdmin(_Audited, model=CannedResponse):
    name = "Canned response"
    name_plural = "Canned responses"
    column_list = (
        CannedResponse.id, CannedResponse.shortcut, CannedResponse.language,
        CannedResponse.title, CannedResponse.team_id,
    )  # fmt: skip
    column_searchable_list = (CannedResponse.shortcut, CannedResponse.title)

    async def scaffold_form(self, rules: list[str] | None = None) -> type[Form]:
        choices = [("", "Every team"), *await self._team_choices()]

        class Bound(CannedForm):
            team_id = _in_place(CannedForm, "team_id", SelectField("Team", choices=choices))

        return Bound

    async def get_form_data_for_edit(self, obj: Any) -> dict[str, Any]:
        return {
            "shortcut": obj.shortcut, "language": obj.language, "title": obj.title,
            "body": obj.body, "team_id": str(obj.team_id or ""),
        }  # fmt: skip

    async def _save(self, request: Request, pk: str | None, data: dict[str, Any]) -> Any:
        async def work(s: AsyncSession, actor: Actor) -> CannedResponse:
            canned = None
            if pk is not None:
                canned = await s.get(CannedResponse, int(pk))
                if canned is None:
                    raise NotFound(f"No canned response with id {pk}.")
            team = data.get("team_id")
            return await do_save_canned_response(
                s, canned, shortcut=str(data.get("shortcut") or ""),
                language=str(data.get("language") or ""), title=str(data.get("title") or ""),
                body=str(data.get("body") or ""), team_id=int(team) if team else None,
                acting_agent_id=actor.agent_id,
            )  # fmt: skip

        return await _write(request, data, work)

    async def insert_model(self, request: Request, data: dict[str, Any]) -> Any:
        return await self._save(request, None, data)

    async def update_model(self, request: Request, pk: str, data: dict[str, Any]) -> Any:
        return await self._save(request, pk, data)

    async def delete_model(self, request: Request, pk: Any) -> None:
        async def work(s: AsyncSession, actor: Actor) -> None:
            canned = await s.get(CannedResponse, int(pk))
            if canned is not None:
                await do_delete_canned_response(s, canned, acting_agent_id=actor.agent_id)

        # sqladmin deletes with a same-origin DELETE request (a cross-site form cannot send
        # one, and the session cookie is SameSite=Strict), so the token is the session's own.
        await _write(request, {"csrf": request.state.admin_csrf}, work)


# -- settings, read-only -----------------------------------------------------------------------


class _ReadOnly(ModelView):
    can_create = False
    can_edit = False
    can_delete = False
    can_export = False
    category = "Settings (read-only)"  # changed through the API until the settings area exists


class RoutingRuleAdmin(_ReadOnly, model=RoutingRule):
    name = "Routing rule"
    name_plural = "Routing rules"
    column_list = "__all__"
    column_default_sort = (RoutingRule.position, False)


class RoutingSettingsAdmin(_ReadOnly, model=RoutingSettings):
    name = "Routing defaults"
    name_plural = "Routing defaults"
    column_list = "__all__"


class SlaPolicyAdmin(_ReadOnly, model=SlaPolicy):
    name = "SLA policy"
    name_plural = "SLA policies"
    column_list = "__all__"


class EscalationLevelAdmin(_ReadOnly, model=EscalationLevel):
    name = "Escalation level"
    name_plural = "Escalation levels"
    column_list = "__all__"


class FlowAdmin(_ReadOnly, model=FlowDefinition):
    name = "Flow"
    name_plural = "Flows"
    column_list = (
        FlowDefinition.id, FlowDefinition.flow_id, FlowDefinition.version,
        FlowDefinition.updated_at, FlowDefinition.updated_by_agent_id,
    )  # fmt: skip


class RecoveryMatrixAdmin(_ReadOnly, model=RecoveryAsset):
    name = "Recovery matrix row"
    name_plural = "Recovery matrix"
    column_list = (
        RecoveryAsset.network, RecoveryAsset.token, RecoveryAsset.contract,
        RecoveryAsset.listed, RecoveryAsset.path, RecoveryAsset.min_deposit,
        RecoveryAsset.price, RecoveryAsset.may_be_listed,
    )  # fmt: skip
    column_searchable_list = (RecoveryAsset.network, RecoveryAsset.token)
    column_default_sort = (RecoveryAsset.network, False)
    page_size = 50


class RecoveryPolicyAdmin(_ReadOnly, model=RecoveryPolicy):
    name = "Recovery fee policy"
    name_plural = "Recovery fee policy"
    column_list = "__all__"


class WebhookAdmin(_ReadOnly, model=Webhook):
    name = "Webhook"
    name_plural = "Webhooks"
    # Never the secret: it is shown once, by the API that creates or rotates it.
    column_list = (
        Webhook.id, Webhook.url, Webhook.events, Webhook.active, Webhook.created_at,
        Webhook.updated_at,
    )  # fmt: skip
    column_details_list = column_list
    column_formatters: ClassVar[dict[Any, Any]] = {Webhook.events: _listed}


class WebhookDeliveryAdmin(_ReadOnly, model=OutboxRow):
    """The webhooks' delivery log: the outbox rows of kind "webhook", newest first."""

    name = "Webhook delivery"
    name_plural = "Webhook deliveries"
    column_list = (
        OutboxRow.id, OutboxRow.target, OutboxRow.state, OutboxRow.attempts,
        OutboxRow.last_status, OutboxRow.last_error, OutboxRow.created_at,
        OutboxRow.last_attempt_at, OutboxRow.due_at,
    )  # fmt: skip
    column_labels: ClassVar[dict[Any, str]] = {
        OutboxRow.target: "Webhook",
        OutboxRow.last_status: "Status code",
        OutboxRow.last_error: "Error",
        OutboxRow.due_at: "Next try (pending only)",
    }
    column_searchable_list = (OutboxRow.target,)
    column_default_sort = (OutboxRow.id, True)
    page_size = 50

    def list_query(self, request: Request) -> Select[Any]:
        return select(OutboxRow).where(OutboxRow.kind == WEBHOOK_KIND)

    def count_query(self, request: Request) -> Select[Any]:
        return select(func.count(OutboxRow.id)).where(OutboxRow.kind == WEBHOOK_KIND)

    def details_query(self, request: Request) -> Select[Any]:
        return select(OutboxRow).where(OutboxRow.kind == WEBHOOK_KIND)


VIEWS: tuple[type[ModelView], ...] = (
    TeamAdmin, AgentAdmin, CannedAdmin, RoutingRuleAdmin, RoutingSettingsAdmin, SlaPolicyAdmin,
    EscalationLevelAdmin, FlowAdmin, RecoveryMatrixAdmin, RecoveryPolicyAdmin, WebhookAdmin,
    WebhookDeliveryAdmin,
)  # fmt: skip


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
    for view in VIEWS:
        admin.add_view(view)
