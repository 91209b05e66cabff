"""Whom a figure is imposed on or granted to: the owner of a sentence, a fine, an award.

"El juez condenó a ocho años a Ruiz y a tres a Gil": the court is the subject of
"condenar", but the eight years are Ruiz's. The owner is the verb's object introduced by
"a" (or "para"), paired with the figure it goes with: when the first person named comes
before the first figure ("condenó a Ruiz a ocho años y a Gil a tres"), each figure takes
the person before it; otherwise the person after it. In the passive ("Ruiz fue condenado
a ocho años") the subject is the owner, and a verb the figure hangs from through "a"
("condenado a pagar una multa") takes its owner from the verb it completes.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from app.nlp.concepts import Concept, Lexicon, lemma_of
from app.nlp.deps import SUBJECT_DEPS
from app.nlp.entities import name_key
from app.nlp.measured import is_figure

NOMINAL = frozenset({"NOUN", "PROPN"})
# How many verbs up a completing verb ("condenado a pagar") may take its owner from.
COMPLETING_LEVELS = 2
COMPLETING_DEPS = frozenset({"xcomp", "conj"})


class RecipientReader:
    def __init__(
        self, lexicon: Lexicon, verbs: frozenset[str], cases: frozenset[str], passive_aux: str
    ) -> None:
        self.lexicon = lexicon
        self.verbs = verbs  # "condenar", "multar", "imponer"...
        self.cases = cases  # "a", "al", "para"
        self.passive_aux = passive_aux  # "ser"

    def imposes(self, verb: Token) -> bool:
        """An active verb of imposing: its subject gives the figure, it does not own it."""
        return lemma_of(verb) in self.verbs and not self._passive(verb)

    def owner(self, verb: Token, head: Token, claim: Span, measured: Concept | None) -> str | None:
        """The name key of whom the figure at ``head`` belongs to, when ``verb`` imposes
        it; None when the clause names no one."""
        node = verb
        for _ in range(COMPLETING_LEVELS + 1):
            if lemma_of(node) in self.verbs:
                if self._passive(node):
                    return self._subject_name(node)
                return self._paired(node, head, claim, measured)
            has_subject = any(c.dep_ in SUBJECT_DEPS for c in node.children)
            if node.dep_ not in COMPLETING_DEPS or has_subject or node.head.i == node.i:
                return None
            node = node.head
        return None

    def _passive(self, verb: Token) -> bool:
        return any(
            c.dep_ in {"aux", "aux:pass"} and c.lemma_.lower() == self.passive_aux
            for c in verb.children
        )

    def _subject_name(self, verb: Token) -> str | None:
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS and child.pos_ in NOMINAL:
                return _name_in(child, child.i, child.right_edge.i + 1)
        return None

    def _paired(
        self, verb: Token, head: Token, claim: Span, measured: Concept | None
    ) -> str | None:
        figures = sorted(t.i for t in verb.subtree if is_figure(t) and claim.start <= t.i)
        people = self._recipients(verb, claim, measured)
        if not people or not figures:
            return None
        before = people[0].i < figures[0]
        if before:
            chosen = [p for p in people if p.i < head.i]
            person = chosen[-1] if chosen else None
        else:
            chosen = [p for p in people if p.i > head.i]
            person = chosen[0] if chosen else None
        if person is None:
            return None
        following = [f for f in figures if f > person.i]
        stop = min([person.right_edge.i + 1, *following])
        return _name_in(person, person.i, stop)

    def _recipients(self, verb: Token, claim: Span, measured: Concept | None) -> list[Token]:
        """Nominal phrases introduced by "a" inside the verb's clause that carry no figure
        and are not what is imposed ("a prisión", "a la cárcel")."""
        found = []
        for token in verb.subtree:
            if not claim.start <= token.i < claim.end or token.pos_ not in NOMINAL:
                continue
            case = [c for c in token.children if c.dep_ == "case"]
            if not case or case[0].lower_ not in self.cases:
                continue
            if any(is_figure(c) for c in token.children if c.dep_ == "nummod"):
                continue
            if measured is not None and self.lexicon.of_token(token) == measured:
                continue
            clause = _clause_of(token)
            if clause is None or clause.i != verb.i:
                continue
            found.append(token)
        return found


def _clause_of(token: Token) -> Token | None:
    node = token.head
    while node.pos_ not in {"VERB", "AUX"}:
        if node.head.i == node.i:
            return None
        node = node.head
    return node


def _name_in(token: Token, start: int, stop: int) -> str:
    """The key of the person's name in "la exgerente de la empresa Aguas del Norte, Lucía
    Pardo" or "al empresario Tomás Ferrer": the phrase's last run of names (the person comes
    after the post), else the noun itself ("a los acusados" -> "acusado"). The small
    model's entity labels are too unreliable here to choose by."""
    doc = token.doc
    names = [t for t in doc[start:stop] if t.pos_ == "PROPN" and t.text[:1].isupper()]
    if not names:
        return token.lemma_.lower()
    last = names[-1]
    first = last.i
    while first > start and doc[first - 1].pos_ == "PROPN":
        first -= 1
    return name_key(doc[first : last.i + 1].text)
