"""A value's scope: where, whose, which part and which event it belongs to.

"30 muertos en la capital" holds for the capital, not the country; "el PP obtuvo el 33 %"
is the PP's share; "1.220 de los heridos estaban graves" is part of the injured; "la
réplica dejó dos muertos" is about the aftershock; "el terremoto de 2004" is another,
earlier event. Two values compare only when their scopes are the same (see
app/compare/slots.py), so none of these meets the national toll.

Scope terms are short strings: ``at:<place>``, ``of:<owner>``, ``part``, ``whole``,
``state:<word>``, ``event:<concept>``, ``year:<year>``, ``earlier``, ``zone:<zone>``,
``period:<noun>`` (a running total), ``named:<name>`` (an event's name; the corpus decides
whether it is the story's event, app/compare/named_events.py).
"""

from __future__ import annotations

from functools import lru_cache
from itertools import pairwise

from spacy.tokens import Span, Token

from app.nlp.baselines import baseline_reader
from app.nlp.calendar import HOUR, NOON_HOUR
from app.nlp.concepts import lemma_of, lexicon
from app.nlp.data import load_language_data
from app.nlp.deps import SUBJECT_DEPS, breakdown_total
from app.nlp.entities import entity_key, name_key
from app.nlp.measured import is_figure, measured_reader, state_word
from app.nlp.places import ANTECEDENT_LEVELS, PLACE_DEPS, PlaceReader, capitalised, case_of, name_of
from app.nlp.rates import rate_reader
from app.nlp.recipients import RecipientReader

COUNT_KINDS = frozenset({"count"})
# Figures a part of which is still the same kind of figure: "de ellas, 8.100 hectáreas".
PART_KINDS = frozenset({"count", "area", "volume", "money", "mass"})
SECONDARY = "secondary"
PROVISIONAL = "provisional"
PART = "part"  # some of a set: "tres de los heridos"
READING = "reading"
# "a las nueve y cuarto": an hour in words with no part of the day is nine in the morning or
# at night (digits, "las 21.15", and "de la noche" say which).
EITHER_HALF = "either-half"
# How a time hangs from the report it dates: "el balance (difundido) a las 9.00", "el
# recuento de las dos de la tarde" ("dos" is parsed as the noun's numeral).
READING_CHAIN = frozenset({"nmod", "obl", "obj", "flat", "appos", "acl", "amod", "nummod"})
# Kinds that say when something happened.
MOMENT_KINDS = frozenset({"time", "date", "weekday", "day", "day_offset"})
# When is nobody's: "Ana y Luis se reunieron el lunes" dates the meeting, not Ana's figure.
UNOWNED_KINDS = MOMENT_KINDS | {"month", "year"}
LOCAL_ZONE = "local"
# Figures that add up over an area, so a place narrows them ("30 muertos en la capital");
# where a meeting took place does not narrow how long it lasted.
PLACE_SCOPED_KINDS = frozenset(
    {
        "count",
        "percent",
        "percentage_points",
        "money",
        "precipitation",
        "temperature",
        "area",
        "volume",
        "mass",
    }
)
NAME_DEPS = frozenset({"flat", "compound", "fixed"})
YEAR_DIGITS = 4
MONTH_DAYS = 27  # a date range this long is a month or more
DESCRIBED_PATH = 3  # the figure, the thing it describes, the clause's verb
# Dependents that say something of their own: an apposition, a relative clause.
ASIDE_DEPS = frozenset({"appos", "acl", "acl:relcl", "parataxis"})


def _a_month(value) -> bool:
    """ "en enero", "en marzo de 2025" (a date range of a whole month)."""
    if value.kind == "month":
        return True
    span = (value.high or 0) - (value.low or 0)
    return value.kind == "date" and span >= MONTH_DAYS


class ScopeReader:
    def __init__(self, lang: str) -> None:
        data = load_language_data(lang, "scope")["scope"]
        self.lexicon = lexicon(lang)
        self.carried = frozenset(c.carries for c in self.lexicon.concepts.values() if c.carries)
        self.measured = measured_reader(lang)
        self.rates = rate_reader(lang)
        self.baselines = baseline_reader(lang)
        self.places = PlaceReader(data)
        self.place_cases = self.places.place_cases
        self.place_nouns = self.places.place_nouns
        self.partitives = frozenset(data["partitive_words"])
        self.partitive_sets = self.partitives | frozenset(data["partitive_determiners"])
        self.partitive_case = data["partitive_case"]
        self.remainder = frozenset(data["remainder_words"])
        self.remainder_after_article = frozenset(data["remainder_after_article"])
        self.definite_articles = frozenset(data["definite_articles"])
        self.span_openers = frozenset(data["span_openers"])
        self.during = frozenset(data["during_cases"])
        self.period_openers = tuple(tuple(words) for words in data["period_openers"])
        self.owner_verbs = frozenset(data["owner_verbs"])
        self.recipients = RecipientReader(
            self.lexicon,
            frozenset(data["recipient_verbs"]),
            frozenset(data["recipient_cases"]),
            data["passive_aux"],
        )
        self.recipient_kinds = frozenset(data["recipient_kinds"])
        self.earlier = frozenset(data["earlier_words"])
        self.ago_words = frozenset(data["ago_words"])
        self.before_words = frozenset(data["before_words"])
        self.long_units = frozenset(data["long_units"])
        self.when_words = frozenset(data["when_words"])
        self.secondary = frozenset(data["secondary_words"])
        self.other = frozenset(data["other_words"])
        self.provisional = frozenset(data["provisional_words"])
        self.compared_openers = frozenset(data["compared_openers"])
        self.for_cases = frozenset(data["for_cases"])
        self.where_words = frozenset(data["where_words"])
        self.reading_verbs = frozenset(data["reading_verbs"])
        self.report_nouns = frozenset(data["report_nouns"])
        reporting = load_language_data(lang, "attribution")["reporting"]
        self.reporting_verbs = frozenset(reporting["verbs"] + reporting["verbs_needing_clause"])
        discourse = load_language_data(lang, "scope")["discourse"]
        self.comparison_cases = frozenset(discourse["not_anchoring_before"])
        self.comparison_words = frozenset(discourse["comparison_words"])
        self.states = frozenset(data["state_words"])
        values = load_language_data(lang, "values")
        self.years = tuple(values["year_range"])
        self.day_part_words = frozenset(p.split()[-1] for p, *_ in values["clock"]["day_parts"])
        # "03.47 GMT del miércoles": the date is in that zone; GMT owns nothing.
        self.zones = {
            entity_key(phrase): label
            for phrase, label in values["clock"]["zones"]
            if " " not in phrase
        }

    def _path(self, head: Token, claim: Span) -> list[Token]:
        """The value's head up to its clause's verb: the words the value hangs from."""
        path = [head]
        verb = self.measured.clause_verb(head)
        node = head
        while verb is not None and node.i != verb.i and node.head.i != node.i:
            node = node.head
            if not claim.start <= node.i < claim.end:
                break
            path.append(node)
        return path

    def _year(self, token: Token) -> str | None:
        text = token.text
        if (
            len(text) == YEAR_DIGITS
            and text.isdecimal()
            and self.years[0] <= int(text) <= self.years[1]
        ):
            return f"year:{text}"
        return None

    def terms(
        self,
        value: Span,
        kind: str,
        head: Token,
        measured: Token | None,
        claim: Span,
        zone: str | None,
    ) -> tuple[str, ...]:
        found: set[str] = set()
        path = self._path(head, claim)
        others = {  # the heads of the claim's other figures, but dates
            span._.value.head
            for span in value.doc.spans.get("values", [])
            if claim.start <= span.start < claim.end
            and span.start != value.start
            and span._.value.kind not in MOMENT_KINDS | {"year"}
        }
        nodes = [*path, *([measured] if measured is not None else [])]
        inside = range(value.start, value.end)
        undated = self._described_thing(kind, head, path)
        for node in nodes:
            dated = not (undated and node.i == path[-1].i)
            for child in node.children:
                if not claim.start <= child.i < claim.end or child.i in {n.i for n in path}:
                    continue
                if child.i in inside:
                    continue  # "el martes pasado": the value's own words
                lemma = child.lemma_.lower()
                if kind in PLACE_SCOPED_KINDS and (place := self.places.at(child)):
                    found.add(place)
                if child.lower_ in self.places.only and kind in PLACE_SCOPED_KINDS:
                    found.update(self.places.only_place(child))
                for_whom = child.dep_ in PLACE_DEPS and case_of(child) in self.for_cases
                if for_whom and child.pos_ == "PROPN" and capitalised(child):
                    # "Para la vecina Belmar, el Fondo prevé un 2,3 %": Belmar's figure.
                    found.add(f"of:{name_of(child)}")
                compared = (
                    case_of(child) in self.comparison_cases
                    or child.left_edge.lower_ in self.comparison_cases
                )
                if child.dep_ in PLACE_DEPS | {"nummod"} and not compared and dated:
                    # "En marzo de 2019": the year may sit below a month or a day; not in
                    # "más que en 2022" or "desde 2010", which compare.
                    years = {
                        year
                        for t in child.subtree
                        if t.i not in inside
                        and (year := self._year(t))
                        and not self._compared_year(t, child, others)
                    }
                    found.update(years)
                if lemma in self.earlier and child.dep_ in {"amod", "advmod", "nmod", "obl"}:
                    found.add("earlier")
                own = node.i == head.i or (measured is not None and node.i == measured.i)
                # "30 heridos: 12 graves": the parts' states are not the total's.
                part = breakdown_total(child) is not None
                if own and not part and (lemma in self.states or child.lower_ in self.states):
                    found.add(f"state:{lemma}")
                partitive = case_of(child) == self.partitive_case  # not "en estos momentos"
                if child.dep_ == "nmod" and child.lower_ in self.partitives and partitive:
                    found.add(PART)  # "30 de ellos"
        found.update(self._predicated_state(path))
        # "subió un 12 % respecto a 2023", "la prima sobre el cierre es del 28 %"; not
        # "la tasa, del 63 %, subió cinco puntos respecto a 2022" (the 63 % is a level)
        own = [head, head.head, *([measured] if measured is not None else [])]
        found.update(self.baselines.of(value, kind, own))
        for node in path[1:]:
            found.update(self._named_event(node))
        placed = any(t.startswith("at:") for t in found)
        if kind in PLACE_SCOPED_KINDS and not placed and (fronted := self.places.fronted(claim)):
            found.add(fronted)  # "En Villanueva, la policía, que hablaba de 300..."
        # "8 de los 13 vagones": the 13 is the whole the 8 are part of.
        outside = not value.start <= head.head.i < value.end
        of_figure = head.dep_ in {"nmod", "obl"} and head.head.pos_ == "NUM"
        doc = head.doc
        # The parse may hang the "de" on the part: "ocho de sus trece vagones".
        before = [doc[k].lower_ for k in (value.start - 1, value.start - 2) if k >= 0]
        of_case = case_of(head) == "de" or "de" in before
        if of_figure and outside and of_case:
            found.add("whole")
        if kind in PART_KINDS and (self._of_a_set(value) or self._remainder(value)):
            found.add(PART)  # "tres de los heridos", "30 de ellos", "los otros dos"
        if kind == "count" and breakdown_total(head) is not None:
            found.add(PART)  # "30 heridos: 12 graves y 18 leves"
            if state := state_word(head, self.states):
                found.add(f"state:{state}")
        verb = path[-1] if path else None
        if verb is not None and kind in PLACE_SCOPED_KINDS:
            # "Taroudant, donde hay 980 víctimas mortales": the place "donde" stands for.
            where = [c for c in verb.children if c.lower_ in self.where_words]
            if where and verb.dep_ in {"acl", "acl:relcl"}:
                place = self.places.antecedent_place(verb) or self.places.place_before(
                    where[0], claim
                )
                if place:
                    found.add(place)
        # "el de 2024, que se originó en agosto y quemó 8.700 hectáreas": a verb coordinated
        # in a relative clause shares that clause's antecedent and time.
        first = verb.head if verb is not None and verb.dep_ == "conj" else None
        relative = first if first is not None and first.dep_ in {"acl", "acl:relcl"} else verb
        # ("en 2019 otro autobús cayó en esa curva y murieron 17": any clause it is
        # coordinated with, likewise).
        if first is not None and verb is not None:
            for child in first.children:
                if child.dep_ in PLACE_DEPS and child.i < verb.i:
                    found.update(y for t in child.subtree if (y := self._year(t)))
        # A participle the parser takes for an adjective is a relative clause all the same
        # ("el incendio de Robledal, declarado el sábado").
        participle = relative is not None and "Part" in relative.morph.get("VerbForm")
        if relative is not None and (
            relative.dep_ in {"acl", "acl:relcl"} or (relative.dep_ == "amod" and participle)
        ):
            # "el de Pisco de 2007, que dejó 596 muertos": the antecedent's time is the
            # figure's, also when the parser hangs the clause on a modifier of it.
            antecedent = relative.head
            for _ in range(ANTECEDENT_LEVELS):
                found.update(self._event_time(antecedent))
                found.update(self._named_event(antecedent))
                if antecedent.dep_ not in {"nmod", "appos"} or antecedent.head.i == antecedent.i:
                    break
                antecedent = antecedent.head
        if verb is not None:
            found.update(self._owner_or_event(verb, head, measured, kind))
            concept = self.lexicon.of_token(measured) if measured is not None else None
            recipient = (
                self.recipients.owner(verb, head, claim, concept)
                if kind in self.recipient_kinds
                else None
            )
            if recipient:
                found.add(f"of:{recipient}")  # "condenó a ocho años a Ruiz": Ruiz's years
            owner = head.head
            # A name, not a noun the tagger took for one at the start of a sentence ("El
            # apagón de las 22.10").
            named = owner.pos_ == "PROPN" and capitalised(owner)
            # "El Boeing 737, con 90 pasajeros": what a vehicle carries is the story's load,
            # not a share of it its name owns.
            if named and not self._carried(measured) and head.dep_ in {"nmod", "appos", "obl"}:
                found.add(f"of:{name_of(head.head)}")  # "el PP, con el 33 %", "Taroudant (452)"
        for token in (head, *value) if kind != "length" else ():
            for child in token.children:
                # "los 25 de AS", "la condena de Pérez": the owner after "de".
                if child.pos_ == "PROPN" and child.dep_ == "nmod" and case_of(child) == "de":
                    found.add(f"of:{name_of(child)}")
        if verb is not None and self._ago(verb):
            found.add("earlier")  # "hace seis años, un descarrilamiento dejó seis muertos"
        if verb is not None and (year := self._when_year(verb)):
            found.update({year, "earlier"})
        if kind in PART_KINDS and verb is not None and self._partitive(verb):
            found.add(PART)  # "de los cuales 21 murieron en el lugar"
        if kind in PLACE_SCOPED_KINDS and verb is not None:
            found.update(self._period(verb, value))
            found.update(self._months(verb, claim))
        if zone:
            found.add(f"zone:{zone}")
        elif entity_key(head.head.text) in self.zones and head.head.i != head.i:
            found.add(f"zone:{self.zones[entity_key(head.head.text)]}")
        found.discard(f"zone:{LOCAL_ZONE}")  # a time given in local time is the default
        if kind == "time" and self._either_half(value):
            found.add(EITHER_HALF)
        if kind in MOMENT_KINDS and self._reading(value, head, verb):
            found.add(READING)  # "a las 21.00 el río llegaba a 6,2 metros"
        if self._provisional(head, measured, path):
            found.add(PROVISIONAL)  # "una magnitud preliminar de 6,6", "el primer balance"
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS] if verb is not None else []
        if verb is not None and verb.dep_ == "conj":
            # "otro autobús cayó en la curva y murieron 17": the deaths are of that one too
            subjects += [c for c in verb.head.children if c.dep_ in SUBJECT_DEPS]
        events = [t for t in (measured, *subjects) if t is not None]
        if any(self._is_secondary_event(t) for t in events):
            found.add(SECONDARY)  # "el nuevo seísmo se produjo a las 7.59"
        said_of = [c for c in verb.children if c.dep_ == "obj"] if verb is not None else []
        if any(self._is_another(t) for t in (*subjects, *said_of, *path[1:]) if t.i != head.i):
            found.add(SECONDARY)  # "llegó otro cayuco con 132 personas"
        if kind in MOMENT_KINDS and any(self._is_new(t) for t in said_of):
            found.add(SECONDARY)  # "a las 9.10 se abrió una nueva grieta": another event's time
        origin = self.measured.distance_origin(head) if kind == "length" else None
        if origin is not None:
            found.add(f"from:{self._origin(origin)}")
        if kind in PART_KINDS and (period := self.rates.period(value, head.i, kind)):
            found.add(f"per:{period}")
        if kind not in PART_KINDS:
            found.discard(PART)
        return tuple(sorted(t for t in found if not t.startswith("of:") or t[3:] not in self.zones))

    def _described_thing(self, kind: str, head: Token, path: list[Token]) -> bool:
        """A length that describes a thing named in the clause ("la torre, de 80 metros, se
        levantó en 1990"): the year of a verb that names no event is not the figure's."""
        if kind != "length" or len(path) < DESCRIBED_PATH or head.dep_ not in {"nmod", "appos"}:
            return False
        concept = self.lexicon.of_token(path[-1])
        return concept is None or not concept.event

    def _either_half(self, value: Span) -> bool:
        """ "poco después de las nueve y cuarto", with no digit and no part of the day."""
        figure = value._.value.nominal
        if figure is None or not 0 < figure < NOON_HOUR * HOUR:
            return False
        return not any(
            t.lower_ in self.day_part_words or any(c.isdigit() for c in t.text) for t in value
        )

    def _provisional(self, head: Token, measured: Token | None, path: list[Token]) -> bool:
        """A provisional-figure word on the value, what it measures, or the report it comes
        from ("según el primer balance", "magnitud preliminar de 6,6")."""
        nodes = [head, *path, *([measured] if measured is not None else [])]
        for node in nodes:
            for child in node.children:
                provisional = child.lower_ in self.provisional or (
                    child.lemma_.lower() in self.provisional
                )
                if provisional and child.dep_ in {
                    "amod",
                    "advmod",
                    "det",
                    "nmod",
                }:
                    return True
                if (
                    child.dep_ in {"obl", "nmod"}
                    and child.left_edge.lower_ not in self.compared_openers
                    and any(
                        g.lower_ in self.provisional or g.lemma_.lower() in self.provisional
                        for g in child.children
                        if g.dep_ == "amod"
                    )
                ):
                    return True  # "según el primer balance del COEN"
        return False

    def _reading(self, value: Span, head: Token, verb: Token | None) -> bool:
        """When another figure was read or a report was made, not when anything happened:
        "el balance de las 8.00", "el informe de la Junta de las 9.00", "a las 21.00 el
        caudal alcanzaba 900 m³/s"."""
        top = head  # "las 9.00 horas": the phrase hangs by "horas", not by the figure
        while value.start <= top.head.i < value.end and top.head.i != top.i:
            top = top.head
        node = top
        for _ in range(ANTECEDENT_LEVELS):
            # Up through what the time is of: "el informe de la Junta de las 9.00", "el
            # balance difundido a las 9.00"; never past a finite verb.
            if node.dep_ not in READING_CHAIN or node.head.i == node.i:
                break
            node = node.head
            if lemma_of(node) in self.report_nouns:
                return True
            if node.pos_ in {"VERB", "AUX"} and "Part" not in node.morph.get("VerbForm"):
                break
        if verb is not None and top.head.i == verb.i and self._reports_clause(verb, top):
            return True  # "la empresa informó a las 10.00 que había repuesto el 40 %"
        if verb is None or top.head.i != verb.i:
            return False
        inside = range(value.start, value.end)
        # "a las 7.00 el río estaba a 3,1 metros": a copula's predicate gives the figure.
        predicate = verb.head if verb.dep_ == "cop" else verb
        copula = (
            verb
            if verb.dep_ == "cop"
            else next((c for c in verb.children if c.dep_ == "cop"), None)
        )
        if copula is not None and lemma_of(copula) in self.reading_verbs:
            figures = [predicate, *(c for c in predicate.children if c.dep_ == "nummod")]
            return any(is_figure(t) and t.i not in inside for t in figures)
        if lemma_of(verb) not in self.reading_verbs:
            # "el domingo trabajaron 27 hidroaviones": a verb that names no event says
            # when the count of its subject or object held ("el domingo murieron 40" is
            # dated by it; "40 muertos por la riada del domingo" dates the flood).
            arguments = [c for c in verb.children if c.dep_ in {"nsubj", "obj"}]
            if self.lexicon.of_token(verb) is not None or any(
                (concept := self.lexicon.of_token(a)) is not None and concept.event
                for a in arguments
            ):
                return False
            # a count before its noun, not a label after it ("la puerta 7")
            return any(
                c.dep_ == "nummod" and c.i < a.i and is_figure(c)
                for a in arguments
                for c in a.children
            )
        return any(
            t.i not in inside and (t.like_num or any(ch.isdigit() for ch in t.text))
            for child in verb.children
            if child.dep_ in {"obj", "obl", "nsubj", "obl:arg"} and child.i not in inside
            for t in child.subtree
        )

    def _reports_clause(self, verb: Token, time: Token) -> bool:
        """A reporting verb that governs a clause: its time is when something was said, not
        when what was said happened ("anunció a las 12.00 que la presa aguantaba"; the
        parser may hang the clause on the time, as if the hour were its antecedent)."""
        if lemma_of(verb) not in self.reporting_verbs:
            return False
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        clauses += [c for c in verb.children if c.dep_ == "obj" and c.pos_ in {"VERB", "AUX"}]
        clauses += [c for c in time.children if c.dep_ in {"acl", "acl:relcl"} and c.i > time.i]
        return bool(clauses)

    def _of_a_set(self, value: Span) -> bool:
        """A bare figure followed by "de" and a known set: "tres de los heridos". With the
        set's size given ("ocho de los 13 vagones descarrilaron") the figure is what the
        verb says of them, and the size is the whole."""
        doc = value.doc
        if value.end + 2 >= len(doc) or not all(t.like_num for t in value if t.pos_ != "DET"):
            return False
        sized = doc[value.end + 2].like_num
        of_set = (
            doc[value.end].lower_ == self.partitive_case
            and doc[value.end + 1].lower_ in self.partitive_sets
        )
        return of_set and not sized

    def _remainder(self, value: Span) -> bool:
        """ "los otros dos", "las 12 restantes": in the figure's words or just around them."""
        doc = value.doc
        near = doc[max(value.start - 1, 0) : min(value.end + 1, len(doc))]
        return any(
            t.lower_ in self.remainder
            or (
                t.lower_ in self.remainder_after_article
                and t.i > 0
                and doc[t.i - 1].lower_ in self.definite_articles
            )
            for t in near
        )

    def _origin(self, origin: Token) -> str:
        """Where a distance is from: a town ("de Arvedo", "del centro de Arvedo") is its
        name; anything else keeps its own word ("de la pista del aeropuerto de Arvedo" is
        the runway's distance, not the town's)."""
        name = name_of(origin)
        if capitalised(origin) or origin.lemma_.lower() in self.place_nouns:
            return name
        return f"{origin.lemma_.lower()}-{name}"

    def _period(self, verb: Token, value: Span) -> set[str]:
        """A running total: "en lo que va de año han ardido 61.000 hectáreas" is the year's
        figure so far, not one event's."""
        doc = verb.doc
        inside = range(value.start, value.end)
        # Not in a clause or apposition said of something else: "quedaron atrapados 2.600
        # coches, una cifra que es la peor en lo que va de siglo" is no running total.
        aside = {
            t.i for c in verb.subtree if c.dep_ in ASIDE_DEPS and c.i != verb.i for t in c.subtree
        }
        words = [t for t in verb.subtree if t.i not in inside and t.i not in aside]
        for token in words:
            for opener in self.period_openers:
                end = token.i + len(opener)
                if end >= len(doc) or [t.lower_ for t in doc[token.i : end]] != list(opener):
                    continue
                if doc[end].pos_ == "NOUN":
                    return {f"period:{doc[end].lemma_.lower()}"}
        return set()

    def _months(self, verb: Token, claim: Span) -> set[str]:
        """ "murieron 300 personas en enero y febrero": the total of those months, not of
        one event."""
        verbs = {verb.i} | {c.i for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"}
        found = set()
        for span in claim.doc.spans.get("values", []):
            head = claim.doc[span._.value.head]
            inside = claim.start <= span.start < claim.end
            if not inside or not _a_month(span._.value) or head.head.i not in verbs:
                continue
            if case_of(head) in self.place_cases | self.during:
                found.add(f"period:{name_key(span.text)}")
        found.update(self._day_span(claim))
        return found

    def _day_span(self, claim: Span) -> set[str]:
        """ "entre el 1 de enero y el 28 de febrero llegaron 4.900": a total over weeks,
        wherever the parser hung the dates."""
        days = [
            s for s in claim.doc.spans.get("values", [])
            if claim.start <= s.start < claim.end and s._.value.kind == "day"
        ]  # fmt: skip
        for first, second in pairwise(days):
            opened = any(
                t.lower_ in self.span_openers
                for t in claim.doc[max(0, first.start - 2) : first.start]
            )
            months = {int(v._.value.low or 0) // 100 for v in (first, second)}
            if opened and len(months) == 2:
                return {f"period:{name_key(first.text)}-{name_key(second.text)}"}
        return set()

    def _compared_year(self, year: Token, top: Token, others: set[int]) -> bool:
        """A year reached through a comparison or through another figure (``others``: their
        heads): "más que en 2021", "4,8 puntos por encima de la de 2021" (the 2021 is the
        points' reference)."""
        node = year
        while True:
            words = [node, *(c for c in node.children if c.dep_ in {"case", "fixed", "mark"})]
            if any(w.lower_ in self.comparison_words for w in words) or node.i in others:
                return True
            if node.i == top.i or node.head.i == node.i:
                return False
            node = node.head

    def _owned(self, measured: Token | None) -> bool:
        concept = self.lexicon.of_token(measured) if measured is not None else None
        return concept is not None and concept.owned

    def _is_secondary_event(self, token: Token) -> bool:
        concept = self.lexicon.of_token(token)
        if concept is None or not concept.event:
            return False
        return self._is_new(token)

    def _is_new(self, token: Token) -> bool:
        return any(c.lower_ in self.secondary for c in token.children if c.dep_ in {"amod", "det"})

    def _is_another(self, token: Token) -> bool:
        return any(c.dep_ in {"det", "amod"} and c.lower_ in self.other for c in token.children)

    def _ago(self, verb: Token) -> bool:
        """ "hace seis años", "17 años antes": a time long ago, so another event (also
        when the figure hangs from a clause of it: "17 años antes se estrelló al despegar
        con 172 personas")."""
        verbs = [verb, verb.head] if verb.dep_ in {"advcl", "xcomp"} else [verb]
        for child in (c for v in verbs for c in v.children):
            if child.dep_ not in PLACE_DEPS:
                continue
            if child.left_edge.lower_ in self.ago_words:
                return True
            if child.lower_ in self.before_words and any(
                g.lemma_.lower() in self.long_units for g in child.children if g.dep_ == "obl"
            ):
                return True
        return False

    def _when_year(self, verb: Token) -> str | None:
        """ "desde 1996, cuando un avión se estrelló con 97 personas": the clause "cuando"
        opens is of the year just before it."""
        for child in verb.children:
            if child.lower_ not in self.when_words or child.i == 0:
                continue
            before = [t for t in verb.doc[max(0, child.i - 3) : child.i] if not t.is_punct]
            if before and (year := self._year(before[-1])):
                return year
        return None

    def _partitive(self, verb: Token) -> bool:
        """ "de los cuales 21 murieron": the partitive hangs from the figure's verb."""
        for child in verb.children:
            if case_of(child) != self.partitive_case:
                continue  # "en estos momentos" is no part of anything
            if child.lower_ in self.partitives:
                return True
            if child.dep_ in PLACE_DEPS and any(
                g.lower_ in self.partitives for g in child.children
            ):
                return True
        return False

    def _event_time(self, event: Token) -> set[str]:
        """Year and "anterior" modifiers of an event noun ("el terremoto de 2004", "el de
        Pisco del 15 de agosto de 2007", "la marcha anterior"): another, earlier event."""
        found: set[str] = set()
        for child in event.children:
            if child.dep_ in {"acl", "acl:relcl", "punct"}:
                continue
            years = {self._year(t) for t in child.subtree} - {None}
            found.update(y for y in years if y)
            if child.lemma_.lower() in self.earlier:
                found.add("earlier")
        return found

    def _event_name(self, event: Token) -> set[str]:
        """The name an event is given by ("el incendio de Robledal", "el sismo de Ica"):
        whether it is the story's own event or another is for the corpus to say
        (app/compare/named_events.py)."""
        return {
            f"named:{name_of(child)}"
            for child in event.children
            if child.dep_ == "nmod"
            and child.pos_ == "PROPN"
            and capitalised(child)
            and case_of(child) in {"de", "del"}
        }

    def _named_event(self, node: Token) -> set[str]:
        """The name of an event noun a figure's clause describes: "el incendio de Robledal,
        declarado el sábado" (or "que se declaró el sábado") gives that fire's day."""
        concept = self.lexicon.of_token(node)
        if concept is None or not concept.event or node.pos_ not in {"NOUN", "PROPN"}:
            return set()
        return self._event_name(node)

    def _predicated_state(self, path: list[Token]) -> set[str]:
        """ "1.220 de los heridos estaban graves": a state said of the figure by a copula."""
        predicate = path[-1] if path else None
        if predicate is None or not any(c.dep_ == "cop" for c in predicate.children):
            return set()
        lemma = predicate.lemma_.lower()
        return {f"state:{lemma}"} if lemma in self.states else set()

    def _owner_or_event(
        self, verb: Token, head: Token, measured: Token | None, kind: str
    ) -> set[str]:
        found: set[str] = set()
        for child in verb.children:
            if child.dep_ not in SUBJECT_DEPS or child.i == head.i:
                continue
            if measured is not None and child.i == measured.i:
                continue
            concept = self.lexicon.of_token(child)
            if concept is not None and concept.event:
                found.add(f"event:{concept.id}")  # "la réplica dejó dos muertos"
                found.update(self._event_name(child))  # "el incendio de Robledal quemó…"
                found.update(self._event_time(child))  # "el terremoto de 2004 causó 629"
            elif (
                kind not in UNOWNED_KINDS
                and child.pos_ == "PROPN"
                and (lemma_of(verb) in self.owner_verbs or self._owned(measured))
                and not self.recipients.imposes(verb)
                and not self._carried(measured)
            ):
                found.add(f"of:{name_of(child)}")  # "el PP obtuvo el 33 %", "AV cae a siete"
        return found

    def _carried(self, measured: Token | None) -> bool:
        """What a vehicle carries ("pasajeros"): the story's load, never its name's share."""
        concept = self.lexicon.of_token(measured) if measured is not None else None
        return concept is not None and concept.id in self.carried


@lru_cache(maxsize=4)
def scope_reader(lang: str) -> ScopeReader:
    return ScopeReader(lang)
