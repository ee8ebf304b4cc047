"""``serve``, ``push`` and ``pull``: the graph over HTTP, as a server and to and from one."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, cast

import typer

from partnergraph.cli.context import MaybeText, MaybeTexts, errors, options, output_option
from partnergraph.core.messages import t
from partnergraph.server import defaults as server_defaults


def serve(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (loopback unless you say so).")
    ] = server_defaults.HOST,
    port: Annotated[int, typer.Option("--port", help="Port; 0 picks a free one.")] = (
        server_defaults.PORT
    ),
    allow_update: Annotated[
        bool,
        typer.Option(
            "--allow-update",
            help="Accept SPARQL Update (in memory only), with a bearer token from "
            "--update-token-env.",
        ),
    ] = False,
    update_token_env: Annotated[
        str, typer.Option("--update-token-env", help="Environment variable holding the token.")
    ] = server_defaults.UPDATE_TOKEN_ENV,
    timeout: Annotated[
        float, typer.Option("--timeout", help="Seconds a query may run before it is stopped.")
    ] = server_defaults.QUERY_TIMEOUT,
    queue_timeout: Annotated[
        float, typer.Option("--queue-timeout", help="Seconds a request may wait for a worker.")
    ] = server_defaults.QUEUE_TIMEOUT,
    overrun_cooldown: Annotated[
        float,
        typer.Option(
            "--overrun-cooldown",
            help="Seconds a query that overran is refused afterwards (however reworded) and "
            "its sender limited.",
        ),
    ] = server_defaults.OVERRUN_COOLDOWN,
    row_cap: Annotated[
        int, typer.Option("--row-cap", help="Most rows an answer holds (then flagged).")
    ] = server_defaults.ROW_CAP,
    max_query_size: Annotated[
        int, typer.Option("--max-query-size", help="Largest query accepted, in bytes.")
    ] = server_defaults.MAX_QUERY_BYTES,
    cors: Annotated[
        MaybeText,
        typer.Option("--cors", help="Allow this origin to call the endpoint from a browser."),
    ] = None,
    workers: Annotated[int, typer.Option("--workers", help="Query worker processes.")] = (
        server_defaults.WORKERS
    ),
    spare_workers: Annotated[
        int, typer.Option("--spare-workers", help="Loaded spares that replace a stopped worker.")
    ] = server_defaults.SPARE_WORKERS,
    log_level: Annotated[
        str,
        typer.Option(
            "--log-level", help="uvicorn log level: critical, error, warning, info, debug, trace."
        ),
    ] = server_defaults.LOG_LEVEL,
    allow_host: Annotated[
        MaybeTexts,
        typer.Option(
            "--allow-host",
            help="Also answer requests for this host name (NAME or NAME:PORT; repeatable), e.g. "
            "behind a proxy. Other names than the listening address and localhost are refused "
            "(DNS rebinding).",
        ),
    ] = None,
    max_value_size: Annotated[
        int, typer.Option("--max-value-size", help="Largest single value in an answer, in MB.")
    ] = server_defaults.MAX_VALUE_MB,
    max_result_size: Annotated[
        int, typer.Option("--max-result-size", help="Largest answer a query may give, in MB.")
    ] = server_defaults.MAX_RESULT_MB,
    query_memory: Annotated[
        int,
        typer.Option(
            "--query-memory", help="Memory a query may use in its worker, in MB (then 500)."
        ),
    ] = server_defaults.QUERY_MEMORY_MB,
) -> None:
    """Serve a SPARQL 1.1 endpoint, a query page and linked-data pages until Ctrl-C."""
    with errors(ctx):
        from partnergraph.server import ServerConfig  # late: start-up time
        from partnergraph.server import serve as run_server  # late: start-up time

        given = options(ctx)
        if given.rebuild:  # replace the on-disk store once, before the workers open it
            given.graph().close()
        config = ServerConfig(
            data=given.data or None,
            store=given.store,
            allow_update=allow_update,
            update_token_env=update_token_env,
            query_timeout=timeout,
            queue_timeout=queue_timeout,
            overrun_cooldown=overrun_cooldown,
            row_cap=row_cap,
            max_query_bytes=max_query_size,
            cors_origin=cors,
            workers=workers,
            spare_workers=spare_workers,
            allowed_hosts=tuple(allow_host or ()),
            max_value_bytes=_megabytes(max_value_size),
            max_result_bytes=_megabytes(max_result_size),
            query_memory_bytes=_megabytes(query_memory),
        )
        try:
            run_server(config, host=host, port=port, log_level=log_level, announce=typer.echo)
        except KeyboardInterrupt:
            typer.echo(t("stopped"), err=True)


def _megabytes(value: int) -> int:
    """MB on the command line; a negative or absurd value is left for ServerConfig to refuse."""
    return value * 1024 * 1024 if -(2**40) < value < 2**40 else -1


def push(
    ctx: typer.Context,
    to: Annotated[
        str,
        typer.Option(
            "--to",
            help="Graph Store Protocol or SPARQL Update URL, e.g. http://127.0.0.1:7878/store. "
            "Credentials: PARTNERGRAPH_USER and PARTNERGRAPH_PASSWORD, or ~/.netrc.",
            show_default=False,
        ),
    ],
    graph: Annotated[
        MaybeText,
        typer.Option(
            "--graph",
            help="Named graph to replace (default: https://w3id.org/partnergraph/graph/all).",
            show_default=False,
        ),
    ] = None,
    protocol: Annotated[
        str,
        typer.Option(
            "--protocol",
            help="auto (Graph Store Protocol where the URL has it, else SPARQL Update), gsp or "
            "update.",
        ),
    ] = "auto",
) -> None:
    """Upload the whole graph into one named graph on a SPARQL server, replacing it."""
    with errors(ctx):
        from partnergraph.publish.sync import push as upload  # late: start-up time

        kg = options(ctx).graph()
        typer.echo(str(upload(kg, to, graph=graph, protocol=cast(Any, protocol))))


def pull(
    ctx: typer.Context,
    from_url: Annotated[
        str,
        typer.Option(
            "--from",
            help="Graph Store Protocol or SPARQL query URL of the server.",
            show_default=False,
        ),
    ],
    output: Annotated[Path, output_option("Turtle file to write.", show_default=False)],
    graph: Annotated[
        MaybeText,
        typer.Option(
            "--graph",
            help="Named graph to fetch, or 'default' for the default graph (default: "
            "https://w3id.org/partnergraph/graph/all).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Download one graph from a SPARQL server into a Turtle file."""
    with errors(ctx):
        from partnergraph.publish.sync import pull as download  # late: start-up time

        typer.echo(str(download(from_url, graph=graph, output=output)))
