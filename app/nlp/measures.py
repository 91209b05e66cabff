"""What a figure measures: the unit after it (durations, lengths, speeds, money...), a
percentage, or the noun it counts ("57 muertos", "3 millones de euros").

Units, currencies and Spanish plural rules come from ``data/<lang>/values.toml`` and
``morphology.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Token

from app.nlp.data import load_language_data
from app.nlp.numbers import Quantity
from app.nlp.phrases import PhraseTable

# "1,684" where a comma groups thousands (as in English-style copy): three digits after it.
ENGLISH_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")


@dataclass(frozen=True, slots=True)
class Measure:
    """value = quantity * scale + extra, read over tokens up to ``end``."""

    kind: str
    unit: str
    scale: float
    extra: float
    end: int
    head: int


@dataclass(frozen=True, slots=True)
class Unit:
    kind: str
    factor: float
    unit: str


def _whole(q: Quantity) -> bool:
    """One whole number, not a range or a fraction."""
    return q.low is not None and q.low == q.high and q.low == int(q.low)


def _is_participle(token: Token) -> bool:
    return (token.pos_ == "ADJ" and "Part" in token.morph.get("VerbForm")) or token.pos_ == "NOUN"


class Singulariser:
    """Repairs plurals the small model's lemmatiser leaves alone."""

    def __init__(self, data: dict[str, Any]) -> None:
        rules = data["singular"]
        self.plural = re.compile(rules["plural"])
        self.es_plural = re.compile(rules["es_plural"])
        self.vowel_group = re.compile(rules["vowel_group"])
        self.hiatus = re.compile(rules["hiatus"])
        self.unaccent = str.maketrans(rules["unaccent"])

    def __call__(self, token: Token) -> str:
        """The counted noun's lemma, singular and without a spurious accent."""
        lemma = token.lemma_.lower()
        unmarked = lemma == token.lower_ and token.morph.get("Number") != ["Sing"]
        if unmarked and self.plural.search(lemma):
            lemma = lemma[:-2] if self.es_plural.search(lemma) else lemma[:-1]
        groups = self.vowel_group.findall(lemma)
        if len(groups) == 1 and not self.hiatus.search(groups[0]):
            lemma = lemma.translate(self.unaccent)
        return lemma


# A whole number this large with nothing after it counts something ("y 670.000, según
# los convocantes"): smaller ones may be anything (an article number, a score).
BARE_COUNT_MIN = 1000


class MeasureReader:
    """Units, percentages and counted nouns of one language."""

    def __init__(self, data: dict[str, Any], morphology: dict[str, Any], split) -> None:
        self.years = tuple(data["year_range"])
        self.of_words = frozenset(data["links"]["of"])
        self.and_words = frozenset(data["links"]["and"])
        self.fractions: dict[str, float] = data["fractions"]
        self.multipliers = frozenset(data["multipliers"])
        self.prenominal = frozenset(data["prenominal_adjectives"])
        self.durations: dict[str, float] = data["durations"]
        self.months = frozenset(data["months"])
        self.weekdays = frozenset(data["weekdays"])
        self.units = PhraseTable(
            (
                (phrase, Unit(kind, float(factor), unit))
                for phrase, (kind, factor, unit) in data["units"].items()
            ),
            split,
        )
        self.currency_prefixes: dict[str, str] = data["currency_prefixes"]
        self.magnitude_nouns = frozenset(data["magnitude"]["nouns"])
        self.contextual = {
            word: (Unit(kind, float(factor), unit), frozenset(cues))
            for word, (kind, factor, unit, cues) in data["contextual_units"].items()
        }
        self.sizes = frozenset(data["contextual_sizes"]["units"])
        self.blockers = {w: frozenset(b) for w, b in data["contextual_blockers"].items()}
        self.dimensions = frozenset(data["contextual_sizes"]["dimensions"])
        self.singular = Singulariser(morphology)
        predicates = data["predicates"]
        self.predicate_verbs = frozenset(predicates["verbs"])
        self.quantity_nouns = frozenset(predicates["quantity_nouns"])
        self.holding_verbs = frozenset(predicates["holding_verbs"])
        self.counted_deps = frozenset(predicates["counted_deps"])
        self.source_verbs = frozenset(predicates["source_verbs"])
        self.reflexive = frozenset(predicates["reflexive"])
        self.definite = frozenset(data["links"]["definite"])
        self.plural_definite = frozenset(data["links"]["plural_definite"])
        self.singular_articles = frozenset(data["links"]["singular_articles"])
        self.articles = frozenset(data["numbers"]["articles"])
        self.listed_endings = tuple(data["numbers"]["listed_participle_endings"])
        self.gap_words = frozenset(data["links"]["gap"])
        self.copula = frozenset(data["links"]["copula"])

    # -- units ---------------------------------------------------------------------------

    def duration_unit(self, doc: Doc, k: int, after_fraction: bool) -> int | None:
        """Token index of a duration unit at k (or after "de" when a fraction precedes)."""
        if after_fraction and k < len(doc) and doc[k].lower_ in self.of_words:
            k += 1
        if k >= len(doc) or doc[k].lower_ not in self.durations:
            return None
        # "un segundo intento", "un segundo satélite espía": an ordinal adjective, not the
        # unit (the tagger may read the following noun as an adjective too).
        if doc[k].pos_ == "ADJ" and (
            "Ord" in doc[k].morph.get("NumType")
            or (k + 1 < len(doc) and doc[k + 1].pos_ in {"NOUN", "ADJ", "PROPN"})
        ):
            return None
        return k

    def duration_tail(self, doc: Doc, unit: int, read) -> tuple[float, int]:
        """(extra seconds, end) for "... y media" or "... y diez minutos" after a unit."""
        scale = self.durations[doc[unit].lower_]
        k = unit + 1
        if k + 1 >= len(doc) or doc[k].lower_ not in self.and_words:
            return 0.0, k
        nxt = doc[k + 1].lower_
        if nxt in self.fractions:
            return scale * self.fractions[nxt], k + 2
        smaller = read(doc, k + 1)
        if smaller is None or smaller.vague:
            return 0.0, k
        unit2 = self.duration_unit(doc, smaller.end, smaller.weak)
        if unit2 is None or self.durations[doc[unit2].lower_] >= scale:
            return 0.0, k
        return smaller.low * self.durations[doc[unit2].lower_], unit2 + 1

    def unit_at(self, doc: Doc, k: int) -> tuple[Unit, int] | None:
        """The longest unit phrase starting at token k, and where it ends."""
        return self.units.starting_at(doc, k)

    def _contextual_unit(self, doc: Doc, k: int) -> Unit | None:
        """ "cuatro puntos" beside a percentage are percentage points; "1,45 grados" beside
        "temperatura" are degrees Celsius."""
        if k >= len(doc) or doc[k].lower_ not in self.contextual:
            return None
        unit, cues = self.contextual[doc[k].lower_]
        if doc[k].lower_ in self.sizes and self._size_of(doc[k], cues):
            return None
        sentence = doc[k].sent
        words = {t.lower_ for t in sentence} | {t.lemma_.lower() for t in sentence}
        if words & self.blockers.get(doc[k].lower_, frozenset()):
            return None  # "una pendiente máxima de 8 grados" is an angle
        text = sentence.text.lower()
        if words & cues or any(" " in cue and cue in text for cue in cues):
            return unit
        if any(c in t.text for t in sentence for c in cues if len(c) == 1):
            return unit  # "33,1%" is one token
        return None

    def _size_of(self, unit: Token, cues: frozenset[str]) -> bool:
        """ "un tornillo de 8 milímetros", "8 milímetros de diámetro": a thing's size."""
        if any(c.dep_ == "nmod" and c.lemma_.lower() in self.dimensions for c in unit.children):
            return True
        holder = unit.head
        return (
            unit.dep_ == "nmod"
            and holder.pos_ == "NOUN"
            and holder.i < unit.i
            and not {holder.lower_, holder.lemma_.lower()} & cues
        )

    def currency_before(self, doc: Doc, start: int) -> tuple[str, int] | None:
        """A currency sign just before a figure ("$500", "US$ 3 millones"): (code, start)."""
        if start == 0:
            return None
        code = self.currency_prefixes.get(doc[start - 1].lower_)
        return (code, start - 1) if code else None

    # -- what a quantity measures -------------------------------------------------------

    def measure(self, doc: Doc, q: Quantity, percent_cues: dict[int, int], read) -> Measure | None:
        if q.percent:
            return Measure("percent", "%", 1.0, 0.0, q.end, q.start)
        if q.currency:
            return Measure("money", q.currency, 1.0, 0.0, q.end, q.start)
        # "una hora", "tres millones de años": a weak or scaled figure takes "de" first.
        unit = self.duration_unit(doc, q.end, q.weak or q.scaled)
        if unit is not None:
            extra, end = self.duration_tail(doc, unit, read)
            return Measure("duration", "s", self.durations[doc[unit].lower_], extra, end, unit)
        k = q.end
        if q.scaled and k < len(doc) and doc[k].lower_ in self.of_words:
            k += 1  # "3 millones de euros"
        # "descargó 130 milímetros": a length unit that, beside rain, is rainfall
        contextual = self._contextual_unit(doc, k)
        found = self.unit_at(doc, k)
        if contextual is not None and found is not None and found[1] == k + 1:
            found = None  # a longer unit still wins: "puntos básicos"
        if found is not None:
            unit_row, end = found
            extra = 0.0
            # "un metro y medio": half a unit more.
            if end + 1 < len(doc) and doc[end].lower_ in self.and_words:
                fraction = self.fractions.get(doc[end + 1].lower_)
                if fraction is not None:
                    extra, end = fraction * unit_row.factor, end + 2
            return Measure(unit_row.kind, unit_row.unit, unit_row.factor, extra, end, k)
        if contextual is not None:
            return Measure(contextual.kind, contextual.unit, contextual.factor, 0.0, k + 1, k)
        currency = self.currency_before(doc, q.start)
        if currency is not None:
            return Measure("money", currency[0], 1.0, 0.0, q.end, q.start)
        if q.end in percent_cues:
            return Measure("percent", "%", 1.0, 0.0, percent_cues[q.end], q.start)
        if (q.weak and not self._listed_one(doc, q)) or self._in_name(doc, q):
            return None
        year_like = q.plain is not None and self.years[0] <= q.plain <= self.years[1]
        noun = self.counted_noun(doc, q)
        if noun is None and not year_like and self._named_number(doc, q):
            return None  # "el 112 recibió el aviso": a telephone number
        if noun is None and not year_like:
            partitive = self.partitive_noun(doc, q)
            if partitive is not None:
                return Measure("count", self.singular(doc[partitive]), 1.0, 0.0, q.end, partitive)
            predicate = self.predicate_noun(doc, q)
            if predicate is not None and doc[predicate].lemma_.lower() in self.magnitude_nouns:
                # "el IGP situó la magnitud en 7,0"
                return Measure("magnitude", "magnitude", 1.0, 0.0, q.end, predicate)
            if predicate is not None:
                return Measure("count", self.singular(doc[predicate]), 1.0, 0.0, q.end, predicate)
            if self._clitic_magnitude(doc, q):
                return Measure("magnitude", "magnitude", 1.0, 0.0, q.end, q.start)
        # "En 2022 tropas rusas...": a year-like figure counts a noun only if the parse agrees.
        if noun is not None and not (year_like and doc[q.start].head.i != noun):
            # "1,684 fallecidos": people come whole, so the comma groups thousands.
            scale = 1000.0 if ENGLISH_THOUSANDS.fullmatch(doc[q.start].text) else 1.0
            # "y el de heridos a 300": a gapped noun comes before its figure.
            end = noun + 1 if noun >= q.end else q.end
            return Measure("count", self.singular(doc[noun]), scale, 0.0, end, noun)
        if year_like:
            return Measure("year", "year", 1.0, 0.0, q.end, q.start)
        if q.scaled or self._bare_count(doc, q):
            # "3,5 millones", "y 670.000, según los convocantes": nothing counted after it;
            # what it counts is said by the figure before it (discourse.py), or nothing is.
            return Measure("count", "", 1.0, 0.0, q.end, q.end - 1)
        return None

    def _bare_count(self, doc: Doc, q: Quantity) -> bool:
        """A figure that can only be a count of something named elsewhere: a large whole
        number ("670.000"), or one after a plural definite article ("elevan a las 80")."""
        if not _whole(q) or q.low < 0:
            return False
        article = q.start > 0 and doc[q.start - 1].lower_ in self.plural_definite
        return q.low >= BARE_COUNT_MIN or (article and q.low >= 2) or bool(stance_at(doc, q.end))

    def _named_number(self, doc: Doc, q: Quantity) -> bool:
        """A whole figure after a singular article: "al 112", "la 14"."""
        after_article = q.start > 0 and doc[q.start - 1].lower_ in self.singular_articles
        return after_article and _whole(q) and q.low >= 2

    def _listed_one(self, doc: Doc, q: Quantity) -> bool:
        """ "un muerto y dos heridos", "tres detenidos y un herido": an article before a
        participle listed beside counted nouns counts one; alone ("un herido fue
        trasladado") it only introduces someone."""
        if q.end - q.start != 1 or doc[q.start].lower_ not in self.articles:
            return False
        noun = self.noun_after(doc, q.end)
        if noun is None and q.end < len(doc) and doc[q.start].head.i == q.end:
            noun = q.end  # "y un herido grave": a nominalised participle
        if noun is None or not doc[noun].lower_.endswith(self.listed_endings):
            return False
        token = doc[noun]
        partners = [c for c in token.children if c.dep_ == "conj"]
        if token.dep_ == "conj":
            partners.append(token.head)
        return any(
            c.dep_ == "nummod" and c.like_num and c.lower_ not in self.articles
            for partner in partners
            for c in partner.children
        )

    def counted_noun(self, doc: Doc, q: Quantity) -> int | None:
        k = q.end
        if k < len(doc) and doc[k].is_quote and q.start > 0 and doc[q.start - 1].is_quote:
            k += 1  # "cifró en «200.000» los manifestantes"
        if q.scaled and k < len(doc) and doc[k].lower_ in self.of_words:
            k += 1
        noun = self.noun_after(doc, k)
        if (
            noun is None
            and k < len(doc)
            and doc[k].pos_ == "ADJ"
            and (
                doc[q.end - 1].head.i == k
                or (doc[k].head.i == q.end - 1 and _is_participle(doc[k]))
            )
        ):
            # A nominalised adjective the figure quantifies: "14 desaparecidos", "7 detenidos"
            # (the parse hangs either on the other).
            noun = k
        head = doc[q.end - 1].head
        if noun is None and doc[q.end - 1].dep_ == "nummod" and q.end <= head.i <= q.end + 2:
            # "cifran en 20 los fallecidos": the parse hangs the figure on its noun.
            noun = head.i if head.pos_ == "NOUN" or _is_participle(head) else None
        if noun is None:
            noun = self._gapped_noun(doc, q) or self._inverted_noun(doc, q)
        if noun is None:
            return None
        lower = doc[noun].lower_
        other = lower in self.months or lower in self.weekdays or lower in self.durations
        return None if other else noun

    def _clitic_magnitude(self, doc: Doc, q: Quantity) -> bool:
        """ "una magnitud de 6,1, mientras que otro instituto la cifró en 6,3": a figure verb
        whose object is a pronoun gives the magnitude its sentence speaks of."""
        verb = doc[q.end - 1].head
        if verb.lemma_.lower() not in self.source_verbs or not any(
            c.dep_ in {"obj", "iobj"} and c.pos_ == "PRON" for c in verb.children
        ):
            return False
        # The sentence: from the root above the verb (Token.sent walks the whole document).
        root = verb
        while root.head.i != root.i:
            root = root.head
        return any(t.lemma_.lower() in self.magnitude_nouns for t in root.subtree)

    def _gapped_noun(self, doc: Doc, q: Quantity) -> int | None:
        """ "los muertos subieron a 40 y el de heridos a 300": the second figure's verb and
        quantity noun are left out; the noun it counts sits between "de" and "a"."""
        k = q.start
        if (
            k < 4
            or doc[k - 1].lower_ not in self.gap_words
            or doc[k - 3].lower_ not in self.of_words
            or doc[k - 4].lower_ not in self.definite
        ):
            return None
        noun = doc[k - 2]
        return noun.i if noun.pos_ == "NOUN" or _is_participle(noun) else None

    def _inverted_noun(self, doc: Doc, q: Quantity) -> int | None:
        """ "ya son más de 250 los fallecidos": the copula comes before the figure and the
        counted noun, with its article, after it."""
        k = q.end
        if k + 1 >= len(doc) or doc[k].lower_ not in self.definite:
            return None
        before = doc[max(q.start - 3, 0) : q.start]
        if not any(t.lemma_.lower() in self.copula and t.pos_ in {"AUX", "VERB"} for t in before):
            return None
        noun = doc[k + 1]
        return noun.i if noun.pos_ == "NOUN" or _is_participle(noun) else None

    def partitive_noun(self, doc: Doc, q: Quantity) -> int | None:
        """ "ocho de los 13 vagones" counts vagones; the 13 is a figure of its own."""
        k = q.end
        if k + 2 >= len(doc) or doc[k].lower_ not in self.of_words or doc[k + 1].pos_ != "DET":
            return None
        k += 2
        if k < len(doc) and doc[k].pos_ == "NUM":
            k += 1
        return self.noun_after(doc, k)

    def predicate_noun(self, doc: Doc, q: Quantity) -> int | None:
        """The noun a figure counts when it is the predicate of a clause: "asciende a 40 el
        número de muertos" -> muertos; "murieron 40" -> the verb itself (morir)."""
        figure = doc[q.end - 1]
        verb = figure.head
        if figure.dep_ in {"nsubj", "nsubj:pass"} and verb.pos_ == "VERB":
            # "otras 300 resultaron heridas": a predicative complement; "murieron 40": the verb.
            for child in verb.children:
                if child.dep_ in {"obj", "xcomp", "amod", "advmod"} and _is_participle(child):
                    return child.i
            return None if verb.lemma_.lower() in self.predicate_verbs else verb.i
        copular = any(c.dep_ == "cop" for c in figure.children)
        if copular:
            verb = figure  # "los heridos son ya 300": the figure heads the copular clause
        elif verb.lemma_.lower() not in self.predicate_verbs | self.holding_verbs:
            return None
        return self._counted_child(verb, figure.i)

    def _counted_child(self, verb: Token, figure: int) -> int | None:
        """ "el número de muertos" first, then a noun after the figure ("cifran en 20 los
        fallecidos": the subject before it is the source), then one before it."""
        doc = verb.doc
        own = [
            c
            for c in doc[figure].children
            if c.i > figure and c.dep_ == "amod" and _is_participle(c)
        ]
        if own:
            return own[0].i  # "cifró en una treintena los desaparecidos"
        if verb.dep_ == "acl" and any(
            c.dep_ in {"nsubj", "nsubj:pass"} and "Rel" in c.morph.get("PronType")
            for c in verb.children
        ):
            # "las réplicas, que ya superan las 300": the relative's antecedent is counted.
            antecedent = verb.head
            return antecedent.i if antecedent.pos_ == "NOUN" else None
        gives = verb.lemma_.lower() in self.source_verbs and not any(
            c.lower_ in self.reflexive for c in verb.children
        )
        candidates = [
            c
            for c in verb.children
            if c.i != figure
            and c.dep_ in self.counted_deps
            and (c.pos_ == "NOUN" or _is_participle(c))
            and not (gives and c.dep_ in {"nsubj", "nsubj:pass"})
            # "son 300 millones más que los 900 millones": another figure is not counted
            and not any(g.dep_ == "nummod" for g in c.children)
        ]
        for child in candidates:
            if child.lemma_.lower() in self.magnitude_nouns:
                return child.i  # "el instituto fijó la magnitud en 6,1"
            if child.lemma_.lower() in self.quantity_nouns:
                of = [c for c in child.children if c.dep_ in {"nmod", "amod"} and c.i > child.i]
                return of[0].i if of else None
        after = [c for c in candidates if c.i > figure]
        before = [c for c in candidates if c.i < figure and c.dep_ in {"nsubj", "nsubj:pass"}]
        for group in (after, before):
            if group:
                return group[0].i
        return None

    def noun_after(self, doc: Doc, k: int) -> int | None:
        """The noun at token k, perhaps after adjectives that go before nouns ("nuevos")."""
        while k < len(doc):
            token = doc[k]
            if token.pos_ == "NOUN":
                return k
            if token.pos_ != "ADJ":
                return None
            if token.lemma_.lower() not in self.prenominal and token.lower_ not in self.prenominal:
                # The small model tags the first of two nouns as an adjective ("satélite espía").
                return k if k + 1 < len(doc) and doc[k + 1].pos_ == "NOUN" else None
            k += 1
        return None

    @staticmethod
    def _in_name(doc: Doc, q: Quantity) -> bool:
        """A figure that is part of a proper name ("Apolo 11") counts nothing."""
        head = doc[q.start].head
        return head.pos_ == "PROPN" and head.i == q.start - 1


@lru_cache(maxsize=4)
def _stances(lang: str) -> dict[tuple[str, ...], str]:
    phrases = load_language_data(lang, "values")["stance"]["phrases"]
    return {tuple(phrase.split()): side for phrase, side in phrases.items()}


def stance_at(doc: Doc, i: int) -> str:
    """The side of a vote a phrase at ``i`` names ("a favor" -> "for"), or ""."""
    for words, side in _stances(doc.lang_).items():
        if tuple(t.lower_ for t in doc[i : i + len(words)]) == words:
            return side
    return ""
