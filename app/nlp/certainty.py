"""How sure the outlet is of a claim: asserted, hedged (rumour, speculation) or denied.

Cue words live in ``data/<lang>/certainty.toml`` and are compiled into spaCy matchers.
A cue only counts when it bears on the main statement of the claim: a conditional inside
a relative clause ("el plan, que podría…") does not make the whole sentence a rumour.
When several cues count, the strongest kind wins:
reported denial > uncertainty ("no está claro") > hedge > plain negation > asserted.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from app.nlp.claims import ClaimTagger
from app.nlp.concepts import lemma_of
from app.nlp.data import load_language_data

# Relations that carry the main statement down from the root: coordination and the content
# of reporting verbs ("dicen los analistas" → what they say is the statement).
STATEMENT_DEPS = frozenset({"conj", "ccomp", "xcomp", "parataxis", "csubj"})
# A cue in a side clause is not about the statement: "el plan, que podría…" (acl),
# "elogió la relación, ya que los informes sugieren…" (advcl).
SIDE_CLAUSE_DEPS = frozenset({"acl", "advcl"})
# A cue below a participant describes the participant: "discutieron la posible venta" (obj).
# The cue's own relation may be one of these: "según informes, …" (obl) still counts.
PARTICIPANT_DEPS = frozenset({"obj", "iobj", "obl", "nmod", "appos"})
# Words that head a predicate; the parser sometimes hangs a coordinated object on the verb
# ("discutieron asuntos … y la posible colaboración"), which is no second statement.
PREDICATE_POS = frozenset({"VERB", "AUX", "ADJ"})
# Auxiliaries and copulas shown with a verb cue: "han negado", "no está claro".
AUX_DEPS = frozenset({"aux", "aux:pass", "cop"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass"})
# Clauses that a conditional introducer can open ("si se aprueba…", "en caso de que…").
CLAUSE_DEPS = frozenset({"advcl", "acl", "ccomp", "csubj", "xcomp"})
# How what a denial verb denies hangs from it: "negó la venta", "negó que hubiera fallos",
# "negó haberlo recibido" (not "negó en un comunicado…": the statement was made).
DENIED_DEPS = frozenset({"obj", "ccomp", "xcomp", "csubj", "nsubj:pass"})
# How many words before a clause its introducer may start ("en caso de | que se apruebe").
INTRODUCER_REACH = 3

# Match labels; the rank (lower is stronger) decides between cues of different kinds.
DENIAL = "DENIAL"
UNCERTAIN = "UNCERTAIN"
HEDGE = "HEDGE"
CONDITIONAL = "CONDITIONAL"
NEGATION = "NEGATION"
# Where a document keeps its certainty matches (see CertaintyCues._matches).
MATCHES_KEY = "cotejo.certainty_matches"
RANKS = {DENIAL: 0, UNCERTAIN: 1, HEDGE: 2, CONDITIONAL: 2, NEGATION: 3}
LABELS = {
    DENIAL: "denied",
    UNCERTAIN: "hedged",
    HEDGE: "hedged",
    CONDITIONAL: "hedged",
    NEGATION: "denied",
}


@dataclass(frozen=True, slots=True)
class Certainty:
    label: str  # asserted | hedged | denied
    cue: str | None  # surface text of the deciding cue; None for asserted


ASSERTED = Certainty("asserted", None)


@dataclass(frozen=True, slots=True)
class _Cue:
    kind: str
    anchor: Token  # the token whose place in the tree decides whether the cue counts
    text: str
    negator: int | None = None  # the "no" of a negation, where it is


def _words(words: Iterable[str]) -> list[list[dict[str, Any]]]:
    """Single-token patterns matching a word by lemma or by lowercase form."""
    words = list(words)
    return [[{"LEMMA": {"IN": words}}], [{"LOWER": {"IN": words}}]]


def _phrases(phrases: Iterable[str]) -> list[list[dict[str, Any]]]:
    return [[{"LOWER": word} for word in phrase.split()] for phrase in phrases]


def _dep(left: str, right: str, attrs: dict[str, Any], rel: str = ">") -> dict[str, Any]:
    return {"LEFT_ID": left, "REL_OP": rel, "RIGHT_ID": right, "RIGHT_ATTRS": attrs}


def _verb_text(pred: Token, extra: Iterable[Token] = ()) -> str:
    """The predicate with its auxiliaries (and negator): "han negado", "no está claro"."""
    tokens = {pred, *extra, *(c for c in pred.children if c.dep_ in AUX_DEPS)}
    return " ".join(t.text for t in sorted(tokens, key=lambda t: t.i))


def _statement_predicates(span: Span) -> set[int]:
    """Token indices of the predicates that make up the claim's main statement."""
    found: set[int] = set()
    stack = [span.root]
    while stack:
        token = stack.pop()
        if token.i in found:
            continue
        found.add(token.i)
        stack.extend(
            c
            for c in token.children
            if c.dep_ in STATEMENT_DEPS
            and span.start <= c.i < span.end
            and (c.dep_ != "conj" or _is_predicate(c))
        )
    return found


def _is_predicate(token: Token) -> bool:
    return token.pos_ in PREDICATE_POS or any(c.dep_ in AUX_DEPS for c in token.children)


def _is_participant(token: Token) -> bool:
    """An argument or modifier of a predicate, including a noun mis-parsed as a conjunct
    of the verb."""
    return token.dep_ in PARTICIPANT_DEPS or (
        token.dep_ == "conj" and not _is_predicate(token) and _is_predicate(token.head)
    )


def _bears_on_statement(anchor: Token, statement: set[int], span: Span) -> bool:
    """True when the path from the cue up to a statement predicate leaves no side clause and
    passes through no participant."""
    token = anchor
    while token.i not in statement:
        if token.dep_ in SIDE_CLAUSE_DEPS or (token.i != anchor.i and _is_participant(token)):
            return False
        if token.head.i == token.i or not span.start <= token.head.i < span.end:
            return False
        token = token.head
    return True


class CertaintyCues:
    """The compiled cue matchers of one language, and the decision built on them."""

    def __init__(self, vocab: Vocab, data: dict[str, Any]) -> None:
        hedge = data["hedge"]
        negation = data["negation"]
        self.not_negating_before = frozenset(negation["not_negating_before"])
        self.not_until = frozenset(negation["not_until"])
        self.negators = frozenset(negation["words"])
        self.refusal_clitics = frozenset(data["denial"]["refusal_clitics"])
        self.reporting_tenses = frozenset(hedge["conditional"]["reporting_tenses"])
        self.conditionals = tuple(data["hypothesis"]["introducers"])
        existence = data["existence"]
        self.existential = frozenset(existence["verbs"]) | frozenset(existence["predicates"])
        self.temporal = frozenset(data["given"]["temporal_marks"])
        self.relative = frozenset(data["given"]["relative_words"])
        self.hypothetical_moods = frozenset(data["given"]["hypothetical_moods"])
        self.holding = frozenset(negation["holding_verbs"]) | self.existential
        self.bounding = frozenset(negation["bounding_verbs"])
        self.litotes = frozenset(negation["litotes_verbs"])
        self.complement_marks = frozenset(data["complement"]["marks"])

        self.matcher = Matcher(vocab)
        self.matcher.add(DENIAL, [[{"LEMMA": {"IN": data["denial"]["verbs"]}, "POS": "VERB"}]])
        self.matcher.add(UNCERTAIN, _phrases(data["uncertainty"]["phrases"]))
        impersonal = [
            {"LOWER": {"IN": hedge["impersonal_markers"]}},
            {"POS": "AUX", "OP": "*"},
            {"LEMMA": {"IN": hedge["impersonal_verbs"]}},
        ]
        expectation = [
            {"LEMMA": {"IN": hedge["expectation_verbs"]}},
            {"LOWER": {"IN": hedge["complementizers"]}},
        ]
        modal = {
            "LEMMA": {"IN": hedge["modal"]["lemmas"]},
            "POS": {"IN": ["AUX", "VERB"]},
            "MORPH": {"INTERSECTS": hedge["modal"]["morph"]},
        }
        self.matcher.add(
            HEDGE,
            [
                *_words(hedge["words"]),
                *_phrases(hedge["phrases"]),
                impersonal,
                expectation,
                [modal],
            ],
        )
        self.matcher.add(
            CONDITIONAL, [[{"MORPH": {"IS_SUPERSET": [hedge["conditional"]["morph"]]}}]]
        )

        negators = {"LOWER": {"IN": negation["words"]}}
        ni_subject = [
            _dep("pred", "subj", {"DEP": {"IN": sorted(SUBJECT_DEPS)}}),
            _dep("subj", "ni", {"LOWER": {"IN": negation["subject_coordinators"]}}),
        ]
        denial = data["denial"]
        objects = denial["objects"]
        self.dep_matcher = DependencyMatcher(vocab)
        denial_verb = {
            "RIGHT_ID": "pred",
            "RIGHT_ATTRS": {"LEMMA": {"IN": denial["verbs_needing_object"]}},
        }
        self.dep_matcher.add(
            DENIAL,
            [
                [denial_verb, _dep("pred", "obj", {"DEP": "obj", "LEMMA": {"IN": objects}})],
                [denial_verb, _dep("pred", "obj", {"DEP": "obj", "LOWER": {"IN": objects}})],
                # "rechazó que hubiera enviado armas"
                [denial_verb, _dep("pred", "obj", {"DEP": "ccomp"})],
                # "es falso que un rayo provocara el fuego"
                [
                    {
                        "RIGHT_ID": "pred",
                        "RIGHT_ATTRS": {
                            "LEMMA": {"IN": denial["false_predicates"]},
                            "POS": {"IN": ["ADJ", "NOUN"]},
                        },
                    },
                    _dep("pred", "obj", {"DEP": {"IN": ["csubj", "ccomp"]}}),
                ],
                # "descartó que las velas estuvieran en el origen del fuego": the parser
                # hangs the clause by its noun, as an oblique with the "que" of its own.
                [
                    denial_verb,
                    _dep("pred", "obj", {"DEP": "obl"}),
                    _dep(
                        "obj", "mark", {"DEP": "mark", "LOWER": {"IN": data["complement"]["marks"]}}
                    ),
                ],
            ],
        )
        uncertainty = data["uncertainty"]
        uncertain_pred = {
            "RIGHT_ID": "pred",
            "RIGHT_ATTRS": {"LEMMA": {"IN": uncertainty["negated_predicates"]}},
        }
        self.dep_matcher.add(
            UNCERTAIN,
            [
                [uncertain_pred, _dep("pred", "neg", {"LOWER": {"IN": uncertainty["negators"]}})],
                [uncertain_pred, *ni_subject],
            ],
        )
        any_pred = {"RIGHT_ID": "pred", "RIGHT_ATTRS": {}}
        self.dep_matcher.add(
            NEGATION, [[any_pred, _dep("pred", "neg", negators)], [any_pred, *ni_subject]]
        )

    def _matches(self, doc: Doc) -> tuple[list[tuple[int, int, int]], list[tuple[int, list[int]]]]:
        """Both matchers' results for the whole document, computed once: claims and the
        phrases inside them (certainty_at) are classified from the same matches."""
        cached = doc.user_data.get(MATCHES_KEY)
        if cached is None:
            cached = (list(self.matcher(doc)), list(self.dep_matcher(doc)))
            doc.user_data[MATCHES_KEY] = cached
        return cached

    def _cues(self, span: Span) -> Iterator[_Cue]:
        doc, vocab = span.doc, span.vocab
        phrase_matches, dependency_matches = self._matches(doc)
        for match_id, start, end in phrase_matches:
            if start < span.start or end > span.end:
                continue
            kind = vocab.strings[match_id]
            match = doc[start:end]
            if len(match) == 1 and match.root.dep_ == "fixed":
                continue  # part of a fixed expression: "por supuesto" is no "supuesto"
            if kind == DENIAL:
                refusal = any(c.lower_ in self.refusal_clitics for c in match.root.children)
                if not refusal and not self._is_negated(match.root):
                    yield _Cue(kind, match.root, _verb_text(match.root))
            elif kind == CONDITIONAL and self._is_reported_future(match.root):
                continue
            else:
                yield _Cue(kind, match.root, match.text)
        for match_id, token_ids in dependency_matches:
            if not all(span.start <= i < span.end for i in token_ids):
                continue
            kind = vocab.strings[match_id]
            # Patterns run predicate → negator, or predicate → subject → "ni".
            pred, last = doc[token_ids[0]], doc[token_ids[-1]]
            if kind == DENIAL and self._is_negated(pred):
                continue  # "no descarta que…", "no niega que…": not a denial
            if kind == DENIAL or last.head.i != pred.i:
                # Show the verb alone: the denied object or a "ni A ni B" subject is not the cue.
                yield _Cue(kind, pred, _verb_text(pred))
            elif self._negates(last):
                yield _Cue(kind, pred, _verb_text(pred, [last]), last.i)

    def _is_negated(self, pred: Token) -> bool:
        return any(c.lower_ in self.negators and self._negates(c) for c in pred.children)

    def _negates(self, negator: Token) -> bool:
        nxt = negator.nbor(1) if negator.i + 1 < len(negator.doc) else None
        if nxt is not None and nxt.lower_ in self.not_negating_before:
            return False
        return not self._until(negator)

    def _until(self, negator: Token) -> bool:
        """ "no llegó hasta el martes": it arrived, on Tuesday."""
        return any(
            child.i > negator.i
            and child.dep_ in {"obl", "advmod", "obl:arg"}
            and any(c.dep_ == "case" and c.lower_ in self.not_until for c in child.children)
            for child in negator.head.children
        )

    def _is_reported_future(self, token: Token) -> bool:
        """A conditional in a clause reported by a past verb ("dijo que cubriría") is the
        future-in-the-past of reported speech, not a rumour."""
        clause = token.head if token.dep_ in AUX_DEPS else token
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ not in {"ccomp", "parataxis"}:
            return False
        return bool(set(clause.head.morph.get("Tense")) & self.reporting_tenses)

    def classify_at(self, token: Token, claim: Span, own: range = range(0)) -> Certainty:
        """The certainty of what the claim says about one of its words: only cues on the
        way from the word up to the claim's root count, and none on a subject's way (what
        a verb says is not said of its subject). A "no" among the word's ``own`` tokens is
        part of what it says ("no superaba el 10 %" is a bound), not a denial."""
        path = _path(
            token,
            claim,
            existential=self.existential,
            temporal=self.temporal,
            complement_marks=self.complement_marks,
            relative=self.relative,
        )
        on_path = {t.i for t in path}
        # A hypothesis covers its clause's subject too: "si se aprueba un acuerdo".
        hypothesis = next(
            (
                (node, introducer)
                for node in _path(token, claim, through_subjects=True)
                if (introducer := self._conditional(node))
            ),
            None,
        )
        counting = [
            c
            for c in self._cues(claim)
            if _reaches(c, on_path, claim)
            and (c.negator is None or c.negator not in own)
            and self._governs(c, token, path)
            # "si el Gobierno no cede", "mientras no baje el agua": a "no" in a hypothesis
            and not (hypothesis and _within(c.anchor, hypothesis[0]))
        ]
        if counting:
            cue = min(counting, key=lambda c: (RANKS[c.kind], c.anchor.i))
            return Certainty(LABELS[cue.kind], cue.text)
        if hypothesis:
            return Certainty("hedged", hypothesis[1])
        return ASSERTED

    def _governs(self, cue: _Cue, token: Token, path: list[Token]) -> bool:
        """Whether a cue on a verb of the path bears on the word the path starts from,
        judged by how the path enters the verb."""
        if cue.anchor.pos_ != "VERB":
            return True
        entry = next((t for t in path if t.head.i == cue.anchor.i and t.i != cue.anchor.i), None)
        if entry is None:
            return True
        if cue.kind == NEGATION and any(_contrasted(t) for t in path[: path.index(entry) + 1]):
            return False  # "no quieren cobrar, sino donar 3.000 euros": the donation stands
        if entry.dep_ == "conj" and _is_predicate(entry) and not _shares_negation(cue, entry):
            # "no ha dado su cifra y la dará mañana": the second is not negated.
            return False
        if cue.kind == DENIAL:
            # "negó en una rueda de prensa que hubiera fallos": the press conference was held
            return entry.dep_ in DENIED_DEPS or self._hung_complement(entry)
        if cue.kind == NEGATION and token.pos_ == "NOUN" and not self._denies_count(cue, token):
            # "no apoyará un aumento del gasto": the support is negated, not the increase;
            # but "no detuvo a 30 personas" denies that 30 were detained.
            return lemma_of(cue.anchor) in self.holding
        return True

    def _hung_complement(self, entry: Token) -> bool:
        """A que-clause the parser hung by its noun as an oblique ("descartó que las velas
        estuvieran en el origen del fuego": "origen" is the oblique)."""
        return entry.dep_ == "obl" and any(
            c.dep_ == "mark" and c.lower_ in self.complement_marks for c in entry.children
        )

    def _denies_count(self, cue: _Cue, noun: Token) -> bool:
        """ "no detuvo a 30 personas" denies that 30 were detained; "no pasó de los 400
        pies" bounds a figure (values.py reads it as at most 400), and "no dudaron en
        rescatar a cinco personas" asserts the rescue."""
        anchor = lemma_of(cue.anchor)
        return _counted(noun) and anchor not in self.bounding and anchor not in self.litotes

    def _conditional(self, node: Token) -> str | None:
        """ "si se aprueba un acuerdo…", "en caso de que se apruebe…": a hypothesis. The
        introducer opens the clause, or just precedes it when the parser hangs the clause
        on "caso". A clause of time in the subjunctive is one too: "mientras no llueva"."""
        if node.pos_ not in {"VERB", "AUX"}:
            return None
        # "Si un rayo provocó el fuego, …": the parser may make the hypothesis the root.
        marks = {c.lower_ for c in node.children if c.dep_ == "mark"}
        opening = next((i for i in self.conditionals if i in marks), None)
        if opening is not None and node.dep_ == "ROOT":
            return opening
        if node.dep_ not in CLAUSE_DEPS:
            return None
        start = max(node.left_edge.i - INTRODUCER_REACH, 0)
        leading = " " + " ".join(t.lower_ for t in node.doc[start : node.i]) + " "
        introducer = next((i for i in self.conditionals if f" {i} " in leading), None)
        if introducer is None and set(node.morph.get("Mood")) & self.hypothetical_moods:
            marks = (c for c in node.children if c.dep_ == "mark" and c.lower_ in self.temporal)
            introducer = next((m.lower_ for m in marks), None)
        return introducer

    def classify(self, span: Span) -> Certainty:
        statement = _statement_predicates(span)
        counting = [cue for cue in self._cues(span) if _counts(cue, statement, span)]
        if not counting:
            return ASSERTED
        # Strongest kind first; among equals the earliest cue, which usually governs the rest.
        cue = min(counting, key=lambda c: (RANKS[c.kind], c.anchor.i))
        return Certainty(LABELS[cue.kind], cue.text)


# Conjunctions that oppose their conjunct to the one before it.
CONTRASTS = frozenset({"sino", "pero"})


def _contrasted(token: Token) -> bool:
    return token.dep_ == "conj" and any(
        c.dep_ == "cc" and c.lower_ in CONTRASTS for c in token.children
    )


def _shares_negation(cue: _Cue, conj: Token) -> bool:
    """ "no pudieron entrar y rescatar a cinco personas": a negated verb group (a modal and
    its infinitives) negates each infinitive; "decidieron no esperar y evacuar" negates the
    first only, and "no quieren cobrar, sino donar" the one before "sino"."""
    if "Inf" not in conj.morph.get("VerbForm"):
        return False
    if _contrasted(conj):
        return False
    return any(c.dep_ in {"aux", "aux:pass"} for c in cue.anchor.children)


def _counted(noun: Token) -> bool:
    """ "30 personas", "3 millones": a noun a figure counts."""
    return any(c.dep_ == "nummod" or c.like_num for c in noun.children)


def _path(
    token: Token,
    claim: Span,
    through_subjects: bool = False,
    existential: frozenset[str] = frozenset(),
    temporal: frozenset[str] = frozenset(),
    complement_marks: frozenset[str] = frozenset(),
    relative: frozenset[str] = frozenset(),
) -> list[Token]:
    """The word and the heads above it that govern what the claim says about it. A
    subject, an adverbial or a relative clause is a statement of its own: in "denied that
    the dam failed, after a rumour led people to leave their homes" leaving is asserted.
    The subject of a verb of existence is what it states ("no hubo ninguna avería"), and
    a clause of time is taken as given ("habría empezado al caer la presa": the dam fell)."""
    path = [token]
    node = token
    while node.head.i != node.i and claim.start <= node.head.i < claim.end:
        stranded = _stranded_complement(node, complement_marks)
        if stranded is not None and claim.start <= stranded.i < claim.end:
            node = stranded
            path.append(node)
            continue
        if node.dep_ == "advcl" or _is_relative_clause(node, relative):
            break
        if any(c.dep_ == "mark" and c.lower_ in temporal for c in node.children):
            break
        exists = lemma_of(node.head) in existential
        if node.dep_ in SUBJECT_DEPS and not through_subjects and not exists:
            break
        node = node.head
        path.append(node)
    return path


def _stranded_complement(node: Token, marks: frozenset[str]) -> Token | None:
    """ "negó de forma tajante que hubiera heridos": the parser hangs the que-clause on
    "forma"; it is the complement of "negó", which has no other. The verb, or None."""
    opening = next((t for t in node.subtree if not t.is_punct), node)
    if node.dep_ not in {"acl", "acl:relcl"} or opening.lower_ not in marks:
        return None
    # "ante la comisión que investiga los 30 muertos" is a relative clause: the parser
    # tells it apart by the "que" (when it gets that right) or by the mood, since what is
    # denied usually goes in the subjunctive ("que hubiera heridos").
    moods = [node, *(c for c in node.children if c.dep_ in {"aux", "aux:pass", "cop"})]
    complement = opening.dep_ == "mark" or any("Sub" in t.morph.get("Mood") for t in moods)
    if not complement:
        return None
    adverbial = node.head
    verb = adverbial.head
    if adverbial.dep_ != "obl" or verb.pos_ != "VERB" or verb.i == adverbial.i:
        return None
    if any(c.dep_ in DENIED_DEPS for c in verb.children):
        return None
    return verb


def _within(token: Token, clause: Token) -> bool:
    return clause.left_edge.i <= token.i <= clause.right_edge.i


def _is_relative_clause(node: Token, relative: frozenset[str] = frozenset()) -> bool:
    """ "la presa, que domina el valle": a clause with a relative pronoun or adverb; not
    "un acuerdo para suministrar municiones", which completes its noun. A relative adverb
    in the subjunctive belongs to what is said around it: "negó que hubiera un almacén
    donde se guardaran armas" denies the weapons too."""
    if node.dep_ == "acl:relcl":
        return True
    if node.dep_ != "acl":
        return False
    if any("Rel" in c.morph.get("PronType") for c in node.children):
        return True
    moods = [node, *(c for c in node.children if c.dep_ in {"aux", "aux:pass", "cop"})]
    subjunctive = any("Sub" in t.morph.get("Mood") for t in moods)
    return not subjunctive and any(c.lower_ in relative for c in node.children)


def _reaches(cue: _Cue, on_path: set[int], claim: Span) -> bool:
    """The cue governs the path: it is on it, or below one of its words without passing a
    side clause, a participant or another statement coordinated with it."""
    if cue.kind == NEGATION:
        return cue.anchor.i in on_path
    node = cue.anchor
    while node.i not in on_path:
        if node.dep_ in SIDE_CLAUSE_DEPS or (node.i != cue.anchor.i and _is_participant(node)):
            return False
        if node.dep_ in {"conj", "parataxis"} and node.head.i in on_path:
            return False  # "…exhibió las instalaciones y discutió la posibilidad de…"
        if node.head.i == node.i or not claim.start <= node.head.i < claim.end:
            return False
        node = node.head
    return True


def _counts(cue: _Cue, statement: set[int], span: Span) -> bool:
    if cue.kind == NEGATION:
        # Plain negation must sit on a statement predicate itself ("no firmó"),
        # not on a noun ("los intereses y no las advertencias").
        return cue.anchor.i in statement
    return _bears_on_statement(cue.anchor, statement, span)


@lru_cache(maxsize=8)
def compile_cues(vocab: Vocab, lang: str) -> CertaintyCues:
    """Matchers are bound to a vocab; build them once per (vocab, language)."""
    return CertaintyCues(vocab, load_language_data(lang, "certainty"))


def classify_certainty(span: Span) -> Certainty:
    """The certainty of one claim span, in the language of its document."""
    return compile_cues(span.vocab, span.doc.lang_).classify(span)


if not Span.has_extension("certainty"):
    Span.set_extension("certainty", default=None)


@Language.factory(
    "cotejo_certainty",
    requires=["token.lemma", "token.dep", "token.morph"],
    assigns=["span._.certainty"],
)
def make_certainty_tagger(nlp: Language, name: str) -> ClaimTagger:
    return ClaimTagger("certainty", compile_cues(nlp.vocab, nlp.lang).classify)


def certainty_at(token: Token, claim: Span, own: range = range(0)) -> Certainty:
    """How sure the claim is about one of its words (a topic cue, a proposition, a value).

    In "Analysts speculate that the leaders would be negotiating an arms swap" the swap is
    hedged; in "they signed a deal that could lead to an arms swap" the swap is hedged
    though the signing is asserted; in "both governments denied the accusations of arms
    transfers" the transfers are denied; in "the decision to meet there suggests that…"
    the meeting place is asserted: the suggestion governs only its complement.
    """
    return compile_cues(claim.vocab, claim.doc.lang_).classify_at(token, claim, own)
