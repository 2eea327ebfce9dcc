"""web/api/tables.py's own parts that no ported table uses yet: reading one row (GET
<path>/{id}), with the table's sentence when there is none. The ported tables' routes are
tested through the API in v1/test_config_tables.py."""

from __future__ import annotations

import httpx
from fastapi import APIRouter

from firstline.agents.permissions import Permission
from firstline.core.db import Database
from firstline.core.settings import Settings
from firstline.routing.actions import RULES
from firstline.routing.schemas import RuleOut
from firstline.web.api.tables import Operation, TableRoutes
from firstline.web.app import add_routes, create_app
from tests.conftest import World


async def test_one_row_is_read_by_id_and_a_missing_one_is_a_sentence(
    db: Database, settings: Settings, world: World
) -> None:
    router = APIRouter(prefix="/rules-test", tags=["test"])
    TableRoutes(
        table=RULES, path="", id_name="rule_id", out=RuleOut, writers=Permission.routing_configure,
        doing="Changing test rules",
    ).add(router, get_op=Operation(operation_id="getTestRule", summary="Get Rule"))  # fmt: skip
    app = create_app(settings, database=db)
    add_routes(app, router, prefix="/api/v1")
    async with db.transaction() as s:
        rule = await RULES.create(
            s, {"name": "VIP", "team_id": world.spot_en}, acting_agent_id=None
        )
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {world.tokens['carol']}"}
    async with httpx.AsyncClient(
        transport=transport, base_url="http://firstline.test", headers=headers
    ) as carol:
        r = await carol.get(f"/api/v1/rules-test/{rule.id}")
        assert r.status_code == 200, r.text
        assert RuleOut.model_validate(r.json()).name == "VIP"
        missing = await carol.get("/api/v1/rules-test/999999")
        assert missing.status_code == 404
        assert missing.json()["detail"] == "No routing rule with id 999999."
        unsigned = await carol.get(f"/api/v1/rules-test/{rule.id}", headers={"Authorization": ""})
        assert unsigned.status_code == 401
    operation = app.openapi()["paths"]["/api/v1/rules-test/{rule_id}"]["get"]
    assert operation["operationId"] == "getTestRule"
    assert operation["parameters"][0]["name"] == "rule_id"
