"""Operations endpoints and the API documentation."""

from __future__ import annotations

import httpx


async def test_healthz(api: httpx.AsyncClient) -> None:
    r = await api.get("/healthz")
    assert r.status_code == 200
    assert r.json()["status"] == "ok"


async def test_openapi_documents_the_api(api: httpx.AsyncClient) -> None:
    spec = (await api.get("/openapi.json")).json()
    paths = spec["paths"]
    for path, method in [
        ("/api/v1/conversations", "post"),
        ("/api/v1/conversations", "get"),
        ("/api/v1/conversations/{conversation_id}", "get"),
        ("/api/v1/conversations/{conversation_id}", "patch"),
        ("/api/v1/conversations/{conversation_id}/messages", "post"),
        ("/api/v1/customers/{external_id}", "get"),
        ("/api/v1/teams", "post"),
        ("/api/v1/agents/{agent_id}", "patch"),
    ]:
        assert method in paths[path], (path, method)
    create = paths["/api/v1/conversations"]["post"]
    assert any(p["name"] == "Idempotency-Key" for p in create["parameters"])
    assert "ConversationOut" in str(create["responses"]["201"])
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"


async def test_docs_page_is_served_without_a_cdn(api: httpx.AsyncClient) -> None:
    page = await api.get("/docs")
    assert page.status_code == 200
    assert "/static/swagger-ui/swagger-ui-bundle.js" in page.text
    assert "cdn" not in page.text.lower()
    js = await api.get("/static/swagger-ui/swagger-ui-bundle.js")
    assert js.status_code == 200
    assert len(js.content) > 100_000
