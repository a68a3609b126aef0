"""Definite descriptions that refer back to a named organisation, pact, mission or event:
"the bloc", "the grouping", "the pact", "the continental body", "the mission", "the meeting",
with up to two modifiers ("the Russian-led military alliance", "the 15-member grouping").

Each becomes a coreference mention of the one entity of a fitting class named at most
`WINDOW` characters before it (none if two fit), so that the relation rules can use it ("Chaired by X, the meeting brought together ..."; "Y, the continental body's
commissioner"). Facts through such a mention get the coreference confidence (0.65). Nothing
is added where the description is followed by a name ("the bloc ECOWAS": the name is there)
or an "of" phrase ("the union of two parties": a new thing). "The alliance" may also be an
organisation whose gazetteer entry calls it an alliance (NATO, an InternationalOrganisation).
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
# Modifiers: a class word ("military"), a size ("15-member", "five-nation") or who leads or
# backs it ("Russian-led", "Moscow-backed"); at most two ("the Russian-led military alliance").
_MODIFIER = (r"(?:continental|regional|[a-z]+-nation|[a-z0-9]+-(?:member|country|state)|security|"
             r"military|defen[cs]e|peacekeeping|multilateral|annual|[Aa]tlantic|transatlantic|"
             r"trilateral|[Ww]estern|whole|new|(?:[A-Z][a-z]+|U\.?S\.?)-(?:led|backed|dominated))")
_DESCRIPTION = re.compile(r"\b[Tt]he\s+(?:" + _MODIFIER + r"\s+){0,2}"
                          r"(" + "|".join(_HEADS) + r")\b(?!\s+(?:of\b|[A-Z]))")


def add_descriptions(ctx: Context) -> None:
    """Add a coreference mention for each description whose antecedent is clear."""
    added: list[Mention] = []
    for sentence in ctx.sentences:
        for m in _DESCRIPTION.finditer(ctx.text, sentence.start, sentence.end):
            if ctx.between(m.start(1), m.end()) or _inside_name(ctx, m.start(), m.end()):
                continue  # already a mention ("the Alliance" = NATO), or part of a name
            head = m.group(1).lower()
            antecedent = _antecedent(ctx, m.start(), _HEADS[head], head == "alliance")
            if antecedent is not None:
                added.append(Mention(antecedent.entity, ctx.evidence(m.start(), m.end()), "coreference"))
    for x in added:
        ctx.add_mention(x)


def _inside_name(ctx: Context, start: int, end: int) -> bool:
    """A mention overlaps the description, other than a modifier's name ("Russian-led")."""
    return any(x.evidence.start < end and start < x.evidence.end
               and ctx.text[x.evidence.end:x.evidence.end + 1] != "-"
               for x in ctx.between(max(0, start - 80), end + 80))


def _antecedent(ctx: Context, at: int, classes: tuple[str, ...],
                alliance: bool = False) -> Mention | None:
    """The mention of one of `classes` in the `WINDOW` characters before `at`, if they all name
    one entity (two candidates: the description is left unresolved). For "the alliance" an
    organisation whose gazetteer entry calls it an alliance fits too (NATO: "North Atlantic
    Alliance")."""
    lo = max(0, at - WINDOW)
    before = [x for x in ctx.between(lo, at) if x.kind != "demonym"
              and (ctx.cls(x.entity) in classes or (alliance and _called_alliance(ctx, x.entity)))]
    return before[-1] if len({x.entity for x in before}) == 1 else None


def _called_alliance(ctx: Context, slug: str) -> bool:
    """An organisation whose gazetteer names or coreferences include the word "alliance"."""
    entry = ctx.gazetteer.entries.get(slug)
    if entry is None or entry.cls not in ORGS:
        return False
    return any("alliance" in form.lower().split() for form in (entry.label, *entry.aliases, *entry.coreferences))
