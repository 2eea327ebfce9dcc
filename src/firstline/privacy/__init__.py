"""Privacy: who may see a customer, everything stored about one (export), erasing the person
while keeping the statistics, and the retention rules the jobs apply.

It sits above every domain that stores something about a customer (conversations, messages,
the bot, recovery cases, the audit trail), since an export or an erasure reads or redacts all
of them in one transaction.
"""
