"""Screening what Firstline sends a customer: whether an agent's or the bot's message asks
for something no support desk may ask for (a password, a one-time code, a seed phrase, a
private key, money sent to an outside address), and whether a text meant for colleagues is
about to reach the customer. Pure text rules over every supported language, as people type
them (Vietnamese without diacritics, informal Indonesian); no model, no database."""
