"""The vocabulary of proposition keys, shared by the reader (app/nlp/propositions.py) and
the comparison (app/compare/) without loading spaCy in the latter.

A key is ``predicate>argument`` ("transfer>weapons"). One predicate stands for a way of
stating something rather than for a word: ``cause>rayo``, whatever the wording, says a
rayo caused it (app/nlp/causes.py).

A proposition's agent is a name's key ("ritmo-vivo"), or, for a common noun or a pronoun,
the lemma after ``noun:`` ("noun:guardia"): "los guardias" and "su personal" may be the
same people, while two different names are two different agents.
"""

CAUSE = "cause"
NOUN_AGENT = "noun:"


def named(agent: str) -> bool:
    return bool(agent) and not agent.startswith(NOUN_AGENT)
