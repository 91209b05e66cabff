"""Whether a figure was observed or is something else: planned or forecast ("estaba
previsto que durara dos horas", "el PIB crecerá un 2 %"), a limit ("una curva limitada a
80 km/h") or a request ("la fiscalía pedía ocho años").

Only values of the same modality are compared: a forecast against a result, or a speed
limit against a speed, is no conflict.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from app.nlp.data import load_language_data

ACTUAL = "actual"
# How far up from the value a cue may govern it: its clause and the one that embeds it.
MAX_STEPS = 6
AUX_DEPS = frozenset({"aux", "aux:pass", "cop"})
COORDINATION_DEPS = frozenset({"conj", "parataxis"})


class ModalityReader:
    def __init__(self, lang: str) -> None:
        data = load_language_data(lang, "scope")["modality"]
        self.cues = {
            "limit": frozenset(data["limit"]),
            "requested": frozenset(data["requested"]),
            "expected": frozenset(data["expected"]),
        }
        self.limit_heads = frozenset(data["limit_heads"])
        self.future_tenses = frozenset(data["future_tenses"])
        self.observed_moods = frozenset(data["observed_moods"])
        self.observed_tenses = frozenset(data["observed_tenses"])
        self.modals = frozenset(data["modal_lemmas"])
        self.modal_moods = frozenset(data["modal_moods"])
        mention = load_language_data(lang, "certainty")["mention"]
        self.due = frozenset(mention["due_auxiliaries"])
        self.inference_marks = frozenset(mention["inference_marks"])

    def _cue(self, token: Token) -> str | None:
        # "a un máximo de 80 km/h": the cue the figure hangs from, before it.
        before = [c for c in token.children if c.dep_ == "nmod" and c.i < token.i]
        words = {token.lemma_.lower(), token.lower_, *(c.lemma_.lower() for c in before)}
        # A limit head is a noun of its own ("un máximo de"), not a peak after its noun
        # ("rachas máximas de 110 km/h").
        if any(
            t.lemma_.lower() in self.limit_heads and any(c.dep_ == "det" for c in t.children)
            for t in (token, *before)
        ):
            return "limit"
        words |= {c.lemma_.lower() for c in token.children if c.dep_ in {"amod", *AUX_DEPS}}
        if any(c.dep_ == "cop" for c in token.children):
            # "el límite en ese punto es de 60 km/h": the subject of a copula says what it is.
            for subject in (c for c in token.children if c.dep_ in {"nsubj", "nsubj:pass"}):
                words.add(subject.lemma_.lower())
                words |= {c.lemma_.lower() for c in subject.children if c.dep_ == "amod"}
        for modality, cues in self.cues.items():
            if words & cues:
                return modality
        return None

    def _tense(self, token: Token) -> str | None:
        forms = [token, *(c for c in token.children if c.dep_ in AUX_DEPS)]
        for form in forms:
            if set(form.morph.get("Tense")) & self.future_tenses:
                return "expected"
            modal = form.lemma_.lower() in self.modals
            if modal and set(form.morph.get("Mood")) & self.modal_moods:
                return "expected"
            if form is not token and is_due(form, self.due, self.inference_marks):
                return "expected"
        return None

    def _observed(self, verb: Token) -> bool:
        """A past indicative ("subió", "ha subido") reports a fact, whatever clause holds it."""
        forms = [verb, *(c for c in verb.children if c.dep_ in AUX_DEPS)]
        return any(
            set(f.morph.get("Mood")) & self.observed_moods
            and set(f.morph.get("Tense")) & self.observed_tenses
            for f in forms
        )

    def read(self, head: Token, claim: Span) -> str:
        node = head
        for step in range(MAX_STEPS):
            cue = self._cue(node)
            if cue is not None:
                return cue
            if step > 0 and _completed(node):
                return ACTUAL  # "lo ocurrido el sábado debería…", "el pacto firmado en 2019"
            if node.pos_ in {"VERB", "AUX"} or step == 0:
                tense = self._tense(node)
                if tense is not None:
                    return tense
                if node.pos_ in {"VERB", "AUX"} and self._observed(node):
                    return ACTUAL
            if node.head.i == node.i or not claim.start <= node.head.i < claim.end:
                break
            # A coordinated or juxtaposed clause is a statement of its own: "la fiscalía
            # pedía ocho años y el juez lo condenó a seis" (the six years were imposed).
            if node.pos_ in {"VERB", "AUX"} and node.dep_ in COORDINATION_DEPS:
                break
            node = node.head
        return ACTUAL


def _completed(node: Token) -> bool:
    """A participle describing a noun, or made one ("lo ocurrido"): a thing done, whatever
    the clause around it says may or should happen."""
    participle = "Part" in node.morph.get("VerbForm") and "Pres" not in node.morph.get("Tense")
    return participle and (
        node.dep_ in {"amod", "acl"} or any(c.dep_ == "det" for c in node.children)
    )


@lru_cache(maxsize=4)
def modality_reader(lang: str) -> ModalityReader:
    return ModalityReader(lang)


def is_due(auxiliary: Token, due: frozenset[str], inference_marks: frozenset[str]) -> bool:
    """ "la reunión debía empezar a las 9.00": what was due, not what happened; not
    "debió de empezar", an inference."""
    after = auxiliary.nbor(1) if auxiliary.i + 1 < len(auxiliary.doc) else None
    inferred = after is not None and after.lower_ in inference_marks
    return auxiliary.lemma_.lower() in due and not inferred
