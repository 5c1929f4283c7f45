from conftest import corpus_of

from kg.graph import build_graph, records


def test_statement_and_meeting_edges():
    corpus = corpus_of("“Kami siap,” kata Menlu Retno Marsudi kepada Menlu Tiongkok Wang Yi. "
                       "Presiden Joe Biden mendesak Rusia menarik pasukan. "
                       "Presiden Joko Widodo mengatakan semuanya baik. "
                       "Presiden Joko Widodo bertemu Presiden Vladimir Putin dan Presiden Volodymyr Zelensky "
                       "di Bali pada Senin.")
    graph = build_graph(corpus)
    edges = {(u, v, d["kind"], d["role"]) for u, v, d in graph.edges(data=True)}
    assert ("person/retno-marsudi", "person/wang-yi", "statement", "addressee") in edges
    assert ("person/joe-biden", "country/rusia", "statement", "about") in edges
    assert ("person/joko-widodo", "person/joko-widodo", "statement", "self") in edges
    assert ("person/joko-widodo", "person/vladimir-putin", "meeting", "participant") in edges
    assert ("person/joko-widodo", "person/volodymyr-zelensky", "meeting", "participant") in edges
    meeting = next(d for _, _, d in graph.edges(data=True) if d["kind"] == "meeting")
    assert meeting["date"] == "2022-02-14"
    assert {r.id for r in records(graph)} == {r.id for r in [*corpus.statements, *corpus.meetings]}


def test_nodes_carry_entity_attributes():
    graph = build_graph(corpus_of("Menlu Rusia Sergey Lavrov tiba di Jenewa. Lavrov lalu pergi."))
    data = graph.nodes["person/sergey-lavrov"]
    assert data["type"] == "Person" and data["label"] == "Sergey Lavrov" and data["aliases"] == ["Lavrov"]
    assert data["mentions"] == 2
