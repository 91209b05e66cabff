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


def is_figure(token: Token) -> bool:
    """ "las 22.47", "2.012": a figure is never what another figure measures."""
    return token.like_num or any(ch.isdigit() for ch in token.text)


class ClauseReader(Protocol):
    """What the readings of a figure's event and qualifiers need of the reader of what it
    measures (measured.py)."""

    def clause_verb(self, token: Token) -> Token | None: ...

    def is_light(self, token: Token) -> bool: ...

    def restriction(self, word: Token) -> str: ...
