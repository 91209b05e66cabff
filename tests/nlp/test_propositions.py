"""Propositions (propositions.py): (predicate > argument) concept keys with the certainty
and party the claim gives each; topic markers and questions only mention them."""

from __future__ import annotations

import pytest
from spacy.language import Language

from app.nlp.propositions import MENTIONED, Proposition


def propositions(nlp: Language, sentence: str) -> dict[str, Proposition]:
    doc = nlp(sentence)
    (claim,) = doc.spans["claims"]
    return {p.key: p for p in claim._.propositions}


@pytest.mark.parametrize(
    "sentence",
    [
        "Los dos países negociaron un acuerdo de suministro de armas.",
        "Rusia envió armas a Corea.",
        "Los gobiernos han negado las acusaciones de transferencias de armas.",
    ],
)
def test_different_words_for_one_act_share_a_key(nlp, sentence: str) -> None:
    assert "transfer>weapons" in propositions(nlp, sentence)


def test_a_noun_and_its_complement_make_a_proposition(nlp) -> None:
    found = propositions(nlp, "Los dos países negociaron un acuerdo de suministro de armas.")
    assert {"agreement>transfer", "transfer>weapons"} <= set(found)
    assert {p.certainty for p in found.values()} == {"asserted"}


def test_a_noun_that_describes_another_in_passing_states_nothing(nlp) -> None:
    # The count of the dead "por la riada" asserts nothing about the flood; with "de" the
    # noun is the other's content, which is stated with it (the test above).
    found = propositions(nlp, "El recuento de heridos por la riada de barro sube a 40 en el valle.")
    assert found["flood>barro"].certainty == MENTIONED
    # What a denial denies is denied down to the thing it is of ("de": its content) …
    denied = propositions(nlp, "El director negó la entrada de armas de fuego en la cárcel.")
    assert denied["weapons>fire"].certainty == "denied"
    # … and under another case it is read as any proposition, not passed over.
    spill = propositions(nlp, "La empresa negó el vertido al río de residuos tóxicos.")
    assert spill["río>residuo"].certainty != MENTIONED


def test_a_denied_proposition_carries_the_denial_and_its_party(nlp) -> None:
    found = propositions(
        nlp, "Los gobiernos han negado las acusaciones de transferencias de armas."
    )
    proposition = found["transfer>weapons"]
    assert (proposition.certainty, proposition.party) == ("denied", "Los gobiernos")


def test_a_speculated_proposition_is_hedged_and_keeps_its_agent(nlp) -> None:
    found = propositions(nlp, "Los analistas especulan que Rusia vendería armas a Corea.")
    proposition = found["transfer>weapons"]
    assert (proposition.certainty, proposition.agent) == ("hedged", "rusia")
    assert proposition.party == "Los analistas"


@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        ("En cuanto a la venta de armas, el ministro no dio detalles.", "transfer>weapons"),
        ("Acerca de la compra de tanques, el portavoz guardó silencio.", "transfer>tanque"),
        ("Los ministros hablaron sobre la compra de aviones.", "transfer>aircraft"),
        ("Los periodistas preguntaron al ministro por la venta de armas.", "transfer>weapons"),
    ],
)
def test_a_topic_marker_or_a_question_only_mentions(nlp, sentence: str, key: str) -> None:
    assert propositions(nlp, sentence)[key].certainty == MENTIONED


@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        # Who did it is the point: the act is neither stated nor denied here.
        ("El club negó que fueran sus empleados quienes cerraron la verja.", "cerrar>verja"),
        ("La jueza investiga quién cerró la verja.", "cerrar>verja"),
        # A plan or an order names the act; it does not say it happened.
        ("La verja debía cerrarse a las nueve.", "cerrar>verja"),
        ("El alcalde dio la orden de cerrar la verja.", "cerrar>verja"),
    ],
)
def test_an_act_said_of_someone_or_due_is_only_mentioned(nlp, sentence: str, key: str) -> None:
    assert propositions(nlp, sentence)[key].certainty == MENTIONED


def test_the_act_itself_is_still_judged(nlp) -> None:
    assert propositions(nlp, "La verja se cerró a las nueve.")["cerrar>verja"].certainty == (
        "asserted"
    )


def test_the_rest_of_a_claim_with_a_mention_is_still_judged(nlp) -> None:
    found = propositions(nlp, "En cuanto a la venta de armas, el ministro no dio detalles.")
    others = {k: p.certainty for k, p in found.items() if k != "transfer>weapons"}
    assert others
    assert MENTIONED not in others.values()


@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        ("La presa sufrió daños graves tras el terremoto.", "damage>presa"),
        ("El puente sufrió grietas en dos pilares.", "damage>puente"),
    ],
)
def test_a_light_verbs_object_is_said_of_its_subject(nlp, sentence: str, key: str) -> None:
    assert propositions(nlp, sentence)[key].certainty == "asserted"


def test_a_verb_without_an_object_takes_its_subject(nlp) -> None:
    assert "collapse>presa" in propositions(nlp, "La presa colapsó tras el sismo.")


def test_figures_are_never_arguments(nlp) -> None:
    found = propositions(nlp, "Los bomberos rescataron a 12 vecinos del edificio.")
    assert not [k for k in found if "vecino" in k]


def test_offsets_cover_both_words(nlp) -> None:
    sentence = "La presa sufrió daños graves tras el terremoto."
    proposition = propositions(nlp, sentence)["damage>presa"]
    covered = sentence[proposition.start : proposition.end]
    assert covered.startswith(proposition.arg_word) or covered.startswith(proposition.head_word)
    assert proposition.head_word in covered and proposition.arg_word in covered


def test_one_agreement_with_a_named_partner_stated_and_denied(nlp) -> None:
    stated = propositions(nlp, "El sindicato pactó con Renfe una subida salarial.")
    denied = propositions(nlp, "No ha existido ningún acuerdo con Renfe.")
    assert stated["agreement>renfe"].certainty == "asserted"
    assert denied["agreement>renfe"].certainty == "denied"


def test_a_definite_noun_with_a_partner_is_taken_for_granted(nlp) -> None:
    found = propositions(nlp, "No está claro si aludía a la guerra de Ruritania con Osterlich.")
    assert not [key for key in found if key.endswith(">osterlich")]


def test_what_is_part_of_an_argument_is_an_argument(nlp) -> None:
    # "el sistema" left out by another outlet, the same failure is stated.
    found = propositions(nlp, "El informe apunta a una avería en el sistema de frenos.")
    assert found["failure>freno"].certainty == "asserted"


def test_a_clause_of_time_is_taken_as_given(nlp) -> None:
    found = propositions(nlp, "Según los bomberos, el fuego habría empezado al cerrarse la verja.")
    assert found["cerrar>verja"].certainty == "asserted"


def test_what_an_agreement_is_for_is_stated_with_it(nlp) -> None:
    found = propositions(nlp, "Firmaron un acuerdo para vender armas a Corea.")
    assert found["transfer>weapons"].certainty == "asserted"


@pytest.mark.parametrize(
    ("sentence", "certainty"),
    [
        ("El Puente de Hierro fue cerrado al tráfico por la crecida.", "asserted"),
        ("El ayuntamiento negó que el Puente de Hierro haya sido cerrado.", "denied"),
        ("El puente no fue cerrado.", "denied"),
    ],
)
def test_a_name_that_undergoes_a_passive_act_is_its_argument_by_its_head_word(
    nlp, sentence: str, certainty: str
) -> None:
    found = propositions(nlp, sentence)
    assert any(k.endswith(">puente") and p.certainty == certainty for k, p in found.items())


def test_a_name_doing_something_is_no_argument(nlp) -> None:
    found = propositions(nlp, "El Puente de Hierro une los dos barrios.")
    assert not [k for k in found if k.endswith(">puente")]


def causes(nlp: Language, sentence: str) -> dict[str, Proposition]:
    """What the claim says caused what: "fire>cortocircuito" for ``cause@fire>cortocircuito``."""
    found = propositions(nlp, sentence)
    return {k.removeprefix("cause@"): p for k, p in found.items() if k.startswith("cause@")}


@pytest.mark.parametrize(
    "sentence",
    [
        "Un cortocircuito provocó el incendio del almacén.",
        "El incendio del almacén fue causado por un cortocircuito.",
        "El incendio del almacén lo originó un cortocircuito.",
        "El incendio del almacén se debió a un cortocircuito.",
        "El incendio del almacén se debió al cortocircuito de un enchufe.",
        "El incendio del almacén fue consecuencia de un cortocircuito.",
        "La causa del incendio del almacén fue un cortocircuito.",
        "Un cortocircuito fue la causa del incendio del almacén.",
        "El incendio del almacén tuvo su origen en un cortocircuito.",
        "El incendio del almacén se declaró debido a un cortocircuito.",
    ],
)
def test_every_wording_of_a_cause_states_one_proposition(nlp, sentence: str) -> None:
    proposition = causes(nlp, sentence)["fire>cortocircuito"]
    assert (proposition.certainty, proposition.agent) == ("asserted", "")


@pytest.mark.parametrize(
    ("sentence", "certainty"),
    [
        ("Los técnicos descartan que un cortocircuito provocara el incendio.", "denied"),
        ("Los técnicos negaron que el incendio se debiera a un cortocircuito.", "denied"),
        ("Los técnicos negaron que la causa del incendio fuera un cortocircuito.", "denied"),
        ("Ningún cortocircuito provocó el incendio, según los técnicos.", "denied"),
        ("El incendio podría haberse debido a un cortocircuito.", "hedged"),
        ("El incendio podría deberse a un cortocircuito.", "hedged"),  # the clitic glued
    ],
)
def test_a_cause_ruled_out_or_doubted(nlp, sentence: str, certainty: str) -> None:
    assert causes(nlp, sentence)["fire>cortocircuito"].certainty == certainty


@pytest.mark.parametrize(
    "sentence",
    [
        "El club debe a Hacienda un pago.",  # a debt
        "Los agentes obedecieron a sus mandos.",  # obedience
        "El cortocircuito que provocó el incendio estaba en la cocina.",  # which caused which?
    ],
)
def test_no_cause_is_read_where_none_is_stated(nlp, sentence: str) -> None:
    assert causes(nlp, sentence) == {}


def test_the_effect_is_kept_so_causes_of_different_things_stay_apart(nlp) -> None:
    found = causes(nlp, "La abstención causó sorpresa entre los analistas.")
    assert set(found) == {"sorpresa>abstención"}
    assert set(causes(nlp, "Lo originó un rayo.")) == {">rayo"}  # the effect left out


def test_who_acts_on_something_is_its_agent_but_what_a_verb_says_of_is_not(nlp) -> None:
    opened = propositions(nlp, "Los guardias abrieron la verja del recinto.")
    assert opened["abrir>verja"].agent == "noun:guardia"
    # The bearer of a light verb, and the subject of a verb with no object, are what the
    # proposition is about.
    damaged = propositions(nlp, "Los técnicos negaron que el puente hubiera sufrido daños.")
    assert damaged["damage>puente"].agent == ""


def test_an_institution_named_by_a_common_noun_is_no_named_agent(nlp) -> None:
    # "el Gobierno" and "el Ejecutivo" may be one another; "Rusia" is a name.
    assert propositions(nlp, "El Gobierno congelará la reforma.")["congelar>reforma"].agent == (
        "noun:gobierno"
    )
    assert propositions(nlp, "Rusia envió armas a Corea.")["transfer>weapons"].agent == "rusia"


def test_what_a_denial_takes_as_given_is_not_denied(nlp) -> None:
    # The dam has gates, whoever opened them; and there was a fire.
    gates = propositions(
        nlp, "La eléctrica negó que sus operarios abrieran las compuertas de la presa."
    )
    assert gates["abrir>compuerta"].certainty == "denied"
    assert gates["compuerta>presa"].certainty == "asserted"
    fire = propositions(nlp, "Los peritos descartan que las velas causaran el incendio del local.")
    assert fire["fire>local"].certainty == "asserted"
    # Denying the noun itself, or an act that may not have happened, is a denial.
    store = propositions(
        nlp, "La empresa negó que su personal abriera la puerta del almacén del museo."
    )
    assert store["puerta>museo"].certainty == "asserted"  # the complement's complement too
    resigned = propositions(nlp, "El portavoz desmintió la dimisión del ministro de Hacienda.")
    assert resigned["resignation>ministro"].certainty == "denied"


def test_what_a_denied_verb_is_about_is_taken_as_given(nlp) -> None:
    # The flood happened; the warnings during it are what is denied.
    during = propositions(nlp, "El alcalde negó haber recibido avisos durante una crecida del río.")
    assert during["flood>río"].certainty == "asserted"
    # A purpose, a manner or a cause is what a denial may deny.
    plan = propositions(nlp, "El Gobierno negó tener planes para cerrar la central nuclear.")
    assert plan["cerrar>central"].certainty == "denied"
    cause = propositions(nlp, "El tren no descarriló por un fallo de la señal.")
    assert cause["accident>failure"].certainty == "denied"
    speed = propositions(nlp, "La empresa negó que el conductor circulara con exceso de velocidad.")
    assert speed["exceso>speed"].certainty == "denied"


@pytest.mark.parametrize(
    "sentence",
    [
        "Los peritos no han determinado si el fuego se debió a un cortocircuito.",
        "La Fiscalía investiga si la promotora ocultó las cuentas del concierto.",
    ],
)
def test_an_indirect_question_mentions_what_it_asks(nlp, sentence: str) -> None:
    found = propositions(nlp, sentence)
    asked = [p for k, p in found.items() if k.startswith(("cause@", "ocultar>"))]
    assert asked and {p.certainty for p in asked} == {"mentioned"}


def test_a_hypothesis_the_parser_makes_the_root_is_no_assertion(nlp) -> None:
    found = causes(nlp, "Si un cortocircuito provocó el incendio, la aseguradora tendrá que pagar.")
    assert found["fire>cortocircuito"].certainty == "hedged"


def test_denying_that_a_thing_exists_or_is_real_denies_it(nlp) -> None:
    real = propositions(nlp, "La operadora negó que el fallo de la señal fuera real.")
    assert real["failure>señal"].certainty == "denied"
    exists = propositions(nlp, "Los técnicos descartaron que la rotura del carril existiera.")
    assert exists["failure>carril"].certainty == "denied"


def test_a_bare_word_for_what_happened_is_the_effect_a_story_leaves_unnamed(nlp) -> None:
    # "el corte" alone may be the story's event; "el corte de la carretera" is not.
    ruled_out = causes(nlp, "El operador descartó que el corte fuera consecuencia de un rayo.")
    assert set(ruled_out) == {">rayo"}
    assert set(causes(nlp, "La tormenta provocó el corte de la carretera.")) == {"corte>tormenta"}


def test_a_verb_that_only_states_a_cause_states_nothing_else(nlp) -> None:
    keys = set(propositions(nlp, "El incendio podría deberse a un cortocircuito."))
    assert keys == {"cause@fire>cortocircuito"}
