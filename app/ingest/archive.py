"""Article files packed in an uploaded zip: read in memory with limits, refusing anything
that is not a plain file inside the archive's own folders.

Nothing is written to disk, so a member's path is never opened; it is still refused when it
would leave the archive ("../x", "/etc/x", "C:x"), since it names the article's folder (whose
sources.toml describes it) and is shown to the user.
"""

from __future__ import annotations

import io
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath

MAX_MEMBERS = 100
# Unpacked, all members together: a small zip may inflate a thousandfold.
MAX_UNPACKED_BYTES = 64 * 2**20
# Finder's "Compress" adds resource forks under this folder; they are no articles.
MAC_METADATA = "__MACOSX"


class ArchiveError(Exception):
    """A zip refused as a whole; the reason names the offending member."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Member:
    path: PurePosixPath  # inside the zip
    content: bytes


def read_zip(content: bytes, *, max_member_bytes: int) -> list[Member]:
    """Every file of the zip, in its order; ArchiveError for a damaged or unsafe zip."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise ArchiveError("not a valid zip file") from None
    with archive:
        infos = [
            info
            for info in archive.infolist()
            if not info.is_dir() and info.filename.split("/")[0] != MAC_METADATA
        ]
        if len(infos) > MAX_MEMBERS:
            raise ArchiveError(f"holds {len(infos)} files; at most {MAX_MEMBERS} per zip")
        total = sum(info.file_size for info in infos)
        if total > MAX_UNPACKED_BYTES:
            raise ArchiveError(f"unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MiB")
        members = [_member(archive, info, max_member_bytes) for info in infos]
    seen: set[PurePosixPath] = set()
    for member in members:
        if member.path in seen:
            # "a.txt" twice, or "a.txt" and "./a.txt": which one is the article?
            raise ArchiveError(f"{member.path}: twice in the zip; each file once")
        seen.add(member.path)
    return members


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, max_bytes: int) -> Member:
    name = info.filename
    path = PurePosixPath(name)
    if not path.parts or path.name in {"", "."}:
        raise ArchiveError(f"{name!r}: a member with no file name")
    if name.startswith("/") or "\\" in name or ".." in path.parts or ":" in path.parts[0]:
        raise ArchiveError(f"{name}: a path outside the zip; only files inside it are read")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise ArchiveError(f"{name}: a symbolic link, not a file")
    if info.flag_bits & 0x1:
        raise ArchiveError(f"{name}: encrypted; zip it again without a password")
    if info.file_size > max_bytes:
        raise ArchiveError(f"{name}: too large ({info.file_size} bytes, limit {max_bytes})")
    try:
        # Reads at most the declared size and checks the CRC, so a lying header is caught.
        return Member(path, archive.read(info))
    except (zipfile.BadZipFile, NotImplementedError, zlib.error, EOFError, ValueError) as exc:
        raise ArchiveError(f"{name}: cannot be unpacked ({exc})") from None
