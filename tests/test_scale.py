"""Parallel, incremental and distributed builds give the same graph as a plain one (with graph.trig: both files
are compared)."""
import shutil

import pytest

from kg.export.rdf import serialize
from kg.pipeline import SAMPLE_DIR, build, process


def outputs(folder):
    return {name: (folder / name).read_bytes() for name in ("graph.trig", "graph.ttl")}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    for copy in range(3):  # enough articles for several workers
        for path in SAMPLE_DIR.iterdir():
            if path.suffix in (".txt", ".jsonl", ".html"):
                shutil.copy(path, folder / f"{copy}_{path.name}")
    return folder


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("serial")
    build([corpus], out, progress=False, trig=True, html=False, workers=1, cache=False)
    return outputs(out)


def test_same_output_for_any_number_of_workers(corpus, reference, tmp_path):
    build([corpus], tmp_path, progress=False, trig=True, html=False, workers=2, cache=False)
    assert outputs(tmp_path) == reference


@pytest.mark.parametrize("cache", [False, True])
def test_articles_resolved_and_rendered_on_workers_give_the_same_output(corpus, reference, tmp_path, monkeypatch,
                                                                        cache):
    from kg import pipeline
    pools = []
    original = pipeline.new_pool
    monkeypatch.setattr(pipeline, "AUTO_PARALLEL", 2)  # the corpus is too small to be worth a pool otherwise
    monkeypatch.setattr(pipeline, "new_pool", lambda *args: pools.append(args) or original(*args))
    build([corpus], tmp_path, progress=False, trig=True, html=False, workers=2, cache=cache)
    assert outputs(tmp_path) == reference
    assert len(pools) == 2 and pipeline.RENDERING is None  # one pool analysed, one resolved and rendered


def test_same_output_run_after_run(corpus, reference, tmp_path):
    for _ in range(2):
        build([corpus], tmp_path, progress=False, trig=True, html=False, workers=1, cache=False)
        assert outputs(tmp_path) == reference


def test_incremental_build_reuses_unchanged_articles(corpus, reference, tmp_path):
    work = tmp_path / corpus.name  # the graph records sources by folder name
    shutil.copytree(corpus, work)
    out = tmp_path / "out"
    first = build([work], out, progress=False, trig=True, html=False)
    assert first.reused == 0 and first.analysed > 10
    again = build([work], out, progress=False, trig=True, html=False)
    assert again.reused == first.analysed and again.analysed == 0
    assert outputs(out) == reference
    changed = next(work.glob("1_*.txt"))
    changed.write_text(changed.read_text(encoding="utf-8") + "\nKanselir Olaf Scholz tiba di Kyiv.",
                       encoding="utf-8")
    (work / "9_extra.txt").write_text("Presiden Emmanuel Macron bertemu Kanselir Olaf Scholz di Berlin pada Senin.",
                                      encoding="utf-8")
    third = build([work], out, progress=False, trig=True, html=False)
    assert third.analysed == 2 and third.reused == first.analysed - 1
    assert b"entity/person/olaf-scholz>" in (out / "graph.ttl").read_bytes()


def test_streamed_build_writes_what_the_in_memory_graph_serializes(corpus, reference, tmp_path):
    """kg build streams article by article, re-reading the cache, and writes what kg.process's graph serializes."""
    from kg.read import read_inputs

    kept = process(*read_inputs([corpus]))
    with_page = build([corpus], tmp_path / "page", progress=False, trig=True, html=True, cache=False)
    assert with_page.graph is None and outputs(tmp_path / "page") == reference
    trig, turtle = serialize(kept.graph)
    assert reference == {"graph.trig": trig, "graph.ttl": turtle}
    first = build([corpus], tmp_path / "streamed", progress=False, trig=True, html=False)
    second = build([corpus], tmp_path / "streamed", progress=False, trig=True, html=False)
    # (every article from the cache)
    assert first.graph is None and second.reused == first.analysed
    assert outputs(tmp_path / "streamed") == reference
    assert (second.nodes, second.edges, second.statements) == (kept.graph.number_of_nodes(),
                                                                kept.graph.number_of_edges(),
                                                                len(kept.corpus.statements))


def test_dask_local_cluster_gives_the_same_output(corpus, reference, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        build([corpus], tmp_path, progress=False, trig=True, html=False, cache=False, dask=cluster.scheduler_address)
    assert outputs(tmp_path) == reference


def test_the_page_is_built_from_the_stream_as_from_the_in_memory_graph(corpus, tmp_path, monkeypatch):
    """One build path: with the page, the articles flow through the same stream (here on the render pool, which
    sends each resolved article back for the page's sink); the page equals one drawn from kg.process's graph."""
    from kg import pipeline
    from kg.export.html import to_html
    from kg.read import read_inputs

    monkeypatch.setattr(pipeline, "AUTO_PARALLEL", 2)
    result = build([corpus], tmp_path / "out", progress=False, workers=2, cache=False)
    documents, report = read_inputs([corpus])
    graph = pipeline.process(documents, report).graph
    assert (tmp_path / "out" / "graph.html").read_text(encoding="utf-8") == to_html(graph)
    assert (result.nodes, result.edges) == (graph.number_of_nodes(), graph.number_of_edges())
    plain = tmp_path / "plain"
    build([corpus], plain, progress=False, html=False, workers=1, cache=False)
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == (plain / "graph.ttl").read_bytes()
