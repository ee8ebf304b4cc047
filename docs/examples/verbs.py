"""The command line's other verbs from Python: agenda, network statistics, a figure, JSON."""

import json

import partnergraph

kg = partnergraph.load()

# What needs attention, as `partnergraph agenda --as-of 2025-06-01 --lang en` lists it.
for item in partnergraph.agenda(kg, as_of="2025-06-01", lang="en")[:3]:
    print(item.wording, "|", item.title, "|", item.state_label)

# The actor network and its statistics, as `partnergraph network stats --top 3`.
stats = partnergraph.network_stats(kg.network("actors", lang="en"), top=3)
print("actors:", stats.nodes, "ties:", stats.edges)
print("most connected:", stats.degree[0].label)

# Every result value says as JSON what `--format json` prints.
counts = kg.stats(lang="en").to_dict()
print("triples:", counts["triples"])
print(json.dumps(kg.validate(lang="en").to_dict()["conforms"]))

# A printable figure of the theme network (SVG text; fmt="png" gives an image).
svg = partnergraph.figure(kg, "themes", fmt="svg", lang="en").decode("utf-8")
print(svg[:4])
