"""Fetch the official DCAT-AP SHACL shapes again into tests/fixtures/dcat-ap (needs network).

The tests use the vendored copies and never the network; run this by hand to see whether the
published files changed, and to update them (then update the commit named in the folder's
README). Usage: ``python scripts/refresh_dcat_ap.py [--commit SHA] [--check]``.
"""

from __future__ import annotations

import argparse
import sys
import urllib.request
from pathlib import Path

REPOSITORY = "https://raw.githubusercontent.com/SEMICeu/DCAT-AP"
COMMIT = "7c531da7f154794da620fd0e57a3e8afe0286c0f"
RELEASE = "releases/3.0.1"
FILES = {
    "shapes.ttl": "html/shacl/shapes.ttl",
    "range.ttl": "html/shacl/range.ttl",
    "mdr-vocabularies.shape.ttl": "html/shacl/mdr-vocabularies.shape.ttl",
    "deprecateduris.ttl": "html/shacl/deprecateduris.ttl",
    "shapes_recommended.ttl": "html/shacl/shapes_recommended.ttl",
    "dcat-ap-SHACL.ttl": "shacl/dcat-ap-SHACL.ttl",
}
"""Vendored name -> path under the release folder in the SEMICeu/DCAT-AP repository."""

FOLDER = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "dcat-ap"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commit", default=COMMIT, help="the repository commit (or branch)")
    parser.add_argument("--check", action="store_true", help="only report differences")
    args = parser.parse_args()
    changed = 0
    for name, path in FILES.items():
        url = f"{REPOSITORY}/{args.commit}/{RELEASE}/{path}"
        with urllib.request.urlopen(url, timeout=60) as response:
            body = response.read()
        target = FOLDER / name
        if target.exists() and target.read_bytes() == body:
            print(f"unchanged {name}")
            continue
        changed += 1
        print(f"{'differs' if args.check else 'updated'} {name} <- {url}")
        if not args.check:
            target.write_bytes(body)
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
