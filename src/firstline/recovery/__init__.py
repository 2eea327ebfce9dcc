"""The deposit-recovery desk: diagnose deposits that did not arrive, price and run their recovery.

chains/ reads transactions off blockchains (one adapter per network), ledger.py asks the
company's backoffice whose addresses they are, rules.py turns both into a diagnosis, and
actions.py keeps the cases the recovery team works. docs/recovery.md describes it for users.
"""
