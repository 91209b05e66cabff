"""Which article files the paths given to ``cotejo ingest`` stand for.

Folders are walked recursively in sorted order, skipping hidden entries, manifests and files
of other types. Symbolic links are followed, once: a file reached by two names is read once,
and a link that loops, dangles or leads back into a folder being walked is reported by name
with the reason, while the rest of the folder is still found. An explicitly named file of an
unsupported type is reported too, since the user evidently expected it to be read.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from app.ingest.names import printable
from app.ingest.readers import SUPPORTED_SUFFIXES, ReadError, detect_format

# Manifests live next to the articles; they are configuration, never articles.
MANIFEST_NAMES = frozenset({"sources.toml", "topics.toml"})

# A file or folder is identified by its device and inode, whatever name reaches it.
Identity = tuple[int, int]


@dataclass
class Discovery:
    files: list[Path] = field(default_factory=list)  # as named, through any links
    problems: list[ReadError] = field(default_factory=list)  # one per path that was skipped


def discover_files(paths: Iterable[Path]) -> Discovery:
    """The article files of the given files and folders, in argument order, each file once."""
    found: list[tuple[Path, Identity]] = []
    problems: list[ReadError] = []
    for path in paths:
        try:
            info = os.stat(path)
        except OSError as exc:
            problems.append(_unreachable(path, exc))
            continue
        if stat.S_ISDIR(info.st_mode):
            found.extend(sorted(_walk(path, _identity(info), problems)))
        elif not stat.S_ISREG(info.st_mode):
            problems.append(ReadError(str(path), "not a regular file (a device, socket or pipe)"))
        else:
            try:
                detect_format(path)
            except ReadError as exc:
                problems.append(exc)
                continue
            found.append((path, _identity(info)))
    # The same file through a link, or named twice, is read once: under its own name when
    # that was found too (it names the outlet of an unlisted file), else the first link's.
    names: dict[Identity, list[Path]] = {}
    for path, identity in found:
        names.setdefault(identity, []).append(path)
    files = [next((p for p in group if not _through_link(p)), group[0]) for group in names.values()]
    return Discovery(files, problems)


def _walk(root: Path, root_id: Identity, problems: list[ReadError]) -> list[tuple[Path, Identity]]:
    files: list[tuple[Path, Identity]] = []
    walked = {root_id}
    # Depth first, without recursion (a deep tree cannot exhaust the stack); each folder
    # carries the folders above it, so a link back to one of them is known for a loop.
    stack: list[tuple[Path, dict[Identity, Path]]] = [(root, {root_id: root})]
    while stack:
        folder, above = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            problems.append(ReadError(str(folder), f"folder cannot be read ({_reason(exc)})"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                info = os.stat(path)  # through links
            except OSError as exc:
                if _may_hold_articles(entry.name):
                    problems.append(_unreachable(path, exc))
                continue
            identity = _identity(info)
            if stat.S_ISDIR(info.st_mode):
                if identity in above:
                    problems.append(
                        ReadError(
                            str(path),
                            "skipped: symbolic link loop (it leads back to "
                            f"{printable(above[identity])})",
                        )
                    )
                elif identity not in walked:  # else already walked through another name
                    walked.add(identity)
                    stack.append((path, {**above, identity: path}))
            elif entry.name in MANIFEST_NAMES or not _is_article_name(entry.name):
                continue
            elif stat.S_ISREG(info.st_mode):
                files.append((path, identity))
            else:  # reading a named pipe would wait forever
                problems.append(
                    ReadError(str(path), "skipped: not a regular file (a device, socket or pipe)")
                )
    return files


def _through_link(path: Path) -> bool:
    return os.path.realpath(path) != os.path.abspath(path)


def _is_article_name(name: str) -> bool:
    return Path(name).suffix.lower() in SUPPORTED_SUFFIXES


def _may_hold_articles(name: str) -> bool:
    """A link that leads nowhere might have been an article or a folder of them: those are
    reported; a dangling link named like another kind of file is skipped as that file would
    have been."""
    return _is_article_name(name) or not Path(name).suffix


def _unreachable(path: Path, exc: OSError) -> ReadError:
    if exc.errno == errno.ELOOP:
        return ReadError(str(path), "skipped: symbolic link loop (it leads back to itself)")
    if exc.errno == errno.ENOENT and path.is_symlink():
        target = printable(os.readlink(path))
        return ReadError(str(path), f"skipped: broken symbolic link (its target {target} is gone)")
    if exc.errno == errno.ENOENT:
        return ReadError(str(path), "no such file or directory")
    return ReadError(str(path), f"cannot be read ({_reason(exc)})")


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _identity(info: os.stat_result) -> Identity:
    return (info.st_dev, info.st_ino)
