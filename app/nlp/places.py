"""Where a figure holds: the place a phrase names, and the names of places and owners.

"en Marrakech" is at:marrakech, "en la provincia de Al Haouz" at:alhaouz, "en la capital"
at:capital; "en todo el país" is the whole and narrows nothing. A place may also be given
once for a whole sentence ("En Villanueva, la policía, que a mediodía hablaba de 300
asistentes, elevó después la cifra a 900"), or stand behind "donde" or "solo".
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from app.nlp.entities import name_key

# Words inside a place or party name: "Santa Rosa de Ocra", "Unión del Centro".
NAME_LINKS = frozenset({"de", "del", "la", "las", "los", "y"})
NOT_NAME_POS = frozenset({"DET", "ADP", "PRON", "AUX", "VERB", "CCONJ", "SCONJ", "PUNCT", "NUM"})
PLACE_DEPS = frozenset({"obl", "nmod", "obl:arg", "advmod"})
# How far up a clause's antecedent its place may be found.
ANTECEDENT_LEVELS = 3
# How far before "donde" its place may be named.
PLACE_REACH = 12
# Opening marks a claim may start with before its first word.
OPENING_MARKS = frozenset({'"', "«", "“", "'", "(", "—", "-"})
# A name in quotation marks is a title, not a place: "en la 'Operación Tridente'", "a bordo
# del «Estrella del Sur»".
QUOTES = frozenset({'"', "«", "“", "'", "‘"})


def name_of(token: Token) -> str:
    """The key of the proper name around a token: "Santa Rosa de Ocra" -> "santa-rosa-de-
    ocra"; for "la estación de Peñaverde", the name in it. A name is a run of capitalised
    words, with "de", "del" or "la" between them."""
    doc = token.doc
    if not capitalised(token):
        names = [t for t in token.subtree if t.pos_ == "PROPN" and capitalised(t)]
        if not names:
            return name_key(token.text)
        token = names[0]
    start = end = token.i
    # A name never runs across a sentence's start ("(EFE).- Miles de vecinos").
    while start > 0 and not doc[start].is_sent_start and capitalised(doc[start - 1]):
        start -= 1
    while end + 1 < len(doc):
        nxt = doc[end + 1]
        if nxt.is_sent_start:
            break
        if capitalised(nxt):
            end += 1
        elif nxt.lower_ in NAME_LINKS and end + 2 < len(doc) and capitalised(doc[end + 2]):
            end += 2
        else:
            break
    return name_key(doc[start : end + 1].text)


def capitalised(token: Token) -> bool:
    """A word of a name: capitalised, and no article or preposition ("El", "Al")."""
    if token.pos_ in NOT_NAME_POS:
        return False
    return (token.text[:1].isupper() and token.is_alpha) or (
        token.text.isupper() and len(token.text) > 1
    )


def case_of(token: Token) -> str | None:
    for child in token.children:
        if child.dep_ == "case":
            return child.lower_
    return None


class PlaceReader:
    def __init__(self, data: dict) -> None:
        self.place_cases = frozenset(data["place_cases"])
        self.place_nouns = frozenset(data["place_nouns"])
        self.totals = frozenset(data["total_phrases"])
        self.only = frozenset(data["only_words"])

    def place(self, token: Token) -> str | None:
        """The place a phrase's head names, or None (the whole, or no place)."""
        phrase = " ".join(t.lower_ for t in token.subtree if t.dep_ != "case")
        if phrase in self.totals:
            return None
        if token.pos_ == "PROPN":
            return None if _quoted(token) else f"at:{name_of(token)}"
        if token.lemma_.lower() in self.place_nouns:
            # "la provincia de Al Haouz": the name after "de", however the parser split it.
            after = [t for t in token.subtree if t.i > token.i]
            links = [t for t in after if t.lower_ in {"de", "del"}]
            if links and any(t.pos_ == "PROPN" for t in after):
                name = token.doc[links[0].i + 1 : after[-1].i + 1].text
                return f"at:{name_key(name)}"
            return f"at:{token.lemma_.lower()}"
        return None

    def at(self, token: Token) -> str | None:
        """The place of a dependent that says where ("en Marrakech"), else None."""
        if token.dep_ not in PLACE_DEPS or case_of(token) not in self.place_cases:
            return None
        return self.place(token)

    def only_place(self, only: Token) -> set[str]:
        """ "Solo en el término de Arvedo han ardido 900 hectáreas": the parser hangs the
        place on "solo"; it narrows the figure all the same."""
        return {place for child in only.children if (place := self.at(child))}

    def fronted(self, claim: Span) -> str | None:
        """The place a claim opens with, set off by a comma: "En Villanueva, ..." holds for
        every figure of the sentence, those of its relative clauses included."""
        start = claim.start
        while start < claim.end and claim.doc[start].text in OPENING_MARKS:
            start += 1
        if start >= claim.end or claim.doc[start].lower_ not in self.place_cases:
            return None
        phrase = claim.doc[start].head
        if phrase.i == start or case_of(phrase) != claim.doc[start].lower_:
            return None
        after = phrase.right_edge.i + 1
        if after >= claim.end or claim.doc[after].text != ",":
            return None
        return self.place(phrase)

    def antecedent_place(self, clause: Token) -> str | None:
        """The place a "donde" clause describes, however the parser hung it ("Al Haouz,
        cercana al epicentro, donde…")."""
        node = clause.head
        for _ in range(ANTECEDENT_LEVELS):
            if node.pos_ == "PROPN":
                return f"at:{name_of(node)}"
            if node.pos_ == "NOUN" and node.lemma_.lower() in self.place_nouns:
                return self.place(node)
            if node.head.i == node.i:
                return None
            node = node.head
        return None

    def place_before(self, where: Token, claim: Span) -> str | None:
        """The nearest name before "donde", when the parse gives no antecedent."""
        for token in reversed(claim.doc[max(claim.start, where.i - PLACE_REACH) : where.i]):
            if token.pos_ == "PROPN":
                return f"at:{name_of(token)}"
        return None


def _quoted(name: Token) -> bool:
    """ "la 'Operación Tridente'": the name's first word follows a quotation mark."""
    first = min(
        [name, *(c for c in name.children if c.dep_ in {"flat", "compound"})], key=lambda t: t.i
    )
    return first.i > 0 and name.doc[first.i - 1].text in QUOTES
