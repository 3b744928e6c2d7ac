"""Compare `marsad extract` at a git revision with the working tree, document by document.

    .venv/bin/python scripts/compare_extract.py REV FOLDER [FOLDER ...] [--ignore notes]

Checks out REV in a temporary worktree, extracts every FOLDER with both versions of the
code (the same Python, the same installed dependencies) and prints each document whose
record differs, with the fields that differ. Exit code 0 when every record is identical
(fields named by --ignore left out), 1 otherwise. A refactoring is checked with it:
byte-identical output, or a list of the intended differences.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _extract(src: Path, folder: Path, out: Path) -> dict[str, dict[str, object]]:
    env = {**os.environ, "PYTHONPATH": str(src), "MARSAD_CACHE_DIR": "off"}
    command = [sys.executable, "-m", "marsad", "extract", str(folder), "-o", str(out)]
    subprocess.run(command, env=env, check=False, stdout=subprocess.DEVNULL)  # exit 1: a skipped file
    records = (json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())
    return {str(record["doc"]): record for record in records}


def _differences(old: dict[str, object], new: dict[str, object], ignore: set[str]) -> list[str]:
    keys = (set(old) | set(new)) - ignore
    return sorted(k for k in keys if old.get(k) != new.get(k))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rev", help="the git revision to compare with (e.g. main, HEAD~3)")
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--ignore", action="append", default=[], help="a field left out of the comparison")
    args = parser.parse_args()
    ignore = set(args.ignore)
    changed = 0
    with tempfile.TemporaryDirectory() as tmp:
        worktree = Path(tmp) / "old"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(worktree), args.rev], check=True)
        try:
            for n, folder in enumerate(args.folders):
                old = _extract(worktree / "src", folder, Path(tmp) / f"old{n}.jsonl")
                new = _extract(ROOT / "src", folder, Path(tmp) / f"new{n}.jsonl")
                before = changed
                for doc in sorted(set(old) | set(new)):
                    if doc not in old or doc not in new:
                        print(f"{folder}: {doc}: only in the {'new' if doc in new else 'old'} output")
                        changed += 1
                        continue
                    fields = _differences(old[doc], new[doc], ignore)
                    if fields:
                        print(f"{folder}: {doc}: {', '.join(fields)}")
                        changed += 1
                print(f"{folder}: {len(new)} documents, {changed - before} differ")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(worktree)], check=True)
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
