"""SQLAlchemy models. Alembic migrations in ``migrations/`` are the only source of schema.

Nothing here is SQLite-specific, so the same models run on PostgreSQL.
Rows derived from an article (sentences, claims, values, mentions) cascade
from it, so replacing an article's text replaces its analysis in one step.
Stable ``fingerprint`` columns identify claims and findings across re-ingests,
so that anything a user attaches to them can outlive row ids.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Deterministic constraint names, so migrations can alter them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Source(Base):
    """An outlet. Its articles are compared against other outlets' articles.

    Its ``key`` is what it is (sources.toml ``key``, else derived from its name as first
    seen); ``name`` is only its label, so renaming an outlet changes no fingerprint.
    """

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)

    articles: Mapped[list[Article]] = relationship(back_populates="source")


class Article(Base):
    """One ingested document: its full text is the reference for every offset."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    # Where the text came from: a file path, or "paste:<hash>" for pasted text.
    path: Mapped[str] = mapped_column(String(1024), unique=True)
    title: Mapped[str | None] = mapped_column(String(500))
    language: Mapped[str] = mapped_column(String(8))
    published: Mapped[date | None] = mapped_column(Date)
    # When it was published, as precisely as known, and where that came from (manifest,
    # html metadata, dateline): figures from different times are updates, not conflicts.
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    published_precision: Mapped[str | None] = mapped_column(String(8))  # day | minute
    published_from: Mapped[str | None] = mapped_column(String(16))
    # Where it was published (sources.toml or the upload form), shown as a link.
    url: Mapped[str | None] = mapped_column(String(2048))
    # "analysed", or "refused" with the reason (an article in a language not analysed).
    status: Mapped[str] = mapped_column(String(16), default="analysed", index=True)
    status_note: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    source: Mapped[Source] = relationship(back_populates="articles")
    sentences: Mapped[list[Sentence]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True
    )
    claims: Mapped[list[Claim]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True
    )

    # The same text from two outlets (a republished agency story) is two articles.
    __table_args__ = (UniqueConstraint("source_id", "content_hash"),)


class Sentence(Base):
    __tablename__ = "sentences"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)

    article: Mapped[Article] = relationship(back_populates="sentences")

    __table_args__ = (UniqueConstraint("article_id", "position"),)


class Claim(Base):
    """A checkable assertion: an exact character span of its article."""

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    sentence_id: Mapped[int | None] = mapped_column(
        ForeignKey("sentences.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    certainty: Mapped[str] = mapped_column(String(16), index=True)
    certainty_cue: Mapped[str | None] = mapped_column(Text)
    attributed_to: Mapped[str | None] = mapped_column(Text)
    # Content lemmas, space-separated: lets comparison rerun without spaCy.
    lemmas: Mapped[str] = mapped_column(Text, default="")
    # Hash of the outlet's key and the normalised claim text: survives re-ingest and renames.
    fingerprint: Mapped[str] = mapped_column(String(40), index=True)

    article: Mapped[Article] = relationship(back_populates="claims")
    sentence: Mapped[Sentence | None] = relationship()
    values: Mapped[list[ClaimValue]] = relationship(
        back_populates="claim", cascade="all, delete-orphan", passive_deletes=True
    )
    topics: Mapped[list[Topic]] = relationship(secondary="claim_topics", viewonly=True)
    propositions: Mapped[list[ClaimProposition]] = relationship(
        back_populates="claim", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (Index("ix_claims_article_id_start", "article_id", "start"),)


class ClaimProposition(Base):
    """Something a claim states, as a (predicate, argument) pair of concepts, with the
    certainty the claim gives it: claims are compared on certainty only through these."""

    __tablename__ = "claim_propositions"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(300), index=True)
    head_word: Mapped[str] = mapped_column(String(200))
    arg_word: Mapped[str] = mapped_column(String(200))
    agent: Mapped[str] = mapped_column(String(200), default="")
    certainty: Mapped[str] = mapped_column(String(16))
    party: Mapped[str | None] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)

    claim: Mapped[Claim] = relationship(back_populates="propositions")


class ClaimValue(Base):
    """A normalised value found in a claim: an interval, ``None`` for an open end."""

    __tablename__ = "claim_values"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    low: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(60))
    text: Mapped[str] = mapped_column(Text)
    # Character offsets into the article, for highlighting the value in its sentence.
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    # Lemmas of what the value measures (its syntactic anchor), space-separated.
    anchor: Mapped[str] = mapped_column(Text, default="")
    # The figure as written, its bound ("more_than", "about"...) and the precision it is
    # stated with ("siete horas": 3600 s), for reading bounds pragmatically.
    nominal: Mapped[float | None] = mapped_column(Float)
    bound: Mapped[str | None] = mapped_column(String(20))
    step: Mapped[float | None] = mapped_column(Float)
    # What it measures (a concept key), the word that says so, and what narrows it.
    measured: Mapped[str] = mapped_column(String(200), default="")
    measured_word: Mapped[str] = mapped_column(String(200), default="")
    aspect: Mapped[str] = mapped_column(String(10), default="level")  # level | change
    restriction: Mapped[str] = mapped_column(String(100), default="")
    # Where, whose, which part or event it is about ("at:alhaouz", "of:pp", "part").
    scope: Mapped[list] = mapped_column(JSON, default=list)
    modality: Mapped[str] = mapped_column(String(16), default="actual")
    certainty: Mapped[str] = mapped_column(String(16), default="asserted")
    party: Mapped[str | None] = mapped_column(Text)

    claim: Mapped[Claim] = relationship(back_populates="values")


class Entity(Base):
    """A named entity with its spelling variants merged under one canonical name."""

    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    label: Mapped[str] = mapped_column(String(20))
    # Accent-, case- and punctuation-free form used to merge variants.
    key: Mapped[str] = mapped_column(String(300))

    __table_args__ = (UniqueConstraint("key", "label"),)


class EntityMention(Base):
    __tablename__ = "entity_mentions"

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), index=True
    )
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    claim_id: Mapped[int | None] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)

    entity: Mapped[Entity] = relationship()
    claim: Mapped[Claim | None] = relationship()


class Topic(Base):
    __tablename__ = "topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    label: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    # conflict | agreement | mixed | single-source, recomputed with the findings.
    status: Mapped[str] = mapped_column(String(20), default="single-source")
    # The topic's spec from topics.toml (cues, value kinds...), so articles added
    # later through the web are matched against the same definition.
    definition: Mapped[dict] = mapped_column(JSON, default=dict)
    # "defined" (topics.toml) or "discovered" (found in the corpus by the engine).
    origin: Mapped[str] = mapped_column(String(16), default="defined")
    # The folder whose topics.toml defines it: a topic taken out of that file (or the file
    # removed) is deleted when the folder is read again. None for discovered topics.
    defined_in: Mapped[str | None] = mapped_column(String(1024))


class ClaimTopic(Base):
    __tablename__ = "claim_topics"

    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    )
    topic_id: Mapped[int] = mapped_column(
        ForeignKey("topics.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    # How many distinct cues of the topic the claim contains, and which.
    score: Mapped[int] = mapped_column(Integer, default=1)
    cues: Mapped[str] = mapped_column(Text, default="")
    # Certainty of what the claim says about this topic (around the cues), which can
    # differ from the claim's overall certainty: comparison on the topic uses this one.
    certainty: Mapped[str] = mapped_column(String(16), default="asserted", index=True)


class Finding(Base):
    """Agreement or conflict between two claims of different sources on one topic."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)  # conflict | dispute | …
    severity: Mapped[str | None] = mapped_column(String(10), index=True)  # hard | soft
    # What was compared: a value kind ("duration", "weekday"...) or "certainty".
    basis: Mapped[str] = mapped_column(String(20))
    claim_a_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    claim_b_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    # The two values compared (null for certainty findings): what charts and highlights show.
    value_a_id: Mapped[int | None] = mapped_column(
        ForeignKey("claim_values.id", ondelete="CASCADE")
    )
    value_b_id: Mapped[int | None] = mapped_column(
        ForeignKey("claim_values.id", ondelete="CASCADE")
    )
    explanation: Mapped[str] = mapped_column(Text)
    # What was compared: a value slot ("count|death||actual") or a proposition key.
    slot: Mapped[str] = mapped_column(String(400), default="")
    # Why two values agree or differ beyond the kind: "different precision", "update"...
    note: Mapped[str] = mapped_column(Text, default="")
    # The certainties compared (certainty findings) and who each side attributes it to.
    certainty_a: Mapped[str | None] = mapped_column(String(16))
    certainty_b: Mapped[str | None] = mapped_column(String(16))
    party_a: Mapped[str | None] = mapped_column(Text)
    party_b: Mapped[str | None] = mapped_column(Text)
    # What the finding means (app/services/identity.py): stable across re-ingests.
    fingerprint: Mapped[str] = mapped_column(String(40), unique=True)
    # Its place among all findings, most urgent first (queries.findings.urgency_order):
    # pages walk an index on it instead of sorting every finding. Set by
    # queries.rank_findings whenever findings or topic labels change.
    urgency: Mapped[int] = mapped_column(Integer, default=0, server_default="0", index=True)

    # The pages' filters (a topic, a kind, a severity), each walked in urgency order.
    __table_args__ = (
        Index("ix_findings_topic_id_urgency", "topic_id", "urgency"),
        Index("ix_findings_kind_urgency", "kind", "urgency"),
        Index("ix_findings_severity_urgency", "severity", "urgency"),
    )

    topic: Mapped[Topic] = relationship()
    claim_a: Mapped[Claim] = relationship(foreign_keys=[claim_a_id])
    claim_b: Mapped[Claim] = relationship(foreign_keys=[claim_b_id])
    value_a: Mapped[ClaimValue | None] = relationship(foreign_keys=[value_a_id])
    value_b: Mapped[ClaimValue | None] = relationship(foreign_keys=[value_b_id])


class FindingKey(Base):
    """Every fingerprint a finding has had, with the id it was given. A finding found again
    (its article re-ingested or re-analysed) gets its id back, and only a fingerprint never
    seen before is a new finding."""

    __tablename__ = "finding_keys"

    fingerprint: Mapped[str] = mapped_column(String(40), primary_key=True)
    finding_id: Mapped[int] = mapped_column(Integer, index=True)


class DerivedState(Base):
    """Where a step derived from the stored articles stands (``step``: "topic-match", the
    claims' links to defined topics; "findings", topics' findings and statuses).

    ``pending_since`` is set in the same transaction as whatever makes the step owed (new
    topic definitions, a stored article) and cleared in the one that completes it, so work
    a crash interrupted is found and finished by the next run. ``computed_with`` is what the
    topic match was last computed from (engine version, topic definitions), so a new engine
    or changed definitions are noticed even when no article changed.
    """

    __tablename__ = "derived_state"

    step: Mapped[str] = mapped_column(String(32), primary_key=True)
    computed_with: Mapped[str] = mapped_column(String(200), default="")
    pending_since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reason: Mapped[str] = mapped_column(Text, default="")


# --- Reviews and user flags (dashboard) ---------------------------------------------------
# Keyed on fingerprints, never on row ids: re-ingest replaces claim and finding rows.
# Each row also keeps a text snapshot, so it stays readable if the analysis stops
# producing the finding or claim it points at.


class Review(Base):
    """A reviewer's verdict on a finding; the newest review of a finding is its state."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    finding_fingerprint: Mapped[str] = mapped_column(String(40), index=True)
    topic_slug: Mapped[str] = mapped_column(String(100))
    verdict: Mapped[str] = mapped_column(String(16))  # confirmed | dismissed
    reviewer: Mapped[str] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(Text, default="")
    explanation: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Flag(Base):
    """A contradiction between two claims of one topic, flagged by a reviewer.

    The pair is stored in fingerprint order, so flagging A against B equals B against A.
    """

    __tablename__ = "flags"

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_slug: Mapped[str] = mapped_column(String(100), index=True)
    claim_a_fingerprint: Mapped[str] = mapped_column(String(40), index=True)
    claim_b_fingerprint: Mapped[str] = mapped_column(String(40), index=True)
    claim_a_text: Mapped[str] = mapped_column(Text)
    claim_b_text: Mapped[str] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (
        UniqueConstraint("topic_slug", "claim_a_fingerprint", "claim_b_fingerprint", "reviewer"),
    )
