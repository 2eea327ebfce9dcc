"""Intents: what a customer wants, learnt from the company's own labelled examples.

`training` turns labelled rows into a classifier, `classifier` is that classifier at run time
(and its storage format), `models` keeps it with the deployment, `actions` saves a new one, and
`queries.classify` is what the bot and the API call.
"""
