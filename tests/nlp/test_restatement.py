"""A bare repetition of a figure (a headline, a lead) takes the source and the provisional
mark its fuller mention in the same article gives (app/nlp/discourse.py, restate)."""

from __future__ import annotations

from spacy.language import Language


def _contexts(nlp: Language, text: str, kind: str) -> list:
    doc = nlp(text)
    return [span._.context for span in doc.spans["values"] if span._.value.kind == kind]


def test_a_headline_figure_takes_the_body_source_and_provisional_mark(nlp: Language) -> None:
    text = (
        "Un terremoto de magnitud 6,1 sacude la costa norte\n\n"
        "El observatorio nacional calculó una magnitud preliminar de 6,1 para el sismo."
    )
    headline, body = _contexts(nlp, text, "magnitude")
    assert body.party == "El observatorio nacional"
    assert "provisional" in body.scope
    assert headline.party == body.party
    assert "provisional" in headline.scope


def test_a_figure_two_sources_give_is_not_pinned_on_either(nlp: Language) -> None:
    text = (
        "Una tormenta deja 12 heridos en la capital\n\n"
        "Los bomberos atendieron a 12 heridos, según el ayuntamiento. La policía también "
        "informó de 12 heridos."
    )
    contexts = _contexts(nlp, text, "count")
    assert len(contexts) == 3
    assert len({c.party for c in contexts[1:]} - {None}) == 2
    assert contexts[0].party is None


def test_different_figures_stay_apart(nlp: Language) -> None:
    text = (
        "Un terremoto de magnitud 6,4 sacude la costa norte\n\n"
        "El observatorio nacional calculó una magnitud preliminar de 6,1."
    )
    headline, _ = _contexts(nlp, text, "magnitude")
    assert headline.party is None
    assert "provisional" not in headline.scope
