"""When events happen, end and take: the readings measured.py asks for a date, a time or
a duration. "el incendio quedó extinguido a las 15.00" is the fire's end, not its start;
"el avión aterrizó a las 16.05" is the landing, not the take-off; "tardó dos horas en
llegar" is the time it took to arrive; "el choque, ocurrido a las 6.15" dates the crash.
"""

from __future__ import annotations

from spacy.tokens import Token

from app.nlp.concepts import Lexicon, lemma_of, plain_lemma, verb_stem
from app.nlp.data import load_language_data
from app.nlp.deps import OTHER_CLAUSES, SUBJECT_DEPS, ClauseReader, path_up


class EventMoments:
    def __init__(self, lang: str, lexicon: Lexicon, reader: ClauseReader) -> None:
        data = load_language_data(lang, "scope")["measured"]
        self.lexicon = lexicon
        self.reader = reader
        self.taking = frozenset(data["taking_verbs"])
        self.taking_marks = frozenset(data["taking_marks"])
        self.causative = frozenset(data["causative_verbs"])
        self.lasting = frozenset(data["lasting_verbs"])
        self.happening = frozenset(data["happening_verbs"])
        self.happening_stems = frozenset(verb_stem(v) for v in self.happening if " " not in v)
        self.starting = frozenset(data["starting_verbs"])
        self.whole_story = frozenset(data["whole_story_pronouns"])
        self.neuter = frozenset(data["neuter_articles"])
        self.naming_cases = frozenset(data["naming_cases"])
        self.until_cases = frozenset(data["until_cases"])
        self.until_verbs = frozenset(data["until_verbs"])
        self.span_opening = frozenset(data["span_opening_cases"])
        self.span_closing = frozenset(data["span_closing_cases"])
        self.until_phase = data["until_phase"]
        self.activities = frozenset(data["activity_concepts"])
        self.activity_endings = tuple(data["activity_endings"])
        self.phases = {
            verb_stem(verb): phase for phase, verbs in data["phases"].items() for verb in verbs
        }

    def what_it_did(self, head: Token, chosen: Token) -> str:
        """ "el avión despegó a las 14.31", "el avión aterrizó a las 16.05": the time of a
        thing is the time of what it did, or of what was done to it ("cerraron la carretera
        a las 8.00", "reabrieron la carretera a las 19.00"); the verb tells the moments apart."""
        verb = self.reader.clause_verb(head)
        argument = chosen.dep_ in {"nsubj", "nsubj:pass", "obj"} and verb is not None
        if not argument or chosen.head.i != verb.i or self.reader.is_light(verb):
            return ""
        return self.reader.restriction(verb)

    def phase(self, head: Token, chosen: Token) -> str:
        """ "el incendio quedó extinguido a las 15.00": the moment an event ended is not the
        moment it happened ("el incendio se declaró a las 21.00"); one label per phase, so
        "terminó" and "concluyó" still meet."""
        verb = self.reader.clause_verb(head)
        if verb is None:
            return ""
        path = path_up(head, verb)
        naming = any(c.dep_ == "case" and c.lower_ in self.naming_cases for c in head.children)
        if chosen in path and (naming or any(t.dep_ == "appos" for t in path)):
            return ""  # "la gira, la de mayo, terminó en Lima": the date is the tour's
        # "quedó extinguido", "dieron por concluida": a participle of the clause says it
        # (the parser hangs it on the verb, or on a word next to it).
        words, stack = [verb], [verb]
        for _ in range(2):
            stack = [
                c
                for t in stack
                for c in t.children
                if c.dep_ not in OTHER_CLAUSES and c.pos_ in {"VERB", "ADJ"}
            ]
            words.extend(stack)
        # "terminó de derribar la casa", "acaba de llegar": an aspect of another verb;
        # "intentaron apagar el incendio": an attempt (but "tras controlar el incendio"
        # is done).
        words = [
            w
            for w in words
            if not any("Inf" in c.morph.get("VerbForm") for c in w.children)
            and not ("Inf" in w.morph.get("VerbForm") and w.dep_ == "xcomp")
        ]
        phase = next((p for w in words if (p := self.phases.get(verb_stem(lemma_of(w))))), "")
        if not phase and (self._lasts_until(head, verb) or self._closes_span(head, verb)):
            phase = self.until_phase
        # What ends on its own ("la asamblea terminó") or an event someone ends has phases;
        # "levantaron barricadas", "apagó el alumbrado" end no event.
        # A reflexive clitic is no object ("la cumbre se dio por concluida"), nor the moment
        # itself when the parser takes it for one.
        alone = (
            chosen.head.i == verb.i
            and chosen.dep_ in SUBJECT_DEPS
            and not any(
                c.dep_ == "obj" and c.i != head.i and "Yes" not in c.morph.get("Reflex")
                for c in verb.children
            )
        )
        return phase if phase and (alone or self._happens(chosen)) else ""

    def _closes_span(self, head: Token, verb: Token) -> bool:
        """ "estuvo cortada de las 8.10 a las 10.25": the second moment of a span on one
        verb is its end."""
        if _case(head) not in self.span_closing:
            return False
        return any(
            c.i < head.i
            and c.ent_type_ != "PER"
            and _case(c) in self.span_opening
            and c.dep_ == head.dep_
            for c in verb.children
        )

    def _lasts_until(self, head: Token, verb: Token) -> bool:
        """ "se prolongó hasta las 00.40 del lunes": something that went on until then (the
        day of that time too), not "no llegaron hasta las 8.05", when they arrived."""
        if lemma_of(verb) not in self.until_verbs:
            return False
        if any(c.dep_ == "advmod" and "Neg" in c.morph.get("Polarity") for c in verb.children):
            return False
        moment = head.head if head.dep_ in {"nmod", "compound"} and head.head.i < head.i else head
        return any(
            c.dep_ == "case" and c.lower_ in self.until_cases
            for node in {head, moment}
            for c in node.children
        )

    def _happens(self, token: Token) -> bool:
        """An event the lexicon knows, or a noun of an activity ("el confinamiento")."""
        concept = self.lexicon.of_token(token)
        if concept is not None:
            return concept.event or concept.id in self.activities
        return token.pos_ == "NOUN" and lemma_of(token).endswith(self.activity_endings)

    def what_it_took(self, head: Token) -> str:
        """ "tardó dos horas en llegar": the time it took to arrive, told apart from the
        time it took to leave ("tardó una hora en hacer salir la lancha")."""
        verb = self.reader.clause_verb(head)
        if verb is None or lemma_of(verb) not in self.taking:
            return ""
        for node in (verb, head):
            for child in node.children:
                marked = any(
                    c.dep_ == "mark" and c.lower_ in self.taking_marks for c in child.children
                )
                if not marked or "Inf" not in child.morph.get("VerbForm"):
                    continue
                done = next(
                    (c for c in child.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None
                )
                if done is not None and lemma_of(child) in self.causative:
                    child = done
                return self.reader.restriction(child)
        return ""

    def happened_noun(self, head: Token) -> Token | None:
        """ "el descarrilamiento, ocurrido a las 7.42 en la curva": a participle of
        happening dates the noun it describes (the parser hangs it there as an adjective)."""
        participle = head.head
        if participle.i == head.i or participle.dep_ not in {"amod", "acl"}:
            return None
        if verb_stem(lemma_of(participle)) not in self.happening_stems:
            return None
        # "el descarrilamiento del tren que cubría la ruta, ocurrido a las 7.42": the parse
        # may hang it on a nearer noun; the participle agrees with the one it describes.
        # "del tren" agrees too: an event among the agreeing nouns comes first.
        nouns, node = [], participle.head
        for _ in range(MAX_AGREEMENT_STEPS):
            if node.pos_ == "NOUN" and _agrees(node, participle):
                nouns.append(node)
            if node.head.i == node.i:
                break
            node = node.head
        events = [n for n in nouns if (c := self.lexicon.of_token(n)) is not None and c.event]
        return next(iter(events or nouns), None)

    def lasting_verb(self, head: Token) -> Token | None:
        """ "Se prolongó durante más de tres horas": a verb of lasting with its subject left
        out, which lasts whatever the story is about."""
        verb = self.reader.clause_verb(head)
        if verb is None or lemma_of(verb) not in self.lasting:
            return None
        return None if any(c.dep_ in SUBJECT_DEPS for c in verb.children) else verb

    def what_happened_there(self, head: Token) -> Token | None:
        """ "lo ocurrido el sábado", "lo sucedido en la mina": a participle of happening the
        neuter article makes a noun of is whatever the story is about."""
        participle = head.head
        if participle.i == head.i or verb_stem(lemma_of(participle)) not in self.happening_stems:
            return None
        neuter = any(c.dep_ == "det" and c.lower_ in self.neuter for c in participle.children)
        return participle if neuter else None

    def happening_verb(self, head: Token) -> Token | None:
        """ "Todo ocurrió pasadas las diez", "sucedió el martes": a verb of happening with no
        subject but a pronoun, which dates whatever the story is about. So does a verb of
        starting whose subject is "todo" ("todo arrancó a las 9.15, cuando…"): the story
        began then (an earlier cause is told apart by its date, "hace dos semanas")."""
        verb = self.reader.clause_verb(head)
        if verb is None:
            return None
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if plain_lemma(verb) in self.happening:
            return None if any(s.pos_ != "PRON" for s in subjects) else verb
        if plain_lemma(verb) not in self.starting or not subjects:
            return None
        return None if any(s.lower_ not in self.whole_story for s in subjects) else verb


MAX_AGREEMENT_STEPS = 6


def _case(token: Token) -> str:
    return next((c.lower_ for c in token.children if c.dep_ == "case"), "")


def _agrees(noun: Token, adjective: Token) -> bool:
    """Same gender and number, where the model gives them."""
    return all(
        not noun.morph.get(f)
        or not adjective.morph.get(f)
        or noun.morph.get(f) == adjective.morph.get(f)
        for f in ("Gender", "Number")
    )
