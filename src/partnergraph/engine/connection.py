"""HTTP to a SPARQL server, shared by remote stores and publishing: one client per server,
credentials on demand, every failure as one line.

**Credentials** come from ``PARTNERGRAPH_USER`` and ``PARTNERGRAPH_PASSWORD``, else from the
netrc file (``$NETRC`` or ``~/.netrc``) entry of the URL's host; never from the URL or the
command line, and they never appear in messages. The first request goes without them; a 401
answer picks HTTP digest or basic authentication from its ``WWW-Authenticate`` header.
``PARTNERGRAPH_AUTH=basic|digest`` chooses the scheme up front instead.

**Errors** (connection refused, timeouts, HTTP 4xx/5xx, truncated answers) become one-line
:class:`RemoteError` messages naming the URL and the HTTP status. Redirects are never followed
and proxy settings from the environment are ignored: no request goes anywhere but the URL given.
"""

from __future__ import annotations

import base64
import netrc
import os
import re
from collections.abc import Mapping
from pathlib import Path

import httpx

from partnergraph.core.errors import ParameterError, QueryError

__all__ = [
    "AUTH_ENV",
    "DEFAULT_TIMEOUT",
    "PASSWORD_ENV",
    "USER_ENV",
    "Connection",
    "RemoteError",
    "credentials",
    "endpoint",
    "media_type",
    "one_line",
]

DEFAULT_TIMEOUT = 60.0
"""Seconds to wait for a connection, or for the next piece of an answer."""

USER_ENV = "PARTNERGRAPH_USER"
PASSWORD_ENV = "PARTNERGRAPH_PASSWORD"
AUTH_ENV = "PARTNERGRAPH_AUTH"


class RemoteError(QueryError):
    """A SPARQL server could not be reached, or refused or failed a request."""


def endpoint(url: str) -> httpx.URL:
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
        self.url = endpoint(url)
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
        return self.redact(one_line(text[:1].lower() + text[1:], 200))

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


def one_line(text: str, limit: int) -> str:
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
    return one_line(text, 300)


def media_type(response: httpx.Response) -> str:
    value: str = response.headers.get("content-type", "")
    return value.split(";", 1)[0].strip().lower()
