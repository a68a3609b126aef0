"""Definite descriptions that refer back to a named organisation, pact, mission or event:
"the bloc", "the grouping", "the pact", "the continental body", "the mission", "the meeting".

Each becomes a coreference mention of the one entity of a fitting class named at most
`WINDOW` characters before it (none if two fit), so that the relation rules can use it ("Chaired by X, the meeting brought together ..."; "Y, the continental body's
commissioner"). Facts through such a mention get the coreference confidence (0.65). Nothing
is added where the description is followed by a name ("the bloc ECOWAS": the name is there)
or an "of" phrase ("the union of two parties": a new thing).
"""

from __future__ import annotations

import re

from loaders.extraction.context import Context
from loaders.model import Mention

WINDOW = 400
ORGS = ("InternationalOrganisation", "Alliance", "Partnership", "Organisation")
_HEADS: dict[str, tuple[str, ...]] = {
    "bloc": ORGS, "grouping": ORGS, "organisation": ORGS, "organization": ORGS, "body": ORGS,
    "union": ORGS, "group": ORGS, "coalition": ORGS,
    "pact": ("Alliance", "Partnership"), "alliance": ("Alliance",),
    "partnership": ("Partnership",),
    "mission": ("Programme", "Mission", "Operation"), "operation": ("Programme", "Mission", "Operation"),
    "summit": ("Event",), "meeting": ("Event",), "conference": ("Event",), "forum": ("Event",),
}
_DESCRIPTION = re.compile(r"\b[Tt]he\s+(?:(?:continental|regional|[a-z]+-nation|security|"
                          r"military|defen[cs]e|peacekeeping|multilateral|annual|[Aa]tlantic|transatlantic|"
                          r"trilateral|[Ww]estern|whole|new)\s+)?"
                          r"(" + "|".join(_HEADS) + r")\b(?!\s+(?:of\b|[A-Z]))")


def add_descriptions(ctx: Context) -> None:
    """Add a coreference mention for each description whose antecedent is clear."""
    added: list[Mention] = []
    for sentence in ctx.sentences:
        for m in _DESCRIPTION.finditer(ctx.text, sentence.start, sentence.end):
            if ctx.between(m.start(), m.end()) or _inside_name(ctx, m.start(), m.end()):
                continue  # already a mention ("the Alliance" = NATO), or part of a name
            antecedent = _antecedent(ctx, m.start(), _HEADS[m.group(1).lower()])
            if antecedent is not None:
                added.append(Mention(antecedent.entity, ctx.evidence(m.start(), m.end()), "coreference"))
    for x in added:
        ctx.add_mention(x)


def _inside_name(ctx: Context, start: int, end: int) -> bool:
    return any(x.evidence.start < end and start < x.evidence.end
               for x in ctx.between(max(0, start - 80), end + 80))


def _antecedent(ctx: Context, at: int, classes: tuple[str, ...]) -> Mention | None:
    """The mention of one of `classes` in the `WINDOW` characters before `at`, if they all name
    one entity (two candidates: the description is left unresolved)."""
    lo = max(0, at - WINDOW)
    before = [x for x in ctx.between(lo, at) if ctx.cls(x.entity) in classes and x.kind != "demonym"]
    return before[-1] if len({x.entity for x in before}) == 1 else None
