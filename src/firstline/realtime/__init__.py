"""Live delivery of committed events: the hub of one process and the relay between processes."""
