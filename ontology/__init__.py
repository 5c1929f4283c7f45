"""kg's OWL ontology (kg.ttl), SHACL shapes (shapes.ttl) and SPARQL queries (queries/*.rq), shipped as data."""
