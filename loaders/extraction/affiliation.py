"""Whose side a speaker speaks for: the speaker, the countries and organisations whose office
they hold (`holdsOffice` facts of the same article), and the parties tied to that side by the
article's own alignment facts (memberOf, partnerOf, hasPartner, participatesIn, supports).

Why: a statement's `about` is what it talks about, which is seldom the speaker's own side
("Russian President Vladimir Putin said Russia does not rule out cooperation with North Korea"
is about North Korea, not Russia), and a speaker describing its own side or a party tied to it
without any stance cue is arguing for it, not neutral (the gold's stance is towards `about`).
Only facts the extraction found in the text are used, never world knowledge.

>>> from loaders.model import Evidence, Fact
>>> ev = Evidence("a", 0, 0, "")
>>> side = Sides([Fact("putin", "holdsOffice", "russia", ev, 0.85),
...               Fact("russia", "partnerOf", "north-korea", ev, 0.85)])
>>> sorted(side.own("putin"))
['putin', 'russia']
>>> side.tied("putin", "north-korea"), side.tied("putin", "japan")
(True, False)
"""

from __future__ import annotations

from collections.abc import Iterable

from loaders.model import Fact

OFFICE = "holdsOffice"
ALIGNMENT = frozenset({"memberOf", "partnerOf", "hasPartner", "participatesIn", "supports",
                       "hasMember", "hasParticipant"})


class Sides:
    """The own side and the allies of each speaker, from one article's facts."""

    def __init__(self, facts: Iterable[Fact] = ()) -> None:
        self.offices: dict[str, set[str]] = {}
        self.links: dict[str, set[str]] = {}
        for f in facts:
            if f.predicate == OFFICE:
                self.offices.setdefault(f.subject, set()).add(f.object)
            elif f.predicate in ALIGNMENT:
                self.links.setdefault(f.subject, set()).add(f.object)
                if f.predicate != "supports":  # support is one-way; ties are mutual
                    self.links.setdefault(f.object, set()).add(f.subject)

    def own(self, speaker: str) -> frozenset[str]:
        """The speaker and whatever it holds office in."""
        return frozenset({speaker} | self.offices.get(speaker, set()))

    def tied(self, speaker: str, other: str) -> bool:
        """Whether `other` is the speaker's own side or linked to it by an alignment fact."""
        own = self.own(speaker)
        return other in own or any(other in self.links.get(x, ()) for x in own)
