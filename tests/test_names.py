"""Finding things by name: the suggestions for a misspelt name are difflib's, found quickly."""

from __future__ import annotations

import difflib
import random

from partnergraph.query.names import _likeness_to


def test_the_quick_likeness_is_difflibs_ratio_wherever_it_can_matter() -> None:
    # The cheap bounds only ever cut a name that could not reach the threshold: over many
    # pairs of names, alike and not, the score is difflib's wherever it reaches ``least``.
    rng = random.Random(7)
    words = ["halmstad", "kommune", "aarhus", "universitet", "via", "granstad", "ø", "å", "x"]
    for _ in range(2000):
        typed = " ".join(rng.sample(words, rng.randint(1, 3)))
        name = " ".join(rng.sample(words, rng.randint(0, 3)))
        if rng.random() < 0.5 and name:  # a misspelling of it
            at = rng.randrange(len(name))
            name = name[:at] + rng.choice("aeiouk") + name[at + 1 :]
        for least in (0.7, 0.72):
            exact = difflib.SequenceMatcher(None, typed, name).ratio()
            quick = _likeness_to(typed)(name, least)
            assert quick == exact if exact >= least else quick < least, (typed, name)
