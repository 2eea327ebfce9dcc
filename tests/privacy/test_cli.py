"""`firstline customer export` and `firstline customer erase`, run as a person runs them."""

from __future__ import annotations

import httpx
import orjson

from tests.privacy.conftest import Lan
from tests.test_cli import firstline, one_line_error


async def test_export_then_erase_from_the_command_line(
    lan: Lan, as_alice: httpx.AsyncClient, database_url: str
) -> None:
    exported = firstline("customer", "export", "--external-id", lan.external_id, url=database_url)
    assert exported.returncode == 0, exported.stderr
    doc = orjson.loads(exported.stdout)
    assert doc["customer"]["email"] == "lan@example.com"
    assert len(doc["conversations"]) == 1

    assert "no customer" in one_line_error(
        firstline("customer", "export", "--external-id", "ghost", url=database_url)
    )
    assert "exactly one" in one_line_error(firstline("customer", "export", url=database_url))
    wrong = firstline(
        "customer", "erase", "--id", str(lan.id), "--confirm", "someone", url=database_url
    )
    assert "--confirm" in one_line_error(wrong)

    erased = firstline(
        "customer", "erase", "--external-id", lan.external_id, "--confirm", lan.external_id,
        url=database_url,
    )  # fmt: skip
    assert erased.returncode == 0, erased.stderr
    assert f"erased customer {lan.id}: 1 conversation(s), 1 message(s)" in erased.stdout
    again = firstline("customer", "erase", "--id", str(lan.id), "--confirm", str(lan.id),
                      url=database_url)  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert "already erased" in again.stdout

    r = await as_alice.get(f"/api/v1/customers/erased:{lan.id}")
    assert r.status_code == 200
    assert r.json()["email"] is None
    # The audit log's chain still verifies after the redaction.
    verified = firstline("audit", "verify", url=database_url)
    assert verified.returncode == 0, verified.stderr
