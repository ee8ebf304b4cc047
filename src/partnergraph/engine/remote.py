"""A remote SPARQL 1.1 endpoint as a store, and the HTTP plumbing shared with publishing.

``--store sparql:URL`` answers every command from a SPARQL server instead of loading files::

    G=https://w3id.org/partnergraph/graph/all
    partnergraph --store "sparql:http://127.0.0.1:7878/query?default-graph-uri=$G" stats

**Requests.** Queries are sent as URL-encoded POST (SPARQL 1.1 Protocol §2.1.2), the one form
every server answers: Virtuoso 7 never answers a query POSTed directly as
``application/sparql-query`` (openlink/virtuoso-opensource#842: the request hangs), so that form
and GET are only tried when a server refuses the form POST (405/415). SELECT and ASK ask for
``application/sparql-results+json``, CONSTRUCT and DESCRIBE for N-Triples (or Turtle). The
stable prefixes (:func:`partnergraph.namespaces.sparql_prologue`) are prepended to every query
and parameters travel in a ``VALUES`` block (:func:`partnergraph.sparql.bind_as_values`).
Redirects are never followed and proxy settings from the environment are ignored: no request
goes anywhere but the URL given.

**Dataset.** ``default-graph-uri`` and ``named-graph-uri`` in the URL are sent with every query.
As in the embedded stores, the default graph is then the union of the named graphs: given only
``default-graph-uri=G``, the store also sends ``named-graph-uri=G``, so that ``GRAPH`` queries,
``stats`` and TriG exports see graph G (and, on Virtuoso, not all of its system graphs).
Without dataset parameters the server's own default applies: on Virtuoso that is the union of
every graph, system graphs included, so name your graph there.

**Credentials** come from ``PARTNERGRAPH_USER`` and ``PARTNERGRAPH_PASSWORD``, else from the
netrc file (``$NETRC`` or ``~/.netrc``) entry of the URL's host; never from the URL or the
command line, and they never appear in messages. The first request goes without them; a 401
answer picks HTTP digest or basic authentication from its ``WWW-Authenticate`` header.
``PARTNERGRAPH_AUTH=basic|digest`` chooses the scheme up front instead.

**Errors** (connection refused, timeouts, HTTP 4xx/5xx, truncated answers) become one-line
:class:`RemoteError` messages naming the URL and the HTTP status.

**Server quirks handled here.** Virtuoso answers ASK with a one-column SELECT result
(``__ASK_RETVAL``: one row when true, none when false), uses the SPARQL 1.0 ``typed-literal``
term type, labels blank nodes ``nodeID://b123`` (renamed to valid blank node labels here, the
same name for the same node across queries) and silently cuts results at its
``ResultSetMaxRows`` (a SELECT says so in ``X-SPARQL-MaxRows``: that becomes an error here,
which is why exports use a SELECT rather than a CONSTRUCT). Virtuoso also prunes a parameter
that a query uses only in the FILTER of an OPTIONAL, which then sees it unbound; a no-op
``FILTER(BOUND(?param))`` beside the ``VALUES`` block prevents that. What cannot be undone is
left as it comes: Virtuoso (and Oxigraph) lower-case language tags, and Virtuoso returns
booleans as the integers 1 and 0.
"""

from __future__ import annotations

import hashlib
import io
import json
import netrc
import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import httpx
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from partnergraph.core.errors import ParameterError, QueryError, QuerySyntaxError
from partnergraph.engine.stores import Store
from partnergraph.io.results import AskResult, GraphResult, QueryResult, SelectResult

__all__ = [
    "AUTH_ENV",
    "DEFAULT_TIMEOUT",
    "PASSWORD_ENV",
    "USER_ENV",
    "Connection",
    "RemoteError",
    "SparqlStore",
    "parse_graph",
    "parse_results",
    "query_form",
]

DEFAULT_TIMEOUT = 60.0
"""Seconds to wait for a connection, or for the next piece of an answer."""

USER_ENV = "PARTNERGRAPH_USER"
PASSWORD_ENV = "PARTNERGRAPH_PASSWORD"
AUTH_ENV = "PARTNERGRAPH_AUTH"

RESULTS_JSON = "application/sparql-results+json"
RESULTS_XML = "application/sparql-results+xml"
RDF_ACCEPT = "application/n-triples, text/turtle;q=0.9"
"""What is asked for graphs; parsers that might fetch things (RDF/XML, JSON-LD) are avoided."""

GRAPH_PARSERS: dict[str, str] = {
    "application/n-triples": "nt",
    "text/plain": "nt",  # N-Triples' old media type
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
}
"""Media type of an answer -> rdflib parser."""

_DATASET_PARAMS = ("default-graph-uri", "named-graph-uri")
_XSD_STRING = str(XSD.string)
_LANG_STRING = str(RDF.langString)


class RemoteError(QueryError):
    """A SPARQL server could not be reached, or refused or failed a request."""


# ---------------------------------------------------------------------------------------------
# HTTP: one client per server, credentials on demand, errors as one line
# ---------------------------------------------------------------------------------------------


def _endpoint(url: str) -> httpx.URL:
    """Parse and check a server URL; credentials in it are refused (they would show up in
    shell history, process lists and logs)."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise ParameterError(f"not a valid URL: {exc}") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise ParameterError(
            f"not an http(s) URL: {_shown(parsed)!r}: give one such as http://127.0.0.1:7878/query"
        )
    if parsed.userinfo:
        raise ParameterError(
            f"do not put a user name or password in the URL ({_shown(parsed)}): set "
            f"{USER_ENV} and {PASSWORD_ENV}, or add the host to your netrc file"
        )
    return parsed


def _shown(url: httpx.URL) -> str:
    """The URL for messages: no user information, query string or fragment."""
    return str(url.copy_with(userinfo=b"", query=None, fragment=None))


def credentials(url: httpx.URL) -> tuple[str, str] | None:
    """User name and password for ``url``: from the environment, else from the netrc file."""
    user = os.environ.get(USER_ENV)
    password = os.environ.get(PASSWORD_ENV)
    if user is not None or password is not None:
        if not user or password is None:
            raise ParameterError(f"set both {USER_ENV} and {PASSWORD_ENV}, or neither")
        return user, password
    path = Path(os.environ.get("NETRC") or Path("~/.netrc").expanduser())
    if not path.is_file():
        return None
    try:
        entry = netrc.netrc(str(path)).authenticators(url.host)
    except netrc.NetrcParseError as exc:
        # The parser's message may quote the offending token, which may be a password.
        raise ParameterError(
            f"{path}:{exc.lineno}: malformed netrc file: fix that line and try again"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ParameterError(f"{path}: cannot read the netrc file ({exc})") from None
    if entry is None or not entry[0]:
        return None
    return entry[0], entry[2] or ""


def _auth_scheme() -> str | None:
    chosen = os.environ.get(AUTH_ENV, "").strip().lower()
    if chosen in ("", "auto"):
        return None
    if chosen not in ("basic", "digest"):
        raise ParameterError(f"{AUTH_ENV} must be basic or digest, not {chosen!r}")
    return chosen


class Connection:
    """An HTTP client for one server that authenticates when asked and fails in one line."""

    def __init__(self, url: str, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.url = _endpoint(url)
        self.shown = _shown(self.url)
        self.timeout = timeout
        self._secrets: list[str] = []
        self._auth: httpx.Auth | None = None
        scheme = _auth_scheme()
        if scheme is not None:
            self._auth = self._make_auth(scheme)
        # trust_env=False: no proxies or netrc picked up behind our back; redirects are not
        # followed, so requests (and credentials) only ever go to the URL given.
        self.client = httpx.Client(
            timeout=timeout,
            trust_env=False,
            follow_redirects=False,
            headers={"User-Agent": "partnergraph"},
            # Plain http never uses TLS (and redirects are not followed): skip loading the
            # certificate store, which costs a noticeable part of a second.
            verify=self.url.scheme == "https",
        )

    def _make_auth(self, scheme: str) -> httpx.Auth:
        found = credentials(self.url)
        if found is None:
            raise RemoteError.of(
                "remote.password",
                url=self.shown,
                user=USER_ENV,
                password=PASSWORD_ENV,
                host=self.url.host,
            )
        user, password = found
        self._secrets = [password] if password else []
        if scheme == "basic":
            self._secrets.append(_basic_token(user, password))
            return httpx.BasicAuth(user, password)
        return httpx.DigestAuth(user, password)

    def close(self) -> None:
        self.client.close()

    def request(
        self,
        method: str,
        *,
        url: httpx.URL | None = None,
        params: Mapping[str, str | list[str]] | None = None,
        data: Mapping[str, str | list[str]] | None = None,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        what: str = "request",
    ) -> httpx.Response:
        """Send a request, authenticating if the server asks; return whatever status came.

        Network failures raise :class:`RemoteError`; so does a 401 that credentials cannot fix.
        """
        target = url or self.url
        if params:
            target = target.copy_merge_params(dict(params))
        response = self._send(method, target, data, content, headers, what)
        if response.status_code == 401 and self._auth is None:
            self._auth = self._make_auth(_challenge_scheme(response, self.shown))
            response = self._send(method, target, data, content, headers, what)
        if response.status_code == 401:
            raise RemoteError.of(
                "remote.unauthorized", url=self.shown, user=USER_ENV, password=PASSWORD_ENV
            )
        return response

    def _send(
        self,
        method: str,
        url: httpx.URL,
        data: Mapping[str, str | list[str]] | None,
        content: bytes | None,
        headers: Mapping[str, str] | None,
        what: str,
    ) -> httpx.Response:
        try:
            return self.client.request(
                method,
                url,
                data=data,
                content=content,
                headers=headers,
                auth=self._auth if self._auth is not None else httpx.USE_CLIENT_DEFAULT,
            )
        except httpx.TimeoutException as exc:
            if isinstance(exc, httpx.ConnectTimeout):
                raise RemoteError.of(
                    "remote.connect.timeout", url=self.shown, seconds=self.timeout
                ) from None
            raise RemoteError(
                f"{self.shown} did not finish the {what} within {self.timeout:g} s (timeout): "
                "try again later, or ask for less"
            ) from None
        except httpx.ConnectError as exc:
            raise RemoteError.of(
                "remote.connect", url=self.shown, reason=self._reason(exc)
            ) from None
        except httpx.HTTPError as exc:
            raise RemoteError(f"{self.shown}: the {what} failed: {self._reason(exc)}") from None

    def _reason(self, exc: Exception) -> str:
        text = str(exc) or type(exc).__name__
        text = re.sub(r"^\[Errno -?\d+\]\s*", "", text).strip()
        return self.redact(_one_line(text[:1].lower() + text[1:], 200))

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return text

    def failure(self, response: httpx.Response, what: str) -> RemoteError:
        """The error for a response that did not succeed, with the server's own explanation."""
        status = f"HTTP {response.status_code} {response.reason_phrase}".strip()
        if response.is_redirect:
            location = response.headers.get("location", "")
            try:
                where = _shown(self.url.join(location))
            except httpx.InvalidURL:
                where = "elsewhere"
            return RemoteError(
                f"{self.shown} answered the {what} with {status}, pointing to {where}: "
                "use that URL (redirects are not followed)"
            )
        detail = self.redact(_server_message(response))
        return RemoteError(
            f"{self.shown} refused the {what}: {status}" + (f": {detail}" if detail else "")
        )


def _basic_token(user: str, password: str) -> str:
    import base64

    return base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


def _challenge_scheme(response: httpx.Response, shown: str) -> str:
    offered = [h.split(None, 1)[0].lower() for h in response.headers.get_list("www-authenticate")]
    if "digest" in offered:
        return "digest"
    if "basic" in offered:
        return "basic"
    what = ", ".join(offered) or "an unnamed scheme"
    raise RemoteError(
        f"{shown} asks for authentication by {what} (HTTP 401): partnergraph supports basic "
        "and digest"
    )


def _one_line(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _server_message(response: httpx.Response) -> str:
    """The gist of an error body: tags stripped, up to where Virtuoso repeats the query."""
    try:
        text = response.content.decode("utf-8", errors="replace")
    except httpx.HTTPError:
        return ""
    if "html" in response.headers.get("content-type", "") or text.lstrip().startswith("<"):
        text = re.sub(r"(?is)<(script|style|title|head)\b.*?</\1>", " ", text)
        text = re.sub(r"<[^>]*>", " ", text)
        text = re.sub(
            r"&(lt|gt|amp|quot);",
            lambda m: {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}[m.group(1)],
            text,
        )
    text = text.split("SPARQL query:", 1)[0]
    return _one_line(text, 300)


# ---------------------------------------------------------------------------------------------
# SPARQL results
# ---------------------------------------------------------------------------------------------

_PROLOGUE_TOKEN = re.compile(
    r"\s+|#[^\n]*|BASE\s*<[^<>]*>|PREFIX\s+[^\s:]*:\s*<[^<>]*>", re.IGNORECASE
)
_FORM = re.compile(r"(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the keyword after the prologue (comments, BASE,
    PREFIX), or ``None`` if there is none."""
    position = 0
    while match := _PROLOGUE_TOKEN.match(text, position):
        position = match.end()
    form = _FORM.match(text, position)
    return form.group(1).upper() if form else None


_SAFE_LABEL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")


def blank_node(label: str) -> BNode:
    """A blank node for a server's label: kept when it is a valid label, else a stable digest
    of it (Virtuoso's ``nodeID://b123`` cannot be written in Turtle)."""
    if _SAFE_LABEL.fullmatch(label):
        return BNode(label)
    return BNode("b" + hashlib.sha256(label.encode("utf-8")).hexdigest()[:32])


def _json_term(value: Mapping[str, Any]) -> Node:
    kind = value.get("type")
    text = value.get("value")
    if not isinstance(text, str):
        raise ValueError("a term without a value")
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return blank_node(text)
    if kind in ("literal", "typed-literal"):
        lang = value.get("xml:lang") or value.get("lang")
        if lang:
            return Literal(text, lang=str(lang))
        datatype = value.get("datatype")
        if datatype and datatype not in (_XSD_STRING, _LANG_STRING):
            return Literal(text, datatype=URIRef(str(datatype)))
        return Literal(text)
    raise ValueError(f"unsupported term type {kind!r}")


def parse_results(body: bytes, media_type: str, form: str) -> SelectResult | AskResult:
    """SPARQL 1.1 Query Results (JSON, or XML from servers that ignore Accept) as values."""
    if media_type == RESULTS_XML:
        return _parse_xml_results(body, form)
    document = json.loads(body.decode("utf-8"))
    if not isinstance(document, dict):
        raise ValueError("the answer is not a JSON object")
    if "boolean" in document:
        return AskResult(bool(document["boolean"]))
    head = document.get("head") or {}
    variables = [str(v) for v in head.get("vars") or []]
    bindings = (document.get("results") or {}).get("bindings")
    if not isinstance(bindings, list):
        raise ValueError("the answer has neither results nor a boolean")
    if form == "ASK":
        # Virtuoso: a one-column SELECT result, one row ("1") if true, no rows if false.
        return AskResult(any(_truthy(row) for row in bindings))
    rows = [tuple(_json_term(row[v]) if v in row else None for v in variables) for row in bindings]
    return SelectResult(variables, rows)


def _truthy(row: Mapping[str, Any]) -> bool:
    values = [str(v.get("value", "")) for v in row.values() if isinstance(v, Mapping)]
    return not values or values[0].lower() in ("1", "true")


def _parse_xml_results(body: bytes, form: str) -> SelectResult | AskResult:
    from rdflib.query import Result

    from partnergraph.io.bounds import check_xml

    # The XML parser would expand entities (or read outside DTDs) a server declares.
    check_xml([body], "", what="answer")
    result = Result.parse(io.BytesIO(body), format="xml")
    if result.type == "ASK":
        return AskResult(bool(result.askAnswer))
    variables = [str(v) for v in result.vars or []]
    rows: list[tuple[Node | None, ...]] = []
    for solution in result.bindings:
        row: list[Node | None] = []
        for v in result.vars or []:
            term = solution.get(v)
            row.append(blank_node(str(term)) if isinstance(term, BNode) else term)
        rows.append(tuple(row))
    if form == "ASK":
        return AskResult(any(row and str(row[0]).lower() in ("1", "true") for row in rows))
    return SelectResult(variables, rows)


def parse_graph(body: bytes, media_type: str, into: Graph | None = None) -> Graph:
    """N-Triples or Turtle from a server as an rdflib graph."""
    fmt = GRAPH_PARSERS.get(media_type)
    if fmt is None:
        raise ValueError(
            f"answered in {media_type or 'an unnamed format'}, not N-Triples or Turtle"
        )
    graph = into if into is not None else Graph()
    graph.parse(data=body.decode("utf-8"), format=fmt)
    return graph


def media_type(response: httpx.Response) -> str:
    value: str = response.headers.get("content-type", "")
    return value.split(";", 1)[0].strip().lower()


def _bind(text: str, bindings: Mapping[str, Node]) -> str:
    """The query with its parameters in a ``VALUES`` block, and a ``FILTER(BOUND(...))`` of
    them beside it: a no-op (the block binds them in every solution) that stops Virtuoso 7
    from pruning a parameter used only in the FILTER of an OPTIONAL, which would then see it
    unbound (``stats`` lost every class label to that)."""
    from partnergraph.engine.sparql import _where_brace, bind_as_values

    bound = bind_as_values(text, bindings)
    if not bindings:
        return bound
    keep = "FILTER(" + " && ".join(f"BOUND(?{name})" for name in bindings) + ")"
    position = _where_brace(bound)
    return bound[: position + 1] + " " + keep + bound[position + 1 :]


# ---------------------------------------------------------------------------------------------
# The store
# ---------------------------------------------------------------------------------------------


class SparqlStore(Store):
    """A remote SPARQL 1.1 endpoint as a read-only store (see the module documentation).

    ``url`` is the query endpoint, with ``default-graph-uri`` and ``named-graph-uri`` if wanted.
    ``update_url`` names the same server's SPARQL Update or Graph Store endpoint for callers
    that publish to it (:func:`partnergraph.publish.push`); the store itself never writes.
    ``timeout`` is in seconds, for connecting and for each wait on the answer.
    """

    def __init__(
        self, url: str, *, update_url: str | None = None, timeout: float = DEFAULT_TIMEOUT
    ) -> None:
        parsed = _endpoint(url)
        self.spec = f"sparql:{parsed}"
        self.update_url = update_url
        self.default_graphs = parsed.params.get_list("default-graph-uri")
        named = parsed.params.get_list("named-graph-uri")
        if not all(self.default_graphs) or not all(named):
            raise ParameterError(
                f"{self.spec}: default-graph-uri and named-graph-uri must name a graph (an IRI)"
            )
        # The default graph is the union of the named graphs, as in the embedded stores.
        self._union_of_named = bool(self.default_graphs) and not named
        self.named_graphs = named or list(self.default_graphs)
        kept: list[tuple[str, str | int | float | bool | None]] = [
            (k, v) for k, v in parsed.params.multi_items() if k not in _DATASET_PARAMS
        ]
        self.connection = Connection(
            str(parsed.copy_with(params=httpx.QueryParams(kept))), timeout=timeout
        )
        self._method = "form"
        self._names: set[str] | None = None

    def __repr__(self) -> str:
        return f"SparqlStore({self.connection.shown!r})"

    def close(self) -> None:
        self.connection.close()

    def _dataset(self) -> dict[str, list[str]]:
        params: dict[str, list[str]] = {}
        if self.default_graphs:
            params["default-graph-uri"] = list(self.default_graphs)
        if self.named_graphs:
            params["named-graph-uri"] = list(self.named_graphs)
        return params

    # --- queries -------------------------------------------------------------------------------

    def run(self, text: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        from partnergraph.rdf.namespaces import sparql_prologue

        form = query_form(text)
        if form is None:
            raise QuerySyntaxError(
                "malformed SPARQL: expected SELECT, ASK, CONSTRUCT or DESCRIBE after the prefixes"
            )
        # The prefixes go on the query's first line, so that the line numbers in a server's
        # error message are the user's.
        body = sparql_prologue().replace("\n", " ") + _bind(text, bindings or {})
        is_graph = form in ("CONSTRUCT", "DESCRIBE")
        response = self._post(
            body, RDF_ACCEPT if is_graph else f"{RESULTS_JSON}, {RESULTS_XML};q=0.5"
        )
        kind = media_type(response)
        try:
            if is_graph:
                from partnergraph.rdf.namespaces import bind_prefixes

                return GraphResult(parse_graph(response.content, kind, bind_prefixes(Graph())))
            if kind not in (RESULTS_JSON, RESULTS_XML, "application/json"):
                raise ValueError(f"answered in {kind or 'an unnamed format'}, not SPARQL results")
            return parse_results(
                response.content, RESULTS_XML if kind == RESULTS_XML else RESULTS_JSON, form
            )
        except RemoteError:
            raise
        except Exception as exc:  # JSON, N-Triples and Turtle parsers each raise their own
            reason = _one_line(str(exc) or type(exc).__name__, 200)
            raise RemoteError(
                f"{self.connection.shown} sent an answer partnergraph cannot read: {reason}"
            ) from None

    def _post(self, text: str, accept: str) -> httpx.Response:
        """Send a query by the first protocol form the server accepts, remembering it."""
        methods = ["form", "direct", "get"]
        methods = methods[methods.index(self._method) :]
        response: httpx.Response | None = None
        for method in methods:
            response = self._send(method, text, accept)
            if response.status_code not in (405, 415, 501):
                self._method = method
                break
        assert response is not None
        if not response.is_success:
            raise self.connection.failure(response, "query")
        if response.headers.get("x-sparql-maxrows"):
            cap = response.headers["x-sparql-maxrows"]
            raise RemoteError(
                f"{self.connection.shown} cut the answer at its limit of {cap} rows "
                "(X-SPARQL-MaxRows): ask for less (LIMIT/OFFSET), or raise the server's "
                "ResultSetMaxRows"
            )
        return response

    def _send(self, method: str, text: str, accept: str) -> httpx.Response:
        headers = {"Accept": accept}
        dataset = self._dataset()
        if method == "form":
            return self.connection.request(
                "POST", data={"query": text, **dataset}, headers=headers, what="query"
            )
        if method == "direct":
            headers["Content-Type"] = "application/sparql-query; charset=utf-8"
            return self.connection.request(
                "POST", params=dataset, content=text.encode("utf-8"), headers=headers, what="query"
            )
        return self.connection.request(
            "GET", params={"query": text, **dataset}, headers=headers, what="query"
        )

    def _select(self, text: str) -> SelectResult:
        result = self.run(text)
        assert isinstance(result, SelectResult)
        return result

    # --- the rest of the Store interface -------------------------------------------------------

    def graph_names(self) -> set[str]:
        if self._names is None:
            rows = self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows
            self._names = {str(row[0]) for row in rows if isinstance(row[0], URIRef)}
        return self._names

    def _quads(self) -> Iterator[tuple[Node, Node, Node, Node | None]]:
        """Every triple of the dataset with its graph (``None``: the default graph), in one
        answer so that blank nodes keep their identity across graphs."""
        if self._union_of_named:
            text = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
        else:
            text = "SELECT ?s ?p ?o ?g WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
        for s, p, o, g in self._select(text).rows:
            if s is not None and p is not None and o is not None:
                yield s, p, o, g

    def to_dataset(self) -> Dataset:
        dataset = Dataset(default_union=True)
        default: list[tuple[Node, Node, Node]] = []
        for s, p, o, g in self._quads():
            if g is None:
                default.append((s, p, o))
            else:
                dataset.graph(g).add((s, p, o))  # type: ignore[arg-type]
        # The default graph keeps only what no named graph already holds (it is their union).
        for triple in default:
            if not any(True for _ in dataset.quads((*triple, None))):
                dataset.default_graph.add(triple)
        return dataset

    def export(self, fmt: str) -> str:
        from partnergraph.io.formats import graph_format
        from partnergraph.io.serialize import serialize_graph

        return serialize_graph(self.to_dataset(), graph_format(fmt).name)

    def __len__(self) -> int:
        if self._union_of_named:
            text = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        else:
            text = (
                "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE "
                "{ { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } }"
            )
        rows = self._select(text).rows
        try:
            return int(str(rows[0][0]))
        except (IndexError, ValueError):
            raise RemoteError(f"{self.connection.shown} did not count the triples") from None
