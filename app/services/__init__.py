"""Use cases that the CLI and the web call: each one commits its own work."""
