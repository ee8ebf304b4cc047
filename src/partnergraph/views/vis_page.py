"""The frame every vis-network page shares: head, policy, inlined vis-network, data and script.

The network page and the overview page differ only in their body, style and script; what makes
either safe offline (the Content-Security-Policy, vis-network read from the installed pyvis and
checked before it is inlined, data JSON that cannot end its ``<script>`` element) lives here
once, so a fix to one is a fix to both.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Any, Final

__all__ = ["CSP", "asset", "fill", "page", "script_json", "vis_library"]

CSP: Final = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data: blob:; base-uri 'none'; form-action 'none'"
)
"""The page's Content-Security-Policy: nothing from any other origin, ever."""

_PYVIS_INCLUDE: Final = re.compile(
    r"\{%\s*include\s+'(lib/vis-[\w.-]+/vis-network\.(?:min\.js|css))'"
)
"""The files pyvis' in-line page includes from the vis-network it ships."""

_JSON_ESCAPES: Final = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JSON_UNSAFE: Final = re.compile("[<>&\u2028\u2029]")
_MARKER: Final = re.compile(r"\{\{(\w+)\}\}")


def asset(folder: str, name: str) -> str:
    """The text of ``name`` in the package folder ``views/<folder>`` (a page's HTML, CSS, JS)."""
    return (resources.files("partnergraph.views") / folder / name).read_text(encoding="utf-8")


def fill(template: str, parts: Mapping[str, str]) -> str:
    """``template`` with each ``{{name}}`` replaced by ``parts[name]``.

    One pass, so nothing filled in (a label in the data) is read as a marker in its turn.
    """
    return _MARKER.sub(lambda m: parts[m.group(1)], template)


def script_json(data: Any) -> str:
    """JSON that can sit inside ``<script type="application/json">``: no ``<``, ``>``, ``&``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group(0)], text)


@lru_cache(maxsize=1)
def vis_library() -> tuple[str, str]:
    """vis-network's JS and CSS as the installed pyvis inlines them, made safe to inline here.

    pyvis' own page (``cdn_resources="in_line"``) includes the vis-network it ships; its
    template says which files, so an upgraded pyvis brings its vis-network along.
    """
    templates = resources.files("pyvis") / "templates"
    included = _PYVIS_INCLUDE.findall((templates / "template.html").read_text(encoding="utf-8"))
    files = {name.rpartition(".")[2]: templates / name for name in included}
    if set(files) != {"js", "css"}:
        raise RuntimeError("the installed pyvis no longer inlines vis-network")
    js = files["js"].read_text(encoding="utf-8")
    css = files["css"].read_text(encoding="utf-8")
    # Inside <script>, only "</script" (any case) or "<!--" could end or confuse the element.
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)
    if "<!--" in js or re.search(r"</style", css, re.IGNORECASE):
        raise RuntimeError("the installed vis-network cannot be inlined safely")
    if re.search(r"url\(\s*['\"]?\s*(?!data:)[a-z]+:", css, re.IGNORECASE) or "@import" in css:
        raise RuntimeError("the installed vis-network.css refers to another host")
    return js, css


def page(*, lang: str, title: str, body: str, css: str, js: str, data: Any) -> str:
    """The whole page: the shared frame around ``body`` (HTML already filled in and escaped).

    ``title`` is plain text (escaped here); ``css`` and ``js`` are the page's own style and
    script; ``data`` goes in as JSON that the script reads from ``#pg-data``.
    """
    vis_js, vis_css = vis_library()
    parts = {
        "lang": lang,
        "title": html.escape(title, quote=True),
        "csp": html.escape(CSP, quote=True),
        "vis_css": vis_css,
        "css": css,
        "body": body.removesuffix("\n"),
        "data": script_json(data),
        "vis_js": vis_js,
        "js": js,
    }
    return fill(_frame(), parts)


@lru_cache(maxsize=1)
def _frame() -> str:
    """The page frame with the head every partnergraph page shares (the site's pages include
    the same ``pages/templates/head.html``): one policy, referrer rule and viewport for all."""
    head = (resources.files("partnergraph.views.pages") / "templates" / "head.html").read_text(
        encoding="utf-8"
    )
    return asset("vis_page_assets", "frame.html").replace("{{head}}\n", head)
