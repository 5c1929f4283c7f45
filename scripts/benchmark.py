"""Benchmark kg build on synthetic Indonesian articles, next to a tokenizer-only pass over the same texts.

For each size it reports build throughput (articles/s, and per core), the ratio to the tokenizer-only
floor measured in the same run (so the comparison holds on a noisy machine), peak memory of the whole
process tree (proportional set size: pages the forked workers share with the parent count once), output
size (graph.ttl, kg build's default; with --trig graph.trig too), the time to add one article to an existing
build (the median of ADDED articles added one after another, and how many of them the build resolved alone
instead of resolving every article again), and the rate of the per-article stages alone on one core (a sample
of 1,000 articles) with its own ratio to the floor.

It then times loading what a 100,000-article build keeps for the next one (the build state and the article
cache entries), in kg's format (kg.codec, msgpack) next to the pickles earlier versions wrote: the state and
entries of a real build of LOAD_BASE articles, copied under new names up to the size.

    python scripts/benchmark.py                       # 100, 1,000 and 10,000 articles, then the load times
    python scripts/benchmark.py --sizes 100000 -j 2   # the large run
    python scripts/benchmark.py --sizes               # the load times alone
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from kg import codec
from kg.analyse import ner_pipeline, pipeline
from kg.iris import DEFAULT_BASE
from kg.pipeline import build
from kg.state import BuildState
from kg.synthetic import article, write_jsonl

ANALYSIS_SAMPLE = 1000  # articles of the one-core analysis measurement
ADDED = 3  # articles added one at a time to each finished build
LOAD_ARTICLES = 100_000  # articles of the state and cache whose load is timed
LOAD_BASE = 1_000  # articles really built for it; their state and entries are copied under new names
LOAD_REPEATS = 3  # each load is timed this many times, the formats alternating; the best counts


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


def tagged(value: object, copy: int) -> object:
    """A state's data with every string renamed for one copy (numbers kept): a copy is new articles, files
    and entities with the same shape."""
    if isinstance(value, str):
        return f"{value}~{copy}"
    if isinstance(value, (list, tuple)):
        return type(value)(tagged(v, copy) for v in value)
    if isinstance(value, dict):
        return {tagged(k, copy): tagged(v, copy) for k, v in value.items()}
    return value


def combined(parts: list) -> object:
    """Copies of one record or table as one: lists joined, maps merged, records field by field."""
    first = parts[0]
    if isinstance(first, list):
        return [item for part in parts for item in part]
    if isinstance(first, dict):
        return {k: v for part in parts for k, v in part.items()}
    if isinstance(first, tuple):
        return tuple(combined(list(fields)) for fields in zip(*parts, strict=True))
    return first


def scaled_state(state: BuildState, copies: int) -> BuildState:
    """The state of `copies` times the articles, files and entities of `state`."""
    data = state.to_data()
    big = combined([tagged(data, k) for k in range(copies)])
    return BuildState.from_data((*data[:2], *big[2:7], *data[7:]))  # type: ignore[misc]


def seconds(load: Callable[[], object]) -> float:
    started = time.perf_counter()
    load()
    return time.perf_counter() - started


def load_times(root: Path, articles: int, base: int) -> list[tuple[str, int, int, float, float]]:
    """(what, pickle bytes, kg bytes, pickle load s, kg load s) of a build state and of the cache entries of
    `articles` articles, made from a real build of `base` synthetic articles."""
    inputs, out = root / f"in-load-{base}", root / f"out-load-{base}"
    write_jsonl(inputs, base, seed=base)
    build([inputs], out, progress=False, html=False)
    state = BuildState.load(out, "id", DEFAULT_BASE)
    assert state is not None, "the build left no state"
    big = scaled_state(state, -(-articles // base))
    files = {"pickle": root / "state.pickle", "kg": root / "state.kg"}
    files["pickle"].write_bytes(pickle.dumps(big, protocol=pickle.HIGHEST_PROTOCOL))  # what kg wrote before
    codec.write(files["kg"], codec.STATE_MAGIC, big.to_data())
    del big

    def pickled_state() -> object:
        with files["pickle"].open("rb") as handle:
            return pickle.load(handle)

    def kg_state() -> object:
        return codec.read(files["kg"], codec.STATE_MAGIC, BuildState.from_data, "")

    entries = [p.read_bytes() for p in sorted((out / ".kg-cache").rglob("*.entry"))]
    results = [codec.decode(codec.CACHE_MAGIC, e, codec.result_from) for e in entries]
    pickled = [pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL) for r in results]
    counts = [articles // len(entries) + (n < articles % len(entries)) for n in range(len(entries))]

    def pickled_cache() -> None:
        for data, count in zip(pickled, counts, strict=True):
            for _ in range(count):
                pickle.loads(data)

    def kg_cache() -> None:
        for data, count in zip(entries, counts, strict=True):
            for _ in range(count):
                codec.decode(codec.CACHE_MAGIC, data, codec.result_from)

    timed = {name: [] for name in ("pickled_state", "kg_state", "pickled_cache", "kg_cache")}
    for _ in range(LOAD_REPEATS):
        for name, load in (("pickled_state", pickled_state), ("kg_state", kg_state),
                           ("pickled_cache", pickled_cache), ("kg_cache", kg_cache)):
            timed[name].append(seconds(load))
    sizes = [sum(len(d) * c for d, c in zip(blobs, counts, strict=True)) for blobs in (pickled, entries)]
    return [("build state", files["pickle"].stat().st_size, files["kg"].stat().st_size, min(timed["pickled_state"]),
             min(timed["kg_state"])),
            (f"cache entries ({articles:,}, from memory)", sizes[0], sizes[1], min(timed["pickled_cache"]),
             min(timed["kg_cache"]))]


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.glob("graph.*"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 10000])
    parser.add_argument("--load-articles", type=int, default=LOAD_ARTICLES,
                        help="articles of the state and cache whose load is timed (0: none)")
    parser.add_argument("--load-base", type=int, default=LOAD_BASE, help="articles really built for it")
    parser.add_argument("-j", "--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--html", action="store_true", help="also write graph.html (off: RDF only)")
    parser.add_argument("--trig", action="store_true",
                        help="also write graph.trig (off: graph.ttl only, kg build's default; about doubles output MB)")
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
        if args.trig:
            command.append("--trig")
        seconds, peak, proc = run_measured(command)
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
            return 1
        adds, alone = [], 0
        for n in range(ADDED):  # each a new file with an article whose id sorts after the others (news to come)
            with (inputs / f"added-{n}.jsonl").open("w", encoding="utf-8") as handle:
                handle.write(json.dumps(article(random.Random(n), size + n), ensure_ascii=False) + "\n")
            # timed alone: reading the memory of a big process every 0.2 s (run_measured) holds its memory map's
            # lock and slows it down by about a second here
            started = time.monotonic()
            proc = subprocess.run([c for c in command if c != "-q"], capture_output=True, text=True)
            added = time.monotonic() - started
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
    if rows:
        print_builds(rows, args)
    if args.load_articles:
        print_loads(load_times(root, args.load_articles, args.load_base), args)
    print(f"\nfiles in {root}" if args.keep else "")
    return 0


def print_builds(rows: list[tuple], args: argparse.Namespace) -> None:
    print(f"\nkg build on synthetic articles ({args.workers} workers, {os.cpu_count()} cores; "
          f"{'graph.ttl + graph.trig' if args.trig else 'graph.ttl'}{' + HTML' if args.html else ''} output)\n")
    print("| articles | words/article | build s | articles/s | per core | tokenizer-only articles/s (1 core) "
          "| ratio to floor (core-s) | peak memory MB (PSS) | output MB | add one article s "
          "| analysis articles/s (1 core) | analysis / floor |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r[0]:,} | {r[1]:.0f} | {r[2]:.1f} | {r[3]:.0f} | {r[4]:.0f} | {r[5]:.0f} | {r[6]:.1f}x "
              f"| {r[7]:.0f} | {r[8]:.1f} | {r[9]} | {r[10]:.0f} | {r[11]:.1f}x |")
    print(f"\nanalysis: clean + analyse + extract (NER included) of the first {ANALYSIS_SAMPLE:,} articles on one "
          "core, next to the tokenizer over the same articles")


def print_loads(rows: list[tuple[str, int, int, float, float]], args: argparse.Namespace) -> None:
    print(f"\nloading what a build of {args.load_articles:,} articles keeps (copies of a {args.load_base:,}-article "
          f"build's; best of {LOAD_REPEATS})\n")
    print("| file | pickle MB | kg format MB | pickle load s | kg format load s | kg / pickle |")
    print("|---|---:|---:|---:|---:|---:|")
    for what, pickle_size, kg_size, pickle_s, kg_s in rows:
        print(f"| {what} | {pickle_size / 2**20:.1f} | {kg_size / 2**20:.1f} | {pickle_s:.2f} | {kg_s:.2f} "
              f"| {kg_s / pickle_s:.2f} |")


if __name__ == "__main__":
    sys.exit(main())
