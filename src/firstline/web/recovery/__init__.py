"""The deposit-recovery desk over HTTP, in one place: `api.py` is /api/v1/recovery (the team's
queue, the matrix and the fee policy), `pages.py` the help center's form and case pages, whose
templates are web/templates/recovery/ (styles: web/static/recovery.css). The desk itself, with
no HTTP in it, is the `firstline.recovery` domain; the console's view is
web/static/console/recovery.js and its settings web/static/console/settings/recovery.js.
"""
