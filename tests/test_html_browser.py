"""graph.html in a real browser: headless Chromium loads each page from a file, with DevTools watching.

Skipped when no Chromium is installed (.ci/run installs Debian's chromium). One browser serves the module;
every test opens its page afresh and checks that nothing was requested but the page itself and that the
console stayed free of errors.
"""
from __future__ import annotations

import random
import time
from collections import Counter
from datetime import date, timedelta

import networkx as nx
import pytest
from test_html import day, entity, evidence, world, world_corpus

from kg.export.chromium import Chromium, find_chromium
from kg.export.html import to_html
from kg.graph import build_graph
from kg.model import Statement
from kg.pipeline import SAMPLE_DIR, run_pipeline
from kg.settings import Settings
from kg.subgraph import select

pytestmark = pytest.mark.skipif(find_chromium() is None, reason="chromium is not installed")

HOSTILE_QUOTE = '<script>window.__pwned=1</script> <b>tebal</b>'
HOSTILE_SENTENCE = '<img src=x onerror="window.__pwned=2"> kata Blinken.'


def spread_world():
    """The small world plus a statement on each of 60 days of 2022 and one far-off statement dated 2014."""
    corpus = world_corpus()
    for n in range(60):
        when = date(2022, 1, 10) + timedelta(days=n)
        corpus.statements.append(Statement(f"d1/statement/x{n}", "person/sergey-lavrov",
                                           evidence("d1", f"Kalimat {n}."), "kata", "say", "010",
                                           addressees=["country/ukraina"], quote=f"Ucapan {n}",
                                           date=day(when.isoformat()), report_date="2022-03-20"))
    corpus.statements.append(Statement("d1/statement/old", "person/antony-blinken", evidence("d1", "Dulu sekali."),
                                       "kata", "say", "010", addressees=["country/rusia"], quote="Lama",
                                       date=day("2014"), report_date="2022-03-20"))
    return build_graph(corpus)


def crowd(people: int = 240, statements: int = 600, loners: int = 40):
    """A hairball: people who address each other at random (seeded), and entities nobody links."""
    rng = random.Random(5)
    corpus = world_corpus()
    for n in range(people + loners):
        person = entity(f"person/orang-{n}", f"Orang Nomor {n}", mentions=1 + rng.randrange(30))
        corpus.entities[person.id] = person
    for n in range(statements):
        speaker, hearer = rng.sample(range(people), 2)
        when = date(2022, 1, 1) + timedelta(days=rng.randrange(90))
        corpus.statements.append(Statement(f"d1/statement/c{n}", f"person/orang-{speaker}",
                                           evidence("d1", f"Kalimat {n}."), "kata", "say", "010",
                                           addressees=[f"person/orang-{hearer}"], quote=f"Ucapan {n}",
                                           date=day(when.isoformat()), report_date="2022-04-01"))
    return build_graph(corpus)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with Chromium(width=1400, height=900, timeout=60, user_data_dir=tmp_path_factory.mktemp("profile")) as chromium:
        yield chromium


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    directory = tmp_path_factory.mktemp("pages")
    graphs = {
        "world": world(),
        "hostile": world(quote=HOSTILE_QUOTE, sentence=HOSTILE_SENTENCE,
                         speaker_label='<img src=x onerror="window.__pwned=3">Blinken',
                         title='</script><script>window.__pwned=4</script>'),
        "spread": spread_world(),
        "focused": select(world(), focus="Lavrov", hops=1),
        "crowd": crowd(),
    }
    paths = {}
    for name, graph in graphs.items():
        path = directory / f"{name}.html"
        path.write_text(to_html(graph, title=f"<b>{name}</b>"), encoding="utf-8")
        paths[name] = (path, graph)
    return paths


def open_page(browser: Chromium, path) -> str:
    browser.events.clear()
    url = path.as_uri()
    browser.navigate(url)
    browser.wait_for("window.__kgReady === true && window.__kgDrawnAt > 0")
    return url


def assert_clean(browser: Chromium, url: str) -> None:
    """No console errors or exceptions, and no request but the page itself (data: and blob: are local)."""
    assert browser.console_errors() == []
    others = [u for u in browser.requests() if u != url and not u.startswith(("data:", "blob:"))]
    assert others == []


def drawn(browser: Chromium) -> dict:
    browser.evaluate("network.redraw()")
    return browser.evaluate("kg.drawn()")


def click_at(browser: Chromium, x: float, y: float) -> None:
    browser.click(x, y)
    time.sleep(0.35)  # vis-network tells a click from a double click


def click_node(browser: Chromium, node: str) -> None:
    where = browser.evaluate(f"kg.position({node!r})")
    click_at(browser, where["x"], where["y"])


def hover_node(browser: Chromium, node: str) -> str:
    """Hover a node until its hover box shows; the box's text."""
    where = browser.evaluate(f"kg.position({node!r})")
    browser.hover(where["x"], where["y"])
    browser.wait_for("!document.getElementById('kg-tip').hidden")
    return browser.evaluate("document.getElementById('kg-tip').textContent")


def panel_text(browser: Chromium) -> str:
    return browser.evaluate("document.getElementById('kg-details').textContent")


def test_sample_page_draws_everything_offline(browser, tmp_path):
    graph = run_pipeline([SAMPLE_DIR], Settings(progress=False)).graph
    path = tmp_path / "graph.html"
    path.write_text(to_html(graph), encoding="utf-8")
    url = open_page(browser, path)
    assert drawn(browser) == {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}
    assert browser.evaluate("document.querySelectorAll('#kg-types .kg-chip').length") == 5
    assert panel_text(browser).startswith("Overview")
    assert_clean(browser, url)


def test_timeline_changes_the_visible_edges(browser, pages):
    path, graph = pages["world"]
    url = open_page(browser, path)
    total = graph.number_of_edges()
    undated = sum(1 for _, _, d in graph.edges(data=True) if d["date"] is None)
    assert drawn(browser)["edges"] == total
    # move the end of the range to its first day, with the keyboard on the slider
    browser.evaluate("document.getElementById('kg-to').focus()")
    browser.press("Home")
    first_day = sum(1 for _, _, d in graph.edges(data=True) if d["date"] == "2022-01-21")
    label = browser.evaluate("document.getElementById('kg-range-label').textContent")
    assert label.startswith("2022-01-21 → 2022-01-21")
    assert drawn(browser)["edges"] == first_day + undated
    # undated edges off: only the first day's edges stay
    browser.evaluate("document.getElementById('kg-undated').click()")
    assert drawn(browser)["edges"] == first_day
    # play steps the end of the range to the next dated day: February (the month-dated statement)
    browser.evaluate("document.getElementById('kg-play').click()")
    browser.wait_for("kg.state.to > kg.state.from")
    browser.evaluate("document.getElementById('kg-play').click()")  # pause
    assert drawn(browser)["edges"] > first_day
    # the faded nodes are the ones without a visible edge
    browser.evaluate("document.getElementById('kg-to').focus()")
    browser.press("Home")
    assert browser.evaluate("kg.counts().activeNodes") == 2  # Blinken and Lavrov met on 2022-01-21
    histogram = browser.evaluate(
        "(() => { const c = document.getElementById('kg-histogram'); const d = c.getContext('2d')"
        ".getImageData(0, 0, c.width, c.height).data; let n = 0; for (let i = 3; i < d.length; i += 4) n += d[i] > 0;"
        " return n; })()")
    assert histogram > 0
    assert_clean(browser, url)


def test_search_finds_aliases_and_roles(browser, pages):
    path, _ = pages["world"]
    url = open_page(browser, path)
    browser.evaluate("document.getElementById('kg-search').focus()")
    browser.type_text("Kiev")
    suggestion = browser.evaluate("document.querySelector('#kg-suggest li').textContent")
    assert suggestion.startswith("Kyiv") and "alias “Kiev”" in suggestion
    browser.press("Enter")
    assert browser.evaluate("network.getSelectedNodes()") == ["place/kyiv"]
    assert browser.evaluate("document.querySelector('#kg-details h2').textContent") == "Kyiv"
    browser.evaluate("document.getElementById('kg-search').value = ''; document.getElementById('kg-search').focus()")
    browser.type_text("Menlu AS")
    browser.press("Enter")
    assert browser.evaluate("network.getSelectedNodes()") == ["person/antony-blinken"]
    assert browser.evaluate("kg.search('kyiv').map(s => s.node.id)")[:2] == ["place/kyiv", "country/ukraina"]
    assert_clean(browser, url)


def test_clicking_a_node_lists_its_facts_with_sources(browser, pages):
    path, _ = pages["world"]
    url = open_page(browser, path)
    assert "Antony Blinken · Person" in hover_node(browser, "person/antony-blinken")
    click_node(browser, "person/antony-blinken")
    assert browser.evaluate("network.getSelectedNodes()") == ["person/antony-blinken"]
    text = panel_text(browser)
    for expected in ("Antony Blinken", "Blinken", "Menlu AS", "Statements by Antony Blinken (1)",
                     "“Kami siap berunding”", "say (CAMEO 010)", "Meetings (2)", "cancelled", "Lintas Sejagat",
                     "2022-01-22", "kata Blinken"):
        assert expected in text, expected
    assert text.index("2022-01-21") < text.index("2022-02-24")  # meetings by date
    links = browser.evaluate("[...document.querySelectorAll('#kg-details a')].map(a => a.href)")
    assert "https://example.com/lintas/blinken-lavrov" in links
    click_node(browser, "person/volodymyr-zelensky")  # his article's URL is javascript: and is not linked
    assert "Zelensky di Kyiv" in panel_text(browser)
    assert browser.evaluate("document.querySelectorAll('#kg-details a').length") == 0
    assert_clean(browser, url)


def test_clicking_an_edge_shows_that_fact(browser, pages):
    path, _ = pages["world"]
    url = open_page(browser, path)
    a = browser.evaluate("kg.position('person/volodymyr-zelensky')")
    b = browser.evaluate("kg.position('country/rusia')")
    click_at(browser, (a["x"] + b["x"]) / 2, (a["y"] + b["y"]) / 2)
    assert browser.evaluate("network.getSelectedEdges().length") == 1
    text = panel_text(browser)
    assert text.startswith("Statement · undated") and "“Mundurlah”" in text and "appeal (CAMEO 020)" in text
    assert "Warta" in text and "Zelensky mendesak Rusia mundur." in text
    assert_clean(browser, url)


def test_filters_by_type_and_kind(browser, pages):
    path, graph = pages["world"]
    url = open_page(browser, path)
    places = sum(1 for _, d in graph.nodes(data=True) if d["type"] == "Place")
    meetings = sum(1 for _, _, d in graph.edges(data=True) if d["kind"] == "meeting")
    chip = "[...document.querySelectorAll('#kg-{} .kg-chip')].find(b => b.textContent.includes('{}')).click()"
    browser.evaluate(chip.format("types", "Place"))
    assert drawn(browser)["nodes"] == graph.number_of_nodes() - places
    browser.evaluate(chip.format("kinds", "meeting"))
    assert drawn(browser)["edges"] == graph.number_of_edges() - meetings
    browser.evaluate("document.getElementById('kg-search').focus()")
    browser.type_text("Jenewa")  # finding a hidden place shows its type again
    browser.press("Enter")
    assert drawn(browser)["nodes"] == graph.number_of_nodes()
    labels = "Object.values(network.body.edges).map(e => e.options.label || '').filter(l => l.trim())"
    assert browser.evaluate(labels) == ["✕"]  # only the cancelled meeting is marked
    browser.evaluate("document.getElementById('kg-edge-dates').click()")
    assert sorted(browser.evaluate(labels))[:2] == ["2022-01-21", "2022-01-21"]
    assert "✕ 2022-02-24" in browser.evaluate(labels)
    browser.evaluate("document.getElementById('kg-edge-dates').click()")
    assert browser.evaluate(labels) == ["✕"]
    assert_clean(browser, url)


def test_injected_markup_does_not_run(browser, pages):
    path, _ = pages["hostile"]
    url = open_page(browser, path)
    hover_node(browser, "person/antony-blinken")
    click_node(browser, "person/antony-blinken")
    text = panel_text(browser)
    assert HOSTILE_QUOTE in text and HOSTILE_SENTENCE in text  # shown as text
    browser.evaluate("document.getElementById('kg-search').focus()")
    browser.type_text("img")
    time.sleep(0.2)
    assert browser.evaluate("typeof window.__pwned") == "undefined"
    assert browser.evaluate("document.querySelectorAll('img, b').length") == 0
    assert browser.evaluate("document.title") == "<b>hostile</b>"
    assert_clean(browser, url)


def test_the_readme_screenshot_is_made_by_a_script_from_a_current_build(tmp_path):
    import subprocess
    import sys
    from pathlib import Path
    script = Path(__file__).resolve().parent.parent / "scripts" / "screenshot.py"
    shot = tmp_path / "explorer.png"
    proc = subprocess.run([sys.executable, str(script), "-o", str(shot)], capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


def mouse(browser: Chromium, kind: str, x: float, y: float, **extra) -> None:
    browser.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, **extra})


def arrow(browser: Chromium, key: str, shift: bool = False) -> None:
    code = {"ArrowLeft": 37, "ArrowRight": 39}[key]
    for kind in ("rawKeyDown", "keyUp"):
        browser.send("Input.dispatchKeyEvent", {"type": kind, "key": key, "code": key, "windowsVirtualKeyCode": code,
                                                "modifiers": 8 if shift else 0})


def test_timeline_opens_where_the_facts_are_and_zooms(browser, pages):
    path, graph = pages["spread"]
    url = open_page(browser, path)
    # the 2014 statement does not squash the window, and hides nothing: the selected range is every date
    opened = browser.evaluate("kg.view()")
    assert opened["from"].startswith("2022-01") and opened["to"].startswith("2022-03")
    assert drawn(browser)["edges"] == graph.number_of_edges()
    assert "1 edge earlier" in browser.evaluate("document.getElementById('kg-view-label').textContent")
    box = browser.evaluate("(() => { const r = document.getElementById('kg-histogram').getBoundingClientRect();"
                           " return {x: r.left, y: r.top + r.height / 2, w: r.width}; })()")
    # the wheel zooms out around the pointer until the far-off date is in the window, and back in
    for _ in range(40):
        if browser.evaluate("kg.view().from") <= "2014-12-31":
            break
        mouse(browser, "mouseWheel", box["x"] + box["w"] / 2, box["y"], deltaX=0, deltaY=120)
    assert browser.evaluate("kg.view().from") <= "2014-12-31"
    mouse(browser, "mouseWheel", box["x"] + box["w"] - 2, box["y"], deltaX=0, deltaY=-120)
    assert browser.evaluate("kg.view().from") > "2014-01-01"
    browser.evaluate("document.getElementById('kg-histogram').dispatchEvent(new MouseEvent('dblclick'))")
    assert browser.evaluate("kg.view().from") == "2014-01-01"
    # brushing: a drag across the histogram selects that range and zooms to it
    browser.evaluate("kg.setView('2022-01-01', '2022-03-31')")
    a, b = box["x"] + box["w"] * 0.25, box["x"] + box["w"] * 0.5
    mouse(browser, "mousePressed", a, box["y"], button="left", clickCount=1)
    mouse(browser, "mouseMoved", (a + b) / 2, box["y"], button="left")
    mouse(browser, "mouseMoved", b, box["y"], button="left")
    mouse(browser, "mouseReleased", b, box["y"], button="left", clickCount=1)
    state = browser.evaluate("({from: kg.state.from, to: kg.state.to})")
    assert 20 <= state["to"] - state["from"] <= 25  # a quarter of 90 days
    assert browser.evaluate("kg.view().from") == browser.evaluate(f"new Date({state['from']} * 86400000)"
                                                                   ".toISOString().slice(0, 10)")
    assert 20 <= drawn(browser)["edges"] <= 30  # about one statement a day, and the undated edge
    # arrow keys step the end of the range by a day, shift+arrow by a week
    browser.evaluate("document.getElementById('kg-to').focus()")
    arrow(browser, "ArrowLeft")
    assert browser.evaluate("kg.state.to") == state["to"] - 1
    arrow(browser, "ArrowLeft", shift=True)
    assert browser.evaluate("kg.state.to") == state["to"] - 8
    arrow(browser, "ArrowRight")
    assert browser.evaluate("kg.state.to") == state["to"] - 7
    # on the histogram, arrows move the whole range
    browser.evaluate("document.getElementById('kg-histogram').focus()")
    arrow(browser, "ArrowRight", shift=True)
    assert browser.evaluate("[kg.state.from, kg.state.to]") == [state["from"] + 7, state["to"]]
    assert_clean(browser, url)


def test_selecting_a_node_dims_all_but_its_neighbourhood(browser, pages):
    path, graph = pages["world"]
    url = open_page(browser, path)
    me = "person/antony-blinken"
    near = {n for u, v in graph.edges() if me in (u, v) for n in (u, v)}
    strangers = sorted(set(graph.nodes) - near)
    incident = sum(1 for u, v in graph.edges() if me in (u, v))
    click_node(browser, me)
    assert browser.evaluate("kg.dimmed()") == {"nodes": strangers, "edges": graph.number_of_edges() - incident}
    # what vis-network draws: faded strangers and their edges, the kind colours kept
    assert browser.evaluate(f"network.body.nodes[{strangers[0]!r}].options.opacity") < 0.5
    assert browser.evaluate(f"network.body.nodes[{me!r}].options.opacity") in (None, 1)  # never faded, or back
    opacities = browser.evaluate("Object.values(network.body.edges)"
                                 ".map(e => [e.fromId, e.toId, e.options.color.opacity, e.options.color.color])")
    for source, target, opacity, colour in opacities:
        assert (opacity > 0.5) == (me in (source, target)), (source, target)
        assert colour.startswith("#")
    # clicking the empty canvas selects nothing and brightens everything again
    box = browser.evaluate("document.getElementById('mynetwork').getBoundingClientRect().toJSON()")
    click_at(browser, box["left"] + 5, box["top"] + 5)
    assert browser.evaluate("kg.dimmed()") == {"nodes": [], "edges": 0}
    assert_clean(browser, url)


RING = "(() => { const c = document.querySelector('#mynetwork canvas'); const ctx = c.getContext('2d');" \
       " const d = ctx.getImageData(0, 0, c.width, c.height).data; let n = 0;" \
       " for (let i = 0; i < d.length; i += 4) n += Math.abs(d[i] - 214) < 25 && Math.abs(d[i + 1] - 51) < 25" \
       " && Math.abs(d[i + 2] - 108) < 25; return n; })()"


def test_the_focus_entity_is_ringed_and_centred(browser, pages):
    path, _ = pages["focused"]
    url = open_page(browser, path)
    assert browser.evaluate("kg.focus") == ["person/sergey-lavrov"]
    assert browser.evaluate("document.getElementById('kg-focus-key').textContent.trim()") == "focus"
    where = browser.evaluate("kg.position('person/sergey-lavrov')")
    box = browser.evaluate("document.getElementById('mynetwork').getBoundingClientRect().toJSON()")
    assert abs(where["x"] - (box["left"] + box["width"] / 2)) < 3
    assert abs(where["y"] - (box["top"] + box["height"] / 2)) < 3
    assert browser.evaluate("document.querySelector('#kg-details h2').textContent") == "Sergey Lavrov"
    browser.evaluate("network.redraw()")
    assert browser.evaluate(RING) > 30  # the ring's pixels
    assert_clean(browser, url)
    url = open_page(browser, pages["world"][0])  # an unfocused page has none
    browser.evaluate("network.redraw()")
    assert browser.evaluate(RING) == 0
    assert_clean(browser, url)


def test_labels_by_importance_never_overlap_at_1024_pixels(browser, pages):
    path, graph = pages["crowd"]
    metrics = {"width": 1024, "height": 768, "deviceScaleFactor": 1, "mobile": False}
    browser.send("Emulation.setDeviceMetricsOverride", metrics)
    try:
        url = open_page(browser, path)
        browser.evaluate("network.fit(); network.redraw()")
        labels = browser.evaluate("kg.labels()")
        canvas = browser.evaluate("(() => { const c = document.querySelector('#mynetwork canvas');"
                                  " return {w: c.clientWidth, h: c.clientHeight}; })()")
        assert 10 <= len(labels) < graph.number_of_nodes()  # a readable few, not all 290
        for i, a in enumerate(labels):
            assert a["size"] >= 11 and 0 <= a["x"] and a["x"] + a["w"] <= canvas["w"]
            for b in labels[i + 1:]:
                assert not (a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"]
                            and b["y"] < a["y"] + a["h"]), (a, b)
        # the most connected entities come first
        degree = dict(graph.degree())
        best = max(degree, key=lambda n: (degree[n], graph.nodes[n]["entity"].mention_count))
        assert labels[0]["id"] == best
        # zooming in reveals lesser labels
        before = {label["id"] for label in labels}
        browser.evaluate("network.moveTo({scale: network.getScale() * 4}); network.redraw()")
        after = {label["id"] for label in browser.evaluate("kg.labels()")}
        assert after - before
        # vis-network draws no label of its own
        assert browser.evaluate("Object.values(network.body.nodes).some(n => n.labelModule.visible())") is False
        assert_clean(browser, url)
    finally:
        metrics.update(width=browser.width, height=browser.height)
        browser.send("Emulation.setDeviceMetricsOverride", metrics)


def test_isolated_entities_can_be_hidden(browser, pages):
    path, graph = pages["crowd"]
    url = open_page(browser, path)
    isolated = sum(1 for n in graph if graph.degree(n) == 0)
    assert isolated >= 40
    assert browser.evaluate("document.getElementById('kg-isolated-count').textContent") == f"({isolated})"
    browser.evaluate("document.getElementById('kg-isolated').click()")
    assert drawn(browser)["nodes"] == graph.number_of_nodes() - isolated
    browser.evaluate("document.getElementById('kg-isolated').click()")
    assert drawn(browser)["nodes"] == graph.number_of_nodes()
    assert_clean(browser, url)


def quad(cameo: str | None) -> str:
    """CAMEO's quad classes by root code, as the brief defines them."""
    root = int(cameo[:2]) if cameo else 0
    if not 1 <= root <= 20:
        return "no CAMEO code"
    return ("verbal cooperation" if root <= 5 else "material cooperation" if root <= 8 else
            "verbal conflict" if root <= 13 else "material conflict")


def test_filters_by_speech_act_cameo_class_status_and_mode(browser, pages):
    path, graph = pages["world"]
    url = open_page(browser, path)
    records = [d["record"] for _, _, d in graph.edges(data=True)]
    total = len(records)
    click = "document.querySelector('#kg-facets [data-facet={}] [data-value=\"{}\"]').click()"
    browser.evaluate("document.getElementById('kg-filters').open = true")
    browser.evaluate(click.format("act", "say"))
    said = sum(1 for r in records if getattr(r, "speech_act", None) == "say")
    assert said and drawn(browser)["edges"] == total - said
    browser.evaluate(click.format("act", "say"))  # on again
    browser.evaluate(click.format("quad", "verbal conflict"))
    conflict = sum(1 for r in records if quad(r.cameo) == "verbal conflict")
    assert conflict and drawn(browser)["edges"] == total - conflict
    assert browser.evaluate("document.getElementById('kg-filters-off').textContent") == "(1 off)"
    browser.evaluate(click.format("quad", "verbal conflict"))
    browser.evaluate(click.format("status", "planned"))
    planned = sum(1 for r in records if getattr(r, "status", None) == "planned")
    assert planned and drawn(browser)["edges"] == total - planned
    browser.evaluate(click.format("mode", "in_person"))
    in_person = sum(1 for r in records if getattr(r, "mode", None) == "in_person" and r.status != "planned")
    assert in_person and drawn(browser)["edges"] == total - planned - in_person
    order = ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict", "no CAMEO code"]
    present = {quad(r.cameo) for r in records}
    shown = browser.evaluate("[...document.querySelectorAll('#kg-facets [data-facet=quad] .kg-chip')]"
                             ".map(c => c.dataset.value)")
    assert shown == [q for q in order if q in present]
    assert_clean(browser, url)


def test_the_view_is_a_permalink(browser, pages):
    path, graph = pages["world"]
    url = open_page(browser, path)
    assert browser.evaluate("location.hash") == ""  # the opening view needs no hash
    assert browser.evaluate("document.getElementById('kg-copy-link').offsetWidth") > 0  # visible
    click_node(browser, "person/antony-blinken")
    browser.evaluate("kg.setRange('2022-01-21', '2022-02-28')")
    browser.evaluate("document.querySelector('#kg-types .kg-chip:nth-child(4)').click()")  # Place
    browser.evaluate("document.querySelector('#kg-facets [data-facet=act] [data-value=reject]').click()")
    browser.evaluate("document.getElementById('kg-undated').click()")
    link = browser.evaluate("kg.permalink()")
    assert "#select=person%2Fantony-blinken&" in link
    assert "from=2022-01-21" in link and "to=2022-02-28" in link
    assert "hide=type%3APlace" in link and "hide=act%3Areject" in link and "undated=0" in link
    expected = browser.evaluate("({edges: kg.drawn().edges, nodes: kg.drawn().nodes, dimmed: kg.dimmed()})")
    browser.evaluate("document.getElementById('kg-copy-link').click()")
    browser.wait_for("window.__kgCopied !== undefined")
    assert browser.evaluate("window.__kgCopied") == link
    assert_clean(browser, url)
    # the link opens the same view: selection and panel, range, filters, checkboxes
    browser.navigate("about:blank")
    browser.events.clear()
    browser.navigate(link)
    browser.wait_for("window.__kgReady === true && window.__kgDrawnAt > 0")
    assert browser.evaluate("network.getSelectedNodes()") == ["person/antony-blinken"]
    assert browser.evaluate("document.querySelector('#kg-details h2').textContent") == "Antony Blinken"
    days = browser.evaluate("[kg.state.from, kg.state.to].map(d => new Date(d * 864e5).toISOString().slice(0, 10))")
    assert days == ["2022-01-21", "2022-02-28"]
    assert browser.evaluate("({edges: kg.drawn().edges, nodes: kg.drawn().nodes, dimmed: kg.dimmed()})") == expected
    assert browser.evaluate("document.getElementById('kg-undated').checked") is False
    assert browser.evaluate("document.querySelector('#kg-facets [data-facet=act] [data-value=reject]')"
                            ".getAttribute('aria-pressed')") == "false"
    assert browser.evaluate("location.href") == link  # restoring rewrites nothing
    assert browser.console_errors() == []


def test_lanes_show_chosen_entities_facts_on_one_time_axis(browser, pages):
    path, graph = pages["world"]
    url = open_page(browser, path)
    browser.evaluate("document.getElementById('kg-lanes-toggle').click()")
    assert browser.evaluate("document.getElementById('kg-lanes').hidden") is False
    # it opens on the most active entities, the one with most facts first
    facts: dict[str, set] = {}
    for u, v, d in graph.edges(data=True):
        for n in (u, v):
            facts.setdefault(n, set()).add(d["record"].id)
    lanes = browser.evaluate("kg.lanes()")
    assert len(lanes) == min(8, len(facts))
    assert len(facts[lanes[0]]) == max(len(f) for f in facts.values())
    # one mark per fact of each lane, on its lane
    browser.evaluate("kg.setLanes(['person/antony-blinken'])")
    marks = browser.evaluate("[...document.querySelectorAll('#kg-lanes .kg-mark')].map(m => m.dataset.entity)")
    assert marks == ["person/antony-blinken"] * len(facts["person/antony-blinken"])
    # add a lane by name
    browser.evaluate("document.getElementById('kg-lanes-add').focus()")
    browser.type_text("Zelensky")
    browser.press("Enter")
    assert browser.evaluate("kg.lanes()") == ["person/antony-blinken", "person/volodymyr-zelensky"]
    # marks keep time order along the axis: the 2022-01-21 meeting before the 2022-02-24 one
    xs = browser.evaluate("Object.fromEntries([...document.querySelectorAll('#kg-lanes .kg-mark')]"
                          ".filter(m => m.dataset.entity === 'person/antony-blinken')"
                          ".map(m => [m.querySelector('title').textContent, m.getBoundingClientRect().x]))")
    held = next(x for t, x in xs.items() if t.startswith("2022-01-21 · meeting"))
    cancelled = next(x for t, x in xs.items() if t.startswith("2022-02-24 · meeting"))
    assert held < cancelled
    # a click on a mark shows that fact in the provenance panel
    where = browser.evaluate("(() => { const m = [...document.querySelectorAll('#kg-lanes .kg-mark')].find(m =>"
                             " m.querySelector('title').textContent.startsWith('2022-02-24')); const r ="
                             " m.getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()")
    click_at(browser, where["x"], where["y"])
    text = panel_text(browser)
    assert text.startswith("Meeting · 2022-02-24") and "cancelled" in text and "Blinken membatalkan" in text
    # the lanes follow the filters and are part of the permalink
    browser.evaluate("[...document.querySelectorAll('#kg-kinds .kg-chip')].find(b => b.textContent.includes('meeting'))"
                     ".click()")
    left = browser.evaluate("[...document.querySelectorAll('#kg-lanes .kg-mark')]"
                            ".filter(m => m.dataset.entity === 'person/antony-blinken').length")
    said = {d["record"].id for u, v, d in graph.edges(data=True) if "person/antony-blinken" in (u, v)
            and d["kind"] != "meeting"}
    assert left == len(said)
    assert "lane=person%2Fantony-blinken&lane=person%2Fvolodymyr-zelensky" in browser.evaluate("kg.permalink()")
    assert_clean(browser, url)


def test_repeated_edges_merge_into_one_weighted_edge_that_expands_on_click(browser, pages):
    path, graph = pages["world"]
    url = open_page(browser, path)
    pairs = Counter(frozenset((u, v)) for u, v in graph.edges())
    browser.evaluate("document.getElementById('kg-merge').click()")
    assert drawn(browser)["edges"] == len(pairs)  # one line per pair of entities
    assert browser.evaluate("kg.counts().edges") == graph.number_of_edges()  # the facts are all still there
    ministers = frozenset(("person/antony-blinken", "person/sergey-lavrov"))
    assert pairs[ministers] >= 3
    widths = browser.evaluate("Object.values(network.body.edges)"
                              ".filter(e => !e.options.hidden && String(e.id).startsWith('merged:'))"
                              ".map(e => [e.fromId, e.toId, e.options.width, e.options.label])")
    assert sorted(w[3] for w in widths) == sorted(f"×{n}" for n in pairs.values() if n > 1)
    assert all(w[2] > 1.5 for w in widths)
    # a click on the merged edge expands it into its facts, listed in the panel
    a = browser.evaluate("kg.position('person/antony-blinken')")
    b = browser.evaluate("kg.position('person/sergey-lavrov')")
    click_at(browser, (a["x"] + b["x"]) / 2, (a["y"] + b["y"]) / 2)
    assert drawn(browser)["edges"] == len(pairs) - 1 + pairs[ministers]
    text = panel_text(browser)
    assert text.startswith(f"{pairs[ministers]} facts between two entities")
    assert "“Kami siap berunding”" in text and "cancelled" in text
    browser.evaluate("[...document.querySelectorAll('#kg-details button')].find(b => b.textContent === 'merge again')"
                     ".click()")
    assert drawn(browser)["edges"] == len(pairs)
    # selecting an entity fades the merged edges it is not on, their ×n too
    click_node(browser, "person/volodymyr-zelensky")
    faded = browser.evaluate("Object.values(network.body.edges).filter(e => String(e.id).startsWith('merged:'))"
                             ".map(e => [e.fromId, e.toId, e.options.color.opacity, e.options.font.color])")
    for source, target, opacity, font in faded:
        near = "person/volodymyr-zelensky" in (source, target)
        assert (opacity > 0.5) == near and font.startswith("rgba") != near, (source, target)
    assert "merge=1" in browser.evaluate("kg.permalink()")
    browser.evaluate("document.getElementById('kg-merge').click()")
    assert drawn(browser)["edges"] == graph.number_of_edges()
    assert_clean(browser, url)


def test_empty_and_undated_pages_work_without_errors(browser, tmp_path):
    corpus = world_corpus()
    for record in [*corpus.statements, *corpus.meetings, *corpus.events]:
        record.date = None
    for name, graph in (("empty", nx.MultiDiGraph(documents={})), ("undated", build_graph(corpus))):
        path = tmp_path / f"{name}.html"
        path.write_text(to_html(graph), encoding="utf-8")
        url = open_page(browser, path)
        assert browser.evaluate("document.getElementById('kg-range-label').textContent") == "no dated edges"
        browser.evaluate("document.getElementById('kg-lanes-toggle').click()")
        browser.evaluate("document.getElementById('kg-merge').click()")
        browser.evaluate("document.getElementById('kg-histogram')"
                         ".dispatchEvent(new WheelEvent('wheel', {deltaY: 100, cancelable: true}))")
        assert drawn(browser)["edges"] <= graph.number_of_edges()
        assert browser.evaluate("kg.permalink()").startswith(url)
        assert_clean(browser, url)
