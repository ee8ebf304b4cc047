"""What every page shares: the Jinja2 environment, the navigation, the policy, the licence.

Every template is rendered with autoescaping on, so every label and literal from the data is
escaped wherever it lands (text, attributes).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from partnergraph.views.pages.links import Links
from partnergraph.views.pages.vocab import LANGUAGES, other_language, text

__all__ = ["CSP", "LICENCE", "NavItem", "check_lang", "common", "render"]

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'self'"
)
"""The pages' own Content-Security-Policy (a ``<meta>``): nothing from any other origin."""

LICENCE = "https://creativecommons.org/licenses/by/4.0/"


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("partnergraph.views.pages", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": False, "indent": 1}
    return env


def render(template: str, **context: Any) -> str:
    return _environment().get_template(template).render(**context)


def check_lang(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    href: str
    current: bool


def _nav(links: Links, lang: str, current: str) -> list[NavItem]:
    order = ("home", "query", "queries", "network", "ontology")
    names = {
        "query": "nav.query",
        "home": "nav.home",
        "queries": "nav.queries",
        "network": "nav.network",
        "ontology": "nav.ontology",
    }
    items = []
    for key in order:
        href = links.page(key)
        if href is not None:
            items.append(NavItem(key, text(lang, names[key]), href, key == current))
    return items


def common(
    links: Links, lang: str, current: str, site_name: Mapping[str, str] | None
) -> dict[str, Any]:
    check_lang(lang)
    names = site_name or {}
    return {
        "lang": lang,
        "other_lang": other_language(lang),
        "t": lambda key, **values: text(lang, key, **values),
        "links": links,
        "nav": _nav(links, lang, current),
        "csp": CSP,
        "site_name": names.get(lang) or names.get("en") or "",
        "licence": LICENCE,
    }
