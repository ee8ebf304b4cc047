"""Shared helpers for the browser checks of ``partnergraph.viz``.

* :func:`synthetic_network` builds a random network with the node and edge attributes of the
  network contract (realistic types, about two edges per node), for load checks.
* :func:`chromium_path`, :func:`launch` and :class:`Page` drive a headless Chromium with the
  Python ``playwright`` package, pointed at the system Chromium (``playwright install`` is never
  needed). Every request that is not ``file:``, ``data:``, ``blob:`` or ``about:`` is aborted
  and recorded, and console errors, page errors and dialogs are collected.

Used by ``tests/test_viz_browser.py`` and ``bench/viz_load.py``.
"""

from __future__ import annotations

import os
import random
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx  # type: ignore[import-untyped,unused-ignore]

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Dialog, Request, Route
    from playwright.sync_api import Page as PWPage

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
    "--metrics-recording-only",
]
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


def chromium_path() -> str | None:
    """The Chromium to drive: ``$PARTNERGRAPH_CHROMIUM`` or the first system one found."""
    wanted = os.environ.get("PARTNERGRAPH_CHROMIUM")
    if wanted:
        return wanted if Path(wanted).exists() else None
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


def why_no_browser() -> str | None:
    """``None`` when a browser check can run, else the reason it cannot."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package 'playwright' is not installed (pip install playwright)"
    if chromium_path() is None:
        return "no Chromium found (apt-get install chromium, or set PARTNERGRAPH_CHROMIUM)"
    return None


@dataclass
class Page:
    """A Playwright page with everything it tried to fetch and every error it reported."""

    page: PWPage
    blocked: list[str] = field(default_factory=list)
    """Every URL the page tried to load that is not local, however it was stopped."""
    routed: list[str] = field(default_factory=list)
    """Those of them that got as far as the network layer (and were aborted there)."""
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def open(self, path: Path, *, timeout_s: float = 60.0) -> float:
        """Open ``path`` and wait until the page reports ready; return its ``settledMs``."""
        self.page.goto(path.resolve().as_uri(), wait_until="load")
        return self.wait_ready(timeout_s=timeout_s)

    def wait_ready(self, *, timeout_s: float = 60.0) -> float:
        self.page.wait_for_function(
            "() => window.partnergraph && window.partnergraph.ready === true",
            timeout=timeout_s * 1000,
            polling=50,
        )
        return float(self.page.evaluate("window.partnergraph.settledMs"))

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)


@contextmanager
def launch() -> Iterator[Browser]:
    """A headless system Chromium, closed afterwards."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        raise RuntimeError(why_no_browser() or "no Chromium")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def new_page(browser: Browser, *, width: int = 1280, height: int = 800) -> Iterator[Page]:
    """A fresh page with the network cut off: only file:, data:, blob: and about: load."""
    context = browser.new_context(
        viewport={"width": width, "height": height},
        accept_downloads=True,
        service_workers="block",
    )
    page = context.new_page()
    wrapped = Page(page)

    def route(route: Route) -> None:
        url = route.request.url
        if url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            wrapped.routed.append(url)
            if url not in wrapped.blocked:
                wrapped.blocked.append(url)
            route.abort()

    def on_console(message: ConsoleMessage) -> None:
        if message.type in ("error", "assert"):
            wrapped.errors.append(f"console.{message.type}: {message.text}")

    def on_request(request: Request) -> None:
        if not request.url.startswith(LOCAL_SCHEMES) and request.url not in wrapped.blocked:
            wrapped.blocked.append(request.url)

    def on_dialog(dialog: Dialog) -> None:
        wrapped.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    context.route("**/*", route)
    page.on("request", on_request)
    page.on("console", on_console)
    page.on("pageerror", lambda exc: wrapped.errors.append(f"pageerror: {exc}"))
    page.on("dialog", on_dialog)
    try:
        yield wrapped
    finally:
        context.close()


# ------------------------------------------------------------------------------------------
# A synthetic network with the attributes of the network contract
# ------------------------------------------------------------------------------------------

_THEMES = [
    ("Klima og miljø", "Climate and environment"),
    ("Sundhed og trivsel", "Health and well-being"),
    ("Uddannelse", "Education"),
    ("Erhverv og beskæftigelse", "Business and jobs"),
    ("Kultur og fritid", "Culture and leisure"),
    ("Digitalisering", "Digitalisation"),
    ("Borgerinddragelse", "Citizen involvement"),
    ("Mobilitet", "Mobility"),
]
_SDG = ["3.4", "4.7", "6.3", "7.2", "8.5", "9.1", "11.2", "11.6", "12.5", "13.1", "13.3",
        "14.1", "15.1", "16.7", "17.16", "17.17"]  # fmt: skip
_PLACES = ["Grenaa", "Ebeltoft", "Auning", "Ørsted", "Allingåbro", "Glesborg", "Trustrup",
           "Rønde", "Kolind", "Ryomgård", "Anholt", "Vivild", "Bønnerup", "Gjerrild", "Djursland",
           "Aarhus", "Randers", "Hornslet"]  # fmt: skip
_ORG_KINDS = [
    ("Kommune", "Municipality"),
    ("Skole", "School"),
    ("Idrætsforening", "Sports club"),
    ("Museum", "Museum"),
    ("Erhvervsråd", "Business council"),
    ("Bibliotek", "Library"),
    ("Boligforening", "Housing association"),
    ("Lokalråd", "Local council"),
    ("Efterskole", "Boarding school"),
    ("Havn", "Harbour"),
]
_UNITS = [
    ("Teknik og Miljø", "Technical and Environmental Services"),
    ("Børn og Unge", "Children and Youth"),
    ("Kultur og Fritid", "Culture and Leisure"),
    ("Jobcenter", "Job centre"),
    ("Sundhed og Omsorg", "Health and Care"),
]
_TOPICS = [
    ("om grøn omstilling", "on the green transition"),
    ("om friluftsliv", "on outdoor life"),
    ("om unges trivsel", "on youth well-being"),
    ("om turisme", "on tourism"),
    ("om kollektiv trafik", "on public transport"),
    ("om biodiversitet", "on biodiversity"),
    ("om kystbeskyttelse", "on coastal protection"),
    ("om lokal beskæftigelse", "on local employment"),
    ("om kulturarv", "on cultural heritage"),
    ("om digital inklusion", "on digital inclusion"),
]
_COLLAB = [
    ("Formelt partnerskab", "Formal partnership"),
    ("Netværkssamarbejde", "Network collaboration"),
    ("Projektsamarbejde", "Project collaboration"),
    ("Driftsaftale", "Operating agreement"),
]
_TYPE_LABELS = {
    "organisation": ("organisation", "organisation"),
    "unit": ("enhed", "unit"),
    "partnership": ("partnerskab", "partnership"),
    "forum": ("samarbejdsforum", "governance forum"),
    "agreement": ("aftale", "agreement"),
    "action-plan": ("handleplan", "action plan"),
    "document": ("strategidokument", "strategy document"),
    "theme": ("tværgående tema", "cross-cutting theme"),
    "sdg": ("verdensmålsdelmål", "SDG target"),
}
_RELATIONS = {  # the keys and labels of partnergraph.network
    "member-of": ("medlem af", "member of"),
    "unit-of": ("enhed under", "unit of"),
    "has-forum": ("har forum", "has forum"),
    "takes-part-in": ("deltager i", "takes part in"),
    "governs": ("regulerer", "governs"),
    "treats": ("behandler", "treats"),
    "builds-on": ("tager afsæt i", "builds on"),
    "theme": ("har tema", "has theme"),
    "contributes-to": ("bidrager til", "contributes to"),
}
_BASE = "https://w3id.org/partnergraph/data/"


def _date(rng: random.Random, year: int) -> str:
    precision = rng.random()
    if precision < 0.4:
        return f"{year}"
    if precision < 0.7:
        return f"{year}-{rng.randint(1, 12):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def synthetic_network(n_nodes: int, seed: int = 0, *, lang: str = "da") -> nx.DiGraph:
    """A random network of about ``n_nodes`` nodes, shaped like the real ones.

    Themes and SDG targets are shared hubs; organisations (some with units) take part in
    partnerships, which have agreements, forums, action plans and source documents.
    """
    rng = random.Random(seed)
    graph = nx.DiGraph()
    pick = 0 if lang == "da" else 1
    counter = {"n": 0}

    def add(kind: str, da: str, en: str, **attrs: str) -> str:
        counter["n"] += 1
        iri = f"{_BASE}{kind}/{counter['n']}"
        type_da, type_en = _TYPE_LABELS[kind]
        defaults = {
            "start": "",
            "end": "",
            "period": "",
            "source": "",
            "collaboration_type": "",
            "category": "",
            "themes": "",
            "sdg": "",
        }
        defaults.update(attrs)
        graph.add_node(
            iri,
            label=(da, en)[pick],
            label_da=da,
            label_en=en,
            type=kind,
            type_label=(type_da, type_en)[pick],
            iri=iri,
            **defaults,
        )
        return iri

    def link(a: str, b: str, relation: str) -> None:
        da, en = _RELATIONS[relation]
        graph.add_edge(a, b, relation=relation, label=(da, en)[pick], weight=1)

    themes = [add("theme", da, en) for da, en in _THEMES[: max(2, min(8, n_nodes // 12))]]
    sdgs = [add("sdg", code, code) for code in _SDG[: max(2, min(16, n_nodes // 8))]]
    rest = max(0, n_nodes - len(themes) - len(sdgs))
    n_org = max(2, int(rest * 0.30))
    n_unit = int(rest * 0.08)
    n_part = max(1, int(rest * 0.22))
    organisations: list[str] = []
    for i in range(n_org):
        kind_da, kind_en = _ORG_KINDS[i % len(_ORG_KINDS)] if i else _ORG_KINDS[0]
        place = _PLACES[(i * 7) % len(_PLACES)] if i else "Norddjurs"
        suffix = f" {i // len(_PLACES) + 1}" if i >= len(_PLACES) else ""
        if i == 0:
            organisations.append(add("organisation", "Norddjurs Kommune", "Norddjurs Municipality"))
        else:
            organisations.append(
                add("organisation", f"{place} {kind_da}{suffix}", f"{place} {kind_en}{suffix}")
            )
    for i in range(n_unit):
        da, en = _UNITS[i % len(_UNITS)]
        owner = organisations[0] if i < len(_UNITS) else rng.choice(organisations)
        suffix = f" {i // len(_UNITS) + 1}" if i >= len(_UNITS) else ""
        link(add("unit", da + suffix, en + suffix), owner, "unit-of")
    # Hubs get more partnerships: preferential attachment on organisations.
    weights = [8.0 if i == 0 else 1.0 + rng.random() * 2 for i in range(n_org)]
    for i in range(n_part):
        topic_da, topic_en = _TOPICS[i % len(_TOPICS)]
        collab_da, collab_en = rng.choice(_COLLAB)
        start_year = rng.randint(2008, 2024)
        end = "" if rng.random() < 0.3 else _date(rng, start_year + rng.randint(1, 8))
        chosen_themes = rng.sample(range(len(themes)), k=rng.randint(0, 2))
        chosen_sdg = rng.sample(range(len(sdgs)), k=rng.randint(0, 2))
        start = _date(rng, start_year)
        partnership = add(
            "partnership",
            f"Partnerskab {topic_da} {i + 1}",
            f"Partnership {topic_en} {i + 1}",
            start=start,
            end=end,
            period=f"{start_year}–{end[:4]}" if end else f"fra {start_year}",
            source="Partnerskabsoversigt 2024",
            collaboration_type=(collab_da, collab_en)[pick],
            category=rng.choice(["A", "B", "C"]),
            themes="; ".join(_THEMES[t][pick] for t in chosen_themes),
            sdg="; ".join(_SDG[s] for s in chosen_sdg),
        )
        for member in sorted(set(rng.choices(range(n_org), weights=weights, k=rng.randint(2, 4)))):
            link(organisations[member], partnership, "member-of")
            weights[member] += 0.5
        for t in chosen_themes:
            link(partnership, themes[t], "theme")
        for s in chosen_sdg:
            link(partnership, sdgs[s], "contributes-to")
        extras = rng.random()
        if extras < 0.5:
            agreement = add(
                "agreement",
                f"Aftale {topic_da} {i + 1}",
                f"Agreement {topic_en} {i + 1}",
                start=start,
                end=end,
                source="Partnerskabsoversigt 2024",
            )
            link(agreement, partnership, "governs")
            link(rng.choice(organisations), agreement, "treats")
        if extras < 0.25 or extras > 0.8:
            forum = add(
                "forum",
                f"Styregruppe {i + 1}",
                f"Steering group {i + 1}",
                start=_date(rng, start_year),
            )
            link(partnership, forum, "has-forum")
            link(rng.choice(organisations), forum, "takes-part-in")
        if 0.3 < extras < 0.55:
            plan = add(
                "action-plan",
                f"Handleplan {topic_da} {i + 1}",
                f"Action plan {topic_en} {i + 1}",
                start=_date(rng, start_year + 1),
                end=_date(rng, start_year + 3),
            )
            link(plan, partnership, "governs")
        if graph.number_of_nodes() >= n_nodes:
            break
    partnerships = [n for n, t in graph.nodes(data="type") if t == "partnership"]
    while graph.number_of_nodes() < n_nodes:
        i = graph.number_of_nodes()
        doc = add(
            "document",
            f"Strategi for {_PLACES[i % len(_PLACES)]} {i}",
            f"Strategy for {_PLACES[i % len(_PLACES)]} {i}",
            start=str(rng.randint(2010, 2024)),
        )
        for target in rng.sample(partnerships, k=min(len(partnerships), rng.randint(1, 3))):
            link(target, doc, "builds-on")
    return graph
