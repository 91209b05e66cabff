"""Measured accuracy of the Spanish claim analysis against a hand-annotated gold set.

Run ``python -m benchmarks.accuracy`` (``--json`` for a JSON object, ``--misses`` to list
every disagreement). Each gold sentence is one claim: certainty, attribution and values
are scored against what a careful human analyst wrote down, not against the engine's
own earlier output. The harness measures; it never fails a build, so it always exits 0.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

GOLD_PATH = Path(__file__).parent / "gold" / "es_sentences.jsonl"
CERTAINTIES = ("asserted", "hedged", "denied")
# Every stored kind; relative days ("ayer") are not values until resolved against a date.
VALUE_KINDS = frozenset(
    {
        "duration", "count", "date", "day", "weekday", "month", "year", "ordinal", "percent",
        "percentage_points", "time", "length", "speed", "area", "mass", "temperature",
        "precipitation", "money", "magnitude",
    }
)  # fmt: skip
# Figures are compared with a small relative tolerance: "casi" and "unos" widen by 10 %,
# and float arithmetic on seconds (3.2e6 years) must not count as a miss.
REL_TOL = 1e-3
ABS_TOL = 1e-6
# Leading determiners dropped before comparing speakers: "los analistas" == "Analistas".
LEADING_ARTICLES = frozenset({"el", "la", "los", "las", "lo", "un", "una", "unos", "unas"})


@dataclass(frozen=True, slots=True)
class ValueKey:
    """What a value means, stripped of where it was found."""

    kind: str
    low: float | None
    high: float | None
    unit: str
    text: str = field(default="", compare=False)

    def show(self) -> str:
        def fmt(x: float | None) -> str:
            return "·" if x is None else f"{x:g}"

        return f"{self.kind}[{fmt(self.low)}, {fmt(self.high)}] {self.unit} «{self.text}»"


@dataclass(frozen=True, slots=True)
class GoldSentence:
    id: str
    domain: str
    text: str
    certainty: str
    attributed_to: str | None
    values: tuple[ValueKey, ...]
    style: str = "short"  # "long": newswire-length sentences with asides and several figures


@dataclass(frozen=True, slots=True)
class Prediction:
    certainty: str
    certainty_cue: str | None
    attributed_to: str | None
    values: tuple[ValueKey, ...]
    kept_as_claim: bool  # the claims component kept the whole sentence as one claim


@dataclass(slots=True)
class ClassScore:
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(slots=True)
class CertaintyScore:
    accuracy: float
    per_class: dict[str, ClassScore]
    confusion: dict[str, dict[str, int]]  # gold label -> predicted label -> count
    total: int


@dataclass(slots=True)
class AttributionScore:
    accuracy: float  # exact (normalised) match over all sentences, None == None included
    exact_on_speakers: float  # exact match among sentences that have a speaker
    lenient_on_speakers: float  # one normalised text contains the other
    speaker_recall: float  # a speaker is found when one exists
    none_precision: float  # of the "no speaker" answers, how many are right
    none_recall: float  # of the sentences without a speaker, how many get none
    total: int
    with_speaker: int


@dataclass(slots=True)
class KindScore:
    precision: float
    recall: float
    gold: int
    predicted: int
    matched: int


@dataclass(slots=True)
class ValueScore:
    precision: float
    recall: float
    f1: float
    gold: int
    predicted: int
    matched: int
    per_kind: dict[str, KindScore]
    # Same kind and interval, unit ignored: separates "wrong figure" from "wrong noun".
    interval_recall: float


@dataclass(slots=True)
class Miss:
    id: str
    area: str  # certainty | attribution | value-missed | value-spurious
    text: str
    expected: str
    got: str


@dataclass(slots=True)
class Report:
    sentences: int
    claims_kept: float
    certainty: CertaintyScore
    attribution: AttributionScore
    values: ValueScore
    per_domain: dict[str, dict[str, float | int]]
    per_style: dict[str, dict[str, float | int]]
    misses: list[Miss]


# -- gold --------------------------------------------------------------------------------


def parse_value(raw: dict[str, Any]) -> ValueKey:
    def num(x: Any) -> float | None:
        return None if x is None else float(x)

    return ValueKey(raw["kind"], num(raw["low"]), num(raw["high"]), raw["unit"], raw["text"])


def load_gold(path: Path = GOLD_PATH) -> list[GoldSentence]:
    sentences: list[GoldSentence] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        sentences.append(
            GoldSentence(
                id=raw["id"],
                domain=raw["domain"],
                text=raw["text"],
                certainty=raw["certainty"],
                attributed_to=raw["attributed_to"],
                values=tuple(parse_value(v) for v in raw["values"]),
                style=raw.get("style", "short"),
            )
        )
    return sentences


def check_gold(sentence: GoldSentence) -> list[str]:
    """Problems with one gold entry; an empty list means it is well-formed."""
    problems: list[str] = []
    if sentence.certainty not in CERTAINTIES:
        problems.append(f"certainty {sentence.certainty!r}")
    if sentence.attributed_to is not None and sentence.attributed_to not in sentence.text:
        problems.append(f"speaker {sentence.attributed_to!r} not in the text")
    for value in sentence.values:
        if value.kind not in VALUE_KINDS:
            problems.append(f"kind {value.kind!r}")
        if value.low is None and value.high is None:
            problems.append(f"value {value.text!r} open at both ends")
        if value.low is not None and value.high is not None and value.low > value.high:
            problems.append(f"value {value.text!r} has low > high")
        if value.text not in sentence.text:
            problems.append(f"value text {value.text!r} not in the sentence")
        if value.kind == "duration" and value.unit != "s":
            problems.append(f"duration {value.text!r} not in seconds")
        if value.kind == "weekday" and not all(
            x is None or 1 <= x <= 7 for x in (value.low, value.high)
        ):
            problems.append(f"weekday {value.text!r} outside 1-7")
    return problems


# -- scoring -----------------------------------------------------------------------------


def _ratio(part: int, whole: int) -> float:
    # An empty denominator means nothing could go wrong.
    return part / whole if whole else 1.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score_certainty(gold: Sequence[str], predicted: Sequence[str]) -> CertaintyScore:
    confusion = {g: dict.fromkeys(CERTAINTIES, 0) for g in CERTAINTIES}
    for g, p in zip(gold, predicted, strict=True):
        confusion.setdefault(g, dict.fromkeys(CERTAINTIES, 0))
        confusion[g][p] = confusion[g].get(p, 0) + 1
    per_class: dict[str, ClassScore] = {}
    for label in CERTAINTIES:
        tp = confusion[label][label]
        support = sum(confusion[label].values())
        predicted_as = sum(row.get(label, 0) for row in confusion.values())
        precision, recall = _ratio(tp, predicted_as), _ratio(tp, support)
        per_class[label] = ClassScore(precision, recall, _f1(precision, recall), support)
    correct = sum(confusion[label][label] for label in CERTAINTIES)
    return CertaintyScore(_ratio(correct, len(gold)), per_class, confusion, len(gold))


def normalise_speaker(text: str | None) -> str | None:
    """Lower case, no quotes or edge punctuation, no leading article, single spaces."""
    if text is None:
        return None
    text = unicodedata.normalize("NFC", text).casefold()
    words = re.sub(r"[«»\"“”'‘’]", " ", text).split()
    words = [w.strip(".,;:") for w in words]
    words = [w for w in words if w]
    if words and words[0] in LEADING_ARTICLES:
        words = words[1:]
    return " ".join(words) or None


def speakers_match(gold: str | None, predicted: str | None, lenient: bool = False) -> bool:
    g, p = normalise_speaker(gold), normalise_speaker(predicted)
    if g is None or p is None:
        return g is p
    return g == p or (lenient and (g in p or p in g))


def score_attribution(
    gold: Sequence[str | None], predicted: Sequence[str | None]
) -> AttributionScore:
    pairs = list(zip(gold, predicted, strict=True))
    with_speaker = [(g, p) for g, p in pairs if g is not None]
    without = [(g, p) for g, p in pairs if g is None]
    none_answers = [(g, p) for g, p in pairs if p is None]
    return AttributionScore(
        accuracy=_ratio(sum(speakers_match(g, p) for g, p in pairs), len(pairs)),
        exact_on_speakers=_ratio(
            sum(speakers_match(g, p) for g, p in with_speaker), len(with_speaker)
        ),
        lenient_on_speakers=_ratio(
            sum(speakers_match(g, p, lenient=True) for g, p in with_speaker), len(with_speaker)
        ),
        speaker_recall=_ratio(sum(p is not None for _, p in with_speaker), len(with_speaker)),
        none_precision=_ratio(sum(g is None for g, _ in none_answers), len(none_answers)),
        none_recall=_ratio(sum(p is None for _, p in without), len(without)),
        total=len(pairs),
        with_speaker=len(with_speaker),
    )


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=ABS_TOL)


def values_equal(gold: ValueKey, predicted: ValueKey, check_unit: bool = True) -> bool:
    same_unit = not check_unit or gold.unit.casefold() == predicted.unit.casefold()
    return (
        gold.kind == predicted.kind
        and same_unit
        and _close(gold.low, predicted.low)
        and _close(gold.high, predicted.high)
    )


def match_values(
    gold: Sequence[ValueKey], predicted: Sequence[ValueKey], check_unit: bool = True
) -> tuple[list[tuple[ValueKey, ValueKey]], list[ValueKey], list[ValueKey]]:
    """(matched pairs, missed gold values, spurious predictions); each value used once."""
    unused = list(predicted)
    matched: list[tuple[ValueKey, ValueKey]] = []
    missed: list[ValueKey] = []
    for g in gold:
        hit = next((p for p in unused if values_equal(g, p, check_unit)), None)
        if hit is None:
            missed.append(g)
        else:
            unused.remove(hit)
            matched.append((g, hit))
    return matched, missed, unused


def score_values(
    gold: Sequence[Sequence[ValueKey]], predicted: Sequence[Sequence[ValueKey]]
) -> ValueScore:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    total = Counter[str]()
    interval_hits = 0
    for g_values, p_values in zip(gold, predicted, strict=True):
        matched, _, _ = match_values(g_values, p_values)
        interval_hits += len(match_values(g_values, p_values, check_unit=False)[0])
        for v in g_values:
            counts[v.kind]["gold"] += 1
        for v in p_values:
            counts[v.kind]["predicted"] += 1
        for g, _ in matched:
            counts[g.kind]["matched"] += 1
        total.update(gold=len(g_values), predicted=len(p_values), matched=len(matched))
    per_kind = {
        kind: KindScore(
            precision=_ratio(c["matched"], c["predicted"]),
            recall=_ratio(c["matched"], c["gold"]),
            gold=c["gold"],
            predicted=c["predicted"],
            matched=c["matched"],
        )
        for kind, c in sorted(counts.items())
    }
    precision = _ratio(total["matched"], total["predicted"])
    recall = _ratio(total["matched"], total["gold"])
    return ValueScore(
        precision=precision,
        recall=recall,
        f1=_f1(precision, recall),
        gold=total["gold"],
        predicted=total["predicted"],
        matched=total["matched"],
        per_kind=per_kind,
        interval_recall=_ratio(interval_hits, total["gold"]),
    )


def list_misses(gold: Sequence[GoldSentence], predicted: Sequence[Prediction]) -> list[Miss]:
    misses: list[Miss] = []
    for g, p in zip(gold, predicted, strict=True):
        if g.certainty != p.certainty:
            got = p.certainty + (f" (cue «{p.certainty_cue}»)" if p.certainty_cue else "")
            misses.append(Miss(g.id, "certainty", g.text, g.certainty, got))
        if not speakers_match(g.attributed_to, p.attributed_to):
            misses.append(
                Miss(g.id, "attribution", g.text, str(g.attributed_to), str(p.attributed_to))
            )
        _, missed, spurious = match_values(g.values, p.values)
        for v in missed:
            near = [x.show() for x in p.values if x.kind == v.kind] or ["nothing"]
            misses.append(Miss(g.id, "value-missed", g.text, v.show(), "; ".join(near)))
        for v in spurious:
            misses.append(Miss(g.id, "value-spurious", g.text, "nothing", v.show()))
    return misses


def score_groups(
    gold: Sequence[GoldSentence],
    predicted: Sequence[Prediction],
    key: Callable[[GoldSentence], str],
) -> dict[str, dict[str, float | int]]:
    """The headline figures within each group of sentences (domain, style...)."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(gold):
        groups[key(g)].append(i)
    result: dict[str, dict[str, float | int]] = {}
    for name, idx in sorted(groups.items()):
        values = score_values([gold[i].values for i in idx], [predicted[i].values for i in idx])
        result[name] = {
            "sentences": len(idx),
            "certainty_accuracy": _ratio(
                sum(gold[i].certainty == predicted[i].certainty for i in idx), len(idx)
            ),
            "attribution_accuracy": _ratio(
                sum(speakers_match(gold[i].attributed_to, predicted[i].attributed_to) for i in idx),
                len(idx),
            ),
            "values_precision": values.precision,
            "values_recall": values.recall,
            "values_f1": values.f1,
        }
    return result


def score(gold: Sequence[GoldSentence], predicted: Sequence[Prediction]) -> Report:
    return Report(
        sentences=len(gold),
        claims_kept=_ratio(sum(p.kept_as_claim for p in predicted), len(predicted)),
        certainty=score_certainty([g.certainty for g in gold], [p.certainty for p in predicted]),
        attribution=score_attribution(
            [g.attributed_to for g in gold], [p.attributed_to for p in predicted]
        ),
        values=score_values([g.values for g in gold], [p.values for p in predicted]),
        per_domain=score_groups(gold, predicted, lambda g: g.domain),
        per_style=score_groups(gold, predicted, lambda g: g.style),
        misses=list_misses(gold, predicted),
    )


# -- running the engine ------------------------------------------------------------------


def predict(texts: Iterable[str]) -> list[Prediction]:
    """Run the real pipeline; each text is scored as one whole-sentence claim."""
    # Imported here so the scoring functions can be tested without loading spaCy.
    from app.nlp.attribution import find_attribution
    from app.nlp.certainty import classify_certainty
    from app.nlp.pipeline import load_nlp

    nlp = load_nlp()
    predictions: list[Prediction] = []
    for doc in nlp.pipe(texts, batch_size=64):
        sentence = doc[:]
        kept = any(
            c.start == sentence.start and c.end == sentence.end for c in doc.spans.get("claims", [])
        )
        if not kept:
            # The claims component dropped or split it; the gold says it is one claim.
            doc.spans["claims"] = [sentence]
        certainty = classify_certainty(sentence)
        values = tuple(
            ValueKey(v.kind, v.low, v.high, v.unit, v.text)
            for v in (span._.value for span in doc.spans.get("values", []))
            if v is not None
        )
        predictions.append(
            Prediction(certainty.label, certainty.cue, find_attribution(sentence), values, kept)
        )
    return predictions


# -- output ------------------------------------------------------------------------------


def to_json(report: Report, with_misses: bool) -> dict[str, Any]:
    data = asdict(report)
    if not with_misses:
        data.pop("misses")
    return data


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _group_table(title: str, groups: dict[str, dict[str, float | int]]) -> Any:
    from rich.table import Table

    table = Table(title=title)
    for col in ("Group", "Sentences", "Certainty", "Attribution", "Values P", "Values R", "F1"):
        table.add_column(col, justify="right")
    for name, d in groups.items():
        table.add_row(
            name,
            str(d["sentences"]),
            _pct(d["certainty_accuracy"]),
            _pct(d["attribution_accuracy"]),
            _pct(d["values_precision"]),
            _pct(d["values_recall"]),
            _pct(d["values_f1"]),
        )
    return table


def print_report(report: Report, with_misses: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    c, a, v = report.certainty, report.attribution, report.values

    summary = Table(title=f"Cotejo accuracy on {report.sentences} gold sentences (es)")
    summary.add_column("Measure")
    summary.add_column("Score", justify="right")
    rows = [
        ("Claims kept whole by the claims component", _pct(report.claims_kept)),
        ("Certainty accuracy", _pct(c.accuracy)),
        ("Attribution accuracy (exact, all sentences)", _pct(a.accuracy)),
        (f"Attribution exact, {a.with_speaker} with a speaker", _pct(a.exact_on_speakers)),
        ("Attribution lenient (containment), with a speaker", _pct(a.lenient_on_speakers)),
        ("Speaker found when one exists (recall)", _pct(a.speaker_recall)),
        ("None when none (precision of 'no speaker')", _pct(a.none_precision)),
        ("None when none (recall of 'no speaker')", _pct(a.none_recall)),
        (f"Values precision ({v.matched}/{v.predicted})", _pct(v.precision)),
        (f"Values recall ({v.matched}/{v.gold})", _pct(v.recall)),
        ("Values F1", _pct(v.f1)),
        ("Values recall ignoring unit", _pct(v.interval_recall)),
    ]
    for name, value in rows:
        summary.add_row(name, value)
    console.print(summary)

    classes = Table(title="Certainty per class")
    for col in ("Gold \\ predicted", *CERTAINTIES, "Precision", "Recall", "F1", "Support"):
        classes.add_column(col, justify="right")
    for label in CERTAINTIES:
        s = c.per_class[label]
        counts = [str(c.confusion[label].get(p, 0)) for p in CERTAINTIES]
        classes.add_row(
            label, *counts, _pct(s.precision), _pct(s.recall), _pct(s.f1), str(s.support)
        )
    console.print(classes)

    kinds = Table(title="Values per kind")
    for col in ("Kind", "Gold", "Predicted", "Matched", "Precision", "Recall"):
        kinds.add_column(col, justify="right")
    for kind, k in v.per_kind.items():
        kinds.add_row(
            kind, str(k.gold), str(k.predicted), str(k.matched), _pct(k.precision), _pct(k.recall)
        )
    console.print(kinds)

    for title, groups in (("Per domain", report.per_domain), ("Per style", report.per_style)):
        console.print(_group_table(title, groups))

    if with_misses:
        misses = Table(title=f"Misses ({len(report.misses)})", show_lines=True)
        for col in ("Id", "Area", "Sentence", "Expected", "Got"):
            misses.add_column(col)
        for m in report.misses:
            misses.add_row(m.id, m.area, m.text, m.expected, m.got)
        console.print(misses)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD_PATH, help="gold JSONL file")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--misses", action="store_true", help="list every disagreement")
    args = parser.parse_args(argv)
    gold = load_gold(args.gold)
    report = score(gold, predict(g.text for g in gold))
    if args.json:
        json.dump(to_json(report, args.misses), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print_report(report, args.misses)
    return 0  # it measures; it does not gate


if __name__ == "__main__":
    sys.exit(main())
