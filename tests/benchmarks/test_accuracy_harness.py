"""Tests of the accuracy harness itself: its scoring on tiny hand-made predictions and the
shape of the gold file. No accuracy thresholds: the harness measures, it does not gate."""

from __future__ import annotations

import pytest

from benchmarks.accuracy import (
    CERTAINTIES,
    GOLD_PATH,
    VALUE_KINDS,
    GoldSentence,
    Prediction,
    ValueKey,
    check_gold,
    list_misses,
    load_gold,
    match_values,
    normalise_speaker,
    score,
    score_attribution,
    score_certainty,
    score_values,
)

HOURS_4 = ValueKey("duration", 14400.0, None, "s", "más de cuatro horas")
DEAD_12 = ValueKey("count", 12.0, 12.0, "muerto", "12 muertos")
MONDAY = ValueKey("weekday", 1.0, 1.0, "iso_weekday", "lunes")


def test_perfect_certainty_scores_one() -> None:
    labels = ["asserted", "hedged", "denied", "asserted"]
    result = score_certainty(labels, labels)
    assert result.accuracy == 1.0
    assert all(c.precision == c.recall == c.f1 == 1.0 for c in result.per_class.values())


def test_certainty_confusion_matrix_counts() -> None:
    gold = ["asserted", "asserted", "hedged", "denied", "denied"]
    pred = ["asserted", "hedged", "hedged", "asserted", "denied"]
    result = score_certainty(gold, pred)
    assert result.confusion["asserted"] == {"asserted": 1, "hedged": 1, "denied": 0}
    assert result.confusion["denied"] == {"asserted": 1, "hedged": 0, "denied": 1}
    assert result.accuracy == pytest.approx(3 / 5)
    # hedged: predicted twice, right once; every gold hedged found.
    assert result.per_class["hedged"].precision == pytest.approx(0.5)
    assert result.per_class["hedged"].recall == 1.0
    assert result.per_class["denied"].recall == pytest.approx(0.5)
    assert result.per_class["denied"].support == 2


def test_speaker_normalisation_ignores_case_article_and_quotes() -> None:
    assert normalise_speaker("Los analistas") == normalise_speaker("analistas")
    assert normalise_speaker("«El Kremlin»,") == "kremlin"
    assert normalise_speaker(None) is None


def test_attribution_scores() -> None:
    gold = ["El ministro", None, "los analistas", None]
    pred = ["el ministro", None, None, "la policía"]
    result = score_attribution(gold, pred)
    assert result.accuracy == pytest.approx(2 / 4)
    assert result.speaker_recall == pytest.approx(1 / 2)
    assert result.exact_on_speakers == pytest.approx(1 / 2)
    # Two "no speaker" answers, one of them right; two sentences without one, one found.
    assert result.none_precision == pytest.approx(1 / 2)
    assert result.none_recall == pytest.approx(1 / 2)


def test_lenient_attribution_accepts_a_shorter_phrase() -> None:
    result = score_attribution(["el portavoz del Kremlin, Dmitri Peskov"], ["Dmitri Peskov"])
    assert result.exact_on_speakers == 0.0
    assert result.lenient_on_speakers == 1.0


def test_perfect_values_score_one() -> None:
    result = score_values([[HOURS_4, DEAD_12], [MONDAY]], [[HOURS_4, DEAD_12], [MONDAY]])
    assert (result.precision, result.recall, result.f1) == (1.0, 1.0, 1.0)
    assert result.per_kind["count"].recall == 1.0


def test_a_missed_value_lowers_recall_only() -> None:
    result = score_values([[HOURS_4, DEAD_12]], [[HOURS_4]])
    assert result.recall == pytest.approx(0.5)
    assert result.precision == 1.0
    assert result.per_kind["count"].recall == 0.0
    assert result.per_kind["duration"].recall == 1.0


def test_a_spurious_value_lowers_precision_only() -> None:
    result = score_values([[HOURS_4]], [[HOURS_4, MONDAY]])
    assert result.precision == pytest.approx(0.5)
    assert result.recall == 1.0


def test_value_matching_tolerates_float_noise_but_not_open_ends() -> None:
    noisy = ValueKey("duration", 14400.000001, None, "s")
    closed = ValueKey("duration", 14400.0, 14400.0, "s")
    matched, missed, spurious = match_values([HOURS_4], [noisy])
    assert len(matched) == 1 and not missed and not spurious
    matched, missed, spurious = match_values([HOURS_4], [closed])
    assert not matched and missed == [HOURS_4] and spurious == [closed]


def test_a_wrong_unit_is_a_miss_but_counts_for_interval_recall() -> None:
    wrong_noun = ValueKey("count", 12.0, 12.0, "herido")
    result = score_values([[DEAD_12]], [[wrong_noun]])
    assert result.recall == 0.0
    assert result.interval_recall == 1.0


def test_each_prediction_matches_one_gold_value() -> None:
    matched, missed, _ = match_values([DEAD_12, DEAD_12], [DEAD_12])
    assert len(matched) == 1 and len(missed) == 1


def test_report_lists_misses_by_area() -> None:
    gold = [GoldSentence("x-01", "test", "texto", "hedged", "el ministro", (DEAD_12,))]
    pred = [Prediction("asserted", None, None, (MONDAY,), kept_as_claim=True)]
    report = score(gold, pred)
    areas = sorted(m.area for m in list_misses(gold, pred))
    assert areas == ["attribution", "certainty", "value-missed", "value-spurious"]
    assert report.per_domain["test"]["certainty_accuracy"] == 0.0
    assert report.claims_kept == 1.0


def test_gold_file_parses_and_is_well_formed() -> None:
    gold = load_gold(GOLD_PATH)
    assert len(gold) >= 150
    assert len({g.id for g in gold}) == len(gold)
    assert len({g.text for g in gold}) == len(gold)
    assert {g.certainty for g in gold} == set(CERTAINTIES)
    problems = {g.id: check_gold(g) for g in gold}
    assert {k: v for k, v in problems.items() if v} == {}
    kinds = {v.kind for g in gold for v in g.values}
    assert kinds <= VALUE_KINDS


def test_check_gold_flags_bad_entries() -> None:
    bad = GoldSentence(
        "x-02",
        "test",
        "unos 20 minutos",
        "maybe",
        None,
        (
            ValueKey("distance", 1.0, 2.0, "km", "unos 20 minutos"),
            ValueKey("duration", 1320.0, 1080.0, "s", "unos 20 minutos"),
        ),
    )
    problems = check_gold(bad)
    assert any("certainty" in p for p in problems)
    assert any("kind" in p for p in problems)
    assert any("low > high" in p for p in problems)
