"""What a value measures, as a concept key: the thing a count counts, what lasted, what
happened on a date, what a length or percentage is of.

"murieron 40 personas" and "40 fallecidos" both measure ``death``; "la reunión duró dos
horas" and "conversaron durante dos horas" both measure ``meeting``; "25 minutos de retraso"
measures ``delay``, not the meeting. Verbs that carry no meaning of their own ("dejó",
"hubo", "se situó") hand over to their subject or object. Which moment of an event a date
dates is event_moments.py's to say; what narrows a count or a share, count_qualifiers.py's.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from app.nlp.concepts import Concept, Lexicon, lemma_of, lexicon, plain_lemma, verb_stem
from app.nlp.count_qualifiers import CountQualifiers
from app.nlp.data import load_language_data
from app.nlp.deps import (
    ADNOMINAL,
    NOMINAL,
    OBJECT_DEPS,
    PREDICATE,
    SUBJECT_DEPS,
    breakdown_total,
    is_figure,
)
from app.nlp.event_moments import EventMoments
from app.nlp.kinds import MONEY

# Kinds whose unit is the counted or ranked noun.
NOUN_KINDS = frozenset({"count", "ordinal"})
# Kinds that date or time something: an event, preferably.
# (A scale rates an event: "un huracán de categoría 4", "tocó tierra como categoría 5".)
EVENT_KINDS = frozenset({"date", "day", "month", "weekday", "year", "time", "duration", "scale"})
# Kinds a report names only by their unit: "el parte habla de 900 hectáreas" is the area.
REPORTED_KINDS = frozenset({"area"})
# Kinds that give a moment.
MOMENT_KINDS = frozenset({"date", "day", "weekday", "time"})
# Kinds a figure of which is a point in time, never an amount that changes.
CALENDAR_KINDS = MOMENT_KINDS | {"year", "month"}
# Kinds that date a phase of an event ("esta madrugada" is resolved to a date later).
PHASED_KINDS = MOMENT_KINDS | {"day_offset"}


@dataclass(frozen=True, slots=True)
class Measured:
    key: str  # concept id, or the lemma of the word that names what is measured
    word: str  # that word as written, for labels
    token: int  # its token index
    change: bool  # the figure is a change ("subió un 2 %"), not a level
    qualifier: str  # what narrows a count: its verb or participle ("vagones descarrilados")


class MeasuredReader:
    def __init__(self, lang: str) -> None:
        data = load_language_data(lang, "scope")["measured"]
        self.lexicon: Lexicon = lexicon(lang)
        predicates = load_language_data(lang, "values")["predicates"]
        self.source_verbs = frozenset(predicates["source_verbs"])
        self.reflexive = frozenset(predicates["reflexive"])
        self.light = frozenset(data["light_verbs"])
        self.state_verbs = frozenset(data["state_verbs"])
        self.state_cases = frozenset(data["state_cases"])
        calendar = load_language_data(lang, "values")
        self.level_cases = frozenset(calendar["links"]["level"])
        # "cayó desde 30 metros": a quantity's level may be the one a change starts from
        self.quantity_level_cases = self.level_cases | frozenset(calendar["links"]["start"])
        self.reflexive_not_light = frozenset(data["reflexive_not_light"])
        self.change = frozenset(data["change_words"])
        self.generic = frozenset(data["generic_nouns"])
        self.containers = frozenset(data["container_nouns"])
        self.owner_verbs = frozenset(load_language_data(lang, "scope")["scope"]["owner_verbs"])
        rates = load_language_data(lang, "scope")["scope"]["rates"]
        # "0,40 euros por acción": what a figure is per is its unit, not what it measures.
        self.per_cases = frozenset(p.split()[0] for p in rates["units"] + rates["price_units"])
        self.states = frozenset(load_language_data(lang, "scope")["scope"]["state_words"])
        self.directions = frozenset(data["distance_directions"])
        self.self_describing = frozenset(data["self_describing_kinds"])
        self.age = data["age_concept"]
        self.age_units = frozenset(data["age_units"])
        self.age_cases = frozenset(data["age_cases"])
        self.person_nouns = frozenset(data["person_nouns"])
        self.kind_nouns = {kind: frozenset(words) for kind, words in data["kind_nouns"].items()}
        self.default_dimensions = {
            kind: frozenset(words) for kind, words in data["default_dimensions"].items()
        }
        self.day_parts = frozenset(data["day_parts"])
        # "las 6.10 del viernes", "el 3 de marzo": the day a figure is on, never what it measures.
        self.calendar_words = self.day_parts | set(calendar["months"]) | set(calendar["weekdays"])
        self.increments = frozenset(data["increment_words"])
        self.increment_modifiers = frozenset(data["increment_modifiers"])
        self.rates = frozenset(
            c for c in self.lexicon.concepts.values() if c.id in set(data["rate_concepts"])
        )
        self.distance_cases = frozenset(data["distance_cases"])
        self.distance_leads = frozenset(data["distance_leads"])
        self.distance_dimensions = frozenset(data["distance_dimensions"]).union(
            *self.default_dimensions.values()
        )
        self.measuring_cases = frozenset(data["measuring_cases"])
        self.object_cases = frozenset(data["object_cases"])
        # The concept for whatever the story is about ("los hechos"), if the language has one.
        self.story = next((c.id for c in self.lexicon.concepts.values() if c.story), "")
        self.reports = frozenset(load_language_data(lang, "scope")["scope"]["report_nouns"])
        self.companion_cases = frozenset(data["companion_cases"])
        self.event_cases = frozenset(data["event_cases"])
        self.moments = EventMoments(lang, self.lexicon, self)
        self.counts = CountQualifiers(lang, self.lexicon, self)

    def is_light(self, token: Token) -> bool:
        lemma = plain_lemma(token)
        if lemma_of(token) in self.reflexive_not_light and (
            " " in lemma or any(c.lower_ in self.reflexive for c in token.children)
        ):
            return False  # "reunió el 30 %" is light, "se reunieron dos horas" is not
        return lemma in self.light or lemma in self.change

    def clause_verb(self, token: Token) -> Token | None:
        """The verb (or copular predicate) of the clause a token belongs to."""
        node = token
        for _ in range(8):
            if node.pos_ in PREDICATE or any(c.dep_ == "cop" for c in node.children):
                return node
            if node.head.i == node.i:
                return None
            node = node.head
        return None

    def _arguments(self, verb: Token, exclude: int) -> list[Token]:
        """What a light verb is about: its subject and its object (relative pronouns stand
        for the noun the clause describes; a coordinated verb shares its subject)."""
        found: list[Token] = []
        # "el borrador fija el techo en 96.000 millones": the subject gives the figure, the
        # object is what it measures (but "el techo se fija en…" is about its subject).
        gives = verb.lemma_.lower() in self.source_verbs and not any(
            c.lower_ in self.reflexive for c in verb.children
        )
        for deps in (OBJECT_DEPS,) if gives else (SUBJECT_DEPS, OBJECT_DEPS):
            for child in verb.children:
                if child.i == exclude or self._misparsed_object(child):
                    continue
                if child.dep_ not in deps and not (gives and self._second_subject(child, verb)):
                    continue
                if child.pos_ == "PRON" and verb.dep_ in ADNOMINAL:
                    found.append(self._uncontained(verb.head))  # "el balance del alud que…"
                elif child.pos_ in NOMINAL or "Part" in child.morph.get("VerbForm"):
                    found.append(self._uncontained(child))
        if not found:
            found.extend(self._described_noun(verb))
        if not found and plain_lemma(verb) in self.state_verbs:
            found.extend(self._state(verb, exclude))
        return [t for t in found if not is_figure(t)]

    def _state(self, verb: Token, exclude: int) -> list[Token]:
        """ "Tres pacientes siguen en la UCI": the state a verb of staying keeps its subject
        in (a common noun, or a name the lexicon knows: "permanecen en Toledo" is where)."""
        return [
            child
            for child in verb.children
            if child.dep_ == "obl"
            and child.i != exclude
            and (child.pos_ == "NOUN" or self.lexicon.of_token(child) is not None)
            and child.lower_ not in self.calendar_words
            and not is_figure(child)  # "quedó en tres puntos" is the figure itself
            and any(c.dep_ == "case" and c.lower_ in self.state_cases for c in child.children)
        ]

    @staticmethod
    def _second_subject(child: Token, verb: Token) -> bool:
        """The parser's second subject after a verb that already has one before it: in
        "el sindicato estima el coste en 3 millones" it hangs "el coste" as a subject too."""
        return (
            child.dep_ in SUBJECT_DEPS
            and child.i > verb.i
            and any(c.dep_ in SUBJECT_DEPS and c.i < verb.i for c in verb.children)
        )

    def _described_noun(self, verb: Token) -> list[Token]:
        """ "La reunión, que estaba previsto que durara dos horas": the noun an embedding
        clause describes; "la reunión empezó tarde y duró dos horas": the shared subject."""
        node = verb
        for _ in range(4):
            if node.dep_ in ADNOMINAL and node.head.pos_ in NOMINAL:
                return [node.head]
            if node.dep_ == "conj":
                subjects = [c for c in node.head.children if c.dep_ in SUBJECT_DEPS]
                if subjects and subjects[0].pos_ in NOMINAL:
                    return [self._uncontained(subjects[0])]
            if node.dep_ not in {"csubj", "ccomp", "xcomp", "conj"} or node.head.i == node.i:
                return []
            node = node.head
        return []

    def _misparsed_object(self, token: Token) -> bool:
        """ "elevó a 26 el número de muertos por el huracán": the parser may take "por el
        huracán" for an object, but an object takes no preposition but the personal "a"."""
        return token.dep_ == "obj" and any(
            c.dep_ == "case" and c.lower_ not in self.object_cases for c in token.children
        )

    def _uncontained(self, token: Token) -> Token:
        """ "el total de muertos" -> muertos; "el número de personas heridas" -> heridas."""
        if token.lemma_.lower() in self.containers:
            for child in token.children:
                if child.dep_ in {"nmod", "amod"} and child.i > token.i:
                    generic = child.lemma_.lower() in self.generic
                    return (self._own_participle(child) if generic else None) or child
        return token

    def _from_clause(self, value_head: Token, kind: str) -> tuple[list[Token], bool]:
        """(the words the clause says the figure is about, best first; is it a change).

        A light verb hands over to its arguments ("la reunión duró dos horas"); a verb the
        lexicon does not know yields to its subject ("la rentabilidad cerró en el 3,47 %")
        or to the event a relative clause describes ("la marcha, que durante tres horas
        recorrió el centro")."""
        verb = self.clause_verb(value_head)
        if verb is None:
            return [], False
        # "un tramo de 60 metros se desplomó": the verb changes the thing, whose size the
        # figure gives.
        figure = value_head
        while figure.head.i != figure.i and any(c.dep_ == "nummod" for c in figure.head.children):
            figure = figure.head  # "300 millones de euros": the figure's first noun
        describes = (
            kind not in CALENDAR_KINDS
            and figure.dep_ == "nmod"
            and figure.head.pos_ == "NOUN"
            and figure.head.lemma_.lower() not in self.containers  # "un total de 300"
            and any(c.dep_ == "case" and c.lower_ in self.measuring_cases for c in figure.children)
        )
        change = (
            lemma_of(verb) in self.change
            and not self._reaches_level(value_head, kind)
            and not describes
        )
        arguments = [a for a in self._arguments(verb, value_head.i) if not self._is_owner(a, verb)]
        # "pararon el miércoles en una huelga general": the event the clause happens in;
        # "resultaron heridas el sábado en una avalancha" dates the avalanche first.
        events = self._event_obliques(verb) if kind in EVENT_KINDS else []
        first = events if kind in MOMENT_KINDS else []
        if self.is_light(verb) or verb.i == value_head.i:
            # "mantuvieron una reunión durante tres horas": the word the lexicon knows.
            known = [a for a in arguments if self.lexicon.of_token(a)]
            # "el avión cayó a las 14.33": a verb that names an event stays a candidate
            # (after its arguments) for the kinds that date one.
            concept = self.lexicon.of_token(verb, kind)
            dates = kind in EVENT_KINDS and concept is not None and concept.event
            event = [verb] if dates else []
            return first + known + [a for a in arguments if a not in known] + event, change
        if self.lexicon.of_token(verb) is None:
            nominal = [a for a in arguments if a.pos_ in NOMINAL]
            return [*first, *nominal, verb, *arguments, *events], change
        return [*first, verb, *arguments, *events], change

    def _event_obliques(self, verb: Token) -> list[Token]:
        return [
            child
            for child in verb.children
            if child.dep_ == "obl"
            and child.pos_ == "NOUN"
            and any(c.dep_ == "case" and c.lower_ in self.event_cases for c in child.children)
            and (concept := self.lexicon.of_token(child)) is not None
            and concept.event
        ]

    def _reaches_level(self, head: Token, kind: str) -> bool:
        """ "subió hasta el 3,2 %", "bajó al 12 %": the level reached, not the change;
        "cayó desde 30 metros": the level it started from."""
        cases = self.level_cases if kind in CALENDAR_KINDS else self.quantity_level_cases
        tokens = [head, *head.children]
        return any(t.dep_ == "case" and t.lower_ in cases for t in tokens)

    def _is_owner(self, token: Token, verb: Token) -> bool:
        """ "el PSOE logró el 31,7 %": the subject owns the figure (its scope), it is not
        what the figure measures."""
        return token.pos_ == "PROPN" and lemma_of(verb) in self.owner_verbs

    def _complement(self, head: Token, value: range, kind: str) -> Token | None:
        """ "25 minutos de retraso" -> retraso; "18 km de profundidad" -> profundidad (but not
        the "hora" of "kilómetros por hora", which is part of the unit, nor the "acción" of
        "0,40 euros por acción", what a price is per)."""
        per_cases = self.per_cases if kind == MONEY else frozenset()
        # "cinco años y tres meses de cárcel": the complement may hang on the last part.
        parts = [head, *(c for c in head.children if c.dep_ == "conj")]
        for part in parts:
            for child in part.children:
                inside = child.i in value
                if (
                    child.dep_ == "nmod"
                    and child.pos_ == "NOUN"
                    and child.i > head.i
                    and not inside
                    and child.lower_ not in self.calendar_words
                    and not any(c.dep_ == "case" and c.lower_ in per_cases for c in child.children)
                ):
                    return self._uncontained(child)
        return None

    def _carrier(self, noun: Token) -> Concept | None:
        """The vehicle a "con" count hangs from, or from whose verb it does."""
        if not any(c.dep_ == "case" and c.lower_ in self.companion_cases for c in noun.children):
            return None
        holder = noun.head
        if holder.pos_ in PREDICATE:
            subjects = [c for c in holder.children if c.dep_ in SUBJECT_DEPS]
            holder = subjects[0] if subjects else holder
        return self.lexicon.of_token(holder)

    def _own_participle(self, noun: Token) -> Token | None:
        """ "23 personas desaparecidas", "12 personas no localizadas": a participle of a
        generic noun says what is counted, whatever the clause around it is about."""
        for child in noun.children:
            lemma = lemma_of(child)
            # irregular ones ("muertas") the lexicon knows
            participle = (
                "Part" in child.morph.get("VerbForm")
                or any(lemma.endswith(ending) for ending in self.lexicon.participles)
                or self.lexicon.of_token(child) is not None
            )
            if child.dep_ == "amod" and child.pos_ in {"ADJ", "VERB"} and participle:
                return child
        return None

    def _measuring_noun(self, noun: Token, kind: str) -> Token | None:
        """The known noun a generic count completes ("un aforo de 500 personas", "capacidad
        para 300 personas"): what the figure measures."""
        holder = noun.head
        if noun.dep_ != "nmod" or holder.pos_ != "NOUN" or holder.i > noun.i:
            return None
        if not any(c.dep_ == "case" and c.lower_ in self.measuring_cases for c in noun.children):
            return None
        concept = self.lexicon.of_token(holder, kind)
        return holder if concept is not None and not concept.event else None

    def _acting_verb(self, noun: Token, kind: str) -> Token | None:
        """The known verb a counted noun is the object (or passive subject) of."""
        verb = noun.head
        # "fueron evacuadas 300 personas": the parser may leave a passive subject plain.
        passive = noun.dep_ == "nsubj" and "Part" in verb.morph.get("VerbForm")
        if not (noun.dep_ in {"obj", "nsubj:pass"} or passive) or verb.pos_ not in PREDICATE:
            return None
        if self.is_light(verb) or self.lexicon.of_token(verb, kind) is None:
            return None
        return verb

    def _participle(self, head: Token) -> Token | None:
        """ "los 4,1 millones malversados": a participle after the figure says what it is."""
        for child in head.children:
            participle = child.pos_ == "ADJ" or "Part" in child.morph.get("VerbForm")
            if child.dep_ in {"amod", "acl"} and participle and child.i > head.i:
                return child
        return None

    def _first_conjunct_figure(self, head: Token) -> Token | None:
        """The figure a coordinated one follows: the nearest earlier figure of the same
        unit in the same clause, however the parser chained the conjuncts ("seis años a
        Pardo, y cuatro a Ferrer" may hang the "cuatro" on "Pardo")."""
        if head.dep_ != "conj":
            return None
        verb = self.clause_verb(head)
        for token in reversed(head.doc[head.sent.start : head.left_edge.i]):
            figure = any(c.dep_ == "nummod" and is_figure(c) for c in token.children)
            if figure and token.lemma_ == head.lemma_:
                same_clause = verb is not None and self.clause_verb(token) == verb
                return token if same_clause else None
        return None

    def _modified_noun(self, head: Token, kind: str) -> Token | None:
        """ "una huelga de dos días" -> huelga; "una réplica de magnitud 5,1" -> réplica;
        not "la noche del martes" (a part of the day) nor another figure ("las 22.47 del
        martes")."""
        node = head
        # "vientos sostenidos de 240 km/h": the parser may hang the figure on the adjective;
        # not a moment ("la sentencia, fechada el martes" dates the signing, not the ruling).
        on_adjective = node.head.pos_ == "ADJ" and node.head.dep_ == "amod"
        if node.dep_ in {"nmod", "obl"} and on_adjective and kind not in EVENT_KINDS:
            node = node.head
        for _ in range(2):
            if (
                node.dep_ not in {"nmod", "amod", "nummod", "appos"}
                or node.head.pos_ not in NOMINAL
            ):
                return None
            node = node.head
            if (
                node.lemma_.lower() not in self.day_parts
                and not node.like_num
                and not any(ch.isdigit() for ch in node.text)
            ):
                return node
        return None

    def distance_origin(self, head: Token) -> Token | None:
        """The place a distance is measured from: "18 km al noreste de Santa Rosa" and
        "40 km de Santa Rosa" -> Santa Rosa."""
        for child in head.children:
            case = next((c.lower_ for c in child.children if c.dep_ == "case"), None)
            if child.lemma_.lower() in self.directions:
                origin = [g for g in child.children if g.pos_ == "PROPN"]
                if origin:
                    return origin[0]
            elif case in self.distance_cases and (
                child.pos_ == "PROPN" or any(t.pos_ == "PROPN" for t in child.subtree)
            ):
                return child  # "de Santa Rosa", "de la estación de Peñaverde"
            elif (
                case in self.distance_cases
                and child.dep_ == "nmod"
                and child.pos_ == "NOUN"
                and child.lemma_.lower() not in self.distance_dimensions
                and any(c.dep_ == "case" and c.lower_ in self.distance_leads for c in head.children)
            ):
                return child  # "a tres kilómetros del puente"
        return None

    def read(
        self, doc: Doc, kind: str, head_index: int, value: range = range(0)
    ) -> Measured | None:
        head = doc[head_index]
        total = breakdown_total(head) if kind == "count" else None
        if total is not None:
            # "30 heridos: 12 graves y 18 leves": the parts count what the total counts, and
            # a noun of their own narrows it ("14 muertos: nueve mujeres y cinco hombres").
            figures = [c.i for c in total.children if c.dep_ == "nummod"]
            whole = self.read(doc, kind, total.i, range(min(figures), total.i + 1))
            own = self.lexicon.key_of(head, kind)
            if whole is None or head.pos_ != "NOUN" or own == whole.key:
                return whole
            if state_word(head, self.states):
                return whole  # "siete graves", tagged a noun: a state (scope.py) narrows it
            return replace(whole, qualifier=own)
        if kind == "length" and self.distance_origin(head) is not None:
            return Measured("distance", "distancia", head.i, False, "")
        person = self._aged(head) if kind == "duration" else None
        if person is not None:
            label = self.lexicon.concepts[self.age].label
            return Measured(self.age, label, person.i, False, "")
        told = self.moments.what_happened_there(head) if kind in MOMENT_KINDS else None
        if told is not None and self.story:
            return Measured(self.story, told.text, told.i, False, "")
        happened = self.moments.happened_noun(head) if kind in MOMENT_KINDS else None
        if happened is not None:
            key = self.lexicon.key_of(happened, kind)
            return Measured(key, happened.text, happened.i, False, "")
        found = self._read(doc, kind, head, value)
        if found is None and kind == "duration":
            found = self._what_lasted(head)
        if found is None and kind in MOMENT_KINDS:
            found = self._what_happened(head)
        if found is not None and lemma_of(doc[found.token]) in self.kind_nouns.get(kind, ()):
            return Measured(kind, kind, head.i, found.change, found.qualifier)
        if found is not None and found.key in self.reports and kind in REPORTED_KINDS:
            # "el parte habla de 13.750 hectáreas": the report says nothing of what is
            # measured; the kind does (the corpus gives it its main event).
            return Measured(kind, kind, head.i, found.change, "")
        if kind in self.self_describing:
            concept = self.lexicon.concepts.get(found.key) if found else None
            # A concept made for the kind keeps it apart: sustained winds are not gusts.
            own = concept is not None and kind in concept.kinds
            if concept is None or not (concept.event or own):
                # "el convoy entró en la curva a 130 km/h": the kind says what it measures;
                # only an event tells magnitudes apart (the main shock, an aftershock).
                return Measured(kind, kind, head.i, found.change if found else False, "")
        return found

    def _aged(self, head: Token) -> Token | None:
        """The person whose age years after "de" give: "una mujer de 34 años", "Luis Mora,
        de 61 años" (but "una pena de tres años" is how long something lasts)."""
        if lemma_of(head) not in self.age_units or head.dep_ not in {"nmod", "appos"}:
            return None
        if not any(c.dep_ == "case" and c.lower_ in self.age_cases for c in head.children):
            return None
        person = head.head
        # "Julián Orbe, de 52 años": the small model may tag a name opening the sentence as
        # no person (or as a place); a name before an age is someone's, unless an
        # organisation's ("Renfe, de 80 años").
        named = person.pos_ == "PROPN" and person.ent_type_ != "ORG"
        return person if named or lemma_of(person) in self.person_nouns else None

    def _what_lasted(self, head: Token) -> Measured | None:
        """ "Se prolongó durante más de tres horas" lasts whatever the story is about (the
        corpus names it, app/compare/slots.py)."""
        verb = self.moments.lasting_verb(head) if self.story else None
        return Measured(self.story, verb.text, verb.i, False, "") if verb is not None else None

    def _what_happened(self, head: Token) -> Measured | None:
        """ "Todo ocurrió pasadas las diez" dates whatever the story is about."""
        verb = self.moments.happening_verb(head) if self.story else None
        return Measured(self.story, verb.text, verb.i, False, "") if verb is not None else None

    def _read(self, doc: Doc, kind: str, head: Token, value: range) -> Measured | None:
        change = False
        known_complement: Token | None = None
        candidates: list[Token] = []
        modified: Token | None = None
        if kind in NOUN_KINDS:
            # "murieron 40": the verb names what is counted; "40 misiles", the noun.
            # "84 personas a bordo": a generic noun its phrase makes specific.
            known = self.lexicon.of_token(head, kind) is not None
            specific = known or (
                head.lemma_.lower() not in self.generic and not self._is_generic(head)
            )
            carrier = None if specific else self._carrier(head)
            if carrier is not None and carrier.carries:
                # "un cayuco con 84 personas", "el cayuco volcó con 84 personas": aboard
                return Measured(carrier.carries, head.text, head.i, False, "")
            relative = None if specific else self._relative_verb(head, kind)
            own = None if specific else self._own_participle(head)
            if head.pos_ in PREDICATE or specific:
                candidates.append(head)
            elif relative is not None:
                candidates.append(relative)  # "las 84 personas que murieron en el naufragio"
            elif own is not None:
                # "hay 23 personas desaparecidas", but "rescataron a 12 personas atrapadas"
                # counts the rescued: a known verb acting on them says what is counted.
                candidates.append(self._acting_verb(head, kind) or own)
            elif (holder := self._measuring_noun(head, kind)) is not None:
                candidates.append(holder)  # "un aforo de 500 personas": the capacity
            else:
                clause, change = self._from_clause(head, kind)
                predicative = self._predicative(head)
                candidates.extend([predicative] if predicative is not None else clause)
        else:
            modified = self._modified_noun(head, kind)
            complement = self._complement(head, value, kind)
            first = self._first_conjunct_figure(head) if complement is None else None
            if first is not None:
                # "seis años de cárcel a Pardo y cuatro a Ferrer": the second figure
                # shares the first one's complement.
                complement = self._complement(first, range(0), kind)
            if complement is not None and lemma_of(complement) in self.default_dimensions.get(
                kind, ()
            ):
                complement = None  # "un puente de 400 metros de longitud": the bridge's
            participle = self._participle(head) if complement is None else None
            if participle is not None and self.lexicon.of_token(participle, kind) is not None:
                complement = participle  # only a known one: "millones aprobados" says little
            if complement is not None and self.lexicon.of_token(complement, kind) is not None:
                # "la sentencia impone cinco años de cárcel": the figure's own complement
                # says what it measures, before any event of the clause.
                known_complement = complement
            for found in (complement, modified):
                if found is not None:
                    candidates.append(found)
            clause, change = self._from_clause(head, kind)
            candidates.extend(clause)
        # "9.700 millones de euros": the value's own words say nothing of what it measures.
        candidates = [t for t in candidates if t.i not in value or kind in NOUN_KINDS]
        if modified is not None and modified.i in value:
            modified = None
        if not candidates:
            return None
        # "el reporte de las 8.00": what a date or time modifies is what it dates, unless it
        # is something known not to be an event and the clause names one ("el tren que
        # cubría el recorrido descarriló a las 7.42").
        dated = modified if kind in EVENT_KINDS and modified is not None else None
        if dated is not None:
            concept = self.lexicon.of_token(dated)
            events = [t for t in candidates if (c := self.lexicon.of_token(t)) and c.event]
            if (concept is None or not concept.event) and events:
                dated = None  # "descarriló en la curva a las 7.42": the derailment's time
        chosen = known_complement or dated or self._choose(candidates, kind)
        if lemma_of(chosen) in self.default_dimensions.get(kind, ()):
            chosen = self._dimension_of(chosen, value)  # "la longitud del puente": the bridge's
        change = change or (
            any(lemma_of(t) in self.change for t in (head, head.head))
            and not self._reaches_level(head, kind)
        )
        # "45 fallecidos y 144 heridos más": an increment, not a toll.
        after = doc[head.i + 1] if head.i + 1 < len(doc) else None
        change = change or (
            kind in NOUN_KINDS and after is not None and after.lower_ in self.increments
        )
        change = change or (
            kind in NOUN_KINDS
            and any(
                c.dep_ in {"amod", "det"} and c.lower_ in self.increment_modifiers
                for c in head.children
            )
        )
        if self.lexicon.of_token(chosen) in self.rates:
            change = False  # "un crecimiento del 2 %" and "crecerá un 2 %" say the same
        qualifier = self.counts.qualifier(head, chosen, value) if kind in NOUN_KINDS else ""
        key = self.lexicon.key_of(chosen, kind)
        concept = self.lexicon.of_token(chosen, kind)
        if concept is not None and qualifier in concept.counted_by and not self._named_agent(head):
            qualifier = ""
        if kind in PHASED_KINDS:
            qualifier = self.moments.phase(head, chosen)
        if kind in MOMENT_KINDS and not qualifier and (concept is None or not concept.event):
            qualifier = self.moments.what_it_did(head, chosen)
        if kind == "duration" and not qualifier:
            qualifier = self.moments.what_it_took(head)
        if kind == "percent" and not qualifier:
            qualifier = self.counts.share_act(head)
        if kind in EVENT_KINDS and concept is not None and concept.event_of:
            key = concept.event_of  # "los manifestantes marcharon el sábado": the protest's date
        # A clock time is never an increase: "pasadas las tres" is a time, not a rise.
        change = change and kind != "time"
        return Measured(key, chosen.text, chosen.i, change, qualifier)

    def _dimension_of(self, dimension: Token, value: range) -> Token:
        """The thing a dimension noun's "de" complement names ("la longitud del puente"),
        else what has the dimension ("el puente tiene una longitud de 420 metros"), else the
        noun itself."""
        for child in dimension.children:
            cases = {c.lower_ for c in child.children if c.dep_ == "case"}
            if child.i in value or any(t.i in value for t in child.subtree):
                continue  # "una longitud de 420 metros": the figure itself
            if child.dep_ == "nmod" and child.pos_ == "NOUN" and cases & self.measuring_cases:
                return child
        verb = self.clause_verb(dimension)
        if verb is not None and dimension.dep_ in OBJECT_DEPS:
            subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.pos_ == "NOUN"]
            if subjects:
                return subjects[0]
        return dimension

    def _choose(self, candidates: list[Token], kind: str) -> Token:
        """A word the lexicon knows beats one it does not; the date, time or length of
        something is preferably an event's."""
        concepts = [(t, self.lexicon.of_token(t, kind)) for t in candidates]
        if kind in EVENT_KINDS:
            # The event a noun names before the one its verb does: "la riada que el domingo
            # arrasó el valle" dates the flood, whatever else "arrasar" may name.
            events = [t for t, c in concepts if c is not None and c.event]
            nominal = [t for t in events if t.pos_ in NOMINAL]
            if events:
                return (nominal or events)[0]
        return next((t for t, c in concepts if c is not None), candidates[0])

    def _is_generic(self, token: Token) -> bool:
        return self.lexicon.of_token(token) is None and token.lemma_.lower() in self.generic

    def _relative_verb(self, noun: Token, kind: str) -> Token | None:
        """The known verb of a relative clause that says which of a generic noun's things
        are counted: "300 personas que resultaron heridas", "las 84 personas que viajaban
        a bordo"."""
        for child in noun.children:
            if child.dep_ != "acl" or child.i < noun.i:
                continue
            # "que" as its subject or object; "de las que 27 murieron" counts a part instead.
            relatives = [
                t
                for t in child.children
                if t.pos_ == "PRON" and t.i < child.i and t.dep_ in SUBJECT_DEPS | OBJECT_DEPS
            ]
            if not relatives or any(c.dep_ == "case" for c in relatives[0].children):
                continue
            for word in (child, *child.children):
                if self.lexicon.of_token(word, kind) is not None and word.pos_ != "PRON":
                    return word
        return None

    def _predicative(self, noun: Token) -> Token | None:
        """ "40 personas resultaron heridas": the participle says what they are."""
        verb = self.clause_verb(noun)
        if verb is None:
            return None
        for child in verb.children:
            if child.dep_ in {"obj", "xcomp", "amod"} and "Part" in child.morph.get("VerbForm"):
                return child
        if verb.pos_ == "ADJ" or "Part" in verb.morph.get("VerbForm"):
            return verb  # "fueron evacuadas 300 personas": the participle heads the clause
        if plain_lemma(verb) in self.state_verbs and (states := self._state(verb, noun.i)):
            return states[0]  # "seis personas siguen en la UCI"
        return verb if not self.is_light(verb) else None

    def _named_agent(self, noun: Token) -> bool:
        """ "el Hospital Clínico atendió a 27 heridos": a named body's act picks out the
        ones it did it to; "los sanitarios atendieron a 64 heridos" reports them all."""
        verb = self.clause_verb(noun)
        return verb is not None and any(
            c.dep_ in SUBJECT_DEPS and c.pos_ == "PROPN" for c in verb.children
        )

    def restriction(self, word: Token) -> str:
        """A concept when the lexicon has one ("descarrilaron", "se salieron de la vía"
        -> accident), else the verb's stem ("descarrilados" -> "descarril")."""
        concept = self.lexicon.of_token(word)
        return concept.id if concept else verb_stem(word.lemma_)


def state_word(token: Token, states: frozenset[str]) -> str | None:
    """The state a word names, in the singular: "graves" -> "grave" (the small model may
    lemmatise it "grav"), "menores" -> "menor"."""
    word = token.lower_
    forms = (token.lemma_.lower(), word, word.removesuffix("s"), word.removesuffix("es"))
    return next((form for form in forms if form in states), None)


@lru_cache(maxsize=4)
def measured_reader(lang: str) -> MeasuredReader:
    return MeasuredReader(lang)
