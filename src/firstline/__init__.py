"""Firstline: customer support for high-volume fintech and crypto support desks."""

__version__ = "0.1.0"
