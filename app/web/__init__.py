"""The web dashboard and JSON API."""
