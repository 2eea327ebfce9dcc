"""Live chat: the customer widget, its identity and the real-time channel."""
