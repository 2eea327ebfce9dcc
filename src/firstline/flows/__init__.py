"""Self-service flows: declarative conversations (reset a password, check a withdrawal, report a
deposit that did not arrive) that collect fields, call the company's backoffice and end resolved
or handed over to a person.

- definitions.py: the schema of a flow; validation.py reads YAML or JSON and checks it.
- fields.py: the validated field types (email, transaction hash, amount, address...).
- runner.py: runs a flow turn by turn; pure, the caller stores the state. text.py fills
  {placeholders} and matches answers to options; strings.py is what the runner says.
- backoffice.py: the signed HTTP JSON client for the company's own backend.
- registry.py, models.py, actions.py: built-in flows and the ones admins store.
"""
