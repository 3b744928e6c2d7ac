"""Extraction throughput per stage on the demo corpus repeated to a target size.

Prints figures, never passes or fails. Run:
    .venv/bin/python -m benchmarks.bench_extract --mb 20

``--corpus DIR --language ru`` repeats the documents of one language of another corpus (a
folder ``marsad ingest`` reads, with its ``metadata.csv``) to the target size instead of the
demo articles, through that language's pack:
    .venv/bin/python -m benchmarks.bench_extract --mb 5 --corpus ../shared/corpus/news --language en

``--single-kb 10 100 1000`` instead times single documents of those sizes (the demo articles
concatenated paragraph-wise), each repeated until about ``--budget-kb`` of text has been read,
and prints time per KB for each size, per stage too: a stage whose time per KB grows with the
size of the document is superlinear.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import resource
import sys
import time
from pathlib import Path

from marsad.document import Document
from marsad.extract.pipeline import build_pipeline

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def _interpreter() -> str:
    """Which Python runs the benchmark: builds of one version differ by a tenth in speed (a
    shared libpython without profile-guided optimization against a distribution's build)."""
    return f"{platform.python_implementation()} {platform.python_version()} ({sys.executable})"


def _documents(target_bytes: int, corpus: Path | None = None, language: str = "") -> list[Document]:
    """The demo articles (or the ``language`` documents of ``corpus``) repeated to about
    ``target_bytes`` of UTF-8 text, each copy its own document."""
    if corpus is None:
        originals = [Document(p.stem, p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))]
    else:
        # imported here: without --corpus the benchmark also runs on code from before the
        # language packs, for side-by-side timings against it
        from marsad.ingest.readers import read_documents

        read = [d for d in read_documents([corpus]) if isinstance(d, Document)]
        originals = [d for d in read if not language or d.meta.language == language]
    if not originals:
        raise SystemExit(f"no documents{' in ' + language if language else ''} to time in {corpus or CORPUS}")
    docs: list[Document] = []
    size = 0
    while size < target_bytes:
        for original in originals:
            docs.append(Document(f"d{len(docs)}", original.text, original.meta))
            size += len(original.text.encode("utf-8"))
    return docs


def _paragraphs() -> list[str]:
    return [
        part.strip()
        for p in sorted(CORPUS.glob("*.txt"))
        for part in p.read_text(encoding="utf-8").split("\n\n")
        if part.strip()
    ]


def _single_text(target_bytes: int, start: int = 0) -> tuple[str, int]:
    """One document of at least ``target_bytes`` of UTF-8: the demo articles' paragraphs in
    turn from paragraph ``start``; and where the next document would start. Small documents
    taken one after another walk the corpus as a large one does, so sizes compare the same
    mix of text (one article's opening is not the corpus)."""
    paragraphs = _paragraphs()
    chosen: list[str] = []
    size = 0
    index = start
    while size < target_bytes:
        paragraph = paragraphs[index % len(paragraphs)]
        chosen.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 2
        index += 1
    return "\n\n".join(chosen) + "\n", index % len(paragraphs)


def _single(sizes_kb: list[float], budget_kb: float) -> None:
    pipeline = build_pipeline()
    pipeline(Document("warm-up", _single_text(10_000)[0]))  # lazily built patterns and caches
    rows = []
    for size_kb in sizes_kb:
        repeats = max(1, math.ceil(budget_kb / size_kb))
        stage_time = dict.fromkeys(pipeline.names, 0.0)
        total_kb, start = 0.0, 0
        for n in range(repeats):
            # the next stretch of the corpus each time, so caches keyed by text do not hit
            text, start = _single_text(int(size_kb * 1000), start)
            total_kb += len(text.encode("utf-8")) / 1000
            doc = Document(f"single{n}", text + " " * n)
            for stage in pipeline.stages:
                t0 = time.perf_counter()
                stage(doc)
                stage_time[stage.name] += time.perf_counter() - t0
        kb = total_kb / repeats
        per_kb = {name: 1000 * seconds / total_kb for name, seconds in stage_time.items()}
        rows.append((size_kb, kb, repeats, sum(per_kb.values()), per_kb))
    print(f"machine: {os.cpu_count()} cores; one process, one core; {_interpreter()}")
    print("single documents; ms per KB of UTF-8 text, end to end and per stage")
    names = pipeline.names
    print(f"{'size':>8} {'runs':>5} {'total':>8}  " + " ".join(f"{n:>11}" for n in names))
    for _size_kb, kb, repeats, total, per_kb in rows:
        print(f"{kb:6.0f}KB {repeats:5d} {total:8.3f}  " + " ".join(f"{per_kb[n]:11.3f}" for n in names))
    if len(rows) >= 2:
        first, last = rows[0], rows[-1]
        label = f"{last[1]:.0f} KB / {first[1]:.0f} KB"
        print(f"ratio of ms/KB, {label}: end to end {last[3] / first[3]:.2f}")
        for n in names:
            ratio = last[4][n] / first[4][n] if first[4][n] else float("nan")
            print(f"  stage {n:<12} {ratio:6.2f}")


def _settle_like_the_commands() -> None:
    """The garbage collector set as the extraction commands set it, where the code timed has
    that step (code from before it is timed as it ran)."""
    try:
        from marsad.heap import settle_after_loading
    except ImportError:
        return
    settle_after_loading()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size in MB of UTF-8 text")
    parser.add_argument(
        "--single-kb",
        type=float,
        nargs="+",
        metavar="KB",
        help="time single documents of these sizes in KB instead (e.g. 10 100 1000)",
    )
    parser.add_argument(
        "--budget-kb",
        type=float,
        default=2000.0,
        help="with --single-kb: repeat each size until about this much text has been read",
    )
    parser.add_argument("--corpus", type=Path, help="time the documents of this folder instead of the demo articles")
    parser.add_argument(
        "--language", default="", help="with --corpus: only its documents in this language (ar, en, ru)"
    )
    args = parser.parse_args()
    if args.single_kb:
        _single(args.single_kb, args.budget_kb)
        return
    started = time.perf_counter()
    pipeline = build_pipeline()
    startup = time.perf_counter() - started
    docs = _documents(int(args.mb * 1_000_000), args.corpus, args.language)
    _settle_like_the_commands()
    total_bytes = sum(len(d.text.encode("utf-8")) for d in docs)
    stage_time = dict.fromkeys(pipeline.names, 0.0)
    sentences = mentions = 0
    if args.corpus:
        from marsad.lang import language_for
    for doc in docs:
        # each document through its own language's pack (the default one for the demo articles)
        stages = pipeline.stages_for(language_for(doc.meta.language, doc.text)) if args.corpus else pipeline.stages
        for stage in stages:
            t0 = time.perf_counter()
            stage(doc)
            stage_time[stage.name] += time.perf_counter() - t0
        sentences += len(doc.sentences)
        mentions += len(doc.mentions)
    elapsed = sum(stage_time.values())
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    mb = total_bytes / 1_000_000
    print(f"machine: {os.cpu_count()} cores; one process, one core; {_interpreter()}")
    source = f"{args.corpus} ({args.language or 'every language'})" if args.corpus else "the demo articles"
    print(f"corpus: {source} repeated: {len(docs)} documents, {mb:.1f} MB, {sentences} sentences, {mentions} mentions")
    print(f"start-up (load KB, build matcher): {startup:.2f} s")
    print(
        f"end to end: {elapsed:.2f} s = {mb / elapsed:.2f} MB/s, {sentences / elapsed:,.0f} sentences/s, "
        f"{len(docs) / elapsed:,.0f} docs/s"
    )
    for name, seconds in stage_time.items():
        print(f"  stage {name:<10} {seconds:7.2f} s  {100 * seconds / elapsed:5.1f} %  {mb / seconds:8.2f} MB/s")
    print(f"peak RSS: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
