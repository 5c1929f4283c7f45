import os
import subprocess
import sys

import pytest

from kg.cli import main


def run_kg(*args):
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=300)


def test_help_explains_every_option(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "build" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    text = capsys.readouterr().out
    for option in ("--out", "--sample", "--base-iri", "--lang", "--no-html", "--trig", "--quiet", "metadata.csv"):
        assert option in text


def test_build_writes_outputs_and_summary(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Menlu Retno Marsudi bertemu Menlu Wang Yi di Bali pada Senin.",
                                           encoding="utf-8")
    proc = run_kg("build", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    assert "1 articles read, 0 skipped" in proc.stderr and "edges" in proc.stderr
    assert sorted(n for n in os.listdir(tmp_path / "out") if not n.startswith(".")) == ["graph.html", "graph.ttl"]
    proc = run_kg("build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--trig")
    assert proc.returncode == 0, proc.stderr
    assert sorted(n for n in os.listdir(tmp_path / "out") if not n.startswith(".")) == ["graph.html", "graph.trig",
                                                                                   "graph.ttl"]
    assert f"wrote {tmp_path / 'out' / 'graph.ttl'}, {tmp_path / 'out' / 'graph.trig'}," in proc.stderr
    proc = run_kg("build", str(tmp_path / "in"), "-o", str(tmp_path / "out"))  # the stale graph.trig goes, said so
    assert proc.returncode == 0 and not (tmp_path / "out" / "graph.trig").exists()
    assert f"kg: warning: {tmp_path / 'out' / 'graph.trig'}: an earlier build's, removed" in proc.stderr


def test_missing_input_is_one_line_and_exit_2(tmp_path):
    proc = run_kg("build", str(tmp_path / "nope"), "-o", str(tmp_path / "out"))
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [f"kg: error: {tmp_path / 'nope'}: no such file or folder"]


def test_empty_folder_exit_2(tmp_path):
    (tmp_path / "empty").mkdir()
    proc = run_kg("build", str(tmp_path / "empty"), "-o", str(tmp_path / "out"))
    assert proc.returncode == 2 and "no articles found" in proc.stderr and "Traceback" not in proc.stderr


def test_unwritable_output_exit_3(tmp_path):
    (tmp_path / "a.txt").write_text("Isi berita yang cukup panjang.", encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    proc = run_kg("build", str(tmp_path / "a.txt"), "-o", str(blocker / "out"))
    assert proc.returncode == 3 and "cannot create output folder" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_bad_article_is_warned_and_skipped(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text("Presiden Joko Widodo tiba di Kyiv.", encoding="utf-8")
    (tmp_path / "in" / "bad.jsonl").write_text("{oops\n", encoding="utf-8")
    proc = run_kg("build", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert proc.returncode == 0
    assert "bad.jsonl:1: malformed JSON" in proc.stderr and "1 skipped" in proc.stderr


def test_failed_write_leaves_no_partial_file(tmp_path, monkeypatch):
    from kg import export
    target = tmp_path / "graph.ttl"
    target.write_text("old", encoding="utf-8")

    def failing_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export.os, "replace", failing_replace)
    with pytest.raises(OSError):
        export.write_atomic(target, "new content")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_sample_flag(tmp_path):
    assert main(["build", "--sample", "-o", str(tmp_path / "s"), "-q", "--no-html"]) == 0
    assert (tmp_path / "s" / "graph.ttl").stat().st_size > 1000
    assert not (tmp_path / "s" / "graph.html").exists()


def test_html_view_options(tmp_path):
    out = tmp_path / "focused"
    assert main(["build", "--sample", "-o", str(out), "-q", "--focus", "Kyiv", "--hops", "1"]) == 0
    focused = (out / "graph.html").read_text(encoding="utf-8")
    full_dir = tmp_path / "full"
    assert main(["build", "--sample", "-o", str(full_dir), "-q"]) == 0
    full = (full_dir / "graph.html").read_text(encoding="utf-8")
    assert "Kyiv" in focused and len(focused) < len(full)
    assert (out / "graph.ttl").read_bytes() == (full_dir / "graph.ttl").read_bytes()  # the RDF is never narrowed
    proc = run_kg("build", "--sample", "-o", str(tmp_path / "bad"), "--focus", "Nobody Atall")
    assert proc.returncode == 2 and "no entity matches 'Nobody Atall'" in proc.stderr
