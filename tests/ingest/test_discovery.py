"""Finding the article files of the paths given to ingest: folders, links, loops, odd files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.ingest.discovery import discover_files


def write(folder: Path, name: str, content: str = "texto") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return path


def messages(paths: list[Path]) -> list[str]:
    return [str(problem) for problem in discover_files(paths).problems]


# --- folders ---------------------------------------------------------------------------------


def test_folders_are_walked_sorted_skipping_hidden_manifests_and_other_types(
    tmp_path: Path,
) -> None:
    root = tmp_path / "articulos"
    for name in (
        "b.txt",
        "a.md",
        "sub/c.html",
        "sub/deeper/d.HTM",
        "z.markdown",
        "sources.toml",
        "topics.toml",
        "notes.pdf",
        "image.png",
        ".hidden.txt",
        ".git/e.txt",
        "sub/.cache/f.txt",
    ):
        write(root, name)
    found = discover_files([root])
    assert found.files == [
        root / "a.md",
        root / "b.txt",
        root / "sub" / "c.html",
        root / "sub" / "deeper" / "d.HTM",
        root / "z.markdown",
    ]
    assert found.problems == []


def test_argument_order_is_kept_and_duplicates_dropped(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    one = write(folder, "1.txt", "uno")
    two = write(folder, "2.txt", "dos")
    single = write(tmp_path, "solo.md", "solo")
    assert discover_files([single, folder, one]).files == [single, one, two]


def test_an_explicit_unsupported_file_is_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "a.pdf", "%PDF")
    (problem,) = discover_files([path]).problems
    assert problem.path == str(path)
    assert "unsupported file type '.pdf'" in problem.reason


def test_a_missing_path_is_a_problem_and_the_others_are_found(tmp_path: Path) -> None:
    missing = tmp_path / "no-existe"
    good = write(tmp_path, "ok.txt")
    found = discover_files([missing, good])
    assert found.files == [good]
    assert [str(p) for p in found.problems] == [f"{missing}: no such file or directory"]


def test_an_empty_folder_has_no_files(tmp_path: Path) -> None:
    assert discover_files([tmp_path]).files == []


def test_a_named_pipe_is_reported_not_read(tmp_path: Path) -> None:
    # Reading a pipe nobody writes to would wait forever.
    os.mkfifo(tmp_path / "pipe.txt")
    good = write(tmp_path, "ok.txt")
    found = discover_files([tmp_path])
    assert found.files == [good]
    assert messages([tmp_path]) == [
        f"{tmp_path / 'pipe.txt'}: skipped: not a regular file (a device, socket or pipe)"
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_an_unreadable_subfolder_is_reported(tmp_path: Path) -> None:
    good = write(tmp_path, "ok.txt")
    locked = tmp_path / "locked"
    write(locked, "x.txt")
    locked.chmod(0)
    try:
        found = discover_files([tmp_path])
    finally:
        locked.chmod(0o755)
    assert found.files == [good]
    assert [p.reason for p in found.problems] == ["folder cannot be read (Permission denied)"]


# --- symbolic links --------------------------------------------------------------------------


def test_a_link_to_a_file_is_followed_once(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt")
    (tmp_path / "alias.txt").symlink_to("good.txt")
    (tmp_path / "again.txt").symlink_to("alias.txt")
    # Reached three ways, read once, under its own name rather than a link's.
    assert discover_files([tmp_path]).files == [good]
    assert discover_files([tmp_path / "alias.txt", good]).files == [good]


def test_a_link_to_a_file_elsewhere_is_read_under_the_links_name(tmp_path: Path) -> None:
    elsewhere = write(tmp_path / "store", "article.txt")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "outlet.txt").symlink_to(elsewhere)
    assert discover_files([corpus]).files == [corpus / "outlet.txt"]


def test_looping_and_dangling_links_are_reported_and_the_rest_found(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt")
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    (tmp_path / "ping.txt").symlink_to("pong.txt")
    (tmp_path / "pong.txt").symlink_to("ping.txt")
    (tmp_path / "dangling.txt").symlink_to("nowhere.txt")
    (tmp_path / "gone").symlink_to("no-such-folder")  # could have been a folder of articles
    (tmp_path / "old.pdf").symlink_to("nowhere.pdf")  # no article either way: skipped quietly
    found = discover_files([tmp_path])
    assert found.files == [good]
    assert messages([tmp_path]) == [
        f"{tmp_path / 'dangling.txt'}: skipped: broken symbolic link "
        "(its target nowhere.txt is gone)",
        f"{tmp_path / 'gone'}: skipped: broken symbolic link (its target no-such-folder is gone)",
        f"{tmp_path / 'loop.txt'}: skipped: symbolic link loop (it leads back to itself)",
        f"{tmp_path / 'ping.txt'}: skipped: symbolic link loop (it leads back to itself)",
        f"{tmp_path / 'pong.txt'}: skipped: symbolic link loop (it leads back to itself)",
    ]


def test_a_directory_link_loop_is_reported_once_and_the_folder_walked(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    first = write(root, "a.txt")
    second = write(root / "sub", "b.txt")
    (root / "sub" / "up").symlink_to("..")
    (root / "sub" / "self").symlink_to(".")
    found = discover_files([root])
    assert found.files == [first, second]
    assert messages([root]) == [
        f"{root / 'sub' / 'self'}: skipped: symbolic link loop (it leads back to {root / 'sub'})",
        f"{root / 'sub' / 'up'}: skipped: symbolic link loop (it leads back to {root})",
    ]


def test_a_link_to_a_folder_is_walked_once(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    article = write(shared, "a.txt")
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "one").symlink_to(shared)
    (root / "two").symlink_to(shared)
    found = discover_files([root])
    assert found.files == [root / "one" / "a.txt"]
    assert found.problems == []
    # Named directly too, the file is read once, under its own name.
    assert discover_files([root, shared]).files == [article]


def test_an_explicit_looping_link_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    assert messages([tmp_path / "loop.txt"]) == [
        f"{tmp_path / 'loop.txt'}: skipped: symbolic link loop (it leads back to itself)"
    ]


# --- odd names -------------------------------------------------------------------------------


def test_problems_name_odd_files_on_one_printable_line(tmp_path: Path) -> None:
    (tmp_path / "a\nb[bold].txt").symlink_to("nowhere\x1b[31m.txt")
    assert messages([tmp_path]) == [
        f"{tmp_path}/a\\nb[bold].txt: skipped: broken symbolic link "
        "(its target nowhere\\x1b[31m.txt is gone)"
    ]
