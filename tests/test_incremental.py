"""Adding articles to a build with a cache (with or without the page): the new articles are resolved against the
saved entities when they cannot change the old ones, else every article is resolved again; either way the files
are byte for byte those a fresh build writes."""
import json
import random
import shutil

import pytest

from kg import codec
from kg.pipeline import build
from kg.state import PAGE_STATE_NAME, STATE_NAME
from kg.synthetic import article


def outputs(folder):
    """The files of a build folder (graph.trig and graph.html only when there are)."""
    return {name: (folder / name).read_bytes() for name in ("graph.trig", "graph.ttl", "graph.html")
            if (folder / name).exists()}


def fresh(folder, tmp_path, trig=False, html=False, view=None):
    out = tmp_path / "fresh"
    shutil.rmtree(out, ignore_errors=True)
    build([folder], out, progress=False, html=html, cache=False, trig=trig, view=view)
    return outputs(out)


def rebuild(folder, out, workers=1, trig=False, html=False, view=None):
    return build([folder], out, progress=False, html=html, workers=workers, trig=trig, view=view)


@pytest.fixture
def news(tmp_path):
    folder = tmp_path / "news"  # the graph records sources by folder name: the same for every build here
    folder.mkdir()
    (folder / "a1.txt").write_text(
        "Presiden Joko Widodo bertemu Perdana Menteri Australia Anthony Albanese di Jakarta pada Senin (6/6/2022). "
        "“Kami sepakat memperluas perdagangan,” kata Widodo kepada wartawan.", encoding="utf-8")
    (folder / "a2.txt").write_text(
        "Menteri Perdagangan Santoso mengatakan bahwa harga beras di pasar tradisional naik pekan ini. "
        "Menteri Luar Negeri Kanada "
        "menyatakan bahwa negaranya siap membantu.", encoding="utf-8")
    return folder


@pytest.mark.parametrize("trig", [False, True])
def test_a_new_unrelated_article_is_resolved_alone_and_appended(news, tmp_path, trig):
    out = tmp_path / "out"
    first = rebuild(news, out, trig=trig)
    assert first.added is None and (out / STATE_NAME).is_file()
    assert (out / "graph.trig").exists() == trig
    (news / "b1.txt").write_text("Menteri Luar Negeri Retno Marsudi tiba di Canberra pada Selasa (7/6/2022). Retno "
                                 "mengatakan bahwa kunjungan itu membahas kerja sama pendidikan.", encoding="utf-8")
    second = rebuild(news, out, trig=trig)
    assert second.added == 1 and second.analysed == 1 and second.reused == 2
    assert outputs(out) == fresh(news, tmp_path, trig)
    assert b"entity/person/retno-marsudi>" in (out / "graph.ttl").read_bytes()
    assert "1 new article resolved" in second.summary()


@pytest.mark.parametrize("text", [
    # a full name whose last name is the one-word speaker of an older article, with the same title
    "Menteri Perdagangan Budi Santoso meninjau pasar di Bandung pada Rabu (8/6/2022).",
    # the holder of a title that an older article uses alone
    "Menteri Luar Negeri Kanada Melanie Joly tiba di Jakarta pada Rabu (8/6/2022).",
    # a bracketed alias that an older article uses alone
    "Gubernur Jawa Tengah Ganjar Pranowo (Santoso) meresmikan jembatan di Semarang pada Rabu (8/6/2022).",
])
def test_a_new_article_that_changes_older_ones_makes_the_build_resolve_everything(news, tmp_path, text):
    out = tmp_path / "out"
    rebuild(news, out)
    (news / "b1.txt").write_text(text, encoding="utf-8")
    second = rebuild(news, out)
    assert second.added is None and second.reused == 2 and second.analysed == 1
    assert outputs(out) == fresh(news, tmp_path)


def test_the_new_full_name_reaches_the_older_article(news, tmp_path):
    out = tmp_path / "out"
    rebuild(news, out)
    before = (out / "graph.ttl").read_bytes()
    assert b"entity/person/santoso>" in before
    (news / "b1.txt").write_text("Menteri Perdagangan Budi Santoso meninjau pasar di Bandung pada Rabu (8/6/2022).",
                                 encoding="utf-8")
    rebuild(news, out)
    after = (out / "graph.ttl").read_bytes()
    assert b"entity/person/santoso>" not in after and b"entity/person/budi-santoso>" in after


@pytest.mark.parametrize("change", ["earlier id", "earlier id, no names", "changed", "removed", "outputs edited"])
def test_other_changes_resolve_everything(news, tmp_path, change):
    out = tmp_path / "out"
    rebuild(news, out)
    if change.startswith("earlier id"):  # sorts before the known articles
        (news / "a0.txt").write_text("harga cabai di pasar induk naik tajam pekan ini." if "no names" in change
                                     else "Presiden Emmanuel Macron tiba di Berlin pada Kamis (9/6/2022).",
                                     encoding="utf-8")
    elif change == "changed":
        (news / "a1.txt").write_text("Presiden Emmanuel Macron tiba di Berlin pada Kamis (9/6/2022).",
                                     encoding="utf-8")
    elif change == "removed":
        (news / "a2.txt").unlink()
    else:
        with (out / "graph.ttl").open("ab") as handle:
            handle.write(b"\n# a note of the user's\n")
    second = rebuild(news, out)
    assert second.added is None
    assert outputs(out) == fresh(news, tmp_path)


@pytest.mark.parametrize("trig", [False, True])
def test_copies_through_python_where_the_kernel_cannot(news, tmp_path, monkeypatch, trig):
    out = tmp_path / "out"
    rebuild(news, out, trig=trig)

    def unsupported(*args):
        raise OSError(95, "Operation not supported")

    monkeypatch.setattr("os.copy_file_range", unsupported)
    (news / "b1.txt").write_text("Menteri Luar Negeri Retno Marsudi tiba di Canberra pada Selasa (7/6/2022).",
                                 encoding="utf-8")
    assert rebuild(news, out, trig=trig).added == 1
    assert outputs(out) == fresh(news, tmp_path, trig)


def test_switching_trig_on_and_off_builds_from_scratch_and_leaves_no_stale_file(news, tmp_path):
    """A state saved without graph.trig is no use to a build asked for it (it has no TriG blocks to copy), and
    the reverse: the build starts from scratch; a graph.trig of an earlier build goes when a build writes none."""
    out = tmp_path / "out"
    rebuild(news, out)
    (news / "b1.txt").write_text("Menteri Luar Negeri Retno Marsudi tiba di Canberra pada Selasa (7/6/2022).",
                                 encoding="utf-8")
    with_trig = rebuild(news, out, trig=True)
    assert with_trig.added is None  # not appended to the state of a build without graph.trig
    assert outputs(out) == fresh(news, tmp_path, trig=True)
    (news / "b2.txt").write_text("Kanselir Olaf Scholz tiba di Roma pada Jumat (10/6/2022).", encoding="utf-8")
    without = rebuild(news, out)
    assert without.added is None and not (out / "graph.trig").exists()
    assert outputs(out) == fresh(news, tmp_path)
    (news / "b3.txt").write_text("Perdana Menteri Fumio Kishida tiba di Manila pada Sabtu (11/6/2022).",
                                 encoding="utf-8")
    assert rebuild(news, out).added == 1  # and the next build without it is incremental again
    assert outputs(out) == fresh(news, tmp_path)


@pytest.mark.parametrize("seed, trig, html", [(4, False, False), (5, True, False), (4, False, True)])
def test_batches_of_synthetic_articles_give_what_a_fresh_build_gives(tmp_path, seed, trig, html):
    """Articles added in three batches: after each batch the files equal a fresh build's. With these seeds one
    later batch is resolved alone and the other changes older articles (both paths run, with and without
    graph.trig, and with the page)."""
    rng = random.Random(seed)
    articles = [article(rng, n) for n in range(30)]
    folder, out = tmp_path / "news", tmp_path / "out"
    folder.mkdir()
    added = []
    for batch, (start, stop) in enumerate(((0, 20), (20, 25), (25, 30))):
        with (folder / f"part-{batch}.jsonl").open("w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(a, ensure_ascii=False) + "\n" for a in articles[start:stop])
        result = rebuild(folder, out, trig=trig, html=html)
        assert result.analysed == stop - start
        added.append(result.added)
        assert outputs(out) == fresh(folder, tmp_path, trig, html), f"after batch {batch}"
    assert added[0] is None and set(added[1:]) == {None, 5}


def test_unchanged_input_files_are_not_read_again(news, tmp_path, monkeypatch):
    out = tmp_path / "out"
    rebuild(news, out)
    import kg.read

    read = []
    for suffix, reader in list(kg.read.READERS.items()):
        def spy(path, label, report, reader=reader):
            read.append(path.name)
            return reader(path, label, report)
        monkeypatch.setitem(kg.read.READERS, suffix, spy)
    (news / "b1.txt").write_text("Menteri Luar Negeri Retno Marsudi tiba di Canberra pada Selasa (7/6/2022).",
                                 encoding="utf-8")
    assert rebuild(news, out).added == 1
    assert read == ["b1.txt"]
    monkeypatch.undo()
    assert outputs(out) == fresh(news, tmp_path)


def test_old_articles_need_the_cache_only_when_everything_is_resolved_again(news, tmp_path):
    out = tmp_path / "out"
    rebuild(news, out)
    shutil.rmtree(out / ".kg-cache")
    (news / "b1.txt").write_text("Menteri Luar Negeri Retno Marsudi tiba di Canberra pada Selasa (7/6/2022).",
                                 encoding="utf-8")
    assert rebuild(news, out).added == 1  # the old articles' blocks are copied: their cache entries are not read
    shutil.rmtree(out / ".kg-cache")
    (news / "b2.txt").write_text("Menteri Perdagangan Budi Santoso meninjau pasar di Bandung pada Rabu (8/6/2022).",
                                 encoding="utf-8")
    result = rebuild(news, out)  # changes a2's Santoso: unchanged files are read again to analyse their articles
    assert result.added is None and result.analysed == 4
    assert outputs(out) == fresh(news, tmp_path)


def test_an_id_taken_by_a_new_file_renames_as_a_fresh_build_does(news, tmp_path):
    out = tmp_path / "out"
    rebuild(news, out)
    sub = news / "z"
    sub.mkdir()
    (sub / "a2.txt").write_text("Presiden Emmanuel Macron tiba di Berlin pada Kamis (9/6/2022).", encoding="utf-8")
    result = rebuild(news, out)
    assert any("renamed to 'a2-2'" in w for w in result.report.warnings)
    assert outputs(out) == fresh(news, tmp_path)
    (news / "a0").mkdir()
    (news / "a0" / "a2.txt").write_text("Kanselir Olaf Scholz tiba di Roma pada Jumat (10/6/2022).", encoding="utf-8")
    rebuild(news, out)  # now the new file comes first and takes the id
    assert outputs(out) == fresh(news, tmp_path)


def test_new_articles_analysed_on_a_worker_forked_at_once_give_the_same_files(news, tmp_path):
    """With more than one worker, the new articles are analysed in a process that loads the models while the old
    blocks are copied."""
    out = tmp_path / "out"
    rebuild(news, out, workers=2)
    (news / "b1.txt").write_text("Menteri Luar Negeri Retno Marsudi tiba di Canberra pada Selasa (7/6/2022).",
                                 encoding="utf-8")
    assert rebuild(news, out, workers=2).added == 1
    assert outputs(out) == fresh(news, tmp_path)
    (news / "b2.txt").write_text("Menteri Perdagangan Budi Santoso meninjau pasar di Bandung pada Rabu (8/6/2022).",
                                 encoding="utf-8")
    again = rebuild(news, out, workers=2)
    assert again.added is None and again.analysed == 1
    assert outputs(out) == fresh(news, tmp_path)


RETNO = "Menteri Luar Negeri Retno Marsudi tiba di Canberra pada Selasa (7/6/2022). Retno mengatakan bahwa kunjungan " \
        "itu membahas kerja sama pendidikan."


@pytest.mark.parametrize("workers", [1, 2])
def test_with_the_page_a_new_article_is_resolved_alone_and_the_page_drawn_as_a_fresh_build_draws_it(
        news, tmp_path, workers):
    """The page is drawn from what the last build kept of each article (OUTDIR/.kg-page.state) and the new
    articles: the old ones are not resolved again."""
    out = tmp_path / "out"
    first = rebuild(news, out, workers=workers, html=True)
    assert first.added is None and (out / PAGE_STATE_NAME).is_file()
    (news / "b1.txt").write_text(RETNO, encoding="utf-8")
    second = rebuild(news, out, workers=workers, html=True)
    assert second.added == 1 and second.analysed == 1 and second.reused == 2
    assert outputs(out) == fresh(news, tmp_path, html=True)
    assert "Retno Marsudi" in (out / "graph.html").read_text(encoding="utf-8")
    whole = build([news], tmp_path / "whole", progress=False, cache=False)
    assert (second.nodes, second.edges, second.counts) == (whole.nodes, whole.edges, whole.counts)
    assert second.statements == first.statements + 1


def test_the_view_of_the_page_may_change_from_build_to_build(news, tmp_path):
    out = tmp_path / "out"
    rebuild(news, out, html=True)
    (news / "b1.txt").write_text(RETNO, encoding="utf-8")
    view = {"focus": "Retno Marsudi", "hops": 1}
    assert rebuild(news, out, html=True, view=view).added == 1
    assert outputs(out) == fresh(news, tmp_path, html=True, view=view)


def test_the_page_state_follows_the_builds_with_the_page(news, tmp_path):
    """A build without the page leaves no page state (its page would be older than the files): the next build with
    the page resolves every article once, and the one after is incremental again."""
    out = tmp_path / "out"
    rebuild(news, out, html=True)
    (news / "b1.txt").write_text(RETNO, encoding="utf-8")
    assert rebuild(news, out).added == 1 and not (out / PAGE_STATE_NAME).exists()
    (news / "b2.txt").write_text("Kanselir Olaf Scholz tiba di Roma pada Jumat (10/6/2022).", encoding="utf-8")
    assert rebuild(news, out, html=True).added is None  # the page needs every article's part
    assert outputs(out) == fresh(news, tmp_path, html=True)
    (news / "b3.txt").write_text("Perdana Menteri Fumio Kishida tiba di Manila pada Sabtu (11/6/2022).",
                                 encoding="utf-8")
    assert rebuild(news, out, html=True).added == 1
    assert outputs(out) == fresh(news, tmp_path, html=True)


def test_a_page_state_of_another_build_is_not_used(news, tmp_path):
    out = tmp_path / "out"
    rebuild(news, out, html=True)
    older = (out / PAGE_STATE_NAME).read_bytes()
    (news / "b1.txt").write_text(RETNO, encoding="utf-8")
    rebuild(news, out, html=True)
    (out / PAGE_STATE_NAME).write_bytes(older)  # as if a kill had come between the two states
    (news / "b2.txt").write_text("Kanselir Olaf Scholz tiba di Roma pada Jumat (10/6/2022).", encoding="utf-8")
    assert rebuild(news, out, html=True).added is None
    assert outputs(out) == fresh(news, tmp_path, html=True)


@pytest.mark.parametrize("payload", [
    lambda fingerprint, articles: b"not a kg file at all",
    # well-formed, of this build, but a record whose panel is not text
    lambda fingerprint, articles: codec.encode(codec.PAGE_MAGIC, (fingerprint, articles, [
        (doc_id, {"source": "x"}, [], [("r", doc_id, "statement", None, [("a", "b", None)], {}, 5)])
        for doc_id in articles])),
])
def test_a_damaged_or_forged_page_state_means_a_warning_and_the_page_drawn_from_scratch(news, tmp_path, payload,
                                                                                       caplog):
    from kg.state import BuildState

    out = tmp_path / "out"
    rebuild(news, out, html=True)
    state = BuildState.load(out, "id", "https://example.org/kg/")
    (out / PAGE_STATE_NAME).write_bytes(payload(state.fingerprint, state.articles))
    (news / "b1.txt").write_text(RETNO, encoding="utf-8")
    assert rebuild(news, out, html=True).added is None
    assert f"{out / PAGE_STATE_NAME}: " in caplog.text and "drawing the page from scratch" in caplog.text
    assert outputs(out) == fresh(news, tmp_path, html=True)
