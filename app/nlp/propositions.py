"""Propositions: what a claim states, as (predicate, argument) pairs of concepts, each with
the certainty the claim gives it.

"negociaron un acuerdo que implica el intercambio de armas" and "han negado las
acusaciones de transferencias de armas" share ``transfer>weapons``: the first asserts it,
the second reports it denied. Claims are compared on certainty only through a shared
proposition, so two claims that merely share a word are never set against each other.
A proposition introduced by "en cuanto a", "sobre" or asked about is *mentioned*: it
says nothing about whether it is true and is not compared.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from app.nlp.attribution import speaker_at
from app.nlp.causes import causation, cause_words, ruled_out
from app.nlp.certainty import certainty_at
from app.nlp.concepts import lemma_of, lexicon
from app.nlp.data import load_language_data, load_word_list
from app.nlp.entities import entity_key
from app.nlp.modality import is_due
from app.nlp.model_lexicon import model_lemmas
from app.nlp.proposition_keys import CAUSE, EFFECT_MARK, NOUN_AGENT

MENTIONED = "mentioned"
DENIED = "denied"
ASSERTED = "asserted"
PREDICATE_POS = frozenset({"NOUN", "VERB"})
# Arguments are common nouns: "viajar a Valdemar" or "el puerto de Ribalta" name places and
# people every claim mentions, not something a claim can assert or deny.
ARGUMENT_POS = frozenset({"NOUN"})
PROPN_POS = frozenset({"PROPN"})
ARGUMENT_DEPS = frozenset({"obj", "nmod", "nsubj", "nsubj:pass", "obl"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass"})
# Where an indirect question hangs: "no saben si…", "si hubo heridos es lo que investigan".
QUESTION_DEPS = frozenset({"ccomp", "csubj", "obj", "xcomp"})
# Parts of a multi-word case marker ("en cuanto a", "acerca de").
CASE_PARTS = frozenset({"case", "fixed", "mark"})

if not Span.has_extension("propositions"):
    Span.set_extension("propositions", default=())


@dataclass(frozen=True, slots=True)
class Proposition:
    key: str  # "transfer>weapons": predicate concept > argument concept
    head_word: str  # the predicate as written
    arg_word: str  # the argument as written
    agent: str  # who does it (a name's key), "" when the claim does not say
    certainty: str  # asserted | hedged | denied | mentioned
    party: str | None  # who the claim attributes it to
    start: int  # character offsets covering both words
    end: int


class PropositionReader:
    def __init__(self, lang: str, common_nouns: Collection[str] = frozenset()) -> None:
        # Common nouns the model knows: "el Gobierno" names an institution by one.
        self.common_nouns = frozenset(common_nouns)
        self.lexicon = lexicon(lang)
        self.stop_words = load_word_list(lang, "stop_words")
        scope = load_language_data(lang, "scope")["measured"]
        reporting = load_language_data(lang, "attribution")["reporting"]
        mention = load_language_data(lang, "certainty")["mention"]
        self.light = frozenset(scope["light_verbs"])
        self.ignored = (
            frozenset(scope["light_verbs"])
            | frozenset(scope["generic_nouns"])
            | frozenset(reporting["verbs"])
            | frozenset(reporting["verbs_needing_clause"])
            | self.stop_words
        )
        self.markers = frozenset(mention["markers"])
        self.partner_cases = frozenset(load_language_data(lang, "concepts")["partner_cases"])
        self.question_verbs = frozenset(mention["question_verbs"])
        self.question_marks = frozenset(mention["question_marks"])
        certainty = load_language_data(lang, "certainty")
        denial = certainty["denial"]
        self.denials = frozenset(denial["verbs"]) | frozenset(denial["verbs_needing_object"])
        self.definite_cases = frozenset(mention["definite_contractions"])
        existence = certainty["existence"]
        self.existence_words = frozenset(existence["verbs"]) | frozenset(existence["predicates"])
        self.agent_focus = frozenset(mention["agent_focus"])
        self.due = frozenset(mention["due_auxiliaries"])
        self.inference_marks = frozenset(mention["inference_marks"])
        self.naming = frozenset(mention["naming_marks"])
        self.passive_auxiliaries = frozenset(mention["passive_auxiliaries"])
        self.presupposing = frozenset(mention["presupposing_cases"])
        self.content_cases = frozenset(mention["content_cases"])
        self.causes = cause_words(lang)
        # "se abrió la verja": the clitic is no object acted on; "abierta por los guardias".
        self.reflexive = self.causes.reflexives
        self.agent_cases = self.causes.by_cases

    def _key(self, token: Token) -> str:
        if token.pos_ == "PROPN":
            return entity_key(token.text)
        return self.lexicon.key_of(token)

    def _usable(self, token: Token, pos: frozenset[str], figures: set[int]) -> bool:
        lemma = token.lemma_.lower()
        return (
            token.pos_ in pos
            and token.is_alpha
            and len(token.text) > 2
            and lemma not in self.ignored
            and token.i not in figures
        )

    def _marker(self, token: Token) -> str:
        parts = sorted(
            (c for c in token.children if c.dep_ in CASE_PARTS and c.i < token.i),
            key=lambda t: t.i,
        )
        words = [p.lower_ for p in parts]
        for part in parts:
            words.extend(f.lower_ for f in part.children if f.dep_ == "fixed")
        return " ".join(words)

    def is_mentioned(self, token: Token, claim: Span) -> bool:
        """Introduced by a topic marker ("en cuanto a X", "sobre X") or asked about (by a
        verb of asking or as an indirect question), on the way from the word up to the
        claim's root."""
        node = token
        while claim.start <= node.i < claim.end:
            if self._marker(node) in self.markers:
                return True
            head = node.head
            if head.i != node.i and head.lemma_.lower() in self.question_verbs:
                return True
            if node.dep_ in QUESTION_DEPS and any(
                c.dep_ == "mark" and c.lower_ in self.question_marks for c in node.children
            ):
                return True  # "no saben si hubo heridos"
            if head.i == node.i:
                return False
            node = head
        return False

    def _not_stated(self, predicate: Token) -> bool:
        """Said of someone, named as a plan or due, not stated to have happened: "fueron
        ellos quienes abrieron la verja", "la orden de abrir la verja", "la verja debía
        abrirse a las nueve"."""
        if predicate.pos_ != "VERB":
            return False
        for child in predicate.children:
            if child.dep_ in SUBJECT_DEPS and child.lemma_.lower() in self.agent_focus:
                return True
            if child.dep_ == "aux" and is_due(child, self.due, self.inference_marks):
                return True
        # "la orden de abrir": the act is named; "un acuerdo para suministrar armas" says what
        # the agreement is for, which is stated with it.
        infinitive = "Inf" in predicate.morph.get("VerbForm")
        named = any(c.dep_ == "mark" and c.lower_ in self.naming for c in predicate.children)
        return (
            infinitive
            and named
            and predicate.dep_ in {"acl", "nmod"}
            and predicate.head.pos_ == "NOUN"
        )

    def _named_within(self, predicate: Token) -> bool:
        """A noun that describes another noun names a thing in passing, and states nothing
        the clause's certainty is about: "revisar la normativa de inspección de edificios"
        neither asserts nor denies an inspection of the building, "el balance de muertos por
        la ola de calor" no heat wave. Unless the noun it describes is what a denial denies
        ("negó el vertido al río de residuos"): then it is read as any other proposition,
        given or denied (``_presupposed``)."""
        if predicate.pos_ != "NOUN" or predicate.dep_ != "nmod" or predicate.head.pos_ != "NOUN":
            return False
        if self._marker(predicate) in self.content_cases:
            return False  # "un acuerdo de suministro de armas": what was agreed is stated
        described = predicate.head
        return not (described.dep_ == "obj" and lemma_of(described.head) in self.denials)

    def _institution(self, name: Token) -> bool:
        """ "el Gobierno", "la Policía": a capitalised common noun after an article; not a
        surname that is also a noun ("Pastor firmó el contrato")."""
        return _definite(name) and name.lower_ in self.common_nouns

    def _agent(self, predicate: Token, argument: Token) -> str:
        """Who does it: a name's key, or ``noun:`` and the lemma of a common noun or pronoun
        that does something to an object ("los guardias abrieron la verja"). A verb with
        no object says something of its subject ("el puente cayó"), which is its argument,
        as is the bearer of a light verb ("el puente sufrió daños")."""
        if predicate.pos_ != "VERB":
            return ""
        children = [c for c in predicate.children if c != argument]
        if self._passive(predicate):
            # "la verja fue abierta por los guardias"
            by = [c for c in children if c.dep_ in {"obl", "obj"} and self._by(c)]
            return self._agent_key(by[0]) if by else ""
        subjects = [c for c in children if c.dep_ in SUBJECT_DEPS]
        # "el Gobierno", "la Policía": an institution named by a common noun, which another
        # outlet may name by another one, is no name.
        for child in subjects:
            if child.pos_ == "PROPN" and not self._institution(child):
                return entity_key(child.text)
        # "se abrió la verja": the clitic is no object acted on.
        acts_on = any(
            c.dep_ == "obj" and c.lower_ not in self.reflexive for c in predicate.children
        )
        agents = [c for c in subjects if c.pos_ in {"NOUN", "PRON", "PROPN"}]
        return self._agent_key(agents[0]) if acts_on and agents else ""

    def _by(self, token: Token) -> bool:
        return token.pos_ in {"NOUN", "PROPN"} and any(
            c.dep_ == "case" and c.lower_ in self.agent_cases for c in token.children
        )

    def _agent_key(self, token: Token) -> str:
        if token.pos_ == "PROPN" and not self._institution(token):
            return entity_key(token.text)
        return f"{NOUN_AGENT}{token.lemma_.lower()}"

    def _light_pairs(
        self, token: Token, claim: Span, figures: set[int]
    ) -> list[tuple[Token, Token]]:
        """ "la presa sufrió daños": a light verb's object said of its subject (damage > presa)."""
        if token.pos_ != "VERB" or token.lemma_.lower() not in self.light:
            return []
        objects = [
            c for c in token.children if c.dep_ == "obj" and self._usable(c, ARGUMENT_POS, figures)
        ]
        subjects = [
            c
            for c in token.children
            if c.dep_ in SUBJECT_DEPS and self._usable(c, ARGUMENT_POS, figures)
        ]
        return [(o, s) for o in objects for s in subjects if claim.start <= s.i < claim.end]

    def read(self, claim: Span, figures: set[int]) -> tuple[Proposition, ...]:
        found: dict[str, Proposition] = {}
        for token in claim:
            for thing, bearer in self._light_pairs(token, claim, figures):
                self._add(found, token, thing, bearer, claim)
            self._add_cause(found, token, claim, figures)
            if not self._usable(token, PREDICATE_POS, figures) or self._causal_word(token):
                continue
            arguments = [
                c
                for c in token.children
                if c.dep_ in ARGUMENT_DEPS
                and claim.start <= c.i < claim.end
                and (
                    self._usable(c, ARGUMENT_POS, figures)
                    or self._partner(token, c, figures)
                    or self._undergoer(token, c, figures)
                )
            ]
            # A subject is the proposition only for a verb without a direct object ("la presa
            # colapsó tras el sismo"); with one, the verb and its object are ("negociaron un
            # acuerdo").
            # (A passive verb's subject stays: its "object" is a misparse, as in "fue
            # evacuado por la crecida".)
            if any(c.dep_ == "obj" for c in arguments) and not self._passive(token):
                arguments = [c for c in arguments if c.dep_ not in SUBJECT_DEPS]
            if not arguments:
                continue
            for argument in arguments:
                self._add(found, token, token, argument, claim)
                for inner in self._inner_arguments(argument, claim, figures):
                    self._add(found, token, token, inner, claim)
        return tuple(found.values())

    def _presupposed(self, noun: Token, argument: Token) -> bool:
        """ "negó que sus operarios abrieran las compuertas de la presa": a definite noun
        and its complement are taken as given by whoever denies what is done to them (the
        dam has gates; "descartan que las velas causaran el incendio del local": there was a
        fire; "negó que abrieran la puerta del almacén": there is a store); denying the noun
        itself ("desmintió la dimisión del ministro") is another thing. (A doubt may be
        about the noun itself: "los rumores de su salida".)"""
        # "la puerta del almacén del museo": the complement, or the complement's complement.
        head = argument.head
        chain = head.i == noun.i or (head.dep_ == "nmod" and head.head.i == noun.i)
        if noun.pos_ != "NOUN" or argument.dep_ != "nmod" or not chain:
            return False
        # "la puerta", "su puerta", and "del almacén", whose article is in the contraction.
        definite = _definite(noun, possessive=True) or any(
            c.dep_ == "case" and c.lower_ in self.definite_cases for c in noun.children
        )
        denied_itself = noun.dep_ in {"obj", "ccomp"} and lemma_of(noun.head) in self.denials
        # "negó que el fallo existiera", "… que el fallo de la señal fuera real"
        denied_itself = denied_itself or (
            noun.dep_ in SUBJECT_DEPS and lemma_of(noun.head) in self.existence_words
        )
        # Acts that may or may not have happened are not given: "desmintió que la cumbre
        # abordara la compra de patrulleras". Things and events that did are.
        concept = self.lexicon.of_token(noun)
        act = concept is not None and not concept.event
        return definite and not denied_itself and not act

    def _referred_to(self, noun: Token) -> bool:
        """ "nadie salió herido tras el derrumbe del muro": a noun after such a case is
        what a denial is about, not what it denies (whatever the parser calls it)."""
        return noun.pos_ == "NOUN" and self._marker(noun) in self.presupposing

    def _story_word(self, noun: Token) -> bool:
        """ "descartó que el corte fuera consecuencia de un ciberataque": a singular noun no
        concept knows, with its article and nothing else, names what the story is about as
        well as a clause that leaves it out does; "el corte de la carretera" names a thing
        of its own."""
        deps = [c.dep_ for c in noun.children]
        singular = "Sing" in noun.morph.get("Number")
        unknown = noun.pos_ == "NOUN" and self.lexicon.of_token(noun) is None
        return unknown and singular and deps == ["det"] and _definite(noun)

    def _causal_word(self, token: Token) -> bool:
        """ "la causa del fuego", "el origen de la riada", "podría deberse a una avería":
        what such a word states is the cause it names (``_add_cause``), not a statement of
        its own."""
        lemma = lemma_of(token)
        if token.pos_ == "NOUN":
            return lemma in self.causes.origin_nouns or lemma in self.causes.of_nouns
        return lemma in self.causes.reflexive_only and causation(token, self.causes) is not None

    def _add_cause(
        self, found: dict[str, Proposition], token: Token, claim: Span, figures: set[int]
    ) -> None:
        """ "un rayo provocó el incendio" and its other wordings: ``cause@fire>rayo``. A name
        may be the cause ("Iberdrola provocó el apagón"); the effect is left empty when the
        clause does not name it ("lo originó un rayo")."""
        stated = causation(token, self.causes)
        if stated is None or not claim.start <= stated.cause.i < claim.end:
            return
        if not self._usable(stated.cause, ARGUMENT_POS | PROPN_POS, figures):
            return
        effect = stated.effect
        named = effect is not None and effect.pos_ in ARGUMENT_POS | PROPN_POS
        if named and self._story_word(effect):
            named = False
        head_key = f"{CAUSE}{EFFECT_MARK}{self._key(effect) if named else ''}"
        denied = DENIED if ruled_out(stated.cause, self.causes) else None
        predicate = stated.predicate or token
        self._add(found, predicate, token, stated.cause, claim, head_key=head_key, certainty=denied)

    def _partner(self, predicate: Token, token: Token, figures: set[int]) -> bool:
        """ "pactó con la Fiscalía", "ningún pacto con la Fiscalía": a name the predicate
        is done with. Not after a definite noun: "la guerra de Rusia con Ucrania" is taken
        for granted, whatever the clause around it doubts."""
        definite = predicate.pos_ == "NOUN" and _definite(predicate, possessive=True)
        return (
            not definite
            and self._usable(token, PROPN_POS, figures)
            and self._marker(token) in self.partner_cases
        )

    def _undergoer(self, predicate: Token, token: Token, figures: set[int]) -> bool:
        """ "el Puente Viejo fue cerrado", "que el Hospital Central haya sido evacuado": a
        name that undergoes a passive verb is what is asserted or denied of it (keyed by
        its head word, "puente", which a later "el puente no fue cerrado" shares)."""
        return (
            self._passive(predicate)
            and token.dep_ in SUBJECT_DEPS
            and self._usable(token, PROPN_POS, figures)
        )

    def _passive(self, predicate: Token) -> bool:
        return (
            predicate.pos_ == "VERB"
            and "Part" in predicate.morph.get("VerbForm")
            and any(
                c.dep_ in {"aux", "aux:pass"} and c.lemma_.lower() in self.passive_auxiliaries
                for c in predicate.children
            )
        )

    def _inner_arguments(self, argument: Token, claim: Span, figures: set[int]) -> list[Token]:
        """ "una avería en el sistema de frenos": what the argument is of is an argument too
        (avería > freno), so an outlet that leaves out "el sistema" states the same thing."""
        return [
            c
            for c in argument.children
            if c.dep_ == "nmod"
            and claim.start <= c.i < claim.end
            and self._usable(c, ARGUMENT_POS, figures)
        ]

    def _add(
        self,
        found: dict[str, Proposition],
        predicate: Token,
        head: Token,
        argument: Token,
        claim: Span,
        head_key: str | None = None,
        certainty: str | None = None,
    ) -> None:
        own_key = head_key is None  # a cause's key comes from _add_cause, not from a noun
        head_key, arg_key = head_key or self._key(head), self._key(argument)
        if not arg_key or arg_key == head_key:
            return
        key = f"{head_key}>{arg_key}"
        if key in found:
            return
        in_passing = own_key and self._named_within(predicate)
        if self.is_mentioned(predicate, claim) or self._not_stated(predicate) or in_passing:
            certainty = MENTIONED
        elif certainty is None:
            certainty = certainty_at(predicate, claim).label
            given = self._presupposed(predicate, argument) or self._referred_to(predicate)
            if certainty == DENIED and given:
                certainty = ASSERTED
        first, last = sorted((head, argument), key=lambda t: t.i)
        found[key] = Proposition(
            key=key,
            head_word=head.text,
            arg_word=argument.text,
            # A cause is what does it: no other agent to tell statements apart by.
            agent="" if key.startswith(CAUSE) else self._agent(predicate, argument),
            certainty=certainty,
            party=speaker_at(predicate, claim),
            start=first.idx,
            end=last.idx + len(last.text),
        )


def _definite(token: Token, possessive: bool = False) -> bool:
    """With a definite article ("la verja"), or a possessive ("su verja") when asked."""
    return any(
        c.dep_ == "det"
        and ("Def" in c.morph.get("Definite") or (possessive and "Yes" in c.morph.get("Poss")))
        for c in token.children
    )


@Language.factory(
    "cotejo_propositions",
    requires=["doc.spans", "token.dep", "token.lemma", "token.pos"],
    assigns=["span._.propositions"],
)
def make_proposition_reader(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    reader = PropositionReader(nlp.lang, model_lemmas(nlp, "noun"))

    def annotate_propositions(doc: Doc) -> Doc:
        figures = {i for span in doc.spans.get("values", []) for i in range(span.start, span.end)}
        for claim in doc.spans.get("claims", []):
            claim._.propositions = reader.read(claim, figures)
        return doc

    return annotate_propositions
