"""A large, realistic corpus built from real article sentences: each document recombines
sentences of the demo corpus and moves every year it names by one shift, so dates stay
coherent inside a document and differ across documents.

    .venv/bin/python -m benchmarks.corpus --docs 10000 --out benchmarks/out/corpus-10k.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

from marsad.text.segment import sentence_spans

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-2]\d)(?!\d)")


def real_sentences() -> list[str]:
    sentences = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences += [text[s.start : s.end].strip() for s in sentence_spans(text)]
    return [s for s in sentences if len(s) > 20]


def documents(count: int, seed: int = 11) -> Iterator[dict[str, str]]:
    sentences = real_sentences()
    rng = random.Random(seed)
    for n in range(count):
        shift = rng.randint(-6, 3)
        picked = rng.sample(sentences, rng.randint(10, 30))
        text = "\n".join(_YEAR.sub(lambda m, s=shift: str(int(m.group()) + s), sentence) for sentence in picked)
        year = 2020 + shift + rng.randint(0, 5)
        published = f"{year:04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        yield {"id": f"gen-{seed}-{n:07d}", "published": published, "source": "generated", "text": text}


def write(count: int, out: Path, seed: int = 11) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for record in documents(count, seed):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    path = write(args.docs, args.out, args.seed)
    print(f"wrote {args.docs:,} documents, {path.stat().st_size / 1e6:,.1f} MB, to {path}")


if __name__ == "__main__":
    main()
