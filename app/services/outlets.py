"""Which outlet each article of an ingest belongs to: its key, never its label.

- A ``key`` in sources.toml is the outlet: a new ``name`` with the same key relabels it.
  A key given to an outlet already stored under that name (with the key it was given
  before) becomes its key; its claims' fingerprints and the flags on them follow.
- Without a key, a name already stored is that outlet. A name never seen, given to files
  that were all one outlet's, whose old name this ingest no longer uses, is that outlet
  renamed: only its label changes, its articles are not analysed again and no empty
  outlet is left behind. Any other new name is a new outlet, keyed by its slug.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.db import queries
from app.db.models import Source
from app.services.derived import FINDINGS, owe
from app.services.identity import claim_fingerprint, outlet_key, unique_key

if TYPE_CHECKING:  # ingest imports this module: its types only, to avoid a cycle
    from app.services.ingest import IngestReport, PendingArticle


class OutletError(Exception):
    """An outlet the manifest names cannot be told apart from another one."""


@dataclass
class _Outlets:
    """The stored outlets, as this ingest changes them."""

    session: Session
    by_key: dict[str, Source]
    by_name: dict[str, Source]
    # The outlet each already stored article (by path) belongs to.
    stored: dict[str, Source]
    names_in_use: set[str]
    explicit_keys: set[str]
    reserved: set[str]

    def relabel(self, source: Source, name: str) -> None:
        other = self.by_name.get(name)
        if other is not None and other is not source:
            raise OutletError(
                f"field 'name': '{name}' is already the name of outlet '{other.key}'; "
                "give both the same key, or another name"
            )
        self.by_name.pop(source.name, None)
        source.name = name
        self.by_name[name] = source
        owe(self.session, FINDINGS, "an outlet was renamed")  # findings name their outlets

    def rekey(self, source: Source, key: str) -> None:
        """Give a stored outlet a new key: its claims' fingerprints, and the flags on them,
        are rebuilt from it (findings follow at the next refresh, by their stored values)."""
        renamed = {}
        for claim in queries.select_claims_of_source(self.session, source.id):
            new = claim_fingerprint(key, claim.text)
            renamed[claim.fingerprint] = new
            claim.fingerprint = new
        self.by_key.pop(source.key, None)
        source.key = key
        self.by_key[key] = source
        rekey_flags(self.session, renamed)
        owe(self.session, FINDINGS, "an outlet was given a key")

    def key_for(self, name: str, key: str | None, paths: Sequence[str]) -> str:
        return self._given(name, key) if key else self._derived(name, paths)

    def _given(self, name: str, key: str) -> str:
        source = self.by_key.get(key)
        if source is not None:
            if source.name != name:
                self.relabel(source, name)
            return key
        named = self.by_name.get(name)
        if named is not None and named.key not in self.explicit_keys:
            self.rekey(named, key)
            return key
        if named is not None:
            raise OutletError(f"field 'name': '{name}' is already the name of outlet '{named.key}'")
        self.reserved.add(key)
        return key

    def _derived(self, name: str, paths: Sequence[str]) -> str:
        named = self.by_name.get(name)
        if named is not None:
            return named.key
        before = {self.stored[p].id: self.stored[p] for p in paths if p in self.stored}
        if len(before) == 1:
            (previous,) = before.values()
            if previous.name not in self.names_in_use and previous.key not in self.explicit_keys:
                self.relabel(previous, name)
                return previous.key
        key = unique_key(outlet_key(name), {*self.by_key, *self.reserved})
        self.reserved.add(key)
        return key


def rekey_flags(session: Session, renamed: dict[str, str]) -> None:
    """Point flags at their claims' new fingerprints, the pair kept in fingerprint order."""
    if not renamed:
        return
    flags, _ = queries.select_flags(session)  # a few, written by hand: no list of ids to pass
    for flag in flags:
        if flag.claim_a_fingerprint not in renamed and flag.claim_b_fingerprint not in renamed:
            continue
        a = renamed.get(flag.claim_a_fingerprint, flag.claim_a_fingerprint)
        b = renamed.get(flag.claim_b_fingerprint, flag.claim_b_fingerprint)
        if b < a:
            a, b = b, a
            flag.claim_a_text, flag.claim_b_text = flag.claim_b_text, flag.claim_a_text
        flag.claim_a_fingerprint, flag.claim_b_fingerprint = a, b


def assign_outlets(
    session_factory: sessionmaker[Session],
    pending: Sequence[PendingArticle],
    report: IngestReport,
) -> list[PendingArticle]:
    """Each article with its outlet's key; renames and new keys are stored at once.
    Articles whose outlet cannot be told apart from another are reported and left out."""
    groups: dict[tuple[str, str | None], list[PendingArticle]] = {}
    for item in pending:
        groups.setdefault((item.source.name, item.source.key), []).append(item)
    chosen: dict[tuple[str, str | None], str] = {}
    with session_factory.begin() as session:
        sources = list(session.scalars(select(Source).order_by(Source.id)))
        outlets = _Outlets(
            session,
            by_key={s.key: s for s in sources},
            by_name={s.name: s for s in sources},
            stored=queries.select_sources_of_paths(session, [item.key for item in pending]),
            names_in_use={item.source.name for item in pending},
            explicit_keys={item.source.key for item in pending if item.source.key},
            reserved=set(),
        )
        # Keys first, so that a name they claim is not taken for a new outlet meanwhile.
        for name, key in sorted(groups, key=lambda group: (group[1] is None, group)):
            items = groups[(name, key)]
            try:
                chosen[(name, key)] = outlets.key_for(name, key, [i.key for i in items])
            except OutletError as exc:
                report.failed.extend((i.name, f"{i.name}: {exc}") for i in items)
    return [
        replace(item, source=replace(item.source, key=chosen[group]))
        for item in pending
        if (group := (item.source.name, item.source.key)) in chosen
    ]
