"""The vocabulary of proposition keys, shared by the reader (app/nlp/propositions.py) and
the comparison (app/compare/) without loading spaCy in the latter.

A key is ``predicate>argument`` ("transfer>weapons"). One predicate stands for a way of
stating something rather than for a word: ``cause@fire>rayo``, whatever the wording, says
a rayo caused the fire (app/nlp/causes.py); ``cause@>rayo`` leaves the effect unnamed ("lo
originó un rayo"). The comparison reads an effect that names the story's event as the
story's (app/compare/discover.py), so the key becomes ``cause>rayo`` there.

A proposition's agent is a name's key ("ritmo-vivo"), or, for a common noun or a pronoun,
the lemma after ``noun:`` ("noun:guardia"): "los guardias" and "su personal" may be the
same people, while two different names are two different agents.
"""

CAUSE = "cause"
EFFECT_MARK = "@"
NOUN_AGENT = "noun:"


def named(agent: str) -> bool:
    return bool(agent) and not agent.startswith(NOUN_AGENT)
