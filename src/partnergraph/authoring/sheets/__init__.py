"""The workings of spreadsheet authoring (:mod:`partnergraph.spreadsheet` is the public face).

``layout``    the sheets and their columns: one declaration used to write, read, check and map
``vocab``     the controlled lists (statuses, kinds, roles ...) read from the vocabularies
``cells``     cell values: identifiers, multi-valued cells, dates in the source's precision
``reader``    a workbook (.xlsx) or a folder of CSV files -> rows
``build``     rows -> RDF, with every problem found and the cell each triple came from
``export``    a graph -> rows, so a workbook can be written from the current data
``writer``    rows -> .xlsx (drop-downs, guide, hidden lists) or CSV files
``shacl``     SHACL findings on the built RDF -> the sheet, row and column to fix
``problems``  the problem and error types, and their messages in Danish and English
"""
