"""The web app with the demo backoffice mounted at /demo-backoffice (`FIRSTLINE_DEMO_BACKOFFICE`,
which `firstline demo` sets).

`firstline serve` and its workers start this factory instead of `firstline.web.app:create_app`
when the setting is on, so that the web app itself never imports the demo.
"""

from __future__ import annotations

from fastapi import FastAPI

from firstline.core.db import Database
from firstline.core.settings import Settings, get_settings
from firstline.demo.backoffice import create_demo_backoffice
from firstline.web.app import create_app as create_web_app


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = create_web_app(settings, database)
    if settings.demo_backoffice:
        app.mount("/demo-backoffice", create_demo_backoffice(settings.backoffice_secret or "demo"))
    return app
