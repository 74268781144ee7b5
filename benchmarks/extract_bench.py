"""Extraction throughput over the shared corpus, against a plain regex scan of the same text.

Run (after `scripts/test` or `scripts/run` has made .venv):

    .venv/bin/python benchmarks/extract_bench.py [--corpus DIR] [--repeat N]

The corpus is read from ../shared/corpus (or $PIPELINE_CORPUS); it is never copied here.
Prints: documents and characters, ingest time, the baseline regex scan (MB/s of UTF-8
text), two floors (the candidate scan alone: every block normalised and searched for a
deadline's core word; and that scan plus the grammar matched at the candidates, finding
the expressions without interpreting them), extract + route (MB/s), the ratio between
them, tasks found, and peak memory
(tracemalloc peaks of one extraction pass over documents already read, and of reading and
extracting the whole corpus; the process's maximum RSS).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.analysis import build_calendar, document_tasks
from pipeline.config import load_config
from pipeline.errors import IngestError
from pipeline.ingest import discover, ingest_file
from pipeline.models import Document
from pipeline.route import Router

# The quick-count regex of the corpus README: the baseline a person would write first.
BASELINE = re.compile(
    r"[0-9一二三四五六七八九十]+月(底|末|中旬|上旬|下旬)?前|年底前|年内|上半年|下半年|季度末?前?|个工作日内"
)


def default_corpus() -> Path:
    env = os.environ.get("PIPELINE_CORPUS")
    return Path(env) if env else ROOT.parent / "shared" / "corpus"


def load(corpus: Path) -> tuple[list[Document], float, int]:
    files, _skipped = discover([corpus])
    t0 = time.perf_counter()
    docs: list[Document] = []
    size = 0
    for f in files:
        try:
            docs.extend(ingest_file(f, base_dir=corpus))
            size += f.stat().st_size
        except IngestError as exc:
            print(f"  skipped: {exc}", file=sys.stderr)
    return docs, time.perf_counter() - t0, size


def run_baseline(texts: list[str]) -> int:
    return sum(1 for t in texts for _ in BASELINE.finditer(t))


def run_candidates(blocks: list[str]) -> int:
    """The floor of any extraction with the project's grammar, part one: each block
    normalised and searched for a deadline's core word (the candidate scan)."""
    from pipeline.deadlines.grammar import DEFAULT
    from pipeline.textnorm import normalise

    core = DEFAULT.core.search
    return sum(1 for t in blocks if core(normalise(t)))


def run_expressions(blocks: list[str]) -> int:
    """Part two: the candidate scan, then the grammar matched where it can match (as
    ``resolve`` finds expressions), with no interpretation, no tasks and no routing."""
    from pipeline.deadlines.engine import Anchored
    from pipeline.deadlines.grammar import DEFAULT
    from pipeline.textnorm import normalise

    core, found = DEFAULT.core.search, 0
    for t in blocks:
        nt = normalise(t)
        if core(nt):
            finder, pos = Anchored(DEFAULT, nt), 0
            while (m := finder.search(nt, pos)) is not None:
                found, pos = found + 1, m.end()
    return found


def uncached(fn):  # type: ignore[no-untyped-def]
    """``fn`` with normalise's cache emptied first, as for documents not seen before."""
    from pipeline.textnorm import normalise

    def run():  # type: ignore[no-untyped-def]
        normalise.cache_clear()
        return fn()

    return run


# Undated documents are resolved against a fixed day, so runs are comparable.
UNDATED = dt.date(2020, 1, 1)


def run_extract(docs: list[Document], config, cal, router) -> int:  # type: ignore[no-untyped-def]
    return sum(len(document_tasks(d, config, d.published or UNDATED, cal, router)) for d in docs)


def best_of(fn, repeat: int) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    fn()  # untimed: the first figure must not absorb the warm-up (imports, compiled patterns)
    times = []
    result = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"corpus not found at {args.corpus} (set --corpus or PIPELINE_CORPUS)")
    config = load_config(ROOT / "config.yaml")
    cal = build_calendar(config)
    router = Router(config)

    docs, ingest_s, file_bytes = load(args.corpus)
    texts = [d.text + "\n" + "\n".join(r.task + r.deadline for r in d.rows) for d in docs]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    chars = sum(len(t) for t in texts)

    blocks = [b.text for d in docs for b in d.blocks] + [
        r.task + r.deadline for d in docs for r in d.rows
    ]
    base_s, hits = best_of(lambda: run_baseline(texts), args.repeat)
    cand_s, cands = best_of(uncached(lambda: run_candidates(blocks)), args.repeat)
    expr_s, exprs = best_of(uncached(lambda: run_expressions(blocks)), args.repeat)
    ext_s, tasks = best_of(uncached(lambda: run_extract(docs, config, cal, router)), args.repeat)

    tracemalloc.start()
    run_extract(docs, config, cal, router)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    n_docs = len(docs)
    docs = []  # let the first load go before reading the corpus again
    fresh, _, _ = load(args.corpus)
    run_extract(fresh, config, cal, router)
    _, peak_all = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"corpus: {args.corpus}")
    print(
        f"documents: {n_docs}  characters: {chars:,}  text: {mb:.2f} MB  files: {file_bytes / 1e6:.2f} MB"
    )
    print(
        f"ingest (read, decode, rejoin): {ingest_s:.2f} s  = {file_bytes / 1e6 / ingest_s:.2f} MB/s of files"
    )
    print(
        f"baseline regex scan:          {base_s:.3f} s  = {mb / base_s:8.2f} MB/s  ({hits} raw hits)"
    )
    print(
        f"floor: candidate scan only:   {cand_s:.3f} s  = {mb / cand_s:8.2f} MB/s  "
        f"({cands} blocks; ratio {base_s / cand_s:.3f})"
    )
    print(
        f"floor: + grammar matches:     {expr_s:.3f} s  = {mb / expr_s:8.2f} MB/s  "
        f"({exprs} expressions; ratio {base_s / expr_s:.3f})"
    )
    print(f"extract + resolve + route:    {ext_s:.3f} s  = {mb / ext_s:8.2f} MB/s  ({tasks} tasks)")
    print(
        f"ratio extract / baseline:     {base_s / ext_s:.3f} (baseline is {ext_s / base_s:.1f}x faster)"
    )
    print(
        f"peak memory (tracemalloc): extraction pass {peak / 1e6:.1f} MB, ingest + extraction of the "
        f"whole corpus {peak_all / 1e6:.1f} MB; process max RSS {rss_mb:.0f} MB"
    )


if __name__ == "__main__":
    main()
