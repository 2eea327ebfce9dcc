"""A configuration table's routes (list, get, create, update, delete), declared once.

A domain's table (audit/tables.py) goes in with its schemas and who may write it; the routes
come out on the domain's router and all work the same way. A write checks the role first, then
(an update) that something was sent, then what only the web layer can check (`check`), and then,
in one transaction, loads the row (404 with the table's sentence) and calls the table's write,
which validates, audits and announces. Lists and reads are open to every signed-in agent.

What a route shows in the OpenAPI document (operation id, summary, description, the problems
it declares) is given per operation, so a route moved here changes nothing for clients.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from fastapi import APIRouter, Response
from pydantic import BaseModel

from firstline.agents.access import Actor, require_permission
from firstline.agents.permissions import Permission
from firstline.audit.tables import ConfigTable
from firstline.core.db import Base, Database
from firstline.core.errors import InvalidInput
from firstline.web.deps import CurrentActor, DatabaseDep, ReadSession
from firstline.web.responses import FastJSON

M = TypeVar("M", bound=Base)


@dataclass(frozen=True, slots=True, kw_only=True)
class Operation:
    """One route as the OpenAPI document shows it."""

    operation_id: str
    summary: str
    description: str | None = None
    doing: str | None = None  # what a role refusal says was refused; the table's when None
    responses: dict[int | str, dict[str, Any]] | None = None
    response_description: str = "Successful Response"


def as_out(out: type[BaseModel]) -> Callable[[Any], dict[str, Any]]:
    """A row as `out` shows it: each of the schema's fields, read from the row's attribute of
    the same name (FastJSON answers without validating, so the names must match)."""
    names = tuple(out.model_fields)
    return lambda row: {name: getattr(row, name) for name in names}


def sent_fields(data: BaseModel) -> dict[str, Any]:
    """The fields the client sent, nulls included (a PATCH's null unsets a field)."""
    return {name: getattr(data, name) for name in data.model_fields_set}


def _signed(endpoint: Callable[..., Any], **parameters: Any) -> Callable[..., Any]:
    """Give `endpoint` the typed parameters FastAPI reads (the path parameter's name and the
    body's schema differ from table to table)."""
    endpoint.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation)
            for name, annotation in parameters.items()
        ]
    )
    return endpoint


@dataclass(frozen=True, slots=True, kw_only=True)
class TableRoutes(Generic[M]):
    table: ConfigTable[M]
    path: str  # the collection's path under the router's prefix; items are path/{id_name}
    id_name: str  # the path parameter: "rule_id"
    out: type[BaseModel]
    dump: Callable[[M], dict[str, Any]] | None = None  # as_out(out) when None
    writers: Permission
    doing: str  # "Changing routing rules": what a permission refusal says was refused
    create_in: type[BaseModel] | None = None
    update_in: type[BaseModel] | None = None
    changes: Callable[[Any], dict[str, Any]] = sent_fields
    require_changes: bool = True  # an empty update is refused rather than answered
    check: Callable[[dict[str, Any]], object] | None = None  # what only the web layer checks
    _doc: Callable[[M], dict[str, Any]] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_doc", self.dump or as_out(self.out))

    def add(
        self,
        router: APIRouter,
        *,
        list_op: Operation | None = None,
        get_op: Operation | None = None,
        create_op: Operation | None = None,
        update_op: Operation | None = None,
        delete_op: Operation | None = None,
    ) -> None:
        item = f"{self.path}/{{{self.id_name}}}"
        routes = [
            (list_op, self.path, "GET", 200, list[self.out], self._list),  # type: ignore[name-defined]
            (get_op, item, "GET", 200, self.out, self._get),
            (create_op, self.path, "POST", 201, self.out, self._create),
            (update_op, item, "PATCH", 200, self.out, self._update),
            (delete_op, item, "DELETE", 204, None, self._delete),
        ]
        for op, path, method, status, model, endpoint in routes:
            if op is None:
                continue
            router.add_api_route(
                path,
                endpoint(op),
                methods=[method],
                status_code=status,
                response_model=model,
                operation_id=op.operation_id,
                summary=op.summary,
                description=op.description,
                responses=op.responses,
                response_description=op.response_description,
            )

    def _allow(self, actor: Actor, op: Operation) -> None:
        require_permission(actor, self.writers, op.doing or self.doing)

    def _list(self, op: Operation) -> Callable[..., Any]:
        async def endpoint(actor: Actor, session: Any) -> FastJSON:
            return FastJSON([self._doc(row) for row in await self.table.list_rows(session)])

        return _signed(endpoint, actor=CurrentActor, session=ReadSession)

    def _get(self, op: Operation) -> Callable[..., Any]:
        async def endpoint(actor: Actor, session: Any, **path: int) -> FastJSON:
            return FastJSON(self._doc(await self.table.get(session, path[self.id_name])))

        return _signed(endpoint, **{self.id_name: int}, actor=CurrentActor, session=ReadSession)

    def _create(self, op: Operation) -> Callable[..., Any]:
        async def endpoint(data: BaseModel, actor: Actor, db: Database) -> FastJSON:
            self._allow(actor, op)
            fields = data.model_dump()
            if self.check is not None:
                self.check(fields)
            async with db.transaction() as session:
                row = await self.table.create(session, fields, acting_agent_id=actor.agent_id)
                doc = self._doc(row)
            return FastJSON(doc, status_code=201)

        return _signed(endpoint, data=self.create_in, actor=CurrentActor, db=DatabaseDep)

    def _update(self, op: Operation) -> Callable[..., Any]:
        async def endpoint(data: BaseModel, actor: Actor, db: Database, **path: int) -> FastJSON:
            self._allow(actor, op)
            changes = self.changes(data)
            if self.require_changes and not changes:
                raise InvalidInput("Send at least one field to change.", message="send_a_change")
            if self.check is not None:
                self.check(changes)
            async with db.transaction() as session:
                row = await self.table.get(session, path[self.id_name])
                await self.table.update(session, row, changes, acting_agent_id=actor.agent_id)
                doc = self._doc(row)
            return FastJSON(doc)

        return _signed(
            endpoint, **{self.id_name: int}, data=self.update_in, actor=CurrentActor, db=DatabaseDep
        )

    def _delete(self, op: Operation) -> Callable[..., Any]:
        async def endpoint(actor: Actor, db: Database, **path: int) -> Response:
            self._allow(actor, op)
            async with db.transaction() as session:
                row = await self.table.get(session, path[self.id_name])
                await self.table.delete(session, row, acting_agent_id=actor.agent_id)
            return Response(status_code=204)

        return _signed(endpoint, **{self.id_name: int}, actor=CurrentActor, db=DatabaseDep)
