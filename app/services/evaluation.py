"""``cotejo eval``: run the engine on evaluation corpora and score it against their gold.

Each corpus is ingested into a fresh database exactly as a user would (no topics file),
then its findings are matched to the gold's: a finding matches a gold entry when its two
claims contain the entry's quotes (in either order) and, for value findings, the compared
values lie within the quotes. A side may also be another sentence of the same outlet that
gives the quote's figure, or states the quote's proposition with the same certainty: the
engine reports one finding per pair of outlets, and a headline that repeats the body is
the same report. Precision counts every finding the engine reports; a
finding matching an ``[[optional]]`` entry counts neither way.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from spacy.language import Language
from sqlalchemy.orm import Session

from app.db import queries
from app.db.session import open_database
from app.services.gold import Gold, GoldFinding, Ref, load_gold
from app.services.ingest import ingest_paths

GOLD_FILE = "gold.toml"
CATEGORIES = ("hard", "soft", "conflict", "update", "dispute")
# Figures agree within this relative tolerance; "unos 40" may widen by at most this share.
REL_TOL = 1e-3
APPROX_WIDTH = 0.3
EPOCH = date(1970, 1, 1)


@dataclass(frozen=True, slots=True)
class Produced:
    id: int
    category: str  # hard | soft | update | dispute | agreement
    claim_a: int
    claim_b: int
    span_a: tuple[int, int] | None  # the compared value, in article offsets
    span_b: tuple[int, int] | None
    explanation: str
    figure_a: tuple | None = None  # (kind, low, high) of the compared value
    figure_b: tuple | None = None
    statement_a: tuple[str, str] | None = None  # (proposition key, certainty) compared
    statement_b: tuple[str, str] | None = None


@dataclass(frozen=True, slots=True)
class ClaimText:
    id: int
    source: str
    text: str
    start: int


@dataclass(slots=True)
class Tally:
    true: int = 0  # reported and in the gold
    reported: int = 0  # reported, optional ones excluded
    found: int = 0  # gold entries found
    gold: int = 0

    @property
    def precision(self) -> float | None:
        return self.true / self.reported if self.reported else None

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    def add(self, other: Tally) -> None:
        self.true += other.true
        self.reported += other.reported
        self.found += other.found
        self.gold += other.gold


@dataclass(slots=True)
class Score:
    name: str
    tallies: dict[str, Tally] = field(default_factory=lambda: {c: Tally() for c in CATEGORIES})
    traps: int = 0
    traps_flagged: int = 0
    values: Tally = field(default_factory=Tally)
    certainty: Tally = field(default_factory=Tally)
    topics: Tally = field(default_factory=Tally)
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for category in CATEGORIES:
            self.tallies[category].add(other.tallies[category])
        self.traps += other.traps
        self.traps_flagged += other.traps_flagged
        for mine, theirs in ((self.values, other.values), (self.certainty, other.certainty),
                             (self.topics, other.topics)):  # fmt: skip
            mine.add(theirs)
        self.misses.extend(other.misses)


def find_corpora(path: Path) -> list[Path]:
    """The corpus folders at or below ``path``: those holding a gold.toml."""
    if (path / GOLD_FILE).is_file():
        return [path]
    return sorted(p.parent for p in path.rglob(GOLD_FILE))


class Matcher:
    """Finds the claims and values a gold reference points at.

    A finding's side matches a reference when its claim contains the quote (and its value
    lies within it), or when it compares the very figure the quote gives, in another
    sentence of the same outlet: a headline repeating the body's toll is the same report.
    """

    def __init__(
        self,
        claims: Sequence[ClaimText],
        values: dict[int, list] | None = None,
        propositions: dict[int, set[tuple[str, str]]] | None = None,
    ):
        self.by_source: dict[str, list[ClaimText]] = {}
        self.source_of: dict[int, str] = {}
        for claim in claims:
            self.by_source.setdefault(claim.source, []).append(claim)
            self.source_of[claim.id] = claim.source
        self.values = values or {}
        self.propositions = propositions or {}

    def spans(self, ref: Ref) -> dict[int, list[tuple[int, int]]]:
        """Claim id -> where the quote sits in it (article offsets)."""
        found: dict[int, list[tuple[int, int]]] = {}
        for claim in self.by_source.get(ref.source, []):
            text = claim.text
            at = text.find(ref.quote)
            if at < 0:
                continue
            while at >= 0:
                found.setdefault(claim.id, []).append(
                    (claim.start + at, claim.start + at + len(ref.quote))
                )
                at = text.find(ref.quote, at + 1)
        return found

    def figures(self, ref: Ref) -> set[tuple]:
        """(kind, low, high) of the values inside a quote."""
        found = set()
        for claim_id, places in self.spans(ref).items():
            for v in self.values.get(claim_id, []):
                if any(s < v.end and v.start < e for s, e in places):
                    found.add((v.kind, v.low, v.high))
        return found

    def statements(self, ref: Ref) -> set[tuple[str, str]]:
        """(proposition key, certainty) of what the quote's claims state."""
        found: set[tuple[str, str]] = set()
        for claim_id in self.spans(ref):
            found |= self.propositions.get(claim_id, set())
        return found

    def side(
        self,
        ref: Ref,
        claim: int,
        span: tuple[int, int] | None,
        figure: tuple | None,
        statement: tuple[str, str] | None = None,
    ) -> bool:
        places = self.spans(ref).get(claim)
        if places is not None and (
            span is None or any(s < span[1] and span[0] < e for s, e in places)
        ):
            return True
        if self.source_of.get(claim) != ref.source:
            return False
        return (figure is not None and figure in self.figures(ref)) or (
            statement is not None and statement in self.statements(ref)
        )

    def matches(self, produced: Produced, gold: GoldFinding) -> bool:
        side_a = (produced.claim_a, produced.span_a, produced.figure_a, produced.statement_a)
        side_b = (produced.claim_b, produced.span_b, produced.figure_b, produced.statement_b)
        for a, b in ((gold.a, gold.b), (gold.b, gold.a)):
            if self.side(a, *side_a) and self.side(b, *side_b):
                return True
        return False


def _category(gold: GoldFinding) -> str:
    return gold.severity if gold.kind == "conflict" else gold.kind  # type: ignore[return-value]


def score_findings(
    gold: Gold, produced: Sequence[Produced], matcher: Matcher, score: Score
) -> None:
    entries = [g for g in gold.findings if g.kind not in ("trap", "optional", "agreement")]
    optional = [g for g in gold.findings if g.kind == "optional"]
    traps = [g for g in gold.findings if g.kind == "trap"]
    for category in CATEGORIES:
        tally = score.tallies[category]
        if category == "conflict":
            wanted = [g for g in entries if g.kind == "conflict"]
            mine = [p for p in produced if p.category in ("hard", "soft")]
        else:
            wanted = [g for g in entries if _category(g) == category]
            mine = [p for p in produced if p.category == category]
        tally.gold += len(wanted)
        for p in mine:
            if any(matcher.matches(p, g) for g in wanted):
                tally.true += 1
                tally.reported += 1
            elif not any(matcher.matches(p, g) for g in optional):
                tally.reported += 1
                if category in ("hard", "soft", "update", "dispute"):
                    score.misses.append(f"{score.name}: false {category}: {p.explanation}")
        for g in wanted:
            if any(matcher.matches(p, g) for p in mine):
                tally.found += 1
            elif category != "conflict":
                score.misses.append(
                    f"{score.name}: missed {category} {g.id}: {g.a.source} «{g.a.quote}» vs "
                    f"{g.b.source} «{g.b.quote}»"
                )
    conflicts = [p for p in produced if p.category in ("hard", "soft")]
    score.traps += len(traps)
    for trap in traps:
        if any(matcher.matches(p, trap) for p in conflicts):
            score.traps_flagged += 1
            score.misses.append(f"{score.name}: trap flagged {trap.id}")


def _close(x: float | None, y: float | None) -> bool:
    if x is None or y is None:
        return x is None and y is None
    return abs(x - y) <= max(abs(y) * REL_TOL, 1e-6)


def score_values(gold: Gold, session: Session, matcher: Matcher, score: Score) -> None:
    values = queries.select_values_for_evaluation(session)
    for entry in gold.values:
        score.values.gold += 1
        places = matcher.spans(entry.ref)
        candidates = [
            v
            for claim_id, spans in places.items()
            for v in values.get(claim_id, [])
            if any(s < v.end and v.start < e for s, e in spans)
        ]
        if any(_value_matches(entry, v) for v in candidates):
            score.values.found += 1
        else:
            shown = [f"{v.kind}[{v.low}, {v.high}] «{v.text}»" for v in candidates] or ["nothing"]
            score.misses.append(
                f"{score.name}: value {entry.kind} [{entry.low}, {entry.high}] "
                f"«{entry.ref.quote}» read as {'; '.join(shown)}"
            )


def _value_matches(entry, value) -> bool:
    kind = value.kind
    if entry.kind != kind and not (entry.kind == "date" and kind in ("date", "year")):
        if not (entry.kind == "weekday" and kind == "date" and value.low == value.high):
            return False
        # A weekday the engine resolved to a date against the article's publication date.
        weekday = (EPOCH + timedelta(days=int(value.low))).isoweekday()
        return entry.low == weekday
    if entry.approx and entry.low is not None and value.low is not None and value.high is not None:
        width = value.high - value.low
        return (
            value.low <= entry.low <= value.high and width <= APPROX_WIDTH * abs(entry.low) + 1e-9
        )
    return _close(value.low, entry.low) and _close(value.high, entry.high)


def score_certainty(gold: Gold, session: Session, matcher: Matcher, score: Score) -> None:
    """The certainty a claim gives its statement: on its topics when it is in any (the
    one findings compare), else its sentence's."""
    on_topics = queries.select_topic_certainties(session)
    sentence = queries.select_claim_certainties(session)
    for entry in gold.certainties:
        score.certainty.gold += 1
        claims = list(matcher.spans(entry.ref))
        labels = {label for c in claims for label in on_topics.get(c, [])}
        labels |= {sentence[c] for c in claims if c in sentence and not on_topics.get(c)}
        if entry.certainty in labels:
            score.certainty.found += 1
        else:
            score.misses.append(
                f"{score.name}: certainty «{entry.ref.quote}» is {entry.certainty}, read as "
                f"{sorted(labels) or 'no claim'}"
            )


def score_topics(gold: Gold, session: Session, matcher: Matcher, score: Score) -> None:
    """Pairs of claims (of different outlets) that share a gold topic should share a
    discovered topic; pairs across gold topics should not."""
    topics_of = queries.select_claim_topic_ids(session)
    members = [
        [(ref.source, c) for ref in refs for c in matcher.spans(ref)] for refs in gold.topics
    ]
    for index, group in enumerate(members):
        for i, (source_a, a) in enumerate(group):
            for source_b, b in group[i + 1 :]:
                if source_a == source_b or a == b:
                    continue
                score.topics.gold += 1
                if topics_of.get(a, set()) & topics_of.get(b, set()):
                    score.topics.found += 1
                    score.topics.true += 1
                    score.topics.reported += 1
        for other in members[index + 1 :]:
            for source_a, a in group:
                for source_b, b in other:
                    if source_a != source_b and topics_of.get(a, set()) & topics_of.get(b, set()):
                        score.topics.reported += 1


def evaluate_corpus(folder: Path, nlp: Language) -> Score:
    gold = load_gold(folder / GOLD_FILE)
    score = Score(str(folder))
    with tempfile.TemporaryDirectory(prefix="cotejo-eval-") as work:
        session_factory = open_database(f"sqlite:///{Path(work) / 'eval.sqlite3'}")
        ingest_paths(session_factory, nlp, [folder])
        with session_factory() as session:
            claims = [ClaimText(*row) for row in queries.select_claim_texts(session)]
            matcher = Matcher(
                claims,
                queries.select_values_for_evaluation(session),
                queries.select_propositions_for_evaluation(session),
            )
            produced = [Produced(*row) for row in queries.select_findings_for_evaluation(session)]
            score_findings(gold, produced, matcher, score)
            score_values(gold, session, matcher, score)
            score_certainty(gold, session, matcher, score)
            score_topics(gold, session, matcher, score)
        session_factory.kw["bind"].dispose()
    return score


def evaluate(paths: Iterable[Path], nlp: Language) -> list[Score]:
    return [evaluate_corpus(folder, nlp) for path in paths for folder in find_corpora(path)]


def _ratio(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


def score_row(score: Score) -> dict[str, object]:
    """One score as plain data: the keys of ``cotejo eval --json`` and of its table."""
    row: dict[str, object] = {"corpus": score.name}
    for category in CATEGORIES:
        tally = score.tallies[category]
        row[f"{category}_precision"] = _ratio(tally.precision)
        row[f"{category}_recall"] = _ratio(tally.recall)
        row[f"{category}_reported"] = tally.reported
        row[f"{category}_gold"] = tally.gold
    row["traps_flagged"] = score.traps_flagged
    row["traps"] = score.traps
    row["values_recall"] = _ratio(score.values.recall)
    row["certainty_accuracy"] = _ratio(score.certainty.recall)
    row["topic_pairs_recall"] = _ratio(score.topics.recall)
    row["topic_pairs_precision"] = _ratio(score.topics.precision)
    return row


def total(name: str, scores: Iterable[Score]) -> Score:
    result = Score(name)
    for score in scores:
        result.add(score)
    return result
