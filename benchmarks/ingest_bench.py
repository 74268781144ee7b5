"""Ingest throughput per input format, beside a floor measured in the same run.

Run (after `scripts/test` or `scripts/run` has made .venv):

    .venv/bin/python benchmarks/ingest_bench.py [--corpus DIR] [--repeat N] [--tree DIR] [--json F]

The inputs are written to a temporary directory from the plain-text reports of the shared
corpus (../shared/corpus or $PIPELINE_CORPUS; never copied into the repository), so every
format carries the same Chinese text:

- ``txt``: the reports as they are;
- ``md-plain``: the same paragraphs as Markdown without markup (blank-line separated);
- ``md-marked``: Markdown with what work plans use: headings, numbered and bulleted items,
  bold, inline code, links, hard breaks, and a task table (责任单位/完成时限) every 40
  paragraphs;
- ``html``: the paragraphs as <p> in a government page's frame (navigation, footer, script);
- ``corpus``: every file of the corpus as it is (.txt, .csv task tables, .jsonl, .sql, .md).

The floor is reading and decoding the same bytes and splitting them into lines: what any
ingest must at least do. Each figure is the best of ``--repeat`` passes, in MB/s of file
bytes, with its ratio to the floor. ``--tree DIR`` imports ``pipeline`` from another
checkout (e.g. a worktree of an older commit), so a before/after comparison runs the very
same inputs and command: run it once per tree.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def default_corpus() -> Path:
    env = os.environ.get("PIPELINE_CORPUS")
    return Path(env) if env else ROOT.parent / "shared" / "corpus"


def _paragraphs(corpus: Path) -> list[str]:
    out: list[str] = []
    for f in sorted(corpus.rglob("*.txt")):
        text = f.read_text(encoding="utf-8", errors="replace")
        out.extend(p.strip() for p in re.split(r"\n\s*\n|\n(?=\s{2,})", text) if p.strip())
    return out


def _marked(paragraphs: list[str]) -> str:
    lines: list[str] = []
    for i, p in enumerate(paragraphs):
        if i % 40 == 39:
            lines += ["| 序号 | 工作任务 | 责任单位 | 完成时限 |", "|---|---|---|---|"]
            lines += [f"| {n} | {p[:30]} | 区发改委 | {n + 1}月底前 |" for n in range(6)]
            lines.append("")
        if i % 12 == 0:
            lines.append(f"## {p[:18]}")
        elif i % 5 == 1:
            lines.append(f"{i % 9 + 1}. **{p[:6]}**{p[6:]}")
        elif i % 5 == 2:
            lines.append(f"- {p[:40]}  \n  {p[40:]}")
        elif i % 5 == 3:
            lines.append(f"{p[:20]}[附件](http://example.gov.cn/{i}.pdf)`{i}`{p[20:]}")
        else:
            lines.append(p)
        lines.append("")
    return "\n".join(lines)


def _html(paragraphs: list[str], start: int, stop: int) -> str:
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs[start:stop])
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>工作报告</title>"
        "<script>var a=1;</script></head><body><div class='nav'><a href='/'>首页</a>"
        "<a href='/zw'>政务公开</a></div><div class='content'>"
        f"{body}</div><div class='footer'>主办单位：某区人民政府办公室</div></body></html>"
    )


def write_inputs(corpus: Path, out: Path) -> dict[str, Path]:
    """One directory per format under ``out``; returns format -> directory."""
    paragraphs = _paragraphs(corpus)
    dirs = {name: out / name for name in ("txt", "md-plain", "md-marked", "html")}
    for d in dirs.values():
        d.mkdir(parents=True)
    per_file = 400
    for n, start in enumerate(range(0, len(paragraphs), per_file)):
        chunk = paragraphs[start : start + per_file]
        (dirs["txt"] / f"{n:03}.txt").write_text("\n".join(chunk), encoding="utf-8")
        (dirs["md-plain"] / f"{n:03}.md").write_text("\n\n".join(chunk), encoding="utf-8")
        (dirs["md-marked"] / f"{n:03}.md").write_text(_marked(chunk), encoding="utf-8")
        (dirs["html"] / f"{n:03}.html").write_text(
            _html(paragraphs, start, start + per_file), encoding="utf-8"
        )
    dirs["corpus"] = corpus
    return dirs


def _files(directory: Path) -> list[Path]:
    from pipeline.ingest import discover

    files, _skipped = discover([directory])
    return files


def floor(files: list[Path]) -> float:
    t0 = time.perf_counter()
    for f in files:
        data = f.read_bytes()
        try:
            data.decode("utf-8").splitlines()
        except UnicodeDecodeError:
            data.decode("gb18030", errors="replace").splitlines()
    return time.perf_counter() - t0


def ingest(files: list[Path], base: Path) -> float:
    from pipeline.errors import IngestError
    from pipeline.ingest import ingest_file

    t0 = time.perf_counter()
    for f in files:
        try:
            ingest_file(f, base_dir=base)
        except IngestError as exc:
            print(f"  skipped: {exc}", file=sys.stderr)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=default_corpus())
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--tree", type=Path, help="import pipeline from this checkout")
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"ingest_bench: corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    sys.path.insert(0, str((args.tree or ROOT).resolve()))
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        dirs = write_inputs(args.corpus, Path(tmp))
        print(
            f"{'format':<10} {'files':>5} {'MB':>6} {'floor MB/s':>11} {'ingest MB/s':>12} {'ratio':>6}"
        )
        for name, directory in dirs.items():
            files = _files(directory)
            size = sum(f.stat().st_size for f in files) / 1e6
            base = min(floor(files) for _ in range(args.repeat))
            took = min(ingest(files, directory) for _ in range(args.repeat))
            results[name] = {
                "files": len(files),
                "mb": size,
                "floor_mb_s": size / base,
                "ingest_mb_s": size / took,
                "ratio": base / took,
            }
            print(
                f"{name:<10} {len(files):>5} {size:>6.2f} {size / base:>11.1f} "
                f"{size / took:>12.2f} {base / took:>6.3f}"
            )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
