"""``python -m benchmarks.scale [--quick | --smoke]``: see run.py and the README's
"Performance" section."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.config import ROOT
from benchmarks.scale.run import main_run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale")
    modes = parser.add_mutually_exclusive_group()
    modes.add_argument("--quick", action="store_true", help="up to 500 articles, minutes")
    modes.add_argument("--smoke", action="store_true", help="seeds and 100 articles (CI)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench.json")
    parser.add_argument("--workdir", type=Path, help="corpora and databases (build/bench/MODE)")
    parser.add_argument("--seed", type=int, help="seed of the generated corpora (1)")
    parser.add_argument("--rounds", type=int, help="repetitions of the interleaved stages (1)")
    args = parser.parse_args(argv)
    mode = "quick" if args.quick else "smoke" if args.smoke else "full"
    workdir = args.workdir or ROOT / "build" / "bench" / mode
    main_run(mode, args.out, workdir, seed=args.seed, rounds=args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
