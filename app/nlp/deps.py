"""Dependency relations and tree walks the readers of a figure's context share."""

from __future__ import annotations

from typing import Protocol

from spacy.tokens import Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "csubj"})
OBJECT_DEPS = frozenset({"obj", "xcomp"})
NOMINAL = frozenset({"NOUN", "PROPN"})
PREDICATE = frozenset({"VERB", "AUX"})
# Relative and adnominal clauses describe the noun they hang from ("la reunión, que duró").
ADNOMINAL = frozenset({"acl", "acl:relcl"})
# Clauses of their own, whose words say nothing of the clause above them.
OTHER_CLAUSES = frozenset({"conj", "ccomp", "advcl", "acl", "acl:relcl", "parataxis", "csubj"})


def path_up(token: Token, top: Token) -> list[Token]:
    """The words from ``token`` up to ``top``, both excluded; empty when ``top`` is not above."""
    path, node = [], token.head
    while node.i != top.i:
        if node.head.i == node.i:
            return []
        path.append(node)
        node = node.head
    return path


# What opens a breakdown of a total: "30 heridos: 12 graves y 18 leves", "52 personas (50
# pasajeros y dos tripulantes)". A comma lists instead: "9 muertos, 48 desaparecidos".
BREAKDOWN_OPENERS = frozenset({":", "("})


def breakdown_total(noun: Token) -> Token | None:
    """The counted noun a figure breaks down: "12 graves" and "18 leves" in "30 heridos: 12
    graves y 18 leves": an appositive with a figure of its own, opened by a colon or a
    bracket after a noun with one."""
    part = noun.head if noun.dep_ == "conj" else noun
    total = part.head
    if part.dep_ != "appos" or total.i >= part.i or noun.i == total.i:
        return None
    if not any(t.text in BREAKDOWN_OPENERS for t in part.doc[total.i + 1 : part.i]):
        return None
    counted = (c.dep_ == "nummod" and is_figure(c) for c in total.children)
    own = (c.dep_ == "nummod" and is_figure(c) for c in noun.children)
    return total if any(counted) and any(own) else None


def is_figure(token: Token) -> bool:
    """ "las 22.47", "2.012": a figure is never what another figure measures."""
    return token.like_num or any(ch.isdigit() for ch in token.text)


class ClauseReader(Protocol):
    """What the readings of a figure's event and qualifiers need of the reader of what it
    measures (measured.py)."""

    def clause_verb(self, token: Token) -> Token | None: ...

    def is_light(self, token: Token) -> bool: ...

    def restriction(self, word: Token) -> str: ...
