"""The demo: `firstline demo`'s made-up support floor and everything it needs that a real
deployment never does.

`seed.py` seeds a database through the same actions the API uses; `data.py` and `kb.py` are
its customers' and agents' texts and its help-center articles; `recovery.py` its support matrix,
recovery queue and recorded chain (`recovery_chain.json`); `backoffice.py` a fake company
backoffice for the self-service flows, which `app.py` mounts into the web app. The demo sits
with the entry points: it may import the web app and every domain, and nothing below imports
it.
"""
