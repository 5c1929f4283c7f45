"""Benchmark kg build on synthetic Indonesian articles, next to a tokenizer-only pass over the same texts.

For each size it reports build throughput (articles/s, and per core), the ratio to the tokenizer-only
floor measured in the same run (so the comparison holds on a noisy machine), peak memory of the whole
process tree (proportional set size: pages the forked workers share with the parent count once), output
size, the time to add one article to an existing build (the median of ADDED articles added one after another,
and how many of them the build resolved alone instead of resolving every article again), and the rate of the per-article
stages alone on one core (a sample of 1,000 articles) with its own ratio to the floor.

    python scripts/benchmark.py                       # 100, 1,000 and 10,000 articles
    python scripts/benchmark.py --sizes 100000 -j 2   # the large run
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from kg.analyse import ner_pipeline, pipeline
from kg.synthetic import article, write_jsonl

ANALYSIS_SAMPLE = 1000  # articles of the one-core analysis measurement
ADDED = 3  # articles added one at a time to each finished build


def process_memory(pid: int) -> int:
    """Proportional set size (bytes) of a process: its private pages plus its share of pages it shares.
    Forked workers share the loaded models with the parent; summing resident sizes would count them again
    for every worker. Falls back to the resident size where smaps_rollup is missing."""
    for path, field in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            lines = Path(path).read_text().splitlines()
        except OSError:
            continue
        found = [int(line.split()[1]) * 1024 for line in lines if line.startswith(field)]
        if found:
            return found[0]
    return 0


def tree_memory(pid: int) -> int:
    """Memory (bytes, proportional set size) of a process and all its descendants, from /proc."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += process_memory(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return total


def run_measured(command: list[str]) -> tuple[float, int, subprocess.CompletedProcess]:
    """Wall time and peak tree memory of a command."""
    peak = 0
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done = threading.Event()

    def watch() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_memory(process.pid))
            time.sleep(0.2)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    out, err = process.communicate()
    seconds = time.monotonic() - started
    done.set()
    watcher.join()
    return seconds, peak, subprocess.CompletedProcess(command, process.returncode, out, err)


def tokenizer_floor(folder: Path) -> tuple[float, int, int]:
    """Seconds for kg's tokenizer alone over every article text; number of articles and words."""
    tokenizer = pipeline("id").tokenizer
    texts = []
    for path in sorted(folder.glob("*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    started = time.monotonic()
    for _ in tokenizer.pipe(texts, batch_size=256):
        pass
    return time.monotonic() - started, len(texts), sum(len(t.split()) for t in texts)


def analysis_rate(folder: Path, sample: int = ANALYSIS_SAMPLE) -> tuple[float, float]:
    """Articles/s of the per-article stages alone (clean, analyse, extract with the NER) on one core, and of
    the tokenizer over the same articles, on the first `sample` articles (in this process, same moment).
    Both start from a fresh tokenizer: the floor pass over the whole corpus has filled the cached one."""
    from kg.read import read_inputs
    from kg.worker import analyse_article, analysers

    documents: list = []
    for path in sorted(folder.glob("*.jsonl")):  # only as many files as the sample needs
        documents += read_inputs([path])[0]
        if len(documents) >= sample:
            break
    documents = documents[:sample]
    texts = [d.raw_text for d in documents]
    pipeline.cache_clear()
    ner_pipeline.cache_clear()
    analysers.cache_clear()
    tokenizer = pipeline("id").tokenizer
    started = time.monotonic()
    for _ in tokenizer.pipe(texts, batch_size=256):
        pass
    floor = time.monotonic() - started
    pipeline.cache_clear()
    ner_pipeline.cache_clear()  # it shares the pipeline's vocabulary
    analysers("id")  # a fresh pipeline; loading the models is not analysis
    started = time.monotonic()
    for document in documents:
        analyse_article(document)
    return len(documents) / (time.monotonic() - started), len(documents) / floor


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.glob("graph.*"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("-j", "--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--html", action="store_true", help="also write graph.html (off: RDF only)")
    parser.add_argument("--keep", type=Path, help="keep inputs and outputs in this folder")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    kg = [sys.executable, "-m", "kg"]
    rows = []
    for size in args.sizes:
        inputs, out = root / f"in-{size}", root / f"out-{size}"
        write_jsonl(inputs, size, seed=size)
        floor, count, words = tokenizer_floor(inputs)
        analysis, analysis_floor = analysis_rate(inputs)
        command = kg + ["build", str(inputs), "-o", str(out), "-q", "-j", str(args.workers)]
        if not args.html:
            command.append("--no-html")
        seconds, peak, proc = run_measured(command)
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
            return 1
        adds, alone = [], 0
        for n in range(ADDED):  # each a new file with an article whose id sorts after the others (news to come)
            with (inputs / f"added-{n}.jsonl").open("w", encoding="utf-8") as handle:
                handle.write(json.dumps(article(random.Random(n), size + n), ensure_ascii=False) + "\n")
            added, _, proc = run_measured([c for c in command if c != "-q"])
            if proc.returncode != 0:
                print(proc.stderr, file=sys.stderr)
                return 1
            adds.append(added)
            alone += "resolved against the last build" in proc.stderr
        incremental = f"{statistics.median(adds):.1f} ({alone}/{ADDED} alone)"
        rate = count / seconds
        rows.append((size, words / count, seconds, rate, rate / args.workers, count / floor,
                     seconds * args.workers / floor, peak / 2**20, size_of(out) / 2**20, incremental,
                     analysis, analysis_floor / analysis))
        print(f"... {size} articles done in {seconds:.1f} s", file=sys.stderr)
    print(f"\nkg build on synthetic articles ({args.workers} workers, {os.cpu_count()} cores; "
          f"RDF{' + HTML' if args.html else ''} output)\n")
    print("| articles | words/article | build s | articles/s | per core | tokenizer-only articles/s (1 core) "
          "| ratio to floor (core-s) | peak memory MB (PSS) | output MB | add one article s "
          "| analysis articles/s (1 core) | analysis / floor |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r[0]:,} | {r[1]:.0f} | {r[2]:.1f} | {r[3]:.0f} | {r[4]:.0f} | {r[5]:.0f} | {r[6]:.1f}x "
              f"| {r[7]:.0f} | {r[8]:.1f} | {r[9]} | {r[10]:.0f} | {r[11]:.1f}x |")
    print(f"\nanalysis: clean + analyse + extract (NER included) of the first {ANALYSIS_SAMPLE:,} articles on one "
          "core, next to the tokenizer over the same articles")
    print(f"\nfiles in {root}" if args.keep else "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
