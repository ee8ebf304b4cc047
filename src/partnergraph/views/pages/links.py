"""Where the pages link to: the one thing that differs between the static site and the server.

A page is rendered once, with a :class:`Links` that knows the URL layout it will be served in:

* :class:`StaticLinks`: files of a static site, every link relative to the page's own file
  (so the site works from ``file://`` and from any folder of any host). The first language
  sits at the root (``index.html``, ``doc/X.html``), the other under its code (``en/...``);
  data files (``doc/X.ttl``, ``downloads/...``) exist once, at the root.
* :class:`ServerLinks`: routes of the server (``/doc/X``, ``/ontology``, ``/static/...``), the
  language as ``?lang=`` when it is not the server's default.
"""

from __future__ import annotations

import posixpath
from abc import ABC, abstractmethod
from typing import ClassVar
from urllib.parse import quote, urlencode

from partnergraph.rdf.namespaces import BASE, PG
from partnergraph.views.pages.model import local_name, safe_iri
from partnergraph.views.pages.vocab import other_language

__all__ = ["DOWNLOADS", "PAGES", "Links", "ServerLinks", "StaticLinks"]

PAGES = ("home", "queries", "ontology", "network", "query")
"""The named pages: ``query`` (the interactive query page) exists on the server only."""

DOWNLOADS: tuple[str, ...] = ("ttl", "jsonld", "nt", "trig")
"""The formats the whole graph may be downloaded in, in the order the pages offer them (their
names and media types are the format registry's, :func:`partnergraph.io.formats.graph_format`);
a :class:`Links` says which of them it has."""

_SAFE_PATH = "/-._~!$&'()*+,;=:@"


class Links(ABC):
    """URLs of pages, entity documents, data files and assets, as seen from one page."""

    def __init__(self, lang: str, *, base: str = BASE) -> None:
        self.lang = lang
        self.base = base
        self.ontology_iri = base + "ontology"
        self.terms = str(PG) if base == BASE else base + "ontology#"

    # --- what a layout provides -------------------------------------------------------------

    @abstractmethod
    def page(self, name: str, lang: str | None = None) -> str | None:
        """A named page (see :data:`PAGES`); ``None`` when this layout has no such page."""

    @abstractmethod
    def doc(self, local: str, fmt: str = "html", lang: str | None = None) -> str:
        """The description document of ``{base}id/{local}``: ``html``, ``ttl`` or ``jsonld``."""

    @abstractmethod
    def ontology_data(self, fmt: str) -> str:
        """The ontology document in ``ttl`` or ``jsonld``."""

    @abstractmethod
    def asset(self, name: str) -> str:
        """A stylesheet, script or image of the pages."""

    @abstractmethod
    def download(self, fmt: str) -> str | None:
        """The whole graph in ``fmt`` (one of :data:`DOWNLOADS`), if offered."""

    @abstractmethod
    def dataset_description(self) -> str | None:
        """The DCAT/VoID description of the dataset with its distributions, if offered."""

    @abstractmethod
    def switch(self) -> str:
        """This page in the other language."""

    def sparql_endpoint(self) -> str | None:
        """The SPARQL endpoint, where there is one."""
        return None

    def run_query(self, name: str) -> str | None:
        """The interactive query page with the named query chosen, where there is one."""
        return None

    def network_view(self, focus: str | None = None) -> str | None:
        """The interactive network page (around ``focus``, where the layout can do that)."""
        return self.page("network")

    # --- derived ----------------------------------------------------------------------------

    @property
    def other_lang(self) -> str:
        return other_language(self.lang)

    def entity(self, iri: object) -> str | None:
        """The page of an IRI of the dataset or the ontology, or ``None`` (shown as text)."""
        text = str(iri)
        local = local_name(text, self.base)
        if local is not None:
            return self.doc(local)
        if text == self.ontology_iri:
            return self.page("ontology")
        if text.startswith(self.terms) and safe_iri(text):
            term = text[len(self.terms) :]
            if term and all(c.isalnum() or c in "-_." for c in term):
                ontology = self.page("ontology")
                return None if ontology is None else f"{ontology}#{term}"
        return None

    def local(self, iri: object) -> str | None:
        return local_name(str(iri), self.base)


class StaticLinks(Links):
    """Relative links between the files of a static site (see the module docstring)."""

    FILES: ClassVar[dict[str, str]] = {
        "home": "index.html",
        "queries": "queries.html",
        "ontology": "ontology.html",
        "network": "network.html",
        "changes": "changes.html",
        "timeline": "timeline.html",
    }

    def __init__(self, current: str, lang: str, *, primary: str = "da", base: str = BASE) -> None:
        """``current`` is the page's path in the site, without the language folder
        (``doc/x.html``), rendered in ``lang``; ``primary`` is the language at the root."""
        super().__init__(lang, base=base)
        self.current = current
        self.primary = primary

    def path(self, logical: str, lang: str | None) -> str:
        """Where a file lives in the site: HTML pages of the second language under its code."""
        if lang is None or lang == self.primary:
            return logical
        return f"{lang}/{logical}"

    @property
    def here(self) -> str:
        return self.path(self.current, self.lang)

    def href(self, logical: str, lang: str | None = None) -> str:
        target = self.path(logical, lang)
        start = posixpath.dirname(self.here) or "."
        relative = posixpath.relpath(target, start)
        return quote(relative, safe=_SAFE_PATH)

    def page(self, name: str, lang: str | None = None) -> str | None:
        logical = self.FILES.get(name)
        if logical is None:
            return None
        return self.href(logical, lang or self.lang)

    def doc(self, local: str, fmt: str = "html", lang: str | None = None) -> str:
        if fmt == "html":
            return self.href(f"doc/{local}.html", lang or self.lang)
        return self.href(f"doc/{local}.{fmt}")

    def ontology_data(self, fmt: str) -> str:
        return self.href(f"ontology.{fmt}")

    def asset(self, name: str) -> str:
        return self.href(f"assets/{name}")

    def download(self, fmt: str) -> str | None:
        return self.href(f"downloads/partnergraph.{fmt}")

    def dataset_description(self) -> str | None:
        return self.href("dataset.ttl")

    def switch(self) -> str:
        return self.href(self.current, self.other_lang)


class ServerLinks(Links):
    """Absolute paths on the server (below ``root``, the path the app is served under)."""

    ROUTES: ClassVar[dict[str, str]] = {
        "home": "/",
        "queries": "/queries",
        "ontology": "/ontology",
        "network": "/network",
        "query": "/query",
        "find": "/find",
        "timeline": "/timeline",
    }

    def __init__(
        self,
        current: str,
        lang: str,
        *,
        default_lang: str = "da",
        root: str = "",
        base: str = BASE,
        query: dict[str, str] | None = None,
    ) -> None:
        """``current`` is the path of the page being rendered (below ``root``), ``query``
        the request parameters it keeps when the language is switched."""
        super().__init__(lang, base=base)
        self.current = current
        self.default_lang = default_lang
        self.root = root.rstrip("/")
        self.query = dict(query or {})

    def _url(self, path: str, lang: str | None, extra: dict[str, str] | None = None) -> str:
        params = dict(extra or {})
        if lang is not None and lang != self.default_lang:
            params["lang"] = lang
        else:
            params.pop("lang", None)
        url = self.root + quote(path, safe=_SAFE_PATH)
        return f"{url}?{urlencode(params)}" if params else url

    def page(self, name: str, lang: str | None = None) -> str | None:
        route = self.ROUTES.get(name)
        return None if route is None else self._url(route, lang or self.lang)

    def doc(self, local: str, fmt: str = "html", lang: str | None = None) -> str:
        if fmt == "html":
            return self._url(f"/doc/{local}", lang or self.lang)
        return self._url(f"/doc/{local}.{fmt}", None)

    def ontology_data(self, fmt: str) -> str:
        return self._url(f"/ontology.{fmt}", None)

    def asset(self, name: str) -> str:
        return self._url(f"/static/{name}", None)

    def download(self, fmt: str) -> str | None:
        if fmt not in ("ttl", "nt", "jsonld"):
            return None
        return self._url("/rdf-graph-store", None, {"default": "", "format": fmt})

    def dataset_description(self) -> str | None:
        return self._url("/dataset", None)

    def switch(self) -> str:
        return self._url(self.current, self.other_lang, self.query)

    def sparql_endpoint(self) -> str | None:
        return self._url("/sparql", None)

    def run_query(self, name: str) -> str | None:
        return self._url("/query", self.lang, {"name": name})

    def network_view(self, focus: str | None = None) -> str | None:
        return self._url("/network", self.lang, {"focus": focus} if focus else None)
