"""Topics found in the corpus itself, with no topics file.

- A **value topic** is what a corpus measures: its slots grouped by what is measured
  ("muertos", "profundidad", "reunión: duration"), whatever their scope. It exists when
  at least two outlets (or one outlet at two moments) give such a value.
- A **statement topic** is a proposition at least two outlets state and at least one
  qualifies (hedges or denies): propositions that share most of their claims are one
  topic ("intercambio de armas").

A ``topics.toml``, when given, adds labels: a discovered topic most of whose claims
already belong to a defined topic (by its cues) takes that topic's slug and label.
Names come from the articles' own words; slugs from the topic's identity, so they stay
put while the corpus grows.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from unidecode import unidecode

from app.compare.facts import ClaimFacts, TopicFacts
from app.compare.joined import Joined
from app.compare.slots import SlotEntry, SlotKey
from app.compare.statements import DENIED, MENTIONED, StatementEntry
from app.nlp.proposition_keys import CAUSE, EFFECT_MARK

# A discovered topic joins a defined one when at least this share of its claims is there.
MERGE_SHARE = 0.5
# Propositions sharing at least this share of the smaller one's claims are one topic.
SAME_STATEMENT_SHARE = 0.5
KIND_LABELS = {
    "when": "date",
    "count": "count",
    "duration": "duration",
    "percent": "percentage",
    "percentage_points": "percentage points",
    "time": "time of day",
    "length": "length",
    "speed": "speed",
    "area": "area",
    "volume": "volume",
    "flow": "flow",
    "concentration": "concentration",
    "mass": "mass",
    "temperature": "temperature",
    "precipitation": "rainfall",
    "money": "amount",
    "magnitude": "magnitude",
    "ordinal": "rank",
}
_SLUG_CHARS = re.compile(r"[^a-z0-9]+")


@dataclass(slots=True)
class TopicPlan:
    slug: str
    label: str
    description: str
    origin: str  # discovered | defined
    kind: str  # value | statement
    slots: list[SlotKey] = field(default_factory=list)
    statements: list[str] = field(default_factory=list)
    # Claim id -> the certainty of what it says about the topic.
    certainty: dict[int, str] = field(default_factory=dict)


def slugify(text: str, identity: str) -> str:
    base = _SLUG_CHARS.sub("-", unidecode(text).lower()).strip("-")[:60].strip("-")
    digest = hashlib.sha1(identity.encode()).hexdigest()[:6]
    return f"{base}-{digest}" if base else digest


_RANK = {"denied": 0, "hedged": 1, "asserted": 2, MENTIONED: 3}


def strongest(labels: Sequence[str]) -> str:
    """The most qualified certainty: a claim that denies part of a topic denies it."""
    return min(labels, key=lambda label: _RANK.get(label, len(_RANK)))


def _outlets_or_moments(claims: Sequence[ClaimFacts]) -> bool:
    if len({c.source for c in claims}) >= 2:
        return True
    moments = {c.published for c in claims if c.published is not None}
    return len({c.article for c in claims}) >= 2 and len(moments) >= 2


def value_topics(slots: Mapping[SlotKey, list[SlotEntry]]) -> list[TopicPlan]:
    grouped: dict[str, list[SlotKey]] = {}
    for key in slots:
        grouped.setdefault(key.topic_key, []).append(key)
    topics = []
    for topic_key, keys in sorted(grouped.items()):
        entries = [e for k in keys for e in slots[k]]
        if not _outlets_or_moments([e.claim for e in entries]):
            continue
        words = Counter(e.value.measured_word.lower() for e in entries if e.value.measured_word)
        word = words.most_common(1)[0][0] if words else keys[0].measured
        kind_label = KIND_LABELS.get(keys[0].family, keys[0].family)
        label = f"{word.capitalize()}: {kind_label}"
        plan = TopicPlan(
            slug=slugify(label, topic_key),
            label=label,
            description=f"What the outlets report as {word} ({kind_label}).",
            origin="discovered",
            kind="value",
            slots=sorted(keys, key=lambda k: k.text),
        )
        for entry in entries:
            previous = plan.certainty.get(entry.claim.id)
            labels = [entry.value.certainty, *([previous] if previous else [])]
            plan.certainty[entry.claim.id] = strongest(labels)
        topics.append(plan)
    return topics


def story_cause(key: str, story: frozenset[str]) -> str:
    """ "cause@fire>rayo" in a fire's coverage is what caused the story's event:
    "cause>rayo", whatever word names it (``story``: the main event, the words for it, and
    "" for a clause that leaves it out). The cause of anything else keeps its effect."""
    head, _, argument = key.partition(">")
    cause, mark, effect = head.partition(EFFECT_MARK)
    if cause != CAUSE or not mark or effect not in story:
        return key
    return f"{CAUSE}>{argument}"


def statement_entries(
    claims: Sequence[ClaimFacts],
    implies: frozenset[tuple[str, str]] = frozenset(),
    story: frozenset[str] = frozenset({""}),
) -> dict[str, list[StatementEntry]]:
    """Claims by proposition key. What a proposition entails is stated with it ("la presa
    colapsó" also says "la presa sufrió daños"), but not what it denies: denying a
    collapse is not denying damage."""
    entailed: dict[str, set[str]] = {}
    for concept, other in implies:
        entailed.setdefault(concept, set()).add(other)
    found: dict[str, list[StatementEntry]] = {}
    for claim in claims:
        for stated in claim.propositions:
            key = story_cause(stated.key, story)
            proposition = stated if key == stated.key else replace(stated, key=key)
            found.setdefault(proposition.key, []).append(StatementEntry(claim, proposition))
            head, _, argument = proposition.key.partition(">")
            if proposition.certainty == DENIED or not argument:
                continue
            for other in sorted(entailed.get(head, ())):
                derived = replace(proposition, key=f"{other}>{argument}")
                found.setdefault(derived.key, []).append(StatementEntry(claim, derived))
    return found


def _eligible(entries: Sequence[StatementEntry]) -> bool:
    stated = [e for e in entries if e.proposition.certainty != MENTIONED]
    if len({e.claim.source for e in stated}) < 2:
        return False
    return any(e.proposition.certainty in {"hedged", "denied"} for e in stated)


def statement_topics(statements: Mapping[str, list[StatementEntry]]) -> list[TopicPlan]:
    keys = sorted(k for k, entries in statements.items() if _eligible(entries))
    claims_of = {k: {e.claim.id for e in statements[k]} for k in keys}
    joined = Joined(keys)
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            shared = len(claims_of[a] & claims_of[b])
            smaller = min(len(claims_of[a]), len(claims_of[b]))
            if shared >= 2 and shared >= SAME_STATEMENT_SHARE * smaller:
                joined.join(a, b)
    groups: dict[str, list[str]] = {}
    for k in keys:
        groups.setdefault(joined.root(k), []).append(k)
    topics = []
    for members in groups.values():
        main = max(members, key=lambda k: (len(claims_of[k]), k))
        entries = [e for k in members for e in statements[k]]
        label = _statement_label([e for e in statements[main]])
        plan = TopicPlan(
            slug=slugify(label, main),
            label=label,
            description=f"Whether it is so, and how sure each outlet is: {label}.",
            origin="discovered",
            kind="statement",
            statements=sorted(members),
        )
        for entry in entries:
            previous = plan.certainty.get(entry.claim.id)
            labels = [entry.proposition.certainty, *([previous] if previous else [])]
            plan.certainty[entry.claim.id] = strongest(labels)
        topics.append(plan)
    return sorted(topics, key=lambda t: t.slug)


def _statement_label(entries: Sequence[StatementEntry]) -> str:
    heads = Counter(e.proposition.head_word.lower() for e in entries)
    args = Counter(e.proposition.arg_word.lower() for e in entries)
    head, arg = heads.most_common(1)[0][0], args.most_common(1)[0][0]
    return f"{head.capitalize()} · {arg}"


def merge_defined(
    discovered: Sequence[TopicPlan],
    defined: Sequence[TopicFacts],
    members: Mapping[str, set[int]],
) -> list[TopicPlan]:
    """Discovered topics mostly inside a defined topic take its slug and label; defined
    topics are always listed (with their cue-matched claims) even when nothing merged."""
    by_slug = {
        t.slug: TopicPlan(
            t.slug, t.label, "", "defined", "value" if t.requires_value else "statement"
        )
        for t in defined
    }
    result: list[TopicPlan] = []
    for plan in discovered:
        target = _best_defined(plan, defined, members)
        if target is None:
            result.append(plan)
            continue
        merged = by_slug[target.slug]
        merged.slots.extend(plan.slots)
        merged.statements.extend(plan.statements)
        for claim_id, certainty in plan.certainty.items():
            previous = merged.certainty.get(claim_id)
            merged.certainty[claim_id] = strongest([certainty, *([previous] if previous else [])])
    return [*by_slug.values(), *result]


def _best_defined(
    plan: TopicPlan, defined: Sequence[TopicFacts], members: Mapping[str, set[int]]
) -> TopicFacts | None:
    claims = set(plan.certainty)
    best: tuple[float, str] | None = None
    chosen = None
    for topic in defined:
        if plan.kind == "value":
            # A value topic joins only a defined topic that compares its kind of value.
            family = plan.slots[0].family
            kinds = set(topic.value_kinds)
            calendar = {"date", "day", "month", "weekday", "year"}
            fits = family in kinds or (family == "when" and bool(kinds & calendar))
        else:
            fits = not topic.requires_value
        if not fits or not claims:
            continue
        share = len(claims & members.get(topic.slug, set())) / len(claims)
        if share >= MERGE_SHARE and (best is None or (share, topic.slug) > best):
            best, chosen = (share, topic.slug), topic
    return chosen
