"""Storage: SQLAlchemy models, sessions and the queries the app runs."""
