"""What a value measures: the words it hangs from in the dependency tree.

"La reunión, que duró más de tres horas" anchors the duration to
{durar, reunión}; "un apretón de manos de unos 40 segundos" anchors it to
{mano, apretón, ...}. Comparison only pairs values whose anchors name the
same topic, so a handshake's length is never read as a meeting's.
"""

from __future__ import annotations

from spacy.tokens import Token

# Dependents of the governing verb that say who or what the clause is about.
CORE_ARGUMENTS = frozenset({"nsubj", "nsubj:pass", "obj", "iobj", "csubj"})
# Relative/adnominal clauses describe the noun they hang from ("la reunión, que duró...").
ADNOMINAL_CLAUSES = frozenset({"acl", "acl:relcl"})
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})


def lemma_of(token: Token) -> str:
    return token.lemma_.lower()


def find_anchor(head: Token) -> tuple[str, ...]:
    """Lemmas from the value's head up to its clause's verb, plus that verb's core arguments."""
    lemmas: list[str] = [lemma_of(head)] if head.pos_ in CONTENT_POS else []
    token = head
    while token.head.i != token.i:
        token = token.head
        if token.pos_ in CONTENT_POS:
            lemmas.append(lemma_of(token))
        if token.pos_ in {"VERB", "AUX"}:
            lemmas.extend(
                lemma_of(child)
                for child in token.children
                if child.dep_ in CORE_ARGUMENTS and child.pos_ in {"NOUN", "PROPN"}
            )
            if token.dep_ in ADNOMINAL_CLAUSES:
                lemmas.append(lemma_of(token.head))
            break
    return tuple(dict.fromkeys(lemmas))
