"""Completing the derived steps: re-matching stored claims to the topics, then the findings.

Topic membership needs lemmas and value anchors in context, so the stored texts go through
the pipeline again (outside any transaction: it takes seconds); then every article's new
links, the findings refresh and the settling of both debts are one transaction, so a crash
leaves the links as they were and the debt recorded (app/services/derived.py), never some
articles re-matched and others not. Claim rows and their ids stay.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from spacy.language import Language
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from app.db import queries
from app.db.models import Article, Claim, ClaimTopic, Source, Topic
from app.ingest.manifest import TopicSpec
from app.nlp.topics import TopicMatcher
from app.services.analysis import TopicLink, analyse_doc
from app.services.comparison import refresh_in
from app.services.crash_points import crash_point
from app.services.derived import (
    FINDINGS,
    TOPIC_MATCH,
    match_stamp,
    matched_definition,
    owed,
    settle,
)

# Documents per nlp.pipe batch: large enough to amortise, small enough to report progress.
PIPE_BATCH = 16


def spec_of(topic: Topic) -> TopicSpec:
    """The topic's definition as stored (JSON has lists where the spec has tuples)."""
    definition = dict(topic.definition)
    definition["cues"] = tuple(definition["cues"])
    definition["value_kinds"] = tuple(definition["value_kinds"])
    return TopicSpec(**definition)


def specs_of(topics: Sequence[Topic]) -> list[TopicSpec]:
    """The definitions of topics.toml topics (discovered topics have no cues to match)."""
    return [spec_of(topic) for topic in topics if matched_definition(topic)]


def link_rows(
    links: Iterable[TopicLink], topic_ids: dict[str, int], claim_id: Callable[[Claim], int]
) -> list[ClaimTopic]:
    return [
        ClaimTopic(
            claim_id=claim_id(link.claim),
            topic_id=topic_ids[link.slug],
            score=link.score,
            cues=link.cues,
            certainty=link.certainty,
        )
        for link in links
    ]


@dataclass(frozen=True, slots=True)
class _Stored:
    article_id: int
    text: str
    outlet: str  # the outlet's key, which claim fingerprints are made of
    published: date | None


def finish_derived_work(
    session_factory: sessionmaker[Session],
    load_nlp: Callable[[], Language],
    engine: str,
    fresh: Collection[int] = (),
) -> list[int]:
    """Re-match the stored claims if that is owed, then refresh the findings if that is
    owed, all in one transaction; returns the ids of new findings. (An unchanged re-ingest
    owes neither, and costs no comparison.)

    ``fresh`` articles were analysed by this run against the current definitions and need
    no re-match. spaCy is loaded only if some article does.
    """
    with session_factory() as session:
        debts = owed(session)
        if TOPIC_MATCH not in debts and FINDINGS not in debts:
            return []  # nothing stored or redefined since the findings were computed
        rematch = TOPIC_MATCH in debts
        stamp = match_stamp(session, engine)
        specs = specs_of(session.scalars(select(Topic)).all())
        stored = _stored_articles(session, fresh) if rematch else []
    links = _match(load_nlp(), specs, stored) if specs and stored else {}
    with session_factory.begin() as session:
        if rematch:
            topic_ids = dict(session.execute(select(Topic.slug, Topic.id)).all())
            for article in stored:
                _replace_links(
                    session, article.article_id, links.get(article.article_id, []), topic_ids
                )
                crash_point("rematch:after-links")
            # Definitions stored meanwhile by another process owe a re-match of their own.
            if match_stamp(session, engine) == stamp:
                settle(session, TOPIC_MATCH, stamp)
        before = _stored_signature(session)
        new_ids = refresh_in(session)
        # An article another process stored while this refresh read the claims is not in
        # these findings: its debt stays for that process (or the next run) to pay.
        if _stored_signature(session) == before:
            settle(session, FINDINGS)
        return new_ids


def _stored_signature(session: Session) -> tuple:
    """What changes whenever an article is stored or replaced: how many, the last id, the
    last time one was stored."""
    return tuple(
        session.execute(
            select(func.count(Article.id), func.max(Article.id), func.max(Article.ingested_at))
        ).one()
    )


def _stored_articles(session: Session, fresh: Collection[int]) -> list[_Stored]:
    rows = session.execute(
        select(Article.id, Article.text, Source.key, Article.published)
        .join(Source)
        .where(Article.status == "analysed", Article.id.not_in(fresh))
        .order_by(Article.id)
    )
    return [_Stored(*row) for row in rows]


def _match(
    nlp: Language, specs: Sequence[TopicSpec], stored: Sequence[_Stored]
) -> dict[int, list[TopicLink]]:
    matcher = TopicMatcher(nlp.vocab, specs)
    docs = nlp.pipe((article.text for article in stored), batch_size=PIPE_BATCH)
    return {
        article.article_id: analyse_doc(doc, article.outlet, matcher, article.published).topic_links
        for article, doc in zip(stored, docs, strict=True)
    }


def _replace_links(
    session: Session, article_id: int, links: Sequence[TopicLink], topic_ids: dict[str, int]
) -> None:
    claim_ids = queries.claim_ids_by_start(session, article_id)
    session.execute(delete(ClaimTopic).where(ClaimTopic.claim_id.in_(claim_ids.values())))
    # Claims are re-found at the same offsets unless the model or cue data changed; a claim
    # that no longer exists as such keeps no topic rather than failing.
    kept = [link for link in links if link.claim.start in claim_ids and link.slug in topic_ids]
    session.add_all(link_rows(kept, topic_ids, lambda claim: claim_ids[claim.start]))
    session.flush()
