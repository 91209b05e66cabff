"""A seeded generator of realistic multi-outlet, multi-event corpora for the scale benchmark.

Templates are the hand-written corpora: ``seeds/`` (one event) and every
``benchmarks/corpora/dev/<event>/`` (one event each, eighteen events). Article ``i`` of a
corpus is drawn from ``(seed, i)`` alone, so a corpus of 1 000 is the first 1 000 articles
of the corpus of 10 000 and the "next 10 articles" of a corpus are new coverage of the
same events by the same outlets.

Each generated article is one template article of one event, published by one outlet of a
fixed pool (``outlets``; each event is covered by a seeded subset of it, as real events
are), with:

- figures: each integer of an event has the template's value and one or two alternatives
  fixed per event; an article keeps the template's with probability ``KEEP_FIGURE``, so
  most outlets agree and some conflict, as in real coverage (not every pair on every figure);
  number words likewise; years are kept;
- dates and weekdays: a day of the month moved by one, or the weekday named as the next
  or previous one, in a few articles;
- hedges and certainty: "al menos", "más de", "unos", "cerca de" swapped for one another,
  and a few sentences with a figure hedged ("Al parecer, ...");
- the outlet: the template outlet's name in the text becomes the generated outlet's;
- sentence order: the headline and lead stay first, the other paragraphs (or lines) are
  partly reordered;
- publication time: the template's moved by -6 h to +48 h (none when the template has none).

The pool's size is fixed whatever the corpus size, so a bigger corpus is more coverage of
the same events by the same outlets, and what a comparison can find is bounded (the
outlets' pairs times the figures' alternatives, per slot). The bound is far off at these
sizes, though: with seed 1 and 48 outlets the engine finds 2 511, 52 285 and 172 322
findings in 100, 500 and 1 000 articles. Output goes under build/ (gitignored), never
into the repository.
"""

from __future__ import annotations

import hashlib
import random
import re
import shutil
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

from app.config import ROOT

SEEDS = ROOT / "seeds"
DEV_CORPORA = ROOT / "benchmarks" / "corpora" / "dev"
DEFAULT_OUTLETS = 48
KEEP_FIGURE = 0.75
MOVE_DATE = 0.1
MOVE_WEEKDAY = 0.1
SWAP_BOUND = 0.15
HEDGE_SENTENCE = 0.08

OUTLET_WORDS = ("Diario", "Crónica", "Gaceta", "Heraldo", "Correo", "Voz", "Eco", "Noticiero")
PLACES = ("del Norte", "del Sur", "de la Costa", "Central", "del Valle", "Austral", "Insular")
NUMBER_WORDS = ("dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez")
WEEKDAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
BOUNDS = ("al menos", "más de", "unos", "cerca de")
HEDGES = ("Al parecer,", "Según algunas versiones,", "Presuntamente,")
# Sentence openers that are not names, lowercased after a hedge ("Al parecer, el ...").
COMMON_OPENERS = frozenset(
    ("el", "la", "los", "las", "un", "una", "unos", "unas", "al", "en", "de", "del", "según")
)

# An integer standing alone: not part of "14.33", "1,8" or "1.293".
_INTEGER = re.compile(r"(?<![\d.,:])\d{1,6}(?![\d]|[.,:]\d)")
_NUMBER_WORD = re.compile(rf"\b({'|'.join(NUMBER_WORDS)})\b")
_DAY_OF_MONTH = re.compile(
    r"\b([1-9]|[12]\d|3[01])( de (?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|"
    r"septiembre|octubre|noviembre|diciembre)| (?:ene|feb|mar|abr|may|jun|jul|ago|sep|oct|"
    r"nov|dic)\b)"
)
_WEEKDAY = re.compile(rf"\b({'|'.join(WEEKDAYS)})\b")
_BOUND = re.compile(rf"\b({'|'.join(BOUNDS)})\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?»”\"])\s+(?=[«“\"¿¡A-ZÁÉÍÓÚÑ])")


@dataclass(frozen=True, slots=True)
class Template:
    text: str
    outlet: str  # the template's outlet name, replaced in the text
    published: datetime | None


@dataclass(frozen=True, slots=True)
class Event:
    name: str
    templates: tuple[Template, ...]


@dataclass(frozen=True, slots=True)
class GeneratedArticle:
    index: int
    event: str
    outlet: str
    text: str
    published: datetime | None

    @property
    def file(self) -> str:
        return f"article_{self.index:05d}.txt"


def _templates(folder: Path) -> tuple[Template, ...]:
    manifest = tomllib.loads((folder / "sources.toml").read_text(encoding="utf-8"))
    entries = {entry["file"]: entry for entry in manifest.get("source", [])}
    templates = []
    for path in sorted(folder.glob("*.txt")):  # .html templates would need boilerplate removal
        entry = entries.get(path.name, {})
        templates.append(
            Template(
                path.read_text(encoding="utf-8"), entry.get("name", ""), entry.get("published")
            )
        )
    return tuple(templates)


@cache
def load_events() -> tuple[Event, ...]:
    """The seeds' event and the development corpora's, in a fixed order."""
    folders = [SEEDS, *sorted(p for p in DEV_CORPORA.iterdir() if p.is_dir())]
    return tuple(
        Event("seeds" if folder == SEEDS else folder.name, _templates(folder)) for folder in folders
    )


def outlet_names(count: int) -> list[str]:
    names = [f"{word} {place}" for word in OUTLET_WORDS for place in PLACES]
    random.Random("outlets").shuffle(names)
    names += [f"Noticias {n:03d}" for n in range(len(names) + 1, count + 1)]
    return names[:count]


@dataclass(frozen=True, slots=True)
class _EventPlan:
    """What is fixed per event: its outlets and the alternatives of each of its figures."""

    outlets: tuple[str, ...]
    figures: dict[str, tuple[str, ...]]
    words: dict[str, tuple[str, ...]]


def _alternatives(number: int, rng: random.Random) -> tuple[str, ...]:
    if 1900 <= number <= 2100:  # a year: kept
        return (str(number),)
    others = set()
    for _ in range(rng.randint(1, 2)):
        change = max(1, round(number * rng.uniform(0.05, 0.3)))
        others.add(max(0, number + rng.choice((-change, change))))
    others.discard(number)
    return (str(number), *sorted(map(str, others)))


def _plan(event: Event, pool: list[str], seed: int) -> _EventPlan:
    rng = random.Random(f"{seed}:event:{event.name}")
    size = min(len(pool), max(3, rng.randint(len(pool) // 4, len(pool) // 2)))
    outlets = tuple(rng.sample(pool, size))
    numbers = sorted({int(m.group()) for t in event.templates for m in _INTEGER.finditer(t.text)})
    figures = {str(n): _alternatives(n, rng) for n in numbers}
    words = {w: (w, rng.choice([o for o in NUMBER_WORDS if o != w])) for w in NUMBER_WORDS}
    return _EventPlan(outlets, figures, words)


def _reorder(text: str, rng: random.Random) -> str:
    """Keep the headline and lead first; swap a few of the other paragraphs (or lines)."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n" if "\n\n" in text else r"\n", text)]
    blocks = [b for b in blocks if b]
    head, rest = blocks[:2], blocks[2:]
    for _ in range(len(rest) // 3):
        i, j = rng.randrange(len(rest)), rng.randrange(len(rest))
        rest[i], rest[j] = rest[j], rest[i]
    return ("\n\n" if "\n\n" in text else "\n").join(head + rest) + "\n"


def _hedge(sentence: str, rng: random.Random) -> str:
    if not re.search(r"\d", sentence) or rng.random() >= HEDGE_SENTENCE:
        return sentence
    first, _, rest = sentence.partition(" ")
    if first.lower() in COMMON_OPENERS:
        first = first.lower()
    return f"{rng.choice(HEDGES)} {first} {rest}".rstrip()


def _same_case(word: str, like: str) -> str:
    return word[0].upper() + word[1:] if like[0].isupper() else word


def perturb(template: Template, outlet: str, plan: _EventPlan, rng: random.Random) -> str:
    text = _reorder(template.text, rng)
    if template.outlet:
        text = text.replace(template.outlet, outlet)
    figures = {
        figure: alternatives[0] if rng.random() < KEEP_FIGURE else rng.choice(alternatives[1:])
        for figure, alternatives in plan.figures.items()
        if len(alternatives) > 1
    }
    words = {
        w: alts[0] if rng.random() < KEEP_FIGURE else alts[1] for w, alts in plan.words.items()
    }
    day_shift = rng.choice((-1, 1)) if rng.random() < MOVE_DATE else 0
    weekday_shift = rng.choice((-1, 1)) if rng.random() < MOVE_WEEKDAY else 0

    def day(match: re.Match[str]) -> str:
        return f"{min(28, max(1, int(match.group(1)) + day_shift))}{match.group(2)}"

    text = _DAY_OF_MONTH.sub(day, text) if day_shift else text
    text = _INTEGER.sub(lambda m: figures.get(m.group(), m.group()), text)
    text = _NUMBER_WORD.sub(lambda m: words[m.group()], text)
    if weekday_shift:
        text = _WEEKDAY.sub(
            lambda m: WEEKDAYS[(WEEKDAYS.index(m.group()) + weekday_shift) % 7], text
        )
    text = _BOUND.sub(
        lambda m: (
            _same_case(rng.choice(BOUNDS), m.group()) if rng.random() < SWAP_BOUND else m.group()
        ),
        text,
    )
    lines = []
    for line in text.split("\n"):
        lines.append(" ".join(_hedge(s, rng) for s in _SENTENCE_END.split(line)))
    return "\n".join(lines)


def generate(count: int, seed: int, outlets: int = DEFAULT_OUTLETS) -> Iterator[GeneratedArticle]:
    """Articles 0 … count-1 of the corpus of ``seed``; never the same text twice from one
    outlet (ingest would store it once)."""
    events = load_events()
    pool = outlet_names(outlets)
    plans = {event.name: _plan(event, pool, seed) for event in events}
    seen: set[tuple[str, str]] = set()
    for index in range(count):
        rng = random.Random(f"{seed}:article:{index}")
        event = rng.choice(events)
        plan = plans[event.name]
        template = rng.choice(event.templates)
        outlet = rng.choice(plan.outlets)
        for _attempt in range(20):
            text = perturb(template, outlet, plan, rng)
            identity = (outlet, hashlib.sha256(text.encode()).hexdigest())
            if identity not in seen:
                break
        seen.add(identity)
        published = None
        if template.published is not None:
            published = template.published + timedelta(minutes=rng.randint(-360, 48 * 60))
        yield GeneratedArticle(index, event.name, outlet, text, published)


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_corpus(folder: Path, articles: list[GeneratedArticle]) -> Path:
    """The articles as .txt files with a sources.toml, and the seeds' topics.toml (the
    one event whose topics are defined; the others' are discovered)."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    entries = []
    for article in articles:
        (folder / article.file).write_text(article.text, encoding="utf-8")
        entry = f"[[source]]\nfile = {_toml_string(article.file)}\n"
        entry += f"name = {_toml_string(article.outlet)}\n"
        if article.published is not None:
            entry += f"published = {article.published.isoformat()}\n"
        entries.append(entry)
    manifest = '[defaults]\nlanguage = "es"\n\n' + "\n".join(entries)
    (folder / "sources.toml").write_text(manifest, encoding="utf-8")
    shutil.copy(SEEDS / "topics.toml", folder / "topics.toml")
    return folder


def build_corpus(
    folder: Path, articles: int, seed: int, outlets: int = DEFAULT_OUTLETS, start: int = 0
) -> Path:
    """Articles ``start`` … ``start + articles - 1`` of the corpus of ``seed`` in ``folder``."""
    generated = list(generate(start + articles, seed, outlets))[start:]
    return write_corpus(folder, generated)
