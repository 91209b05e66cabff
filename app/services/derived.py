"""What is owed of the steps derived from stored articles: recorded so a crash loses none.

Two steps are computed from the stored articles and claims: the claims' links to the topics
of topics.toml files ("topic-match", which needs spaCy) and the topics' findings and
statuses ("findings"). Each is owed from the transaction that makes it necessary (topic
definitions stored, an article stored) until the one that completes it (rematch.py); a run
killed in between leaves the debt in the database, and the next ingest or server start
pays it, saying so. Links also record the engine version and topic definitions they were
matched with, so a new engine or edited definitions are noticed with no article changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, sessionmaker

from app.db.models import Article, DerivedState, Topic, utcnow

if TYPE_CHECKING:  # the server imports this module and needs spaCy only when work is owed
    from spacy.language import Language

TOPIC_MATCH = "topic-match"
FINDINGS = "findings"
WHAT = {TOPIC_MATCH: "topic re-match", FINDINGS: "findings refresh"}


@dataclass(frozen=True, slots=True)
class Owed:
    step: str
    since: datetime
    reason: str

    @property
    def line(self) -> str:
        since = self.since if self.since.tzinfo else self.since.replace(tzinfo=UTC)
        when = since.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        return f"finishing interrupted {WHAT[self.step]} from {when} ({self.reason})..."


def matched_definition(topic: Topic) -> bool:
    """Whether claims are matched to the topic by cues: a topics.toml topic (a discovered
    one, or one stored without cues, only gathers what comparison gives it)."""
    return topic.origin == "defined" and "cues" in (topic.definition or {})


def match_stamp(session: Session, engine: str) -> str:
    """What the topic links are a function of, besides the claims: the engine and the
    definitions claims are matched against."""
    topics = session.scalars(select(Topic).order_by(Topic.slug))
    definitions = [[t.slug, t.definition] for t in topics if matched_definition(t)]
    text = json.dumps(definitions, sort_keys=True)
    return f"{engine} {hashlib.sha256(text.encode()).hexdigest()[:20]}"


def owe(session: Session, step: str, reason: str) -> None:
    """Record ``step`` as owed, in the caller's transaction; an older debt keeps its time.
    The row is locked (PostgreSQL), so a refresh settling it meanwhile is waited for, not
    overwritten."""
    state = session.get(DerivedState, step, with_for_update=True)
    if state is None:
        state = DerivedState(step=step, computed_with="")
        session.add(state)
    if state.pending_since is None:
        state.pending_since, state.reason = utcnow(), reason
    session.flush()


def settle(session: Session, step: str, computed_with: str | None = None) -> None:
    """``step`` is done, in the transaction that did it."""
    state = session.get(DerivedState, step)
    if state is None:
        state = DerivedState(step=step, computed_with="")
        session.add(state)
    state.pending_since, state.reason = None, ""
    if computed_with is not None:
        state.computed_with = computed_with
    session.flush()


def owed(session: Session) -> dict[str, Owed]:
    debts = {}
    for state in session.scalars(select(DerivedState)):
        if state.pending_since is not None:
            debts[state.step] = Owed(state.step, state.pending_since, state.reason)
    return debts


def owe_stale_match(session: Session, engine: str) -> str | None:
    """Owe a re-match when the links were matched by another engine or with other topic
    definitions than the stored ones; returns why, or None."""
    stamp = match_stamp(session, engine)
    state = session.get(DerivedState, TOPIC_MATCH)
    if state is not None and (state.pending_since is not None or state.computed_with == stamp):
        return None
    if state is None and not session.scalar(select(exists().where(Article.status == "analysed"))):
        settle(session, TOPIC_MATCH, stamp)  # nothing matched yet: nothing to redo
        return None
    if state is None or not state.computed_with:
        reason = "no record of the engine that matched the stored claims"
    elif state.computed_with.split()[0] != stamp.split()[0]:
        reason = "the engine changed"
    else:
        reason = "the topic definitions changed"
    owe(session, TOPIC_MATCH, reason)
    return reason


def start_of_run(session: Session, engine: str) -> str | None:
    """The one line to say before any work: what an earlier run left owed, or why the
    links must be matched again (recorded as owed); None when nothing is owed. A re-match
    includes the findings refresh."""
    debts = owed(session)
    reason = owe_stale_match(session, engine)
    if TOPIC_MATCH in debts:
        return debts[TOPIC_MATCH].line
    if reason is not None:
        return f"re-matching the stored claims to their topics: {reason}..."
    return debts[FINDINGS].line if FINDINGS in debts else None


def finish_owed_work(
    session_factory: sessionmaker[Session],
    load_nlp: Callable[[], Language],
    engine: str,
    notice: Callable[[str], None],
) -> None:
    """At server start: finish what an interrupted run left owed (or a new engine needs),
    saying so first, before any page can show half of it."""
    with session_factory.begin() as session:
        line = start_of_run(session, engine)
    if line is None:
        return
    notice(line)
    from app.services.rematch import finish_derived_work  # imports spaCy: only when owed

    finish_derived_work(session_factory, load_nlp, engine)
