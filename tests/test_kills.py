"""Kills leave a consistent set: the outputs are replaced together, a killed build's temporary files go with the
next build, workers die with the build, SIGTERM and Ctrl-C stop it cleanly, two builds never share a folder, and
outputs have the mode the umask gives."""
from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kg.cli import main
from kg.export import COMMIT_NAME, OutputSet, recover, write_atomic
from kg.state import STATE_NAME

NAMES = ("graph.trig", "graph.ttl", "graph.html")
ARTICLES = [
    "Menteri Pertahanan Prabowo Subianto bertemu Menteri Pertahanan Jepang di Jakarta pada Senin.",
    "Wakil Presiden Ma'ruf Amin menerima Duta Besar Korea Selatan di Istana Wapres pada Kamis.",
    "Menteri Luar Negeri Retno Marsudi menelepon Menteri Luar Negeri Kanada pada Jumat pagi.",
    "Gubernur Bank Indonesia mengatakan inflasi akan turun tahun depan, katanya di Bandung.",
]


@pytest.fixture(scope="module")
def sample_set(tmp_path_factory) -> dict[str, bytes]:
    """The outputs of a clean build of the sample (with graph.trig)."""
    out = tmp_path_factory.mktemp("clean")
    assert main(["build", "--sample", "-o", str(out), "-q", "--no-cache", "--trig"]) == 0
    return {name: (out / name).read_bytes() for name in NAMES}


def plant_old_set(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name in NAMES:
        (out / name).write_bytes(b"old " + name.encode())


def temp_files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*.tmp"))


def run_python(code: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def wait_for(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.05)


# --- the umask


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_outputs_have_the_mode_the_umask_gives(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        write_atomic(tmp_path / "one.txt", "satu")
        with OutputSet(tmp_path) as outputs:
            outputs.write("two.txt", "dua")
    finally:
        os.umask(old)
    for name in ("one.txt", "two.txt"):
        assert (tmp_path / name).stat().st_mode & 0o777 == mode


def test_a_build_writes_its_outputs_with_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        assert main(["build", "--sample", "-o", str(tmp_path / "out"), "-q", "--no-html", "--trig"]) == 0
    finally:
        os.umask(old)
    for name in ("graph.trig", "graph.ttl", STATE_NAME):
        assert (tmp_path / "out" / name).stat().st_mode & 0o777 == 0o644


# --- the outputs replaced as a set


def test_a_set_is_renamed_only_when_complete(tmp_path):
    plant_old_set(tmp_path)
    with pytest.raises(RuntimeError), OutputSet(tmp_path) as outputs:
        outputs.write("graph.trig", "baru")
        outputs.write("graph.ttl", "baru")
        raise RuntimeError("the page failed")
    assert [(tmp_path / name).read_bytes() for name in NAMES] == [b"old " + n.encode() for n in NAMES]
    assert temp_files(tmp_path) == [] and not (tmp_path / COMMIT_NAME).exists()


def test_recover_finishes_a_commit_a_kill_interrupted(tmp_path):
    plant_old_set(tmp_path)
    (tmp_path / "graph.trig").write_text("new trig")  # renamed before the kill
    for name in ("graph.ttl", "graph.html"):
        (tmp_path / f".{name}.abcd1234.tmp").write_text(f"new {name}")
    (tmp_path / COMMIT_NAME).write_text(json.dumps({"renames": [[f".{n}.abcd1234.tmp", n] for n in NAMES]}))
    assert recover(tmp_path)
    assert [(tmp_path / name).read_text() for name in NAMES] == ["new trig", "new graph.ttl", "new graph.html"]
    assert temp_files(tmp_path) == [] and not (tmp_path / COMMIT_NAME).exists()
    assert not recover(tmp_path)


def test_files_a_set_removes_go_with_the_commit_only(tmp_path):
    plant_old_set(tmp_path)
    with pytest.raises(RuntimeError), OutputSet(tmp_path) as outputs:
        outputs.write("graph.ttl", "baru")
        assert outputs.remove("graph.trig") and not outputs.remove("missing.txt")
        raise RuntimeError("the build failed")
    assert (tmp_path / "graph.trig").read_bytes() == b"old graph.trig"  # a failed set removes nothing
    with OutputSet(tmp_path) as outputs:
        outputs.write("graph.ttl", "baru")
        outputs.remove("graph.trig")
        assert (tmp_path / "graph.trig").exists()  # not before the commit
    assert sorted(os.listdir(tmp_path)) == ["graph.html", "graph.ttl"]


def test_recover_makes_the_removals_a_kill_left(tmp_path):
    plant_old_set(tmp_path)
    (tmp_path / COMMIT_NAME).write_text(json.dumps({"renames": [], "removals": ["graph.trig", "gone.txt"]}))
    assert recover(tmp_path)
    assert sorted(os.listdir(tmp_path)) == ["graph.html", "graph.ttl"]


@pytest.mark.parametrize("removals", [["../graph.ttl"], [".kg-build.state"], [""], "graph.ttl"])
def test_recover_removes_nothing_a_planted_journal_asks_for(tmp_path, removals):
    plant_old_set(tmp_path)
    (tmp_path / COMMIT_NAME).write_text(json.dumps({"renames": [], "removals": removals}))
    assert not recover(tmp_path)
    assert sorted(os.listdir(tmp_path)) == sorted(NAMES)


@pytest.mark.parametrize("renames", [[["../outside.abcd1234.tmp", "graph.ttl"]],  # not a temp file of ours
                                     [[".graph.ttl.abcd1234.tmp", "../graph.ttl"]],  # out of the folder
                                     [[".notes.abcd1234.tmp", "graph.ttl"]],  # another name's
                                     "not a list"])
def test_recover_makes_no_rename_a_planted_journal_asks_for(tmp_path, renames):
    plant_old_set(tmp_path)
    for tmp in (".graph.ttl.abcd1234.tmp", ".notes.abcd1234.tmp"):
        (tmp_path / tmp).write_text("planted")
    (tmp_path / COMMIT_NAME).write_text(json.dumps({"renames": renames}))
    assert not recover(tmp_path)
    assert (tmp_path / "graph.ttl").read_bytes() == b"old graph.ttl" and not (tmp_path / COMMIT_NAME).exists()


def test_a_build_killed_between_renames_leaves_a_set_the_next_build_completes(tmp_path, sample_set):
    out = tmp_path / "out"
    plant_old_set(out)
    # the build is killed (os._exit: no clean-up runs) right after its first output is renamed
    proc = run_python("""
        import os, sys
        real = os.replace
        def replace(src, dst):
            real(src, dst)
            if os.path.basename(dst) in ("graph.trig", "graph.ttl", "graph.html"):
                os._exit(137)
        os.replace = replace
        from kg.cli import main
        sys.exit(main(["build", "--sample", "-o", sys.argv[1], "-q", "--no-cache", "--trig"]))
    """, str(out))
    proc.communicate(timeout=120)
    assert proc.returncode == 137
    contents = [(out / name).read_bytes() for name in NAMES]
    assert sum(content.startswith(b"old ") for content in contents) == 2  # a mixed set, and the journal
    assert (out / COMMIT_NAME).exists()
    # the next build (here only the start of it: no input) first completes the set
    assert main(["build", str(tmp_path / "no-such-input"), "-o", str(out), "-q"]) == 2
    assert {name: (out / name).read_bytes() for name in NAMES} == sample_set
    assert temp_files(out) == [] and not (out / COMMIT_NAME).exists()


def test_a_build_without_trig_killed_before_removing_the_old_one_is_completed(tmp_path, sample_set):
    """The old graph.trig goes with the set: after a kill between the renames and its removal, the next build
    removes it (the folder never keeps it beside the new graph.ttl)."""
    out = tmp_path / "out"
    plant_old_set(out)
    # the build is killed (os._exit: no clean-up runs) when it is about to remove the old graph.trig
    proc = run_python("""
        import os, pathlib, sys
        real = pathlib.Path.unlink
        def unlink(path, missing_ok=False):
            if path.name == "graph.trig":
                os._exit(137)
            real(path, missing_ok=missing_ok)
        pathlib.Path.unlink = unlink
        from kg.cli import main
        sys.exit(main(["build", "--sample", "-o", sys.argv[1], "-q", "--no-cache"]))
    """, str(out))
    proc.communicate(timeout=120)
    assert proc.returncode == 137
    assert (out / "graph.trig").read_bytes() == b"old graph.trig" and (out / COMMIT_NAME).exists()
    assert main(["build", str(tmp_path / "no-such-input"), "-o", str(out), "-q"]) == 2
    assert sorted(os.listdir(out)) == [".kg-build.lock", "graph.html", "graph.ttl"]
    assert [(out / name).read_bytes() for name in ("graph.ttl", "graph.html")] == [sample_set["graph.ttl"],
                                                                                  sample_set["graph.html"]]


# --- stale temporary files


def test_the_next_build_removes_the_temporary_files_a_killed_build_left(tmp_path):
    out = tmp_path / "out"
    assert main(["build", "--sample", "-o", str(out), "-q", "--no-html"]) == 0
    key_folder = next(p for p in (out / ".kg-cache").iterdir() if p.is_dir())
    ours = [out / ".graph.trig.x1y2z3w4.tmp", out / ".graph.html.abcdefgh.tmp", out / f".{STATE_NAME}.a_b_c_d_.tmp",
            out / "..kg-commit.json.12345678.tmp", key_folder / f".{'ab' * 32}.entry.qwertyui.tmp"]
    foreign = [out / ".notes.abcdefgh.tmp", out / "graph.ttl.tmp", out / ".graph.ttl.too-long-part.tmp",
               key_folder / "mine.tmp"]
    for path in ours + foreign:
        path.write_bytes(b"x" * 100)
    assert main(["build", "--sample", "-o", str(out), "-q", "--no-html"]) == 0
    assert [p for p in ours if p.exists()] == []
    assert [p for p in foreign if not p.exists()] == []


# --- signals and workers


SLOW_PAGE = """
    import sys, time
    from pathlib import Path
    import kg.export.html
    def to_html(graph):  # the build stops here, with graph.ttl written to a temporary file
        Path(sys.argv[2]).write_text("writing")
        time.sleep(60)
    kg.export.html.to_html = to_html
    from kg.cli import main
    sys.exit(main(["build", "--sample", "-o", sys.argv[1], "-q"]))
"""


@pytest.mark.parametrize(("signum", "code", "message"), [(signal.SIGTERM, 143, "kg: error: terminated"),
                                                         (signal.SIGINT, 130, "kg: error: interrupted")])
def test_a_signal_stops_a_build_cleanly(tmp_path, signum, code, message):
    out, marker = tmp_path / "out", tmp_path / "marker"
    plant_old_set(out)
    proc = run_python(SLOW_PAGE, str(out), str(marker))
    try:
        wait_for(marker.exists)
        assert len(temp_files(out)) == 1  # graph.ttl, not yet renamed
        proc.send_signal(signum)
        _, stderr = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == code
    assert "Traceback" not in stderr and stderr.strip().splitlines()[-1].startswith(message)
    assert temp_files(out) == []
    # the old set whole, its graph.trig included (that a build without --trig removes it only when it completes)
    assert [(out / name).read_bytes() for name in NAMES] == [b"old " + n.encode() for n in NAMES]


SLOW_WORKERS = """
    import os, sys, time
    from pathlib import Path
    import kg.worker
    def analyse_chunk(documents, lang_code):  # runs in the (forked) pool workers
        Path(sys.argv[2], str(os.getpid())).write_text("working")
        time.sleep(60)
    kg.worker.analyse_chunk = analyse_chunk
    from kg.cli import main
    sys.exit(main(["build", sys.argv[3], "-o", sys.argv[1], "-q", "-j", "2", "--no-cache"]))
"""


def gone(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] in ("Z", "X")
    except (FileNotFoundError, ProcessLookupError):
        return True


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM])
def test_workers_die_with_the_build(tmp_path, signum):
    articles, pids = tmp_path / "in", tmp_path / "pids"
    articles.mkdir()
    pids.mkdir()
    for n, text in enumerate(ARTICLES):
        (articles / f"a{n}.txt").write_text(text, encoding="utf-8")
    proc = run_python(SLOW_WORKERS, str(tmp_path / "out"), str(pids), str(articles))
    workers: list[int] = []
    try:
        wait_for(lambda: len(list(pids.iterdir())) == 2)
        workers = [int(p.name) for p in pids.iterdir()]
        proc.send_signal(signum)
        proc.communicate(timeout=30)
        wait_for(lambda: all(gone(pid) for pid in workers), seconds=10)
    finally:
        proc.kill()
        for pid in workers:
            if not gone(pid):
                os.kill(pid, signal.SIGKILL)
    assert proc.returncode == (-signal.SIGKILL if signum == signal.SIGKILL else 143)


# --- one build at a time


def test_a_second_build_into_the_same_folder_exits_3(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".kg-build.lock", "a+b") as running:  # as a running build holds it
        fcntl.flock(running.fileno(), fcntl.LOCK_EX)
        assert main(["build", "--sample", "-o", str(out), "-q"]) == 3
    assert capsys.readouterr().err.strip().splitlines() == [
        f"kg: error: {out}: another kg build is writing into this folder"]
    assert not (out / "graph.ttl").exists()
    assert main(["build", "--sample", "-o", str(out), "-q", "--no-html"]) == 0  # once it is done
