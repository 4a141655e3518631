"""Seed fidelity (issue 7, class 8): every statement of the founding article about a scheme
(for whom, what, where, how many, who runs it) is a fact of the knowledge base the bot can say.

Each row: the seed's words, the scheme, and words of the knowledge base that carry them (in its
description, a fact, its audiences' labels, its operator or its departments).
"""

import pytest

import knowledge
from knowledge.text import fold
from tests.support.seed import STATEMENTS, seed_article


def _said(scheme: knowledge.Scheme) -> str:
    """Everything the bot can say of a scheme, folded."""
    vocabulary = knowledge.load().vocabulary
    parts = [
        scheme.name,
        scheme.operator,
        scheme.description,
        scheme.next_step,
        *(f.text for f in scheme.facts),
    ]
    parts += [vocabulary.label("audiences", a) for a in scheme.audiences]
    return fold(" ".join(parts))


@pytest.mark.parametrize(("statement", "scheme_id", "words"), STATEMENTS, ids=[s[0][:40] for s in STATEMENTS])
def test_seed_statement_is_a_fact(statement: str, scheme_id: str, words: str) -> None:
    scheme = knowledge.load().scheme(scheme_id)
    if words.startswith("department:"):
        assert words.split(":")[1] in scheme.departments
    else:
        assert fold(words) in _said(scheme), f"{scheme_id} does not say « {words} » ({statement})"


def test_statements_are_the_seeds() -> None:
    """Each listed statement is in the seed, so the list cannot drift from it."""
    seed = fold(seed_article().replace("’", "'"))
    for statement, _, _ in STATEMENTS:
        quoted = statement.split("[")[0].split("…")[0].replace("’", "'").strip(" .")
        assert fold(quoted) in seed, quoted


def test_every_seed_scheme_is_listed() -> None:
    """Every scheme read in the seed has its statements in the list."""
    seed_schemes = {s.id for s in knowledge.load().schemes if s.source.is_seed}
    assert seed_schemes <= {scheme_id for _, scheme_id, _ in STATEMENTS}
