"""What export and evaluation read: every row, in a stable order."""

from __future__ import annotations

from sqlalchemy import (
    func,
    select,
)
from sqlalchemy.orm import Session, aliased, joinedload, selectinload

from app.db.models import (
    Article,
    Claim,
    ClaimProposition,
    ClaimTopic,
    ClaimValue,
    Entity,
    EntityMention,
    Finding,
    Sentence,
    Source,
    Topic,
)


def select_articles_for_export(session: Session) -> list[tuple[Article, str]]:
    rows = session.execute(select(Article, Source.name).join(Source).order_by(Article.id))
    return [tuple(row) for row in rows]


def select_claims_for_export(session: Session) -> list[Claim]:
    return list(
        session.scalars(
            select(Claim)
            .options(
                selectinload(Claim.values),
                selectinload(Claim.topics),
                selectinload(Claim.propositions),
            )
            .order_by(Claim.article_id, Claim.start)
        )
    )


def select_sentences_for_export(session: Session) -> dict[int, list[Sentence]]:
    """Article id -> its sentences, in text order."""
    found: dict[int, list[Sentence]] = {}
    for sentence in session.scalars(select(Sentence).order_by(Sentence.article_id, Sentence.id)):
        found.setdefault(sentence.article_id, []).append(sentence)
    return found


def select_entities_for_export(session: Session) -> list[tuple[Entity, list[EntityMention]]]:
    """Every entity with its mentions, both in the order they were stored."""
    mentions: dict[int, list[EntityMention]] = {}
    for mention in session.scalars(select(EntityMention).order_by(EntityMention.id)):
        mentions.setdefault(mention.entity_id, []).append(mention)
    entities = session.scalars(select(Entity).order_by(Entity.id))
    return [(entity, mentions.get(entity.id, [])) for entity in entities]


def select_findings_for_export(session: Session) -> list[Finding]:
    return list(
        session.scalars(select(Finding).options(joinedload(Finding.topic)).order_by(Finding.id))
    )


def select_claim_entities(session: Session) -> dict[int, list[str]]:
    """Canonical entity names mentioned in each claim, variants merged, in text order."""
    rows = session.execute(
        select(EntityMention.claim_id, Entity.name)
        .join(Entity, Entity.id == EntityMention.entity_id)
        .where(EntityMention.claim_id.is_not(None))
        .order_by(EntityMention.claim_id, EntityMention.start)
    )
    names: dict[int, list[str]] = {}
    for claim_id, name in rows:
        listed = names.setdefault(claim_id, [])
        if name not in listed:
            listed.append(name)
    return names


def corpus_counts(session: Session) -> dict[str, int]:
    """Articles (and how many were analysed), outlets with analysed articles, topics with
    claims, findings and conflicts: what the CLI and the overview summarise."""
    analysed = Article.status == "analysed"
    return {
        "articles": session.scalar(select(func.count(Article.id))) or 0,
        "analysed": session.scalar(select(func.count(Article.id)).where(analysed)) or 0,
        "outlets": session.scalar(
            select(func.count(func.distinct(Article.source_id))).where(analysed)
        )
        or 0,
        "topics": session.scalar(select(func.count(func.distinct(ClaimTopic.topic_id)))) or 0,
        "findings": session.scalar(select(func.count(Finding.id))) or 0,
        "conflicts": session.scalar(
            select(func.count(Finding.id)).where(Finding.kind == "conflict")
        )
        or 0,
    }


def select_topic_links_for_export(session: Session) -> dict[int, list[tuple[str, ClaimTopic]]]:
    """Claim id -> (topic slug, the claim's link to that topic), by slug."""
    rows = session.execute(
        select(Topic.slug, ClaimTopic)
        .join(Topic, Topic.id == ClaimTopic.topic_id)
        .order_by(ClaimTopic.claim_id, Topic.slug)
    )
    found: dict[int, list[tuple[str, ClaimTopic]]] = {}
    for slug, link in rows:
        found.setdefault(link.claim_id, []).append((slug, link))
    return found


def select_claim_texts(session: Session) -> list[tuple[int, str, str, int]]:
    """(claim id, outlet, text, start offset) of every claim."""
    rows = session.execute(
        select(Claim.id, Source.name, Claim.text, Claim.start)
        .join(Article, Article.id == Claim.article_id)
        .join(Source, Source.id == Article.source_id)
        .order_by(Claim.id)
    )
    return [tuple(row) for row in rows]


def select_findings_for_evaluation(session: Session) -> list[tuple]:
    """(id, category, claim a, claim b, span a, span b, explanation, figure a, figure b,
    statement a, statement b): the category is the severity of a conflict, else the kind;
    a statement is (proposition key, certainty) for findings on certainty."""
    value_a, value_b = aliased(ClaimValue), aliased(ClaimValue)
    rows = session.execute(
        select(
            Finding.id,
            Finding.kind,
            Finding.severity,
            Finding.claim_a_id,
            Finding.claim_b_id,
            value_a.start,
            value_a.end,
            value_b.start,
            value_b.end,
            Finding.explanation,
            value_a.kind,
            value_a.low,
            value_a.high,
            value_b.kind,
            value_b.low,
            value_b.high,
            Finding.basis,
            Finding.slot,
            Finding.certainty_a,
            Finding.certainty_b,
        )
        .outerjoin(value_a, value_a.id == Finding.value_a_id)
        .outerjoin(value_b, value_b.id == Finding.value_b_id)
        .order_by(Finding.id)
    )
    found = []
    for fid, kind, severity, a, b, sa, ea, sb, eb, explanation, *rest in rows:
        figures, (basis, slot, certainty_a, certainty_b) = rest[:6], rest[6:]
        category = severity if kind == "conflict" else kind
        span_a = (sa, ea) if sa is not None else None
        span_b = (sb, eb) if sb is not None else None
        figure_a = tuple(figures[:3]) if figures[0] is not None else None
        figure_b = tuple(figures[3:]) if figures[3] is not None else None
        statement_a = (slot, certainty_a) if basis == "certainty" else None
        statement_b = (slot, certainty_b) if basis == "certainty" else None
        found.append(
            (fid, category, a, b, span_a, span_b, explanation, figure_a, figure_b, statement_a,
             statement_b)
        )  # fmt: skip
    return found


def select_propositions_for_evaluation(session: Session) -> dict[int, set[tuple[str, str]]]:
    """Claim id -> the (proposition key, certainty) pairs it states."""
    found: dict[int, set[tuple[str, str]]] = {}
    rows = session.execute(
        select(ClaimProposition.claim_id, ClaimProposition.key, ClaimProposition.certainty)
    )
    for claim_id, key, certainty in rows:
        found.setdefault(claim_id, set()).add((key, certainty))
    return found


def select_values_for_evaluation(session: Session) -> dict[int, list[ClaimValue]]:
    found: dict[int, list[ClaimValue]] = {}
    for value in session.scalars(select(ClaimValue).order_by(ClaimValue.id)):
        found.setdefault(value.claim_id, []).append(value)
    return found


def select_topic_certainties(session: Session) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for claim_id, certainty in session.execute(select(ClaimTopic.claim_id, ClaimTopic.certainty)):
        found.setdefault(claim_id, []).append(certainty)
    return found


def select_claim_certainties(session: Session) -> dict[int, str]:
    return dict(session.execute(select(Claim.id, Claim.certainty)).all())


def select_claim_topic_ids(session: Session) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {}
    for claim_id, topic_id in session.execute(select(ClaimTopic.claim_id, ClaimTopic.topic_id)):
        found.setdefault(claim_id, set()).add(topic_id)
    return found
