"""Values a person picks from a few (``--projection actors``), in their own words too.

An option's values are English tokens (``collaboration``, ``actors``, ``themes``): scripts and
documentation use them, so they stay. A Danish reader may type the Danish word instead
(``aktører``); each token's words in both languages are the catalogue's (``choice.<what>.
<token>``), so the help, the errors and what is accepted say the same. An unknown value is
refused with the accepted ones, in the reader's language.
"""

from __future__ import annotations

from collections.abc import Sequence

from partnergraph.core.errors import ParameterError
from partnergraph.core.messages import CATALOGUE, language, t

__all__ = ["choose", "listed", "words"]


def choose(what: str, given: str, tokens: Sequence[str], lang: str | None = None) -> str:
    """The token ``given`` means: the token itself, or one of its words in Danish or English
    (any case); else a :class:`ParameterError` listing the accepted values in ``lang``
    (default: the run's language)."""
    if given in tokens:
        return given  # the usual case, without reading the catalogue
    wanted = given.strip().casefold()
    for token in tokens:
        if wanted == token.casefold() or wanted in {w.casefold() for w in words(what, token)}:
            return token
    # Said whole in ``lang`` (a server answers in the request's): no key to say again in another.
    raise ParameterError(
        t(
            "choice.unknown",
            lang,
            what=t(f"choice.{what}", lang),
            value=given,
            choices=listed(what, tokens, lang),
        )
    )


def words(what: str, token: str) -> list[str]:
    """The words for ``token`` a person may type, in every language the catalogue has."""
    entry = CATALOGUE.get(f"choice.{what}.{token}", {})
    return sorted({word for word in entry.values() if word != token})


def listed(what: str, tokens: Sequence[str], lang: str | None = None) -> str:
    """The accepted values as the reader reads them: "samarbejde (collaboration), aktører
    (actors) eller temaer (themes)" in Danish, the tokens alone in English."""
    lang = lang or language()
    shown = []
    for token in tokens:
        key = f"choice.{what}.{token}"
        word = t(key, lang) if key in CATALOGUE else token
        shown.append(token if word == token else f"{word} ({token})")
    if len(shown) < 2:
        return "".join(shown)
    return f"{', '.join(shown[:-1])} {t('or', lang)} {shown[-1]}"
