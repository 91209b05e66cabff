"""Every read query the app runs, in one place. Writes happen in app/services."""

from __future__ import annotations
