"""The event report as Markdown (`cotejo report --format md`, `/report.md`): the same
sections as the HTML document; a chart becomes the list of what it plots."""

from __future__ import annotations

import re

from app.services.dashboard import FindingView
from app.services.report import Report, ReportTopic

# Characters Markdown would read as markup in article text, names and notes.
MARKUP = re.compile(r"([\\`*_\[\]<>#|~])")


def escape(text: str) -> str:
    return MARKUP.sub(r"\\\1", " ".join(text.split()))


def report_markdown(report: Report) -> str:
    lines = ["# What the outlets agree and disagree on", ""]
    lines += [f"- **{name}**: {escape(value)}" for name, value in report.filter_summary]
    lines += [f"- **Generated**: {report.generated_at:%Y-%m-%d %H:%M} UTC", ""]
    if not report.topics:
        lines += ["No topic has been found in these articles.", ""]
    for topic in report.topics:
        lines += _topic(topic)
    lines += _methods(report)
    return "\n".join(lines).rstrip() + "\n"


def _topic(t: ReportTopic) -> list[str]:
    lines = [f"## {escape(t.topic.label)}", ""]
    if t.description:
        lines += [escape(t.description), ""]
    lines += [f"Status: **{t.status}** · {t.summary}", ""]
    lines += ["### Agreed", ""]
    for fact in t.agreed:
        lines.append(f"- **{escape(fact.heading)}** — {escape(', '.join(fact.outlets))}")
        for s in fact.statements:
            value = f" ({escape(s.value)})" if s.value else ""
            lines.append(f"  - {escape(s.source.name)}{value}: “{escape(s.text)}”")
    if not t.agreed:
        lines.append("Nothing the outlets shown agree on was found.")
    lines += ["", "### Conflicts", ""]
    for f in t.disagreements:
        lines += _finding(f)
    if not t.disagreements:
        lines += ["No conflict was found.", ""]
    if t.charts:
        lines += ["### Figures given by each outlet", ""]
        lines += [f"- {escape(c.title)}: {escape(c.description)}" for c in t.charts]
        lines.append("")
    if t.updates or t.timelines:
        lines += ["### Figures that changed", ""]
        for timeline in t.timelines:
            for e in timeline.entries:
                when = e.published or "time unknown"
                note = " (later updated)" if e.superseded else ""
                lines.append(
                    f"{e.number}. {when} · {escape(e.source.name)}: "
                    f"**{escape(e.value.label)}**{note}"
                )
            lines.append("")
        for f in t.updates:
            lines.append(f"- {escape(f.explanation)}")
        lines.append("")
    return lines


def _finding(f: FindingView) -> list[str]:
    severity = f" ({f.severity})" if f.severity else ""
    lines = [f"#### {f.kind.capitalize()}{severity}: {escape(f.slot.heading)}", ""]
    lines += [escape(f.explanation), ""]
    sides = ((f.claim_a, f.value_a, f.party_a), (f.claim_b, f.value_b, f.party_b))
    for claim, value, party in sides:
        said = [claim.source.name]
        if value:
            said.append(value.label)
        if party:
            said.append(f"citing {party}")
        if claim.topic_certainty:
            said.append(claim.topic_certainty)
        lines.append(f"> “{escape(claim.text)}” — {escape(', '.join(said))}")
        lines.append(">")
    lines.pop()
    lines.append("")
    if f.review:
        note = f": “{escape(f.review.note)}”" if f.review.note else ""
        lines.append(
            f"Review: **{f.review.verdict}** by {escape(f.review.reviewer)}, "
            f"{f.review.created_at:%Y-%m-%d %H:%M} UTC{note}"
        )
    else:
        lines.append("Review: not reviewed yet")
    lines.append("")
    return lines


def _methods(report: Report) -> list[str]:
    lines = ["## Methods", ""]
    for paragraph in report.methods:
        lines += [paragraph, ""]
    lines += [f"Measured accuracy (from the README, “{report.accuracy_source}”):", ""]
    for figure in (*report.findings, *report.sentences):
        lines.append(f"- {figure.measure}, {figure.corpus}: {escape(figure.result)}")
    lines += ["", report.caveat]
    return lines
