"""Measuring Firstline's language handling (and, later, the bot) on public evaluation data."""
