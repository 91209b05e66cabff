"""Who a claim is attributed to: the speaker of a reporting verb or a "según X" source.

``None`` means the outlet states the claim in its own voice. The attribution is the
source's noun phrase as written, determiner included ("los analistas",
"el portavoz del ministerio, Ana Pérez"), so it can be highlighted in the text.
Cue words live in ``data/<lang>/attribution.toml``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Span, Token
from spacy.vocab import Vocab

from app.nlp.claims import ClaimTagger
from app.nlp.data import load_language_data

SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass"})
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON"})
# Verbs hanging off the root that can still govern the claim: "La ministra levantó la
# mano y dijo: …" (conj), or a quote parsed as the root with "dijo Pérez" as parataxis.
REPORTING_DEPS = frozenset({"conj", "parataxis", "advcl"})
# How a reporting verb after its statement hangs from it: "…, confirmó el ingeniero jefe".
INVERTED_DEPS = frozenset({"advcl", "parataxis", "conj"})
# Parts of a noun phrase that are not the name of the source: relative and other clauses.
CLAUSE_DEPS = frozenset({"acl", "advcl", "ccomp", "parataxis", "dep"})
# What a reporting verb says when it needs a clause: "sostuvo que…", "«…», confirmó".
CLAUSE_COMPLEMENT_DEPS = frozenset({"ccomp", "parataxis", "csubj"})
REPORTING_WITH_CLAUSE = "REPORTING_WITH_CLAUSE"
# A preposition phrase's words are chained to its first word: "de acuerdo con" → "de".
CHAINED_DEPS = frozenset({"fixed", "flat"})


def _words(words: Iterable[str]) -> list[list[dict[str, Any]]]:
    """Single-token patterns matching a word by lemma or by lowercase form."""
    words = list(words)
    return [[{"LEMMA": {"IN": words}}], [{"LOWER": {"IN": words}}]]


def _is_side_part(token: Token, head: Token) -> bool:
    """True when ``token`` lies in a clause (or a participle like "citado por…") below
    ``head`` rather than in the name itself."""
    while token.i != head.i:
        if token.dep_ in CLAUSE_DEPS or (
            token.dep_ == "amod" and "Part" in token.morph.get("VerbForm")
        ):
            return True
        if token.dep_ == "conj" and _states_something(token):
            # "según la policía y que los organizadores elevan a 600.000", "según la
            # policía, y 600.000, según los convocantes": a conjunct that is a clause or a
            # figure of its own is no part of the name.
            return True
        token = token.head
    return False


def _states_something(token: Token) -> bool:
    return any(t.pos_ in {"VERB", "AUX", "NUM"} or t.like_num for t in token.subtree)


def _phrase_text(
    heads: list[Token], within: Span, exclude: frozenset[int] = frozenset()
) -> str | None:
    """The contiguous text of the noun phrases headed by ``heads`` (coordinated subjects
    such as "Tanto A como B" give one phrase), without side clauses or edge punctuation,
    and without words outside the claim (a dateline the parse hangs on the subject)."""
    kept = sorted(
        t.i
        for head in heads
        for t in head.subtree
        if t.i not in exclude and within.start <= t.i < within.end and not _is_side_part(t, head)
    )
    doc = heads[0].doc
    tokens = [doc[i] for i in kept]
    while tokens and (tokens[0].is_punct or tokens[0].is_quote):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].is_quote):
        tokens.pop()
    if not tokens:
        return None
    end = tokens[-1].i + 1
    text = doc[tokens[0].i : end].text
    if text.count("(") > text.count(")") and end < len(doc) and doc[end].text == ")":
        text += ")"  # "el Instituto Geofísico (IGP)": keep the bracket the name opened
    return text


# Clauses beside a figure whose sources speak of themselves, not of the figure.
SIDE_CLAUSE_DEPS = frozenset({"appos", "acl", "parataxis"})
# How far up from a figure a relative clause may describe it, and through which links.
RELATIVE_LEVELS = 3
FIGURE_LINKS = frozenset({"nummod", "nmod", "appos"})


class AttributionCues:
    """The compiled attribution matchers of one language, and the search built on them."""

    def __init__(self, vocab: Vocab, data: dict[str, Any]) -> None:
        speakers = data["speakers"]
        nouns = speakers["nouns"]
        # Listing plural forms lets a mis-lemmatised plural ("presidentes") match its noun.
        forms = [noun + suffix for noun in nouns for suffix in speakers["plural_suffixes"]]
        self.speaker_matcher = Matcher(vocab)
        self.speaker_matcher.add("SPEAKER", [*_words(nouns), [{"LOWER": {"IN": forms}}]])
        self.reporting_matcher = Matcher(vocab)
        self.reporting_matcher.add("REPORTING", _words(data["reporting"]["verbs"]))
        self.reporting_matcher.add(
            REPORTING_WITH_CLAUSE, _words(data["reporting"]["verbs_needing_clause"])
        )
        self.source_matcher = Matcher(vocab)
        self.source_matcher.add(
            "SOURCE", [[{"LOWER": w} for w in p.split()] for p in data["sources"]["phrases"]]
        )
        self.impersonal_markers = frozenset(data["reporting"]["impersonal_markers"])

    @staticmethod
    def _matches(matcher: Matcher, span: Span) -> list[tuple[int, int, int]]:
        """``matcher(span)``, from one run over the whole document: speaker_at asks for
        many nested spans of one claim. The cues are words and fixed phrases, so a match
        inside a span is a match of the span."""
        key = ("cotejo_attribution_matches", id(matcher))
        found = span.doc.user_data.get(key)
        if found is None:
            found = [(m, s, e) for m, s, e in matcher(span.doc)]
            span.doc.user_data[key] = found
        return [
            (m, s - span.start, e - span.start)
            for m, s, e in found
            if span.start <= s and e <= span.end
        ]

    def _matched(self, matcher: Matcher, span: Span) -> set[int]:
        return {span[start].i for _, start, _ in self._matches(matcher, span)}

    def _reporting_verbs(self, span: Span) -> set[int]:
        found: set[int] = set()
        for match_id, start, _ in self._matches(self.reporting_matcher, span):
            verb = span[start]
            # "…, confirmó el ingeniero": after its statement, the verb reports it.
            inverted = _after_statement(verb)
            if (
                span.vocab.strings[match_id] != REPORTING_WITH_CLAUSE
                or inverted
                or any(c.dep_ in CLAUSE_COMPLEMENT_DEPS for c in verb.children)
            ):
                found.add(verb.i)
        return found

    def find(self, span: Span, blocked: frozenset[int] = frozenset()) -> str | None:
        """The speaker of ``span``; sources inside ``blocked`` tokens do not count."""
        speaker_nouns = self._matched(self.speaker_matcher, span)
        reporting = self._reporting_verbs(span)
        for verb in _governing_verbs(span):
            if verb.i in reporting:
                speaker = self._speaker_of(verb, speaker_nouns, span)
                if speaker:
                    return speaker
        return self._source_of(span, speaker_nouns, reporting, blocked)

    def relative_owner(self, token: Token, claim: Span) -> str | None:
        """ "el 2,4 % que espera el Ministerio", "la cifra que maneja la policía": a figure
        described by a relative clause whose subject is a speaker is that speaker's."""
        speaker_nouns = self._matched(self.speaker_matcher, claim)
        # The clause may describe the figure, what it counts, or the noun it is the figure
        # of: "la cifra de 800 heridos que maneja la Cruz Roja".
        described = [token]
        while len(described) < RELATIVE_LEVELS and described[-1].dep_ in FIGURE_LINKS:
            described.append(described[-1].head)
        clauses = [c for node in described for c in node.children]
        for clause in clauses:
            if clause.dep_ != "acl" or clause.pos_ != "VERB":
                continue
            subjects = [
                c
                for c in clause.children
                if c.dep_ in SUBJECT_DEPS and "Rel" not in c.morph.get("PronType")
            ]
            if subjects and all(self._looks_like_speaker(s, speaker_nouns) for s in subjects):
                return _phrase_text(subjects, claim)
        return None

    def _speaker_of(self, verb: Token, speaker_nouns: set[int], span: Span) -> str | None:
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if not subjects:
            if any(c.lower_ in self.impersonal_markers for c in verb.children):
                return None  # "se dijo", "se cree": no speaker
            if verb.dep_ == "conj":  # "La ministra levantó la mano y dijo": shared subject
                subjects = [c for c in verb.head.children if c.dep_ in SUBJECT_DEPS]
            elif _after_statement(verb):
                # "…duró un minuto, dijeron testigos": after the statement the speaker
                # follows its verb, and the parser may take it for an object.
                subjects = [c for c in verb.children if c.dep_ == "obj" and c.i > verb.i]
        if not any(self._looks_like_speaker(s, speaker_nouns) for s in subjects):
            return None
        return _phrase_text(subjects, span)

    @staticmethod
    def _looks_like_speaker(token: Token, speaker_nouns: set[int]) -> bool:
        """A name, or a noun for people and bodies that speak ("analistas", "el Gobierno")."""
        return (
            token.pos_ == "PROPN"
            or token.i in speaker_nouns
            or any(c.dep_ in {"appos", *CHAINED_DEPS} and c.pos_ == "PROPN" for c in token.children)
        )

    def _source_of(
        self,
        span: Span,
        speaker_nouns: set[int],
        reporting: set[int],
        blocked: frozenset[int] = frozenset(),
    ) -> str | None:
        """The noun phrase after "según", "de acuerdo con", "citado por"…"""
        for _, start, end in self._matches(self.source_matcher, span):
            if span[start].i in blocked:
                continue
            last = span[end - 1]
            while last.dep_ in CHAINED_DEPS and last.head.i != last.i:
                last = last.head
            target = last.head
            if not (span[end - 1].i < target.i < span.end):
                continue
            if target.pos_ in {"VERB", "AUX"}:  # "según dijo el ministro"
                speaker = (
                    self._speaker_of(target, speaker_nouns, span) if target.i in reporting else None
                )
            elif self._looks_like_speaker(target, speaker_nouns) or (
                target.pos_ in NOMINAL_POS and "Plur" in target.morph.get("Number")
            ):
                # Beyond names and listed speakers, a plural group after "según" is a source
                # ("según los organizadores", "según estimaciones oficiales"); a singular
                # thing is a reference, not a voice ("según el plan").
                speaker = _phrase_text(
                    [target], span, frozenset(range(span[start].i, span[end - 1].i + 1))
                )
            else:
                speaker = None
            if speaker:
                return speaker
        return None


def _after_statement(verb: Token) -> bool:
    """ "«…», confirmó el ingeniero": the verb follows what it reports, which hangs from it
    (or it from the statement)."""
    if verb.dep_ in INVERTED_DEPS and verb.i > verb.head.i:
        return True
    return any(c.dep_ in CLAUSE_COMPLEMENT_DEPS and c.i < verb.i for c in verb.children)


def _governing_verbs(span: Span) -> Iterator[Token]:
    """The root, then verbs coordinated with it or set beside it."""
    yield span.root
    yield from (
        c for c in span.root.children if c.dep_ in REPORTING_DEPS and span.start <= c.i < span.end
    )


def speaker_at(token: Token, claim: Span) -> str | None:
    """Who one part of a claim is attributed to: the speaker of the smallest clause around
    ``token`` that names one. "La policía habló de 50.000 asistentes y los organizadores de
    200.000": each figure has its own speaker."""
    cues = compile_cues(claim.vocab, claim.doc.lang_)
    owner = cues.relative_owner(token, claim)
    if owner is not None:
        return owner
    node = token
    blocked: set[int] = set()
    while claim.start <= node.i < claim.end:
        start = max(node.left_edge.i, claim.start)
        end = min(node.right_edge.i + 1, claim.end)
        # "400.000 personas, una cifra que no se sostiene según la policía": a source
        # inside a clause beside the figure speaks of that clause, not of the figure.
        for child in node.children:
            if (
                child.dep_ in SIDE_CLAUSE_DEPS
                and not child.left_edge.i <= token.i <= child.right_edge.i
                and not _restrictive(child)
            ):
                blocked.update(t.i for t in child.subtree)
        found = cues.find(claim.doc[start:end], frozenset(blocked))
        if found is not None or node.head.i == node.i:
            return found
        node = node.head
    return None


def _restrictive(clause: Token) -> bool:
    """A relative clause that says which things the figure counts, with no comma before it:
    "las 84 personas que según Salvamento viajaban a bordo" is Salvamento's 84."""
    doc = clause.doc
    first = clause.left_edge.i
    return (
        clause.dep_ == "acl"
        and first > 0
        and doc[first].pos_ == "PRON"
        and doc[first - 1].text != ","
        and clause.head.i < first
    )


@lru_cache(maxsize=8)
def compile_cues(vocab: Vocab, lang: str) -> AttributionCues:
    """Matchers are bound to a vocab; build them once per (vocab, language)."""
    return AttributionCues(vocab, load_language_data(lang, "attribution"))


def find_attribution(span: Span) -> str | None:
    """Who the claim is attributed to, or None when the outlet speaks for itself."""
    return compile_cues(span.vocab, span.doc.lang_).find(span)


if not Span.has_extension("attributed_to"):
    Span.set_extension("attributed_to", default=None)


@Language.factory(
    "cotejo_attribution",
    requires=["token.dep", "token.pos"],
    assigns=["span._.attributed_to"],
)
def make_attribution_tagger(nlp: Language, name: str) -> ClaimTagger:
    return ClaimTagger("attributed_to", compile_cues(nlp.vocab, nlp.lang).find)
