"""The `firstline` command: migrate, serve, demo, and the admin chores (agents, teams, tokens).

Every failure a person can cause (a wrong database URL, an unmigrated database, a duplicate
email, a short password) ends with one line on stderr and a non-zero exit, never a traceback.

Each command imports what it needs inside its function: the web app, SQLAlchemy, the models
and the numeric libraries take over a second to import, which `firstline --help` (and a typo
in a command name) should not pay. tests/test_cli_imports.py holds the line.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import os
import secrets
import sys
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from firstline.core.errors import FirstlineError

if TYPE_CHECKING:
    from firstline.core.db import Database
    from firstline.core.settings import Settings
    from firstline.realtime.relay import Realtime

T = TypeVar("T")

EXIT_FAILURE = 1


class CLIError(click.ClickException):
    exit_code = EXIT_FAILURE

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.message}", err=True)


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "<unparseable URL>"


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    first = text[0] if text else ""
    if "(sqlite3.OperationalError)" in first or ("(" in first and ")" in first):
        first = first.split(")", 1)[-1].strip() or first
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


def _quiet_late_sqlite_threads(args: threading.ExceptHookArgs) -> None:
    """aiosqlite stops a connection that failed to open from its worker thread; when the command
    has already ended, that thread finds the event loop closed and would print a traceback under
    our one-line error. Only that case is silenced."""
    thread_name = args.thread.name if args.thread is not None else ""
    if args.exc_type is RuntimeError and "_connection_worker_thread" in thread_name:
        return
    threading.__excepthook__(args)


def run(coro_fn: Callable[[], Awaitable[T]], url: str | None = None) -> T:
    """Run an async command, turning every foreseeable failure into a one-line error."""
    from firstline.core.db import DatabaseURLError
    from firstline.core.migrations import NotMigrated
    from firstline.core.secrets import SecretKeyError

    threading.excepthook = _quiet_late_sqlite_threads
    try:
        return asyncio.run(coro_fn())  # type: ignore[arg-type]
    except (FirstlineError, NotMigrated, DatabaseURLError, SecretKeyError) as exc:
        raise CLIError(str(exc)) from None
    except (OSError, ConnectionError) as exc:
        where = f" at {_safe_url(url)}" if url else ""
        raise CLIError(f"cannot reach the database{where}: {_describe(exc)}") from None
    except Exception as exc:
        name = type(exc).__module__
        if name.startswith(("sqlalchemy", "asyncpg", "sqlite3", "aiosqlite")):
            where = f" at {_safe_url(url)}" if url else ""
            raise CLIError(f"database error{where}: {_describe(exc)}") from None
        raise


def _database_url(option: str | None) -> str:
    from firstline.core.secrets import use_database
    from firstline.core.settings import get_settings

    url = option or get_settings().database_url
    # Secrets this command encrypts use the key file of this database, not the default one's
    # (`firstline demo --database-url ...` had encrypted with firstline.db.key).
    use_database(url)
    return url


database_option = click.option(
    "--database-url",
    envvar="FIRSTLINE_DATABASE_URL",
    default=None,
    help="Database URL (default: FIRSTLINE_DATABASE_URL, else a SQLite file here).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="firstline")
def main() -> None:
    """Firstline: customer support for high-volume fintech and crypto desks."""


@main.command()
@database_option
def migrate(database_url: str | None) -> None:
    """Apply the database migrations (safe to run again)."""
    from firstline.core.db import Database
    from firstline.core.migrations import upgrade

    url = _database_url(database_url)

    async def go() -> None:
        Database(url)  # validates the URL and driver before Alembic sees it
        await upgrade(url)

    run(go, url)
    click.echo(f"database at {_safe_url(url)} is up to date")


async def _open_ready(url: str) -> Database:
    """A Database whose URL parses, whose server answers and whose schema is current."""
    # Every table's model, so that foreign keys between domains resolve (an article's author
    # is an agent) whichever domain the command itself imports; and the events a command
    # emits reach the webhooks that want them, as from the server: the webhooks package
    # installs the commit hook that writes their outbox rows.
    import firstline.models
    import firstline.webhooks  # noqa: F401
    from firstline.core.db import Database
    from firstline.core.migrations import ensure_migrated

    db = Database(url)
    try:
        await db.ping()
        await ensure_migrated(url)
    except BaseException:
        await db.dispose()
        raise
    return db


async def _check_ready(url: str) -> None:
    await (await _open_ready(url)).dispose()


def _raise_open_files_limit() -> None:
    """Each live connection is a file descriptor; take all the system allows (workers inherit
    it), since the usual soft limit of 1,024 would cap a server at about a thousand chats."""
    try:
        import resource
    except ImportError:  # not on Windows
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def _serve(url: str, host: str, port: int, workers: int) -> None:
    import uvicorn

    from firstline.core.settings import get_settings
    from firstline.web.edges import uvicorn_options

    os.environ["FIRSTLINE_DATABASE_URL"] = url
    get_settings.cache_clear()
    _raise_open_files_limit()
    from firstline.core.secrets import SecretKeyError, keyring

    try:
        keyring(url)  # the master key, before any process needs it (docs/security.md)
    except SecretKeyError as exc:
        raise CLIError(str(exc)) from None
    # The demo wires its backoffice into the app (firstline/demo/app.py); web never imports it.
    factory = (
        "firstline.demo.app:create_app"
        if get_settings().demo_backoffice
        else "firstline.web.app:create_app"
    )
    if workers > 1 and sys.platform.startswith("linux"):
        from firstline.web.workers import check_port, supervise

        try:
            check_port(host, port)
        except OSError as exc:
            raise CLIError(f"cannot listen on {host}:{port}: {exc.strerror}") from exc
        if not get_settings().redis_url:
            click.echo(
                "warning: without FIRSTLINE_REDIS_URL, live updates (chat, console) reach only "
                "the connections of the worker that made the change; set it for live chat.",
                err=True,
            )
        try:
            status = supervise(host, port, workers, get_settings().log_level, factory)
        except OSError as exc:
            raise CLIError(f"cannot listen on {host}:{port}: {exc.strerror}") from exc
        sys.exit(status)
    if workers > 1:  # uvicorn's worker processes, where SO_REUSEPORT is not Linux's
        from firstline.web.workers import prepare_workers_environment

        prepare_workers_environment()
    uvicorn.run(
        factory,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=get_settings().log_level,
        access_log=False,
        loop="uvloop" if sys.platform != "win32" else "asyncio",
        # The lightest of uvicorn's WebSocket implementations: about 54 KiB a connection
        # against 117 KiB for the legacy one (measured with 5,000 idle connections).
        ws="websockets-sansio",
        # Header and keep-alive timeouts, per-address caps, frame size (web/edges.py).
        **uvicorn_options(get_settings()),
    )


@main.command()
@database_option
@click.option("--host", default=None, help="Interface to listen on (default 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port (default 8000).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64))
def serve(database_url: str | None, host: str | None, port: int | None, workers: int) -> None:
    """Run the API server against FIRSTLINE_DATABASE_URL."""
    from firstline.core.settings import get_settings

    settings = get_settings()
    url = _database_url(database_url)
    run(lambda: _check_ready(url), url)
    _check_recovery_chains(settings)
    _serve(url, host or settings.host, port or settings.port, workers)


def _demo_mail_folder(url: str) -> Path:
    """Where the demo's mail catcher keeps what the desk sends: beside a SQLite database."""
    from firstline.core.blobs import default_dir

    return default_dir(url).parent / "demo-mail"


def _check_recovery_chains(settings: Settings) -> None:
    """Refuse to start on chain settings the recovery desk cannot use, rather than fail each
    case later."""
    from firstline.recovery.chains.recorded import RecordError
    from firstline.recovery.chains.registry import build_adapters

    try:
        build_adapters(settings.recovery_chains or "", settings.recovery_recorded or "")
    except (FirstlineError, RecordError, ImportError) as exc:
        raise CLIError(str(exc)) from exc


@main.command()
@database_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--no-serve", is_flag=True, help="Seed and print credentials, but do not serve.")
def demo(database_url: str | None, host: str, port: int, no_serve: bool) -> None:
    """Create a demo database (teams, agents, customers, conversations) and serve it."""
    from firstline.chat.identity import user_hash
    from firstline.core.db import Database
    from firstline.core.migrations import upgrade
    from firstline.core.secrets import instance_secret
    from firstline.core.settings import get_settings
    from firstline.demo.seed import seed_demo

    url = _database_url(database_url)

    async def go() -> Any:
        Database(url)
        await upgrade(url)
        db = Database(url)
        try:
            seeded = await seed_demo(db)
            widget = await instance_secret(db, "widget_key", get_settings().widget_secret)
            return seeded, widget
        finally:
            await db.dispose()

    result, widget = run(go, url)
    base = f"http://{host}:{port}"
    # The demo's made-up backoffice lives in the same server; the flows call it over HTTP.
    local = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    os.environ.setdefault("FIRSTLINE_DEMO_BACKOFFICE", "true")
    os.environ.setdefault("FIRSTLINE_BACKOFFICE_URL", f"http://{local}:{port}/demo-backoffice")
    os.environ.setdefault("FIRSTLINE_BACKOFFICE_SECRET", secrets.token_hex(16))
    # No chain node in a demo: the recovery desk reads transactions recorded for it.
    from firstline.demo.recovery import demo_chain_file

    os.environ.setdefault("FIRSTLINE_RECOVERY_RECORDED", str(demo_chain_file()))
    # Mail to support@demo.test comes in over SMTP on this port; what the desk sends back
    # (acknowledgements, agents' replies) is caught by a mail catcher and kept as .eml files.
    os.environ.setdefault("FIRSTLINE_SMTP_LISTEN", f"{local}:2525")
    # Links in mails (the CSAT question's, the web form's) point back at this server.
    os.environ.setdefault("FIRSTLINE_PUBLIC_URL", f"http://{local}:{port}")
    mail_in = os.environ["FIRSTLINE_SMTP_LISTEN"]
    caught = _demo_mail_folder(url)
    if not no_serve and "FIRSTLINE_SMTP_URL" not in os.environ:
        from firstline.demo.mailcatcher import start_mail_catcher

        catcher = start_mail_catcher(caught)
        os.environ["FIRSTLINE_SMTP_URL"] = f"smtp://127.0.0.1:{catcher}"
    click.echo("")
    click.echo(f"Firstline demo ({result.summary})")
    click.echo(f"  database     {_safe_url(url)}")
    click.echo(f"  customer chat {base}/chat  (or embed {base}/widget.js)")
    click.echo(f"  agent console {base}/console  (sign in with a demo agent below)")
    click.echo(f"  settings     {base}/console#/settings  (supervisors and admins)")
    click.echo(f"  help center  {base}/help")
    click.echo(
        f"  recovery     {base}/help/en/deposit-recovery  (try the transactions in "
        "docs/recovery.md as linh@example.com)"
    )
    click.echo(
        f'  mail in      smtp://{mail_in} for support@demo.test  (try: python -c "import '
        f"smtplib; smtplib.SMTP('{mail_in.rpartition(':')[0]}', "
        f"{mail_in.rpartition(':')[2]}).sendmail('lan@example.com', 'support@demo.test', "
        "'Subject: Nap tien chua ve\\n\\nToi nap USDT tu hom qua ma chua thay')\")"
    )
    click.echo(f"  mail out     {caught}  (each mail the desk sends, as an .eml file)")
    click.echo(f"  backoffice   {base}/demo-backoffice/  (made-up accounts)")
    click.echo(
        f"  codes sent   {base}/demo-backoffice/outbox?email=linh@example.com"
        "  (what the demo would have e-mailed)"
    )
    click.echo(
        f"  signed in    {base}/chat#user_id=u_1001&user_hash={user_hash(widget, 'u_1001')}"
        "  (chat as the demo backoffice's customer u_1001, linh@example.com)"
    )
    click.echo(f"  API          {base}/api/v1/conversations  (with a token below)")
    click.echo(f"  API docs     {base}/docs")
    click.echo(f"  health       {base}/healthz")
    click.echo("")
    click.echo("Demo agents (password for all: " + result.password + ")")
    for email, role, token in result.logins:
        click.echo(f"  {role:<11} {email:<34} token {token}")
    click.echo("")
    if result.logins:
        # The demo admin signs in with two-factor, as admins must: its seed is public.
        import pyotp

        from firstline.demo.seed import ADMIN_EMAIL, DEMO_TOTP_SECRET

        click.echo(f"Two-factor code for {ADMIN_EMAIL} (asked after the password):")
        click.echo(f"  secret {DEMO_TOTP_SECRET}  (add it to any authenticator app)")
        click.echo(f"  now    {pyotp.TOTP(DEMO_TOTP_SECRET).now()}  (changes every 30 s)")
        click.echo(
            f"  later  python -c \"import pyotp; print(pyotp.TOTP('{DEMO_TOTP_SECRET}').now())\""
        )
        click.echo("")
    if result.logins:  # none when the database holds someone else's desk, not the demo's
        click.echo(
            f"Try: curl -H 'Authorization: Bearer {result.logins[0][2]}' "
            f"'{base}/api/v1/conversations?status=open&limit=5'"
        )
        click.echo("")
    if not no_serve:
        _serve(url, host, port, 1)


@main.group()
def agent() -> None:
    """Manage agents."""


@agent.command("create")
@database_option
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option(
    "--role",
    type=click.Choice(["agent", "supervisor", "admin"]),
    default="agent",
    show_default=True,
)
@click.option("--languages", default="", help="Comma-separated, e.g. vi,en.")
@click.option("--team-ids", default="", help="Comma-separated team ids.")
@click.option("--password-stdin", is_flag=True, help="Read a console password from stdin.")
def agent_create(
    database_url: str | None,
    email: str,
    name: str,
    role: str,
    languages: str,
    team_ids: str,
    password_stdin: bool,
) -> None:
    """Create an agent."""
    from pydantic import ValidationError

    from firstline.agents.actions import do_create_agent
    from firstline.agents.models import Role
    from firstline.agents.schemas import AgentCreate

    password = sys.stdin.readline().rstrip("\r\n") if password_stdin else None
    try:
        data = AgentCreate(
            email=email,
            name=name,
            role=Role(role),
            languages=[x for x in languages.split(",") if x.strip()],
            team_ids=[int(x) for x in team_ids.split(",") if x.strip()],
        )
    except ValueError as exc:
        if isinstance(exc, ValidationError):
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise CLIError(f"{where}: {first['msg']}") from None
        raise CLIError(f"--team-ids must be numbers: {exc}") from None
    url = _database_url(database_url)

    async def go() -> int:
        db = await _open_ready(url)
        try:
            async with db.transaction() as session:
                created = await do_create_agent(
                    session,
                    email=data.email,
                    name=data.name,
                    role=data.role,
                    languages=data.languages,
                    team_ids=data.team_ids,
                    password=password,
                    acting_agent_id=None,
                )
                return created.id
        finally:
            await db.dispose()

    agent_id = run(go, url)
    click.echo(f"created {role} {data.email} (id {agent_id})")


@main.group()
def team() -> None:
    """Manage teams."""


@team.command("create")
@database_option
@click.option("--name", required=True)
@click.option("--product", default=None, help="Product line, e.g. spot, futures, p2p.")
@click.option("--languages", default="", help="Comma-separated, e.g. vi,en.")
@click.option("--line", type=click.Choice(["first", "second"]), default="first", show_default=True)
def team_create(
    database_url: str | None, name: str, product: str | None, languages: str, line: str
) -> None:
    """Create a team."""
    from pydantic import ValidationError

    from firstline.agents.actions import do_create_team
    from firstline.agents.models import Line
    from firstline.agents.schemas import TeamCreate

    try:
        data = TeamCreate(
            name=name,
            product=product,
            languages=[x for x in languages.split(",") if x.strip()],
            line=Line(line),
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        raise CLIError(f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}") from None
    url = _database_url(database_url)

    async def go() -> int:
        db = await _open_ready(url)
        try:
            async with db.transaction() as session:
                created = await do_create_team(
                    session,
                    name=data.name,
                    product=data.product,
                    languages=data.languages,
                    line=data.line.value,
                    acting_agent_id=None,
                )
                return created.id
        finally:
            await db.dispose()

    team_id = run(go, url)
    click.echo(f"created team {data.name} (id {team_id})")


@main.group()
def token() -> None:
    """Manage API tokens."""


async def _agent_or_fail(session: Any, email: str) -> Any:
    from firstline.agents.queries import get_agent_by_email

    found = await get_agent_by_email(session, email)
    if found is None:
        raise CLIError(f"no agent with email {email}; create one with `firstline agent create`")
    return found


@token.command("create")
@database_option
@click.option("--email", required=True, help="The agent the token acts as.")
@click.option(
    "--name", "--label", "name", default="", help="What the token is for, e.g. 'CRM sync'."
)
@click.option(
    "--scopes",
    default="",
    help="Comma-separated permissions the token may use (default: all of the agent's role).",
)
@click.option(
    "--expires-in",
    default="90d",
    show_default=True,
    help="Lifetime: days, hours or weeks (30d, 12h, 2w; at most 365d), or 'never'.",
)
def token_create(
    database_url: str | None, email: str, name: str, scopes: str, expires_in: str
) -> None:
    """Create an API token; it is printed once, as the last line."""
    from firstline.agents.tokens import do_issue_api_token, parse_lifetime

    url = _database_url(database_url)
    wanted = [s.strip() for s in scopes.split(",") if s.strip()] or None

    async def go() -> Any:
        lifetime = parse_lifetime(expires_in)
        db = await _open_ready(url)
        try:
            async with db.transaction() as session:
                found = await _agent_or_fail(session, email)
                return await do_issue_api_token(
                    session,
                    found,
                    name=name,
                    scopes=wanted,
                    lifetime=lifetime,
                    acting_agent_id=None,
                )
        finally:
            await db.dispose()

    issued = run(go, url)
    expires = issued.row.expires_at
    until = f"expires {expires:%Y-%m-%d %H:%M} UTC" if expires else "never expires"
    click.echo(
        f"token {issued.row.id} for {email.lower()}, {until} (shown once; store it now):",
        err=True,
    )
    click.echo(issued.secret)


@token.command("list")
@database_option
@click.option("--email", required=True)
@click.option("--all", "include_revoked", is_flag=True, help="Include revoked tokens.")
def token_list(database_url: str | None, email: str, include_revoked: bool) -> None:
    """List an agent's tokens (never their secrets)."""
    from firstline.agents.tokens import list_api_tokens

    url = _database_url(database_url)

    async def go() -> list[Any]:
        db = await _open_ready(url)
        try:
            async with db.session() as session:
                found = await _agent_or_fail(session, email)
                return await list_api_tokens(session, found.id, include_revoked=include_revoked)
        finally:
            await db.dispose()

    def when(at: Any) -> str:
        return f"{at:%Y-%m-%d %H:%M}" if at else "-"

    rows = run(go, url)
    click.echo("id\tprefix\tname\tscopes\tcreated\texpires\tlast used\tfrom\trevoked")
    for r in rows:
        scopes = ",".join(r.scopes) if r.scopes is not None else "*"
        expires = when(r.expires_at) if r.expires_at else "never"
        click.echo(
            f"{r.id}\t{r.prefix}\t{r.label or '-'}\t{scopes}\t{when(r.created_at)}\t{expires}"
            f"\t{when(r.last_used_at)}\t{r.last_used_address or '-'}\t{when(r.revoked_at)}"
        )


@token.command("revoke")
@database_option
@click.option("--id", "token_id", type=int, default=None, help="Revoke this token.")
@click.option("--email", default=None, help="Revoke every active token of this agent.")
def token_revoke(database_url: str | None, token_id: int | None, email: str | None) -> None:
    """Revoke one token (--id) or every active token of an agent (--email). Every server
    refuses it from its next request on."""
    from firstline.agents.tokens import do_revoke_api_token, do_revoke_api_tokens, get_api_token

    if (token_id is None) == (email is None):
        raise CLIError("give either --id N (one token) or --email E (all of an agent's)")
    url = _database_url(database_url)

    async def go() -> int:
        db = await _open_ready(url)
        try:
            async with db.transaction() as session:
                if email is not None:
                    found = await _agent_or_fail(session, email)
                    return await do_revoke_api_tokens(session, found, acting_agent_id=None)
                row = await get_api_token(session, token_id or 0)
                if row is None:
                    raise CLIError(f"no token with id {token_id}; see `firstline token list`")
                await do_revoke_api_token(session, row, acting_agent_id=None)
                return 1
        finally:
            await db.dispose()

    count = run(go, url)
    if email is not None:
        click.echo(f"revoked {count} token(s) of {email.lower()}")
    else:
        click.echo(f"revoked token {token_id}")


@main.group()
def jobs() -> None:
    """The background jobs: SLA breaches, escalation climbs, routing."""


async def _publish_only_relay(db: Database) -> Realtime | None:
    """With FIRSTLINE_REDIS_URL, a relay that publishes this process's events to the servers."""
    from firstline.core.secrets import instance_secret
    from firstline.core.settings import get_settings
    from firstline.realtime.hub import Hub
    from firstline.realtime.relay import Realtime

    settings = get_settings()
    if not settings.redis_url:
        return None
    relay = Realtime(Hub(), settings.redis_url)
    key = await instance_secret(db, "cookie_key", settings.secret_key)
    await relay.start(deployment_key=key, listen=False)
    db.bus.subscribe(relay.on_event)
    return relay


@jobs.command("run")
@database_option
@click.option("--once", is_flag=True, help="Run one pass, print what it did, and exit.")
@click.option("--interval", default=1.0, show_default=True, type=click.FloatRange(0.1, 3600))
def jobs_run(database_url: str | None, once: bool, interval: float) -> None:
    """Run the jobs here (every `firstline serve` process already does, unless
    FIRSTLINE_JOBS=0); safe alongside any number of other runners."""
    from firstline.jobs import JobRunner, run_pass

    url = _database_url(database_url)

    async def go() -> str:
        db = await _open_ready(url)
        # What the jobs commit (assignments, breaches) reaches the consoles of the servers
        # through Redis, as from a server's own jobs.
        relay = await _publish_only_relay(db)
        try:
            if once:
                report = await run_pass(db)
                if report.errors:
                    raise CLIError("; ".join(report.errors))
                return (
                    f"breaches recorded {report.breaches}, escalations climbed "
                    f"{report.climbed}, relaxed {report.relaxed}, routed {report.routed}, "
                    f"unanswered recovery cases closed {report.unanswered_closed}"
                )
            runner = JobRunner(db, interval=interval)
            runner.start()
            try:
                await asyncio.Event().wait()
            finally:
                await runner.stop()
            return ""
        finally:
            if relay is not None:
                await relay.stop()
            await db.dispose()

    with contextlib.suppress(KeyboardInterrupt):
        click.echo(run(go, url))


@main.group()
def kb() -> None:
    """The knowledge base: articles in every language."""


@kb.command("import")
@database_option
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option(
    "--status",
    type=click.Choice(["draft", "published"]),
    default="published",
    show_default=True,
    help="For lines that do not say.",
)
def kb_import(database_url: str | None, file: Any, status: str) -> None:
    """Import FILE (JSON Lines: external_id, locale, optional title, body, optional category,
    optional status). All or nothing; importing the same file again changes nothing."""
    from firstline.knowledge.transfer import import_articles, parse_lines

    url = _database_url(database_url)

    async def go() -> str:
        articles = parse_lines(file)
        db = await _open_ready(url)
        try:
            outcomes = await import_articles(db, articles, default_status=status)
        finally:
            await db.dispose()
        return (
            f"{len(articles)} article versions: {outcomes['created']} created, "
            f"{outcomes['updated']} updated, {outcomes['unchanged']} unchanged"
        )

    click.echo(run(go, url))


@kb.command("export")
@database_option
@click.option("--locale", default=None, help="Only this language's versions.")
def kb_export(database_url: str | None, locale: str | None) -> None:
    """Write every article version to standard output as JSON Lines (what import reads)."""
    from firstline.core.language import normalize_locale
    from firstline.knowledge.transfer import export_articles

    url = _database_url(database_url)
    lang = None
    if locale is not None:
        lang = normalize_locale(locale)
        if lang is None:
            raise CLIError(f"unsupported locale {locale!r}")

    async def go() -> None:
        db = await _open_ready(url)
        try:
            out = sys.stdout.buffer
            async for line in export_articles(db, locale=lang):
                out.write(line)
            out.flush()
        finally:
            await db.dispose()

    run(go, url)


@main.group()
def recovery() -> None:
    """The deposit-recovery desk: its support matrix and its report."""


@recovery.group("matrix")
def recovery_matrix() -> None:
    """The support matrix: per network and token, listed or not, and the recovery path."""


MATRIX_COLUMNS = (
    "network", "token", "contract", "listed", "path", "decimals", "min_deposit", "price",
    "may_be_listed",
)  # fmt: skip


def _matrix_from(text: str, name: str) -> list[dict[str, Any]]:
    """Rows from JSON ({"rows": [...]} or a list) or CSV with a header line of MATRIX_COLUMNS."""
    import csv
    import io

    import orjson

    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        try:
            doc = orjson.loads(text)
        except orjson.JSONDecodeError as exc:
            raise CLIError(f"{name} is not valid JSON: {exc}") from exc
        rows = doc.get("rows") if isinstance(doc, dict) else doc
        if not isinstance(rows, list):
            raise CLIError(f'{name}: expected {{"rows": [...]}} or a list of rows')
        return rows
    reader = csv.DictReader(io.StringIO(text))
    unknown = set(reader.fieldnames or ()) - set(MATRIX_COLUMNS)
    if unknown:
        raise CLIError(f"{name}: unknown columns {', '.join(sorted(unknown))}; use "
                       f"{', '.join(MATRIX_COLUMNS)}")  # fmt: skip
    out = []
    for row in reader:
        # An empty cell leaves the column to its default (not listed, no minimum...).
        clean: dict[str, Any] = {k: v.strip() for k, v in row.items() if k and v and v.strip()}
        for flag in ("listed", "may_be_listed"):
            if clean.get(flag) is not None:
                clean[flag] = clean[flag].lower() in ("1", "true", "yes", "y")
        out.append(clean)
    return out


@recovery_matrix.command("import")
@database_option
@click.argument("file", type=click.File("r", encoding="utf-8"))
def recovery_matrix_import(database_url: str | None, file: Any) -> None:
    """Replace the whole matrix with FILE (CSV with a header line, or JSON as
    `matrix export` writes it). All or nothing."""
    from pydantic import ValidationError

    from firstline.recovery.actions import do_replace_matrix
    from firstline.recovery.schemas import MatrixIn, matrix_rows_in

    url = _database_url(database_url)
    rows = _matrix_from(file.read(), getattr(file, "name", "FILE"))
    try:
        body = MatrixIn.model_validate({"rows": rows})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"][1:])
        more = f" ({exc.error_count()} problems in all)" if exc.error_count() > 1 else ""
        raise CLIError(f"row {where}: {first['msg']}{more}") from exc
    clean = matrix_rows_in(body)

    async def go() -> str:
        db = await _open_ready(url)
        try:
            async with db.transaction() as s:
                count = await do_replace_matrix(s, clean, acting_agent_id=None)
        finally:
            await db.dispose()
        return f"{count} matrix rows stored"

    click.echo(run(go, url))


@recovery_matrix.command("export")
@database_option
@click.option("--csv", "as_csv", is_flag=True, help="CSV instead of JSON.")
def recovery_matrix_export(database_url: str | None, as_csv: bool) -> None:
    """Write the matrix to standard output (what import reads)."""
    import csv

    import orjson

    from firstline.recovery.queries import matrix_rows

    url = _database_url(database_url)

    async def go() -> list[dict[str, Any]]:
        db = await _open_ready(url)
        try:
            async with db.session() as s:
                return await matrix_rows(s)
        finally:
            await db.dispose()

    rows = run(go, url)
    if as_csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=MATRIX_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        click.echo(orjson.dumps({"rows": rows}, option=orjson.OPT_INDENT_2).decode())


@recovery.command("report")
@database_option
def recovery_report(database_url: str | None) -> None:
    """Cases, credited, value recovered and fees, in all and by cause and by network."""
    import orjson

    from firstline.recovery.queries import report

    url = _database_url(database_url)

    async def go() -> dict[str, Any]:
        db = await _open_ready(url)
        try:
            async with db.session() as s:
                return await report(s)
        finally:
            await db.dispose()

    click.echo(orjson.dumps(run(go, url), option=orjson.OPT_INDENT_2).decode())


@main.group()
def intents() -> None:
    """The intent classifier the bot uses, trained on your own labelled examples."""


@intents.command("train")
@database_option
@click.option(
    "--csv",
    "csv_path",
    required=True,
    type=click.Path(path_type=Path),
    help="UTF-8 CSV file with a header line.",
)
@click.option("--text-column", default="text", show_default=True)
@click.option("--label-column", default="label", show_default=True)
@click.option(
    "--out-of-scope-label",
    default="oos",
    show_default=True,
    help="Examples with this label teach what the bot should not answer.",
)
@click.option(
    "--validation-csv",
    type=click.Path(path_type=Path),
    help="Examples (same columns) kept out of training to choose the out-of-scope threshold; "
    "without them, cross-validation on the training examples does.",
)
@click.option(
    "--embeddings",
    type=click.Choice(["auto", "on", "off"]),
    envvar="FIRSTLINE_INTENT_EMBEDDINGS",
    default="auto",
    show_default=True,
    help="Sentence embeddings (firstline[embeddings]): auto uses them when installed. A model "
    "trained with them needs them wherever it classifies.",
)
def intents_train(
    database_url: str | None, csv_path: Path, text_column: str, label_column: str,
    out_of_scope_label: str, validation_csv: Path | None, embeddings: str,
) -> None:  # fmt: skip
    """Train on a CSV file's examples; the new model replaces the active one when done (a
    failure leaves the active one in place)."""
    from firstline.intents.actions import do_save_intent_model
    from firstline.intents.training import check_examples, read_examples, train

    url = _database_url(database_url)

    async def go() -> tuple[Any, int]:
        examples = read_examples(csv_path, text_column, label_column)
        check_examples(examples, out_of_scope_label)
        validation = (
            read_examples(validation_csv, text_column, label_column) if validation_csv else []
        )
        db = await _open_ready(url)
        try:
            trained = await asyncio.to_thread(
                train, examples, out_of_scope_label=out_of_scope_label,
                validation=validation, embeddings=embeddings,
            )  # fmt: skip
            async with db.transaction() as session:
                model = await do_save_intent_model(
                    session, trained, source=csv_path.name, acting_agent_id=None
                )
                return trained, model.id
        finally:
            await db.dispose()

    trained, model_id = run(go, url)
    m = trained.metrics
    click.echo(
        f"trained on {trained.examples} examples: {trained.intents} intents, "
        f"{trained.out_of_scope_examples} out-of-scope examples"
    )
    if "validation_accuracy" in m:
        click.echo(
            f"validation accuracy {m['validation_accuracy']:.3f} "
            f"({m['validation_examples']} examples)"
        )
    else:
        click.echo(f"cross-validated accuracy {m['cv_accuracy']:.3f} ({m['folds']} folds)")
    click.echo(f"sentence embeddings: {m['sentence_encoder'] or 'none'}")
    click.echo(f"out-of-scope threshold {trained.classifier.threshold:.2f}")
    click.echo(f"model {model_id} is now active ({m['seconds']:.0f} s)")


@intents.command("show")
@database_option
def intents_show(database_url: str | None) -> None:
    """Describe the active intent model."""
    from firstline.intents.queries import get_active_intent_model

    url = _database_url(database_url)

    async def go() -> list[str]:
        db = await _open_ready(url)
        try:
            async with db.session() as session:
                model = await get_active_intent_model(session)
        finally:
            await db.dispose()
        if model is None:
            return ["no intent model yet; train one with `firstline intents train --csv FILE`"]
        m = model.metrics
        return [
            f"model {model.id}, trained {model.created_at:%Y-%m-%d %H:%M} UTC from {model.source}",
            f"{len(model.labels)} intents, {model.examples} examples "
            f"({m.get('out_of_scope_examples', 0)} out of scope)",
            (
                f"validation accuracy {m['validation_accuracy']:.3f}, "
                if "validation_accuracy" in m
                else f"cross-validated accuracy {m.get('cv_accuracy', 0):.3f}, "
            )
            + f"out-of-scope threshold {model.threshold:.2f}",
            f"sentence embeddings: {m.get('sentence_encoder') or 'none'}",
            "intents: " + ", ".join(model.labels),
        ]

    for line in run(go, url):
        click.echo(line)


@main.command("eval")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--split",
    type=click.Choice(["dev", "heldout"]),
    default="dev",
    show_default=True,
    help="Which part of each data set to measure on.",
)
def evaluate(folder: Path, split: str) -> None:
    """Measure language identification (as written and as typed in chat), intents,
    knowledge-base retrieval, the bot at chat level (each question in a fresh chat: right
    article, wrong article, handed over; off-topic questions) and the secret-request
    screening's false alarms on FOLDER, a copy of the public
    evaluation data (tatoeba_lid, bitcoin_faq, ...); prints Markdown tables."""
    from firstline.evaluation.language import evaluate_language, language_table
    from firstline.evaluation.retrieval import evaluate_retrieval, retrieval_table

    if not folder.is_dir():
        raise CLIError(f"{folder} is not a folder; pass the evaldata folder.")
    try:
        result = evaluate_language(folder, split)
        # Retrieval imports a corpus and searches it: only when that data set is there.
        retrieval = evaluate_retrieval(folder, split) if (folder / "bitcoin_faq").is_dir() else None
    except FileNotFoundError as exc:
        raise CLIError(str(exc)) from None
    click.echo(f"## Language identification (tatoeba_lid, {split}, {result.rows} sentences)\n")
    click.echo(language_table(result))
    if retrieval is not None:
        click.echo(f"\n## Knowledge-base retrieval (bitcoin_faq, {split})\n")
        click.echo(retrieval_table(retrieval))
        from firstline.evaluation.chat import chat_table, evaluate_chat

        # The bot as customers meet it: each question in a fresh chat of a new deployment.
        click.echo(f"\n## Chat-level: the bot answering (bitcoin_faq, {split})\n")
        click.echo(chat_table(evaluate_chat(folder, split)))
    from firstline.evaluation.intents import evaluate_intents, intents_table

    click.echo(f"\n## Intents (banking77, clinc150; tested on {split})\n")
    click.echo(intents_table(evaluate_intents(folder, split)))
    if (folder / "bitcoin_faq").is_dir():
        from firstline.demo.data import CANNED_RESPONSES, TOPICS
        from firstline.demo.kb import ARTICLES
        from firstline.evaluation.screening import evaluate_screening, screening_table

        # Ordinary texts, none asking for a secret: every sentence flagged is a false alarm
        # an agent would see before sending (docs/quality.md).
        others = {
            "demo agent replies": [
                *(text for t in TOPICS.values() for text in t["agent_reply"].values()),
                *(body for replies in CANNED_RESPONSES.values() for _, body in replies.values()),
            ],
            "demo articles": [a["body"] for a in ARTICLES],
        }
        click.echo("\n## Secret-request screening: false alarms on ordinary texts\n")
        click.echo(screening_table(evaluate_screening(folder, others=others)))


@main.group()
def flows() -> None:
    """Self-service flows: the built-in ones and the definitions admins store."""


@flows.command("validate")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--strict", is_flag=True, help="Require every supported language, as built-ins do.")
def flows_validate(file: Path, strict: bool) -> None:
    """Check a flow definition (YAML or JSON); prints one line per problem."""
    from firstline.flows.definitions import FlowInvalid
    from firstline.flows.validation import load_flow_text

    try:
        text = file.read_bytes()
    except OSError as exc:
        raise CLIError(f"cannot read {file}: {exc.strerror}") from None
    try:
        flow = load_flow_text(text, strict=strict)
    except FlowInvalid as exc:
        for problem in exc.errors:
            click.echo(f"error: {file.name}: {problem}", err=True)
        sys.exit(EXIT_FAILURE)
    click.echo(f"{file.name}: flow {flow.id!r} is valid ({len(flow.steps)} steps)")


@flows.command("list")
@database_option
def flows_list(database_url: str | None) -> None:
    """The flows in force: id, source (builtin or custom), version, English title."""
    from firstline.flows.registry import list_flow_entries

    url = _database_url(database_url)

    async def go() -> list[str]:
        db = await _open_ready(url)
        try:
            async with db.session() as session:
                entries = await list_flow_entries(session)
        finally:
            await db.dispose()
        return [
            f"{e.flow.id}\t{e.source}\t{e.version or '-'}\t{e.flow.title.get('en', '')}"
            for e in entries
        ]

    for line in run(go, url):
        click.echo(line)


class _LazyCommand(click.Command):
    """A command whose module is imported only when the command runs or shows its own help:
    `firstline --help` lists it from `help`, which must stay the real command's docstring
    (tests/test_cli_imports.py compares them)."""

    def __init__(self, name: str, target: str, help: str) -> None:
        super().__init__(name, help=help)
        self.target = target

    def load(self) -> click.Command:
        module, attribute = self.target.split(":")
        command = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command)
        return command

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        # The context, and so the parsing, the help and the invocation, are the real command's.
        return self.load().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: click.Context) -> Any:
        return self.load().invoke(ctx)


# The benchmark suite imports the demo, the models and the web app at its top (half a second).
main.add_command(
    _LazyCommand(
        "bench",
        "firstline.bench.cli:bench",
        help="Run a benchmark SCENARIO against a fresh server and database; print a Markdown "
        "table and write JSON and Markdown under --out.",
    )
)

if __name__ == "__main__":
    main()


@main.group("secrets")
def secrets_group() -> None:
    """The master key that encrypts the secrets kept in the database (docs/security.md)."""


@secrets_group.command("rotate")
@database_option
@click.option(
    "--new-key/--no-new-key",
    default=True,
    show_default=True,
    help="Write a new key first in the key file (keys from FIRSTLINE_MASTER_KEY: put the new "
    "one first there yourself and pass --no-new-key).",
)
@click.option("--keep-old", is_flag=True, help="Keep the old keys in the file afterwards.")
def secrets_rotate(database_url: str | None, new_key: bool, keep_old: bool) -> None:
    """Re-encrypt every stored secret under a new master key. Restart the servers after it."""
    from firstline.core.secrets import rotate_keys

    url = _database_url(database_url)

    async def go() -> Any:
        db = await _open_ready(url)
        try:
            return await rotate_keys(db, generate=new_key, keep_old=keep_old)
        finally:
            await db.dispose()

    done = run(go, url)
    click.echo(f"master key {done.key_id}: {done.reencrypted} value(s) re-encrypted")
    if done.retired:
        click.echo(f"retired key(s) {', '.join(done.retired)}; restart every server process")


@main.group()
def widget() -> None:
    """The customer chat widget."""


@widget.command("secret")
@database_option
def widget_secret(database_url: str | None) -> None:
    """Print the key your backend signs customers' identity tokens with for the chat widget."""
    from firstline.core.secrets import instance_secret
    from firstline.core.settings import get_settings

    url = _database_url(database_url)
    configured = get_settings().widget_secret

    async def go() -> str:
        db = await _open_ready(url)
        try:
            return await instance_secret(db, "widget_key", configured)
        finally:
            await db.dispose()

    secret = run(go, url)
    click.echo(
        "widget secret (keep it on your servers; sign customers' identity tokens with it, "
        "HS256, docs/widget.md):",
        err=True,
    )
    click.echo(secret)


@main.group()
def qa() -> None:
    """Quality review: the automatic checks of every conversation."""


@qa.command("recheck")
@database_option
@click.option(
    "--after-id",
    type=click.IntRange(0, 2**31 - 1),
    default=0,
    show_default=True,
    help="Start after this conversation id (resume an interrupted run).",
)
@click.option(
    "--batch",
    type=click.IntRange(1, 5000),
    default=500,
    show_default=True,
    help="Conversations per transaction.",
)
def qa_recheck(database_url: str | None, after_id: int, batch: int) -> None:
    """Run every automatic check again over the stored conversations, oldest first, in
    batches beside live traffic; prints the count, the failures found and the rate."""
    from firstline.quality.recheck import recheck_all

    url = _database_url(database_url)

    def progress(done: int, last: int) -> None:
        if done % (batch * 20) == 0:
            click.echo(f"  {done} conversations, up to id {last}", err=True)

    async def go() -> Any:
        db = await _open_ready(url)
        try:
            return await recheck_all(db, after_id=after_id, batch=batch, progress=progress)
        finally:
            await db.dispose()

    result = run(go, url)
    rate = result.conversations / result.seconds if result.seconds else 0.0
    click.echo(
        f"rechecked {result.conversations} conversations up to id {result.last_id}: "
        f"{result.failures} failed checks, {result.seconds:.1f} s ({rate:.0f}/s)"
    )


@qa.command("rebuild-summary")
@database_option
def qa_rebuild_summary(database_url: str | None) -> None:
    """Count the quality report's summary again from the ratings, reviews and checks (after
    a restore, an import, or `qa recheck`); one transaction, best run in a quiet hour."""
    from firstline.quality.summary import rebuild

    url = _database_url(database_url)

    async def go() -> Any:
        db = await _open_ready(url)
        try:
            async with db.transaction() as session:
                return await rebuild(session)
        finally:
            await db.dispose()

    counted = run(go, url)
    click.echo(", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counted.items()))


@main.group()
def audit() -> None:
    """The audit log: check that nobody edited, deleted or reordered its entries."""


@audit.command("verify")
@database_option
def audit_verify(database_url: str | None) -> None:
    """Walk the hash chain of the audit log, oldest first (streaming: any length). Exit 0 with
    the count when every entry fits, 1 naming the first entry that does not, and why."""
    from firstline.audit.queries import verify_chain

    url = _database_url(database_url)

    async def go() -> Any:
        db = await _open_ready(url)
        try:
            async with db.session() as session:
                return await verify_chain(session)
        finally:
            await db.dispose()

    result = run(go, url)
    if result.broken is not None:
        raise CLIError(
            f"audit entry {result.broken.entry_id} breaks the chain: {result.broken.reason} "
            f"({result.count} entries before it verified)"
        )
    redacted = f", {result.redacted} of them redacted (erased data)" if result.redacted else ""
    click.echo(f"{result.count} entries verified{redacted}")
    if result.last_hash:
        click.echo(f"head: entry {result.last_id} {result.last_hash}")


@main.group()
def customer() -> None:
    """Privacy: export everything stored about a customer, or erase the person."""


async def _customer_id_or_fail(
    session: Any, customer_id: int | None, external_id: str | None
) -> int:
    from sqlalchemy import select

    from firstline.customers.models import Customer

    if (customer_id is None) == (external_id is None):
        raise CLIError("name the customer with exactly one of --id and --external-id")
    where = (
        Customer.id == customer_id
        if customer_id is not None
        else (Customer.external_id == external_id)
    )
    found = await session.scalar(select(Customer.id).where(where))
    if found is None:
        named = f"id {customer_id}" if customer_id is not None else f"external id {external_id!r}"
        raise CLIError(f"no customer with {named}")
    return int(found)


_customer_id_option = click.option("--id", "customer_id", type=click.IntRange(1, 2**31 - 1))
_customer_external_option = click.option("--external-id", default=None)


@customer.command("export")
@database_option
@_customer_id_option
@_customer_external_option
def customer_export(
    database_url: str | None, customer_id: int | None, external_id: str | None
) -> None:
    """Write everything stored about one customer to standard output, as one JSON document
    (audited as customer.exported)."""
    from firstline.core.db import now
    from firstline.privacy.actions import do_record_export
    from firstline.privacy.export import export_customer

    url = _database_url(database_url)

    async def go() -> None:
        db = await _open_ready(url)
        try:
            async with db.transaction() as session:
                found = await _customer_id_or_fail(session, customer_id, external_id)
                await do_record_export(session, found, acting_agent_id=None, via="cli")
                at = now(session)
            out = sys.stdout.buffer
            async for chunk in export_customer(db, found, exported_at=at):
                out.write(chunk)
            out.write(b"\n")
            out.flush()
        finally:
            await db.dispose()

    run(go, url)


@customer.command("erase")
@database_option
@_customer_id_option
@_customer_external_option
@click.option("--confirm", required=True, help="The customer's id or external id, again.")
def customer_erase(
    database_url: str | None, customer_id: int | None, external_id: str | None, confirm: str
) -> None:
    """Erase the person and keep the statistics (see docs/security.md). Running it again
    changes nothing."""
    from firstline.customers.models import Customer
    from firstline.privacy.actions import do_erase_customer

    url = _database_url(database_url)

    async def go() -> Any:
        db = await _open_ready(url)
        try:
            async with db.transaction() as session:
                found = await _customer_id_or_fail(session, customer_id, external_id)
                row = await session.get(Customer, found)
                if row is None or confirm.strip() not in (str(found), row.external_id):
                    raise CLIError(f"--confirm must repeat customer {found}'s id or external id")
                return await do_erase_customer(session, found, acting_agent_id=None, why="request")
        finally:
            await db.dispose()

    erasure = run(go, url)
    if erasure.already:
        click.echo(f"customer {erasure.customer_id} was already erased; nothing changed")
    else:
        click.echo(
            f"erased customer {erasure.customer_id}: {erasure.conversations} conversation(s), "
            f"{erasure.messages} message(s), {erasure.recovery_cases} recovery case(s) redacted"
        )
