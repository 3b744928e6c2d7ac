"""Time two commands in turn (A B A B …) and print the ratio A/B pair by pair.

    .venv/bin/python -m benchmarks.side_by_side --runs 5 \\
        --old 'env PYTHONPATH=OLD/src:. .venv/bin/python -m benchmarks.bench_extract --mb 20' \\
        --new 'env PYTHONPATH=src:. .venv/bin/python -m benchmarks.bench_extract --mb 20'

A shared machine's speed drifts between runs by more than the difference worth measuring;
two commands run in turn drift together, so the ratio of each pair holds where the times do
not. Each command runs as a whole process (its output thrown away); the wall time and the
child's CPU time come from the operating system's accounting of the finished process. One
warm-up run of each is not counted (the knowledge base's compiled cache, the page cache).
Prints figures; never passes or fails.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import time


def _run(command: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) of one run of ``command``."""
    before = os.times()
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - started
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu


def _summary(values: list[float]) -> str:
    return f"{statistics.median(values):8.3f}  ({min(values):.3f}–{max(values):.3f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--old", required=True, help="the command to compare against, as one shell-quoted string")
    parser.add_argument("--new", required=True, help="the command measured, as one shell-quoted string")
    parser.add_argument("--runs", type=int, default=5, help="counted pairs (default 5)")
    args = parser.parse_args()
    old, new = shlex.split(args.old), shlex.split(args.new)
    _run(old), _run(new)  # warm-up, not counted
    pairs = []
    for n in range(args.runs):
        # the order alternates too, so that neither command always runs on a warmer machine
        first, second = (new, old) if n % 2 == 0 else (old, new)
        a, b = _run(first), _run(second)
        pairs.append((a, b) if first is new else (b, a))
    print(f"{args.runs} pairs, run in turn; median (min–max)")
    print(f"new wall s   {_summary([n[0] for n, _ in pairs])}")
    print(f"old wall s   {_summary([o[0] for _, o in pairs])}")
    print(f"new cpu s    {_summary([n[1] for n, _ in pairs])}")
    print(f"old cpu s    {_summary([o[1] for _, o in pairs])}")
    wall = [n[0] / o[0] for n, o in pairs]
    print(f"new/old wall {_summary(wall)}  = {1 / statistics.median(wall):.2f}× as fast")
    if all(o[1] > 0 for _, o in pairs):  # a command that sleeps uses no CPU to compare
        cpu = [n[1] / o[1] for n, o in pairs]
        print(f"new/old cpu  {_summary(cpu)}  = {1 / statistics.median(cpu):.2f}× as fast")


if __name__ == "__main__":
    main()
