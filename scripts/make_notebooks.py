"""Write the notebooks in notebooks/ (without outputs) from the cell sources below.

Run `python scripts/make_notebooks.py` after editing; CI executes the notebooks with `pytest --nbmake`.
"""
from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent

QUICKSTART = [
    ("md", """# kg quick start

Build the sample corpus that ships with kg, count what it found, and ask the graph a few questions.
Everything runs offline."""),
    ("code", """import tempfile
from pathlib import Path

import kg
from kg.pipeline import SAMPLE_DIR

out = Path(tempfile.mkdtemp()) / "sample"
result = kg.build([SAMPLE_DIR], out)
print(result.summary())
sorted(p.name for p in out.iterdir())"""),
    ("md", "## What is in the graph"),
    ("code", """# what the build made (a build into a folder returns its counts; the graph is in its files)
counts = {"articles": result.report.read, "entities": result.nodes, "edges": result.edges,
          **{f"{kind}s": n for kind, n in result.counts.items()}}
counts"""),
    ("code", """from collections import Counter

nxg = kg.to_networkx(out)  # the build's graph, read back from its files
Counter(data["entity_type"] for _, data in nxg.nodes(data=True))"""),
    ("md", """## First queries

`kg.query` runs SPARQL (or the name of a bundled query) and returns a pandas DataFrame. The prefixes `kgo`,
`rdfs`, `skos`, `schema`, `xsd`, `prov` and `time` are predeclared."""),
    ("code", """graph = kg.load(out)
kg.query(graph, \"\"\"
SELECT ?label (COUNT(?statement) AS ?statements) WHERE {
  ?statement a kgo:Statement ; kgo:speaker/rdfs:label ?label .
} GROUP BY ?label ORDER BY DESC(?statements) LIMIT 10
\"\"\")"""),
    ("code", """kg.query(graph, "who_met_whom").head(10)"""),
    ("code", """kg.query(graph, "entity_profile", {"entityName": "Lavrov"})"""),
    ("md", "Every fact keeps its provenance: the article, the sentence and the character offsets."),
    ("code", """kg.query(graph, \"\"\"
SELECT ?date ?who ?cue ?sentence ?start ?end WHERE {
  ?s a kgo:Meeting ; kgo:participant/rdfs:label ?who ; kgo:cue ?cue ; kgo:sentence ?sentence ;
     kgo:charStart ?start ; kgo:charEnd ?end .
  OPTIONAL { ?s kgo:date ?date }
} ORDER BY ?date LIMIT 8
\"\"\")"""),
]

EXPLORATION = [
    ("md", """# Exploring a dated news graph

SPARQL into pandas, a timeline of statements and meetings per actor, centrality and communities with
networkx, an actor's ego network, and the HTML explorer. Runs on the bundled sample corpus, offline."""),
    ("code", """%matplotlib inline
from pathlib import Path

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd

import kg
from kg.pipeline import SAMPLE_DIR

out = Path("sample-out")  # beside this notebook, so that the explorer below is embedded by a relative path
kg.build([SAMPLE_DIR], out)
graph = kg.load(out)"""),
    ("md", "## SPARQL to pandas: every dated statement and meeting"),
    ("code", """facts = kg.query(graph, \"\"\"
SELECT ?kind ?actor ?date WHERE {
  { ?f a kgo:Statement ; kgo:speaker/rdfs:label ?actor . BIND("statement" AS ?kind) }
  UNION
  { ?f a kgo:Meeting ; kgo:participant/rdfs:label ?actor . BIND("meeting" AS ?kind) }
  ?f kgo:date ?date .
  FILTER(DATATYPE(?date) = xsd:date)
}
\"\"\")
facts["date"] = pd.to_datetime(facts["date"])
facts.head()"""),
    ("md", "## Statements and meetings per day"),
    ("code", """per_day = facts.groupby([facts["date"].dt.date, "kind"]).size().unstack(fill_value=0)
ax = per_day.plot(kind="bar", figsize=(9, 3), width=0.8)
ax.set_xlabel("")
ax.set_ylabel("facts")
ax.set_title("Dated statements and meetings per day")
plt.show()"""),
    ("md", "## Actor timeline: one lane per actor"),
    ("code", """top = facts["actor"].value_counts().head(8).index
subset = facts[facts["actor"].isin(top)]
fig, ax = plt.subplots(figsize=(9, 4))
for y, actor in enumerate(top):
    rows = subset[subset["actor"] == actor]
    for kind, marker in (("statement", "o"), ("meeting", "s")):
        dates = rows[rows["kind"] == kind]["date"]
        ax.scatter(dates, [y] * len(dates), marker=marker, label=kind if y == 0 else None)
ax.set_yticks(range(len(top)), top)
ax.legend(loc="upper left")
ax.set_title("Dated statements (o) and meetings (s)")
fig.autofmt_xdate()
plt.show()"""),
    ("md", "## Centrality and communities"),
    ("code", """g = kg.to_networkx(out)
simple = nx.Graph()
for u, v in g.edges():
    if u != v:
        simple.add_edge(u, v, weight=simple.get_edge_data(u, v, {"weight": 0})["weight"] + 1)
labels = nx.get_node_attributes(g, "label")
centrality = nx.degree_centrality(simple)
betweenness = nx.betweenness_centrality(simple)
pd.DataFrame({
    "actor": [labels[n] for n in centrality],
    "degree": list(centrality.values()),
    "betweenness": [betweenness[n] for n in centrality],
}).sort_values("degree", ascending=False).head(10)"""),
    ("code", """communities = nx.community.greedy_modularity_communities(simple, weight="weight")
[sorted(labels[n] for n in community)[:8] for community in communities[:4]]"""),
    ("md", "## An actor's ego network"),
    ("code", """actor = max(centrality, key=centrality.get)
ego = nx.ego_graph(simple, actor, radius=1)
fig, ax = plt.subplots(figsize=(6, 6))
positions = nx.spring_layout(ego, seed=1)
nx.draw_networkx(ego, positions, labels={n: labels[n] for n in ego}, node_size=300, font_size=8, ax=ax)
ax.set_title(f"Ego network of {labels[actor]}")
ax.axis("off")
plt.show()"""),
    ("md", """## The HTML explorer

`graph.html` works offline; the cell below embeds it (open the file directly for a full window)."""),
    ("code", """from IPython.display import IFrame

IFrame(src=f"{out}/graph.html", width="100%", height=600)  # relative to the notebook: works in Jupyter's server"""),
]


def notebook(cells: list[tuple[str, str]]) -> nbformat.NotebookNode:
    nb = new_notebook()
    nb.cells = [new_markdown_cell(src) if kind == "md" else new_code_cell(src) for kind, src in cells]
    for number, cell in enumerate(nb.cells):
        cell.id = f"cell-{number:02d}"  # stable ids: regenerating gives the same files
    nb.metadata = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                   "language_info": {"name": "python"}}
    return nb


def main() -> None:
    for name, cells in (("01_quickstart.ipynb", QUICKSTART), ("02_exploration.ipynb", EXPLORATION)):
        path = ROOT / "notebooks" / name
        nbformat.write(notebook(cells), path)
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
