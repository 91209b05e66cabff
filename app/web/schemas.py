"""Pydantic models of the JSON API: they document it in the OpenAPI schema at /docs.

They read the dashboard's view dataclasses directly (``from_attributes``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from app.services.errors import MAX_ID
from app.services.review import FINGERPRINT_CHARS, MAX_NOTE_CHARS, MAX_REVIEWER_CHARS

# Text the API accepts: never a NUL (no name, slug or note needs one, and PostgreSQL text
# cannot hold it); a name also needs one character that is not blank (what str.split()
# drops, spelled out so every regex engine reads the class the same way). The patterns
# declare what the services check, which refuse with a message naming the field.
NO_NUL = r"^[^\x00]*$"
_BLANK = r"\x00\t-\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
NOT_BLANK = rf"^[^\x00]*[^{_BLANK}][^\x00]*$"


def _as_utc(moment: datetime) -> datetime:
    # Times are stored in UTC; SQLite hands them back without their zone.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


UtcDatetime = Annotated[datetime, AfterValidator(_as_utc)]


def declared(pattern: str) -> dict[str, Any]:
    return {"json_schema_extra": {"pattern": pattern}}


Certainty = Literal["asserted", "hedged", "denied"]
# On a topic, a claim may also only mention what the topic is about.
TopicCertainty = Literal["asserted", "hedged", "denied", "mentioned"]
# "gap": none of the sources asked for says anything on the topic.
TopicStatus = Literal["conflict", "dispute", "mixed", "update", "agreement", "single-source", "gap"]
Verdict = Literal["confirmed", "dismissed"]


class ErrorOut(BaseModel):
    """A refusal: what is wrong, and the field (or file) at fault when there is one."""

    detail: str
    field: str | None = Field(None, description="The offending field, when one is named.")


class ValidationIssueOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    loc: list[str | int] = Field(description="Where: body, query or path, then the field.")
    msg: str
    type: str
    input: Any = None


class ValidationErrorOut(BaseModel):
    """The request does not fit the schema: one issue per problem."""

    detail: list[ValidationIssueOut]


class Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class SourceRefOut(Out):
    id: int
    name: str


class TopicRefOut(Out):
    slug: str
    label: str


class SourceOut(Out):
    source: SourceRefOut
    articles: int
    claims: int
    conflicts: int = Field(description="Conflicts this source takes part in.")
    agreements: int


class ValueOut(Out):
    kind: str = Field(description="duration (unit s), count, date, weekday (ISO 1-7), year…")
    text: str = Field(description="The value as written in the article.")
    label: str = Field(description="The normalised value in words.")
    low: float | None = Field(description="Lower end; null when open.")
    high: float | None = Field(description="Upper end; null when open.")
    unit: str
    measured: str = Field("", description="What it measures (a concept key: death, depth…).")
    measured_word: str = Field("", description="The article's word for it.")
    scope: list[str] = Field(
        default_factory=list,
        description='Where, whose, which part: "at:<place>", "of:<owner>", "part", "whole", '
        '"event:<event>", "year:<year>", "secondary" (another event)…',
    )
    modality: Literal["actual", "expected", "limit", "requested"] = "actual"
    bound: str | None = Field(None, description="more_than, about…; null: a plain figure.")
    context: list[str] = Field(
        default_factory=list, description='Scope and modality in words ("in Al Haouz").'
    )


class ClaimTopicOut(Out):
    slug: str
    label: str
    certainty: TopicCertainty = Field(description="Of what the claim says about this topic.")


class ClaimOut(Out):
    id: int
    fingerprint: str = Field(description="Stable across re-ingests of the same text.")
    source: SourceRefOut
    article_id: int
    start: int = Field(description="Character offset into the article text.")
    end: int
    text: str
    certainty: Certainty = Field(description="Of the sentence's main statement.")
    topic_certainty: TopicCertainty | None = Field(
        None,
        description="Of what the claim says about the topic it is listed under (a topic's "
        "claims, a finding's claims, claims?topic=): the certainty findings compare. Null "
        "outside a topic; see `topics` for each of its topics.",
    )
    certainty_cue: str | None
    attributed_to: str | None
    values: list[ValueOut]
    topics: list[ClaimTopicOut]
    published: str | None = Field(None, description="When its article was published.")


class ReviewStateOut(Out):
    verdict: Verdict
    reviewer: str
    note: str
    created_at: UtcDatetime


class FindingOut(Out):
    id: int
    fingerprint: str = Field(description="Stable across re-ingests; send it when reviewing.")
    topic: TopicRefOut
    kind: Literal["conflict", "dispute", "update", "agreement"] = Field(
        description="conflict (outlets contradict each other), dispute (parties give "
        "different figures), update (a later figure supersedes an earlier one: claim_a is "
        "the earlier) or agreement."
    )
    severity: Literal["hard", "soft"] | None = Field(description="Not for agreements.")
    basis: str = Field(description="The value kind compared, or 'certainty'.")
    explanation: str
    slot_key: str = Field(description="The value slot or proposition compared.")
    slot_label: str = Field(description="What was compared, in words.")
    note: str = Field(description='"different precision", "X states the police\'s figure…"')
    certainties: list[str | None] = Field(description="The certainties compared (a, b).")
    parties: list[str | None] = Field(description="Whom each side attributes it to (a, b).")
    claim_a: ClaimOut
    claim_b: ClaimOut
    value_a: ValueOut | None = Field(description="The value of claim_a compared; null: certainty.")
    value_b: ValueOut | None = Field(description="The value of claim_b compared; null: certainty.")
    state: Literal["open", "confirmed", "dismissed"] = Field(description="The newest review's.")
    review: ReviewStateOut | None


class FlagOut(BaseModel):
    topic: str
    claim_fingerprints: list[str]
    claim_ids: list[int | None] = Field(description="Current claim ids; null if no longer found.")
    claim_texts: list[str]
    reviewer: str
    note: str
    created_at: UtcDatetime


STATUS_HELP = "With `source`, between those sources (gap: none of them says anything)."


class TopicOut(Out):
    topic: TopicRefOut
    description: str
    status: TopicStatus = Field(description=STATUS_HELP)
    origin: Literal["discovered", "defined"] = Field(
        description="discovered (found in the corpus) or defined (topics.toml)."
    )
    claim_count: int
    source_count: int
    conflicts: int
    hard_conflicts: int
    open_conflicts: int
    agreements: int
    disputes: int
    updates: int


class MatrixCellOut(Out):
    topic: TopicRefOut
    status: Literal["conflict", "dispute", "update", "agreement", "mixed", "uncompared", "gap"] = (
        Field(description="uncompared: said but nothing to compare; gap: not mentioned.")
    )
    text: str
    claim_count: int


class MatrixRowOut(Out):
    source: SourceRefOut
    cells: list[MatrixCellOut]


class TopicDetailOut(BaseModel):
    topic: TopicRefOut
    description: str
    status: TopicStatus = Field(description=STATUS_HELP)
    origin: Literal["discovered", "defined"]
    claims: list[ClaimOut] = Field(description="topic_certainty is each claim's on this topic.")
    conflicts: list[FindingOut]
    disputes: list[FindingOut]
    updates: list[FindingOut]
    agreements: list[FindingOut]
    flags: list[FlagOut]


class PageOut(BaseModel):
    total: int
    page: int
    pages: int


class ClaimPageOut(PageOut):
    items: list[ClaimOut]


class FindingPageOut(PageOut):
    items: list[FindingOut]


class ArticleOut(Out):
    id: int
    title: str | None
    path: str
    language: str
    published: str | None
    published_at: str | None = Field(description="As precisely as known.")
    published_from: str | None = Field(description="manifest, html or dateline.")
    url: str | None = Field(description="Where it was published, when given.")
    status: Literal["analysed", "refused"] = Field(description="refused: see status_note.")
    status_note: str
    text: str


class SourceDetailOut(BaseModel):
    source: SourceRefOut
    articles: list[ArticleOut]
    claims: list[ClaimOut]


class ReviewOut(BaseModel):
    finding_fingerprint: str
    finding_id: int | None = Field(description="The finding now; null if no longer produced.")
    topic: str
    verdict: Verdict
    reviewer: str
    note: str
    explanation: str = Field(description="The finding's explanation when it was reviewed.")
    created_at: UtcDatetime


class ReviewLogOut(BaseModel):
    reviews: list[ReviewOut]
    flags: list[FlagOut]


NoteIn = Annotated[str, Field(max_length=MAX_NOTE_CHARS, **declared(NO_NUL))]
ReviewerIn = Annotated[str, Field(max_length=MAX_REVIEWER_CHARS, **declared(NOT_BLANK))]


class ReviewIn(BaseModel):
    verdict: Verdict
    fingerprint: str = Field(
        description="The finding's fingerprint as read: refused (409) if the id now names "
        "another finding.",
        max_length=FINGERPRINT_CHARS,
        **declared(NOT_BLANK),
    )
    note: NoteIn = ""
    reviewer: ReviewerIn = Field(description="Who reviews; required.")


class FlagIn(BaseModel):
    topic: str = Field(
        description="Slug of the topic both claims belong to.", max_length=200, **declared(NO_NUL)
    )
    other_claim_id: int = Field(description="The claim this one conflicts with.", ge=1, le=MAX_ID)
    note: NoteIn = ""
    reviewer: ReviewerIn = Field(description="Who flags; required.")


class SearchOut(BaseModel):
    query: str
    backend: Literal["fts5", "postgresql", "like"] = Field(
        description="fts5 on SQLite, postgresql (full-text, unaccent) on PostgreSQL."
    )
    total: int
    page: int
    pages: int
    claims: list[ClaimOut]
