"""How far the ingest queue has got (app/services/queue.py), for the overview: its jobs by
state, read from Procrastinate's table with plain SQL, so the dashboard needs no queue
library and shows nothing where there is no queue (SQLite, or a PostgreSQL database no
``ingest --queue`` or ``cotejo worker`` has used)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

# The name the queue gives its article jobs (its findings refresh is not counted).
INGEST_TASK = "cotejo.ingest_article"


@dataclass(frozen=True, slots=True)
class QueueProgress:
    queued: int
    running: int
    done: int
    failed: int  # failed for good: the worker's message is in the worker's log

    @property
    def busy(self) -> bool:
        return bool(self.queued or self.running)


def queue_progress(session: Session) -> QueueProgress | None:
    """The ingest jobs' counts by state, or None where there is no queue."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    if session.scalar(text("SELECT to_regclass('procrastinate_jobs')")) is None:
        return None
    counts: dict[str, int] = dict(
        session.execute(  # type: ignore[arg-type]
            text(
                "SELECT status::text, count(*) FROM procrastinate_jobs "
                "WHERE task_name = :task GROUP BY status"
            ),
            {"task": INGEST_TASK},
        ).all()
    )
    if not counts:
        return None
    return QueueProgress(
        queued=counts.get("todo", 0),
        running=counts.get("doing", 0),
        done=counts.get("succeeded", 0),
        failed=sum(counts.get(state, 0) for state in ("failed", "aborted", "cancelled")),
    )
