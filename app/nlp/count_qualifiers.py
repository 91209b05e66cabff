"""What narrows a count or a share: "8 vagones descarrilaron" and "8 vagones" are not one
figure; "los seis buzos que lograron salir" are some of the divers; "tres agentes con heridas
leves" have something; "158 votos a favor" are one side of a vote; "ha repuesto el 75 % de la
demanda" is another share than "perdió el 72 % de la demanda". measured.py asks these once it
knows what the figure measures.
"""

from __future__ import annotations

from spacy.tokens import Token

from app.nlp.concepts import Lexicon, lemma_of, plain_lemma, verb_stem
from app.nlp.data import load_language_data
from app.nlp.deps import ADNOMINAL, OBJECT_DEPS, PREDICATE, SUBJECT_DEPS, ClauseReader, is_figure
from app.nlp.measures import stance_at

MIN_STEM = 4


class CountQualifiers:
    def __init__(self, lang: str, lexicon: Lexicon, reader: ClauseReader) -> None:
        data = load_language_data(lang, "scope")["measured"]
        self.lexicon = lexicon
        self.reader = reader
        self.light = frozenset(data["light_verbs"])
        # Their participles ("contabilizados", "registradas"); short stems ("d" of "dar")
        # would match unrelated words.
        self.light_stems = frozenset(
            stem
            for verb in self.light
            if " " not in verb and len(stem := verb_stem(verb)) >= MIN_STEM
        )
        self.engaged = frozenset(data["engaged_verbs"])
        self.touching = frozenset(data["touching_verbs"])
        self.engaged_role = data["engaged_role"]
        self.taking_part = frozenset(data["taking_part_verbs"])
        self.companion_cases = frozenset(data["companion_cases"])
        self.feature_cases = frozenset(data["feature_cases"])
        self.achieving = frozenset(data["achieving_verbs"])
        self.negations = frozenset(data["negation_words"])
        # Verb stems of acts on a share, irregular participles listed as words.
        self.share_acts = {
            verb_stem(verb): act for act, verbs in data["share_acts"].items() for verb in verbs
        }
        self.stance_concepts = frozenset(load_language_data(lang, "values")["stance"]["concepts"])
        negation = load_language_data(lang, "certainty")["negation"]
        self.bounding = frozenset(negation["bounding_verbs"])

    def _same_concept(self, a: Token, b: Token) -> bool:
        """ "muertos" and "murieron" name one concept; two unknown words name none."""
        concept = self.lexicon.of_token(a)
        return concept is not None and concept == self.lexicon.of_token(b)

    def qualifier(self, head: Token, chosen: Token, value: range) -> str:
        """What narrows a count of a specific noun: a verb or participle of its own
        ("8 vagones descarrilaron", "vagones descarrilados"); "" when nothing does."""
        side = stance_at(head.doc, value.stop) if value else ""
        concept = self.lexicon.of_token(head)
        voting = head.pos_ not in {"NOUN", "PROPN"} or (
            concept is not None and concept.id in self.stance_concepts
        )
        if side and voting:
            return side  # "158 votos a favor", not "12 testigos a favor de la víctima"
        if chosen.i != head.i:
            return ""  # the verb itself named the count ("murieron 40")
        if any(
            c.dep_ == "acl" and c.left_edge.i <= value.start <= c.right_edge.i
            for c in head.children
        ):
            return ""  # "las réplicas, que ya superan las 300, …": the figure is the relative's
        # "dos de los buzos heridos": the noun's own words describe the whole; the part is
        # narrowed by what its figure does ("rescataron a dos de los buzos heridos").
        partitive = head.i not in value and head.head.pos_ == "NUM" and head.head.i in value
        figure = head.head if partitive else head
        if not partitive and not self._undergoes(head):
            for child in head.children:
                participle = child.dep_ in {"amod", "acl"} and "Part" in child.morph.get("VerbForm")
                # "los 46 heridos contabilizados" are the injured, counted.
                engaged = lemma_of(child) in self.engaged | self.touching
                engaged = engaged or verb_stem(lemma_of(child)) in self.light_stems
                if participle and not engaged and not self._same_concept(child, head):
                    return self.reader.restriction(child)
            relative = self._relative_clause(head)
            if relative is not None:
                return relative  # "los seis buzos que lograron salir"
            feature = self._feature(head)
            if feature:
                return feature
        verb = self.reader.clause_verb(head)
        if verb is None or verb.i == head.i or is_figure(verb):
            return ""  # "eran 14 los buzos": the figure is the predicate, nothing narrows it
        if head.dep_ == "conj" and head.head.i == verb.i and verb.pos_ not in {"VERB", "AUX"}:
            return ""  # "fue de un muerto y dos heridos": listed beside a count, not its verb
        # "resultaron heridos 41 policías", "seis buzos siguen atrapados": a participle
        # the verb predicates of them narrows them.
        for child in verb.children:
            participle = "Part" in child.morph.get("VerbForm") and child.i != head.i
            if participle and child.dep_ in {"obj", "xcomp", "amod", "advmod"}:
                return "" if self._same_concept(child, head) else self.reader.restriction(child)
        done = self._done(verb)
        concept = self.lexicon.of_token(head)
        totals = (
            self.reader.is_light(done) and figure.dep_ in OBJECT_DEPS and not self._of_event(done)
        )
        taking_part = lemma_of(done) in self.taking_part and not totals
        if concept is not None and concept.roles and taking_part:
            # People with several roles took part in something: one role however it is
            # worded ("participaron en la huelga", "se sumaron a la huelga"); "la empresa
            # suma 900 empleados" totals them.
            return self.engaged_role
        if self.reader.is_light(done):
            return ""
        if self._same_concept(done, head) or lemma_of(done) in self.engaged | self.touching:
            return ""
        # "ocho de los 13 vagones descarrilaron": the figure the noun hangs from is the subject.
        if any(c.dep_ == "case" and c.lower_ in self.companion_cases for c in figure.children):
            return ""  # "despegó con 142 pasajeros": they were aboard, not what took off
        if not partitive and figure.dep_ in SUBJECT_DEPS and _definite(head):
            return ""  # "los 40 heridos fueron trasladados": said of all of them, known ones
        if figure.dep_ in SUBJECT_DEPS | OBJECT_DEPS or figure.head.i == verb.i:
            negated = any(c.dep_ == "advmod" and c.lower_ in self.negations for c in verb.children)
            if negated and lemma_of(done) in self.bounding:
                return ""  # "no pasaron de 30 los detenidos": a bound (values.py), no act
            return (
                f"not-{self.reader.restriction(done)}" if negated else self.reader.restriction(done)
            )
        return ""

    def _of_event(self, verb: Token) -> bool:
        """ "la huelga sumó 2.000 trabajadores": an event's subject, which they took part in."""
        for child in verb.children:
            concept = self.lexicon.of_token(child) if child.dep_ in SUBJECT_DEPS else None
            if concept is not None and concept.event:
                return True
        return False

    def _feature(self, noun: Token) -> str:
        """ "tres agentes con heridas leves", "20 familias sin luz": what they have or lack."""
        for child in noun.children:
            case = next((c.lower_ for c in child.children if c.dep_ == "case"), None)
            if child.dep_ == "nmod" and child.pos_ == "NOUN" and case in self.feature_cases:
                return f"{case}-{self.reader.restriction(child)}"
        return ""

    def _undergoes(self, noun: Token) -> bool:
        """ "rescataron a tres buzos atrapados": the object of a verb of its own is counted
        for what the verb does to it; its participle says what it was before."""
        verb = noun.head
        return (
            noun.dep_ == "obj"
            and verb.pos_ == "VERB"
            and not self.reader.is_light(verb)
            and lemma_of(verb) not in self.engaged
        )

    def _done(self, verb: Token) -> Token:
        """ "lograron salir", "no pudieron salir": what was done is the infinitive's."""
        if lemma_of(verb) not in self.achieving:
            return verb
        done = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        return verb if done is None else done

    def _relative_clause(self, noun: Token) -> str | None:
        """ "los 12 buzos que bajaron", "los 5 buzos que no pudieron salir": a restrictive
        relative clause with the noun as its subject or object says which are counted."""
        for child in noun.children:
            if child.dep_ not in ADNOMINAL or child.i < noun.i or child.pos_ not in PREDICATE:
                continue
            relatives = [
                t
                for t in child.children
                if t.pos_ == "PRON" and t.i < child.i and t.dep_ in SUBJECT_DEPS | OBJECT_DEPS
            ]
            commas = [t for t in noun.doc[noun.i + 1 : child.i] if t.is_punct]
            done = self._done(child)
            # A verb of change selects ("los 12 buzos que bajaron"); a light one does not.
            if not relatives or commas or plain_lemma(done) in self.light:
                continue  # "los buzos, que llevaban tres días": describes, does not select
            negated = any(c.dep_ == "advmod" and c.lower_ in self.negations for c in child.children)
            restriction = self.reader.restriction(done)
            return f"not-{restriction}" if negated else restriction
        return None

    def share_act(self, head: Token) -> str:
        """ "perdió el 72 % de la demanda" and "ha repuesto el 75 % de la demanda" are
        different shares of one thing: an act of share_acts done to the share tells them
        apart (other verbs, of change above all, are the aspect's: "bajó un 3 %")."""
        if head.dep_ == "nmod" and head.head.like_num:
            head = head.head  # "72 %": the parse may hang the sign on the figure
        verb = head.head
        if head.dep_ not in {"obj", "nsubj", "nsubj:pass", "obl"} or verb.i == head.i:
            return ""
        if verb.pos_ not in {"VERB", "ADJ"}:
            return ""
        # "el 99 % ya estaba repuesta": an adjectival participle acts too.
        return self.share_acts.get(verb_stem(lemma_of(verb)), "")


def _definite(noun: Token) -> bool:
    """ "los 40 heridos", "estos 40 heridos": a set already known, not a part picked out
    ("los 28 detenidos mayores de edad", "los últimos 40 heridos" are picked out by an
    adjective)."""
    # The parser hangs the article, and an adjective before the figure ("los últimos
    # 1.480"), on the noun or on its figure.
    words = [noun, *(c for c in noun.children if c.dep_ == "nummod")]
    if any(c.dep_ in {"amod", "acl"} for word in words for c in word.children):
        return False
    return any(
        c.dep_ == "det" and ("Def" in c.morph.get("Definite") or "Dem" in c.morph.get("PronType"))
        for word in words
        for c in word.children
    )
