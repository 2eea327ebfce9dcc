"""Outbound webhooks: admins register endpoints for event types; every matching event is
written to the outbox in its own transaction and delivered by the jobs, signed the Standard
Webhooks way (docs/webhooks.md).

Importing the package installs the commit writer that turns events into outbox rows
(capture.py). The jobs import it (jobs.py), and so do the server (through them) and every
`firstline` command that opens the database (cli.py's `_open_ready`).
"""

from firstline.webhooks.capture import install

install()
