"""Whose side a speaker speaks for: the speaker, the countries and organisations whose office
they hold (`holdsOffice` facts of the same article), and what the article's own facts say that
side is aligned with (memberOf, partnerOf, hasPartner, participatesIn), backs (supports) or
opposes (opposes).

Why: a statement's `about` is what it talks about, which is seldom the speaker's own side
("Russian President Vladimir Putin said Russia does not rule out cooperation with North Korea"
is about North Korea, not Russia); and when a speaker's words carry no stance cue, a side the
article shows backing or opposing the statement's `about` is its stance (the gold's stance is
towards `about`). Only facts the extraction found in the text are used, never world knowledge.

>>> from loaders.model import Evidence, Fact
>>> ev = Evidence("a", 0, 0, "")
>>> side = Sides([Fact("putin", "holdsOffice", "russia", ev, 0.85),
...               Fact("russia", "partnerOf", "north-korea", ev, 0.85),
...               Fact("russia", "opposes", "nato", ev, 0.85)])
>>> sorted(side.own("putin"))
['putin', 'russia']
>>> side.tied("putin", "north-korea"), side.tied("putin", "japan"), side.against("putin", "nato")
(True, False, True)
"""

from __future__ import annotations

from collections.abc import Iterable

from loaders.model import Fact

OFFICE = "holdsOffice"
ALIGNMENT = frozenset({"memberOf", "partnerOf", "hasPartner", "participatesIn",
                       "hasMember", "hasParticipant"})


class Sides:
    """The own side of each speaker, and what the article says that side is tied to, backs or
    opposes, from one article's facts."""

    def __init__(self, facts: Iterable[Fact] = ()) -> None:
        self.offices: dict[str, set[str]] = {}
        self.links: dict[str, set[str]] = {}  # mutual: alignment facts both ways
        self.backed: dict[str, set[str]] = {}  # one-way: supports
        self.opposed: dict[str, set[str]] = {}  # one-way: opposes
        for f in facts:
            if f.predicate == OFFICE:
                self.offices.setdefault(f.subject, set()).add(f.object)
            elif f.predicate == "supports":
                self.backed.setdefault(f.subject, set()).add(f.object)
            elif f.predicate == "opposes":
                self.opposed.setdefault(f.subject, set()).add(f.object)
            elif f.predicate in ALIGNMENT:
                self.links.setdefault(f.subject, set()).add(f.object)
                self.links.setdefault(f.object, set()).add(f.subject)

    def own(self, speaker: str) -> frozenset[str]:
        """The speaker and whatever it holds office in."""
        return frozenset({speaker} | self.offices.get(speaker, set()))

    def tied(self, speaker: str, other: str) -> bool:
        """Whether `other` is the speaker's own side or linked to it by an alignment fact."""
        own = self.own(speaker)
        return other in own or any(other in self.links.get(x, ()) for x in own)

    def backs(self, speaker: str, other: str) -> bool:
        """Whether the article says the speaker's own side supports `other`."""
        return any(other in self.backed.get(x, ()) for x in self.own(speaker))

    def against(self, speaker: str, other: str) -> bool:
        """Whether the article says the speaker's own side opposes `other`."""
        return any(other in self.opposed.get(x, ()) for x in self.own(speaker))
