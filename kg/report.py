"""`kg report`: a summary of a build's corpus as one offline HTML page and the same content as Markdown.

Everything is read from the build through SPARQL (graph.trig, else graph.ttl): articles per outlet and per day, the
most active speakers and their speech acts, who met whom among the most active participants, the busiest days,
and the entities that appear in (or vanish before) the last quarter of the corpus's publication dates. Figures are
drawn by matplotlib (core dependency of kg) without pyplot, so no window or global backend is involved; each is a
PNG image, inline in the page (a data: URI) and a file beside the Markdown, and carries no software metadata, so
that the same build gives the same bytes. Entities link to their entry in graph.html
(``graph.html#select=<percent-encoded entity id>``) when the build has a graph.html.

The report is a list of sections (title, text, figure, table) built once and rendered twice, so that the HTML page
and the Markdown cannot disagree.
"""
from __future__ import annotations

import base64
import html
import io
import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox

from .export import write_atomic
from .export.flat import entity_id
from .kinds import kinds
from .model import ENTITY_TYPES
from .prefixes import PREFIXES
from .sparql import open_store, run

HTML_NAME = "report.html"
MARKDOWN_NAME = "report.md"
FIGURES_FOLDER = "report-files"  # the Markdown's PNGs, beside it (the HTML holds them inline)
DEFAULT_TOP = 10
LISTED_ENTITIES = 25  # rows of each appear/vanish table (the rest are counted)
NO_OUTLET = "(no outlet)"
FIGURE_NAMES = ("articles-per-day", "articles-per-outlet", "speakers", "meetings", "facts-per-day")

DOCUMENTS = """SELECT ?doc ?outlet ?published WHERE {
  ?doc a kgo:Document .
  OPTIONAL { ?doc kgo:outlet ?outlet }
  OPTIONAL { ?doc schema:datePublished ?published }
}"""
STATEMENTS = """SELECT ?statement ?speaker ?speechAct WHERE {
  ?statement a kgo:Statement ; kgo:speaker ?speaker .
  OPTIONAL { ?statement kgo:speechAct ?speechAct }
}"""
MEETINGS = """SELECT ?meeting ?participant WHERE { ?meeting a kgo:Meeting ; kgo:participant ?participant }"""
# the fact kinds and entity types of the registry and the data model, so that a new kind is reported too
DATED_FACTS = """SELECT ?fact ?type ?date WHERE {
  VALUES ?type { KINDS }
  ?fact a ?type ; kgo:cue ?cue ; kgo:date ?date .
}""".replace("KINDS", " ".join(k.ontology_class for k in kinds()))
FACT_ROLES = """SELECT ?fact ?entity WHERE {
  VALUES ?role { kgo:speaker kgo:participant kgo:actor }
  ?fact kgo:cue ?cue ; kgo:date ?date ; ?role ?entity .
}"""
ENTITIES = """SELECT ?entity ?type ?label WHERE {
  VALUES ?type { TYPES }
  ?entity a ?type ; rdfs:label ?label .
  FILTER NOT EXISTS { ?entity kgo:cue ?cue }
}""".replace("TYPES", " ".join(f"kgo:{t}" for t in ENTITY_TYPES))
MENTIONS = """SELECT ?entity ?doc WHERE { ?entity kgo:mentionedIn ?doc }"""
KGO = PREFIXES["kgo"]


@dataclass(frozen=True)
class Link:
    """An entity in a table: its label, linked to its graph.html entry."""

    label: str
    entity: str  # entity id ("person/sergey-lavrov")


Cell = str | int | Link


@dataclass
class Table:
    columns: list[str]
    rows: list[list[Cell]]
    note: str = ""  # a line under the table ("and 12 more")
    title: str = ""  # a heading over it, when a section has several


@dataclass
class Section:
    title: str
    text: str
    figure: str | None = None  # a FIGURE_NAMES name, when drawn
    tables: list[Table] = field(default_factory=list)


@dataclass
class Corpus:
    """What the report needs of a build, read by SPARQL."""

    outlets: dict[str, str]  # document IRI -> outlet
    published: dict[str, date]  # document IRI -> publication day (documents with one)
    labels: dict[str, str]  # entity id -> label
    types: dict[str, str]  # entity id -> type (Person, Country ...)
    statements: list[tuple[str, str]]  # (speaker id, speech act or "")
    meetings: dict[str, set[str]]  # meeting IRI -> participant ids
    facts_by_day: dict[date, Counter]  # day -> fact type (Statement, Meeting, other) -> count
    actors_by_day: dict[date, Counter]  # day -> entity id -> facts of that day it speaks in, meets in, acts in
    mentioned: dict[str, set[str]]  # entity id -> documents naming it


def read_corpus(store: ox.Store) -> Corpus:
    documents = run(store, DOCUMENTS).records()
    outlets = {row["doc"]: row["outlet"] or NO_OUTLET for row in documents}
    published = {row["doc"]: day for row in documents if (day := day_of(row["published"])) is not None}
    labels, types = {}, {}
    for row in run(store, ENTITIES).records():
        labels.setdefault(entity_id(row["entity"]), row["label"])
        types.setdefault(entity_id(row["entity"]), row["type"].removeprefix(KGO))
    statements = [(entity_id(row["speaker"]), row["speechAct"] or "") for row in run(store, STATEMENTS).records()]
    meetings: dict[str, set[str]] = defaultdict(set)
    for row in run(store, MEETINGS).records():
        meetings[row["meeting"]].add(entity_id(row["participant"]))
    fact_days: dict[str, date] = {}
    fact_kinds: dict[str, str] = {}
    for row in run(store, DATED_FACTS).records():
        day = day_of(row["date"], exact=True)  # a month or year date names no day
        if day is None:
            continue
        fact_days[row["fact"]] = day
        kind = row["type"].removeprefix(KGO)  # a fact of two types (a sanction is also an event) counts once
        if kind in ("Statement", "Meeting") or row["fact"] not in fact_kinds:
            fact_kinds[row["fact"]] = kind if kind in ("Statement", "Meeting") else "other"
    facts_by_day: dict[date, Counter] = defaultdict(Counter)
    for fact, day in fact_days.items():
        facts_by_day[day][fact_kinds[fact]] += 1
    actors_by_day: dict[date, Counter] = defaultdict(Counter)
    for fact, entity in sorted({(row["fact"], entity_id(row["entity"])) for row in run(store, FACT_ROLES).records()}):
        if fact in fact_days:
            actors_by_day[fact_days[fact]][entity] += 1
    mentioned: dict[str, set[str]] = defaultdict(set)
    for row in run(store, MENTIONS).records():
        mentioned[entity_id(row["entity"])].add(row["doc"])
    return Corpus(outlets, published, labels, types, statements, dict(meetings), dict(facts_by_day),
                  dict(actors_by_day), dict(mentioned))


def day_of(value: str | None, exact: bool = False) -> date | None:
    """The day of an xsd:date or xsd:dateTime value; with exact, None for a month or a year ("2022-02")."""
    if not value or (exact and len(value) != 10):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:  # a month or a year: no day
        return None


class Report:
    """The sections of a corpus's report (see the module's docstring)."""

    def __init__(self, corpus: Corpus, top: int = DEFAULT_TOP):
        self.corpus = corpus
        self.top = top
        self.figures: dict[str, object] = {}  # figure name -> the data it draws, for draw()
        self.sections = [self.overview(), self.per_outlet(), self.per_day(), self.speakers(), self.who_met_whom(),
                         self.busiest_days(), self.appear_vanish()]

    def link(self, entity: str) -> Link:
        return Link(self.corpus.labels.get(entity, entity), entity)

    def overview(self) -> Section:
        corpus = self.corpus
        days = sorted(corpus.published.values())
        span = f"published from {days[0]} to {days[-1]}" if days else "with no publication dates"
        return Section("Overview", f"{len(corpus.outlets)} articles from {len(set(corpus.outlets.values()))} "
                                   f"outlets, {span}; {len(corpus.labels)} entities, {len(corpus.statements)} "
                                   f"statements, {len(corpus.meetings)} meetings.")

    def per_outlet(self) -> Section:
        counts = Counter(self.corpus.outlets.values())
        rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        self.figures["articles-per-outlet"] = rows
        table = Table(["outlet", "articles"], [list(row) for row in rows])
        return Section("Articles per outlet", f"{len(self.corpus.outlets)} articles, {len(counts)} outlets.",
                       "articles-per-outlet" if rows else None, [table])

    def per_day(self) -> Section:
        counts = Counter(self.corpus.published.values())
        undated = len(self.corpus.outlets) - len(self.corpus.published)
        text = f"Articles by the day they were published; {undated} without a publication day." if undated \
            else "Articles by the day they were published."
        self.figures["articles-per-day"] = sorted(counts.items())
        return Section("Articles per day", text, "articles-per-day" if counts else None,
                       [Table(["day", "articles"], [[str(day), n] for day, n in sorted(counts.items())])])

    def speakers(self) -> Section:
        by_speaker: dict[str, Counter] = defaultdict(Counter)
        for speaker, act in self.corpus.statements:
            by_speaker[speaker][act or "(none)"] += 1
        ranked = sorted(by_speaker, key=lambda s: (-sum(by_speaker[s].values()), self.link(s).label, s))[: self.top]
        acts = [act for act, _ in sorted(Counter(a or "(none)" for _, a in self.corpus.statements).items(),
                                         key=lambda item: (-item[1], item[0]))]
        rows = [[self.link(s), sum(by_speaker[s].values()), *(by_speaker[s][act] for act in acts)] for s in ranked]
        self.figures["speakers"] = (ranked, acts, by_speaker)
        return Section("Most active speakers", f"The {len(ranked)} speakers with the most statements (of "
                                               f"{len(by_speaker)}), by speech act.",
                       "speakers" if ranked else None, [Table(["speaker", "statements", *acts], rows)])

    def who_met_whom(self) -> Section:
        attended = Counter(p for participants in self.corpus.meetings.values() for p in participants)
        actors = sorted(attended, key=lambda a: (-attended[a], self.link(a).label, a))[: self.top]
        pairs: Counter = Counter()
        for participants in self.corpus.meetings.values():
            for a in participants:
                for b in participants:
                    if a != b:
                        pairs[a, b] += 1
        matrix = [[pairs[a, b] for b in actors] for a in actors]  # the diagonal stays 0: no pair
        self.figures["meetings"] = (actors, matrix)
        rows = [[self.link(a), attended[a], *("·" if a == b else pairs[a, b] for b in actors)] for a in actors]
        columns = ["actor", "meetings", *(self.link(a).label for a in actors)]
        return Section("Who met whom", f"Meetings of any status (held, planned, cancelled) shared by each pair of the "
                                       f"{len(actors)} entities in the most meetings (of {len(attended)}).",
                       "meetings" if actors else None, [Table(columns, rows)])

    def busiest_days(self) -> Section:
        days = self.corpus.facts_by_day
        ranked = sorted(days, key=lambda d: (-sum(days[d].values()), d))[: self.top]
        published = Counter(self.corpus.published.values())
        rows = []
        for day in ranked:
            actors = self.corpus.actors_by_day.get(day, Counter())
            most = sorted(actors, key=lambda a: (-actors[a], self.link(a).label, a))[:3]
            rows.append([str(day), sum(days[day].values()), days[day]["Statement"], days[day]["Meeting"],
                         days[day]["other"], published[day], *(self.link(a) for a in most),
                         *([""] * (3 - len(most)))])
        self.figures["facts-per-day"] = sorted((d, days[d]) for d in days)
        return Section("Busiest days", f"The {len(ranked)} days with the most facts dated to the day (of "
                                       f"{len(days)} such days), and the actors most present in them.",
                       "facts-per-day" if days else None,
                       [Table(["day", "facts", "statements", "meetings", "other events", "articles published",
                               "actors", "", ""], rows)])

    def appear_vanish(self) -> Section:
        corpus = self.corpus
        seen: dict[str, list[date]] = {}
        for entity, documents in corpus.mentioned.items():
            days = sorted(corpus.published[d] for d in documents if d in corpus.published)
            if days and entity in corpus.labels:
                seen[entity] = days
        days = sorted(corpus.published.values())
        if len(set(days)) < 2:
            return Section("Entities that appear or vanish", "The articles span less than two days: no entity "
                                                             "appears or vanishes.")
        cutoff = days[0] + timedelta(days=(days[-1] - days[0]).days * 3 // 4)
        appearing = sorted((e for e in seen if seen[e][0] >= cutoff),
                           key=lambda e: (seen[e][0], -len(seen[e]), self.link(e).label, e))
        vanishing = sorted((e for e in seen if seen[e][-1] < cutoff),
                           key=lambda e: (-len(seen[e]), seen[e][-1], self.link(e).label, e))
        columns = ["entity", "type", "first seen", "last seen", "articles"]

        def table(entities: list[str], what: str, title: str) -> Table:
            rows = [[self.link(e), corpus.types.get(e, ""), str(seen[e][0]), str(seen[e][-1]), len(seen[e])]
                    for e in entities[:LISTED_ENTITIES]]
            more = len(entities) - LISTED_ENTITIES
            return Table(columns, rows, f"{what}: and {more} more." if more > 0 else "", title)

        return Section("Entities that appear or vanish",
                       f"By the publication dates of the articles naming them. The last quarter of the corpus runs "
                       f"from {cutoff} to {days[-1]}: {len(appearing)} entities are first named in it, "
                       f"{len(vanishing)} are not named in it.",
                       tables=[table(appearing, "appearing", "Appearing: first named in the last quarter"),
                               table(vanishing, "vanishing", "Vanishing: not named in the last quarter (most named "
                                                             "first)")])


def draw(report: Report) -> dict[str, bytes]:
    """The report's figures as PNG bytes, by name (a section with nothing to draw has none)."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    wanted = {section.figure for section in report.sections if section.figure}
    figures: dict[str, bytes] = {}
    for name in FIGURE_NAMES:
        if name not in wanted:
            continue
        data = report.figures[name]
        figure = Figure(figsize=(8, 3.6), dpi=100, layout="constrained")
        axes = figure.subplots()
        if name == "articles-per-day":
            axes.bar([d for d, _ in data], [n for _, n in data], width=1.0, color="#4c72b0")
            axes.set_ylabel("articles")
            figure.autofmt_xdate()
        elif name == "articles-per-outlet":
            figure.set_size_inches(8, 1.2 + 0.3 * len(data))
            axes.barh([o for o, _ in data][::-1], [n for _, n in data][::-1], color="#4c72b0")
            axes.set_xlabel("articles")
        elif name == "speakers":
            ranked, acts, by_speaker = data
            figure.set_size_inches(8, 1.4 + 0.35 * len(ranked))
            labels = [report.link(s).label for s in ranked][::-1]
            left = [0] * len(ranked)
            for act in acts:
                widths = [by_speaker[s][act] for s in ranked][::-1]
                axes.barh(labels, widths, left=left, label=act)
                left = [a + b for a, b in zip(left, widths, strict=True)]
            axes.set_xlabel("statements")
            axes.legend(fontsize="small", loc="lower right")
        elif name == "meetings":
            actors, matrix = data
            size = 2.5 + 0.45 * len(actors)
            figure.set_size_inches(size + 1.5, size)
            axes.imshow(matrix, cmap="Blues")
            labels = [report.link(a).label for a in actors]
            axes.set_xticks(range(len(actors)), labels, rotation=60, ha="right", fontsize="small")
            axes.set_yticks(range(len(actors)), labels, fontsize="small")
            top = max((max(row) for row in matrix), default=0)
            for i, row in enumerate(matrix):
                for j, count in enumerate(row):
                    if count:
                        axes.text(j, i, str(count), ha="center", va="center", fontsize="small",
                                  color="#ffffff" if count > top / 2 else "#000000")
        elif name == "facts-per-day":
            days = [d for d, _ in data]
            bottom = [0] * len(days)
            for kind, label in (("Statement", "statements"), ("Meeting", "meetings"), ("other", "other events")):
                heights = [counts[kind] for _, counts in data]
                axes.bar(days, heights, bottom=bottom, width=1.0, label=label)
                bottom = [a + b for a, b in zip(bottom, heights, strict=True)]
            axes.set_ylabel("facts")
            axes.legend(fontsize="small")
            figure.autofmt_xdate()
        if name != "meetings":  # counts: whole-number ticks on the counting axis
            counting = axes.xaxis if name in ("articles-per-outlet", "speakers") else axes.yaxis
            counting.set_major_locator(MaxNLocator(integer=True))
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", metadata={"Software": None})  # no version in the bytes
        figures[name] = buffer.getvalue()
    return figures


def graph_href(source: Path, folder: Path) -> str | None:
    """The link from the report's folder to the build's graph.html, or None when the build has none."""
    build = source if source.is_dir() else source.parent
    page = build / "graph.html"
    if not page.is_file():
        return None
    return Path(os.path.relpath(page.resolve(), folder.resolve())).as_posix()


def entry_href(page: str, entity: str) -> str:
    return f"{page}#select={quote(entity, safe='')}"


def render_html(report: Report, figures: dict[str, bytes], page: str | None) -> str:
    def cell(value: Cell) -> str:
        if isinstance(value, Link):
            text = html.escape(value.label)
            return f'<a href="{html.escape(entry_href(page, value.entity))}">{text}</a>' if page else text
        return html.escape(str(value))

    parts = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
             "<title>kg report</title>", f"<style>{style()}</style>", "</head>", "<body>", "<h1>kg report</h1>"]
    if page is None:
        parts.append("<p><em>The build has no graph.html: entities are not linked.</em></p>")
    for section in report.sections:
        parts += [f"<section id=\"{anchor(section.title)}\">", f"<h2>{html.escape(section.title)}</h2>",
                  f"<p>{html.escape(section.text)}</p>"]
        if section.figure in figures:
            data = base64.b64encode(figures[section.figure]).decode("ascii")
            parts.append(f'<figure><img alt="{html.escape(section.title)}" src="data:image/png;base64,{data}">'
                         "</figure>")
        for table in section.tables:
            if table.title:
                parts.append(f"<h3>{html.escape(table.title)}</h3>")
            numeric = [all(isinstance(row[i], int) for row in table.rows) and bool(table.rows)
                       for i in range(len(table.columns))]
            head = "".join(f"<th>{html.escape(c)}</th>" for c in table.columns)
            body = "".join("<tr>" + "".join(f'<td{" class=n" if numeric[i] else ""}>{cell(v)}</td>'
                                            for i, v in enumerate(row)) + "</tr>" for row in table.rows)
            parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>" if table.rows
                         else "<p><em>None.</em></p>")
            if table.note:
                parts.append(f"<p>{html.escape(table.note)}</p>")
        parts.append("</section>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def style() -> str:
    """The page's CSS (kg/export/report.css, beside the explorer's)."""
    return resources.files("kg.export").joinpath("report.css").read_text(encoding="utf-8")


def anchor(title: str) -> str:
    return "-".join(title.lower().split())


def render_markdown(report: Report, figures: dict[str, str], page: str | None) -> str:
    """The Markdown; figures maps a figure name to its PNG's path relative to the Markdown file."""
    def cell(value: Cell) -> str:
        if isinstance(value, Link):
            text = markdown_text(value.label)
            return f"[{text}](<{entry_href(page, value.entity)}>)" if page else text
        return markdown_text(str(value))

    lines = ["# kg report", ""]
    if page is None:
        lines += ["*The build has no graph.html: entities are not linked.*", ""]
    for section in report.sections:
        lines += [f"## {section.title}", "", section.text, ""]
        if section.figure in figures:
            lines += [f"![{section.title}]({figures[section.figure]})", ""]
        for table in section.tables:
            if table.title:
                lines += [f"### {table.title}", ""]
            if not table.rows:
                lines += ["*None.*", ""]
                continue
            lines.append("| " + " | ".join(markdown_text(c) or " " for c in table.columns) + " |")
            lines.append("|" + "|".join("---:" if all(isinstance(r[i], int) for r in table.rows) else "---"
                                        for i in range(len(table.columns))) + "|")
            lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in table.rows]
            lines.append("")
            if table.note:
                lines += [table.note, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def markdown_text(text: str) -> str:
    """Text safe inside a Markdown table cell or link text."""
    for char in "\\|[]*_`<>":
        text = text.replace(char, "\\" + char)
    return " ".join(text.split())


def write_report(source: str | Path, folder: str | Path | None = None, top: int = DEFAULT_TOP) -> list[Path]:
    """Write report.html, report.md and report-files/*.png for a build folder (or an RDF file) into folder
    (default: the build folder). Each file is written atomically. Raises GraphNotFound for a source kg cannot
    read, OSError for a folder it cannot write. The written paths."""
    source = Path(source)
    store = open_store(source)
    folder = Path(folder) if folder is not None else (source if source.is_dir() else source.parent)
    report = Report(read_corpus(store), top)
    figures = draw(report)
    folder.mkdir(parents=True, exist_ok=True)
    page = graph_href(source, folder)
    written = []
    pictures = folder / FIGURES_FOLDER
    if figures:
        pictures.mkdir(exist_ok=True)
    for name in FIGURE_NAMES:
        path = pictures / f"{name}.png"
        if name in figures:
            write_atomic(path, figures[name])
            written.append(path)
        elif path.is_file():  # a figure of an earlier report that this one does not have
            path.unlink()
    markdown_figures = {name: f"{FIGURES_FOLDER}/{name}.png" for name in figures}
    write_atomic(folder / MARKDOWN_NAME, render_markdown(report, markdown_figures, page))
    write_atomic(folder / HTML_NAME, render_html(report, figures, page))
    return [*written, folder / MARKDOWN_NAME, folder / HTML_NAME]
