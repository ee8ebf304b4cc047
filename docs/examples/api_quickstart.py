"""Ask the Norddjurs partnership graph questions from Python."""

import partnergraph

kg = partnergraph.load()  # the bundled Norddjurs data; or partnergraph.load(["my-data/"])

# A named query from the library, with a parameter and English labels.
due = kg.query("renewals-due", before="2026-01-01", lang="en")
for row in due.as_dicts():
    print(row["agreement"], "|", row["nextTreatment"])

# Ad hoc SPARQL: the stable prefixes (pg:, pgid:, org:, skos: ...) are predeclared.
forums = kg.sparql("SELECT (COUNT(?f) AS ?n) WHERE { ?f a pg:Forum }")
print("forums:", forums.rows[0][0])

# Everything known about one thing, found by its label.
via = kg.describe("VIA University College", lang="en")
print(via.label, "-", len(via.incoming), "links in, source:", via.sources[0])

# SHACL validation and export.
report = kg.validate()
print("conforms:", report.conforms)
turtle = kg.export("ttl")
print(turtle.splitlines()[0])
