"""What builds leave for the next one (the article cache, the build state) is data: a planted pickle runs nothing,
and a damaged, truncated or foreign file is discarded with a warning naming it; the build still gives the bytes
a clean build gives."""
import dataclasses
import logging
import os
import pickle
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from kg.pipeline import build
from kg.synthetic import write_jsonl

OUTPUTS = ("graph.trig", "graph.ttl", "graph.html")
GARBAGE = {
    "random bytes": lambda data: os.urandom(len(data)),
    "a pickle of an unsupported protocol": lambda data: b"\x80\x09" + data[2:],
    "truncated": lambda data: data[: len(data) // 2],
    "empty": lambda data: b"",
    "foreign magic": lambda data: b"not-kg!!" + data[8:],
}


def outputs(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in OUTPUTS if (folder / name).exists()}


def state_files(out: Path) -> list[Path]:
    """The build state files in out (any format; not the lock a build holds)."""
    return sorted(p for p in out.glob(".kg-build.*") if p.suffix != ".lock")


def cache_entries(out: Path) -> list[Path]:
    return sorted(p for p in (out / ".kg-cache").rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A few synthetic articles in several files, their clean outputs, and a built output folder to copy."""
    root = tmp_path_factory.mktemp("state")
    folder = root / "news"
    write_jsonl(folder, 12, seed=7, per_file=3)
    clean = {}
    for html in (False, True):
        build([folder], root / f"clean-{html}", progress=False, html=html, cache=False)
        clean[html] = outputs(root / f"clean-{html}")
    build([folder], root / "built", progress=False, html=False)
    return folder, clean, root / "built"


@pytest.fixture
def built(corpus, tmp_path):
    folder, clean, template = corpus
    out = tmp_path / "out"
    shutil.copytree(template, out)
    return folder, clean, out


@pytest.fixture
def warned():
    """The warnings kg logs (its logger may not propagate once the CLI has configured it)."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = records.append
    logger = logging.getLogger("kg")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    yield records
    logger.removeHandler(handler)
    logger.setLevel(level)


class Planted:
    """A pickle that, if loaded, creates a marker file."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return open, (str(self.marker), "w")


@pytest.mark.parametrize("html", [False, True])
def test_a_planted_pickle_in_the_state_or_the_cache_runs_nothing(built, tmp_path, html, warned):
    folder, clean, out = built
    marker = tmp_path / "marker"
    payload = pickle.dumps(Planted(marker))
    for path in [*state_files(out), out / ".kg-build.pickle"]:
        path.write_bytes(payload)
    for entry in cache_entries(out):  # each entry, and a pickle beside it where an older kg kept its entries
        entry.write_bytes(payload)
        entry.with_suffix(".pickle").write_bytes(payload)
    build([folder], out, progress=False, html=html)
    assert not marker.exists()
    assert outputs(out) == clean[html]
    assert not list((out / ".kg-cache").rglob("*.pickle"))  # the old pickles are removed, never loaded
    assert not (out / ".kg-build.pickle").exists()  # removed by the state's loader, never unpickled
    assert any(".kg-cache" in r.getMessage() and "earlier kg" in r.getMessage() for r in warned)


@pytest.mark.parametrize("damage", GARBAGE)
def test_a_damaged_cache_entry_is_discarded_with_a_warning_and_analysed_again(built, damage, warned):
    folder, clean, out = built
    entries = cache_entries(out)
    entry = entries[len(entries) // 2]
    entry.write_bytes(GARBAGE[damage](entry.read_bytes()))
    result = build([folder], out, progress=False, html=True)
    assert outputs(out) == clean[True]
    assert result.analysed == 1 and result.reused == len(entries) - 1
    assert [r.getMessage() for r in warned if str(entry) in r.getMessage()]
    assert all("\n" not in r.getMessage() for r in warned)
    assert build([folder], out, progress=False, html=True).analysed == 0  # the entry was written anew


def test_a_forged_length_in_a_well_formed_entry_claims_no_memory(built, warned):
    folder, clean, out = built
    entry = cache_entries(out)[0]
    # a msgpack str32 claiming 4 GB, under a header that matches it (kg's layout: magic, version, length, CRC-32)
    body = b"\xdb\xff\xff\xff\xff" + b"x" * 16
    header = b"kg-cache" + (1).to_bytes(2, "big") + len(body).to_bytes(8, "big") + zlib.crc32(body).to_bytes(4, "big")
    entry.write_bytes(header + body)
    result = build([folder], out, progress=False, html=True)
    assert outputs(out) == clean[True] and result.analysed == 1
    assert any(str(entry) in r.getMessage() for r in warned)


@pytest.mark.parametrize("damage", GARBAGE)
def test_a_damaged_state_file_means_a_warning_and_a_full_build(corpus, tmp_path, damage, warned):
    folder, clean, _ = corpus
    out = tmp_path / "out"
    build([folder], out, progress=False, html=False)
    [state] = state_files(out)
    state.write_bytes(GARBAGE[damage](state.read_bytes()))
    result = build([folder], out, progress=False, html=False)
    assert outputs(out) == clean[False] and result.added is None
    assert [r.getMessage() for r in warned if str(state) in r.getMessage()]
    assert build([folder], out, progress=False, html=False).added == 0  # a state was saved anew


def test_kg_build_warns_in_one_line_naming_the_entry_and_succeeds(built):
    folder, clean, out = built
    entry = cache_entries(out)[-1]
    entry.write_bytes(os.urandom(4096))
    proc = subprocess.run([sys.executable, "-m", "kg", "build", str(folder), "-o", str(out), "--no-html"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert [line for line in proc.stderr.splitlines() if line.startswith(f"kg: warning: {entry}: ")]
    assert outputs(out) == clean[False]


# -- round trips -------------------------------------------------------------------------------------------

def test_cache_records_round_trip(corpus):
    from kg import codec
    from kg.read import read_inputs
    from kg.worker import analyse_article

    folder, _, _ = corpus
    documents, _ = read_inputs([folder])
    for document in documents:
        result = analyse_article(document)
        back = codec.decode(codec.CACHE_MAGIC, codec.encode(codec.CACHE_MAGIC, codec.result_data(result)),
                            codec.result_from)
        assert back == result
        # drafts and pronouns point to the result's own mentions, as they did before saving
        listed = {id(m) for m in back.mentions}
        assert all(id(m) in listed for d in back.drafts for m in d.actors)
        assert all(id(m.antecedent) in listed for m in back.mentions if m.antecedent is not None)


def filled(cls, **given):
    """An instance of a dataclass with no field at its default, so that a field the codec forgets shows."""
    values = {}
    for n, f in enumerate(dataclasses.fields(cls)):
        if f.name in given:
            values[f.name] = given[f.name]
            continue
        kind = str(f.type)
        if kind.startswith("list[tuple"):
            values[f.name] = [(n, n + 1, n + 2)]
        elif kind.startswith("list"):
            values[f.name] = [f"{f.name}-{n}"]
        elif kind.startswith("tuple"):
            values[f.name] = (n, n + 1)
        elif kind.startswith("dict"):
            values[f.name] = {f"k{n}": f"v{n}"}
        elif kind == "bool":
            values[f.name] = True
        elif kind.startswith("int"):
            values[f.name] = 100 + n
        else:
            values[f.name] = f"{f.name}-\udcff-{n}"  # a lone surrogate, as a file name may carry one
    return cls(**values)


def test_every_field_of_every_record_survives(tmp_path):
    from kg import codec
    from kg.extract import Draft
    from kg.kinds.sanction import SanctionAttrs
    from kg.model import DateValue, Document, Evidence, Mention
    from kg.read import FileRecord
    from kg.worker import ArticleResult

    target = filled(Mention, antecedent=None)
    pronoun = filled(Mention, antecedent=target)
    extra = filled(Mention, antecedent=None, text="only in a draft")
    date = filled(DateValue)
    draft = filled(Draft, kind="statement", evidence=filled(Evidence), actors=[pronoun], addressees=[extra],
                   about=[target], place=target, date=date, news_day=date, attrs={"quote": None, "cameo": "010"})
    # a kind with typed attrs comes back with its own attrs type
    sanction = filled(Draft, kind="sanction", evidence=filled(Evidence), actors=[target], addressees=[extra],
                      about=[], place=None, date=date, news_day=None, attrs=filled(SanctionAttrs))
    result = ArticleResult(filled(Document), [target, pronoun], [draft, sanction])
    data = codec.encode(codec.CACHE_MAGIC, codec.result_data(result))
    assert codec.decode(codec.CACHE_MAGIC, data, codec.result_from) == result
    record = filled(FileRecord, stamp=(1, 2, 3), metadata=None, articles=[("a", "b", "c")], skipped=4)
    data = codec.encode(codec.STATE_MAGIC, codec.file_record_data(record))
    assert codec.decode(codec.STATE_MAGIC, data, codec.file_record_from) == record


def test_the_state_round_trips(corpus, tmp_path):
    from kg import codec
    from kg.iris import DEFAULT_BASE
    from kg.resolve import Resolver
    from kg.state import STATE_NAME, BuildState

    folder, _, _ = corpus
    out = tmp_path / "out"
    build([folder], out, progress=False, html=False)
    state = BuildState.load(out, "id", DEFAULT_BASE)
    assert state is not None and (out / STATE_NAME).is_file()
    data = codec.encode(codec.STATE_MAGIC, state.to_data())
    back = codec.decode(codec.STATE_MAGIC, data, BuildState.from_data)
    resolver, again = vars(state.resolver), vars(back.resolver)
    saved = {k for k in resolver if k not in Resolver.TRANSIENT}
    assert saved == set(Resolver.SAVED) == set(again) - set(Resolver.TRANSIENT)
    assert {k: again[k] for k in saved} == {k: resolver[k] for k in saved}
    assert type(again["last_names"]) is type(resolver["last_names"])
    back.resolver = state.resolver
    assert back == state
