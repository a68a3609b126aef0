"""A name made only of common words does not say which thing it is beyond its article.

"Defense Cooperation Agreement", "Coast Guard", "National Security Council": the extractor
coins such an entity from the words of one article, and its slug (so its IRI) would be the
same in every article that uses the words, so that the Australia–Indonesia agreement and the
US–Papua New Guinea one, or the Philippine and the Chinese coast guards, became one node of
the graph. Such an entity is qualified here, in this order:

- an accord with two or more parties the extraction found (`hasPartner`): by its parties,
  in the order the text first names them ("Australia–Indonesia Defense Cooperation
  Agreement"); the bare words stay an alternative label;
- a body named right after its country ("Philippine Coast Guard", "U.S. National Security
  Council"): by those words of the text;
- else it is scoped to its article: "Coast Guard (a11)", slug `coast-guard-a11`, the bare words
  an alternative label (two entities of one store may not share a label), so that nothing
  links it to another article's thing of the same words.

Gazetteer entries and names with a word of their own ("Nakamal Agreement", "Eastern Theater
Command") are left alone: those do name one thing.
"""

from __future__ import annotations

import dataclasses
import re

from loaders.extraction.gazetteer import Gazetteer
from loaders.model import Entity, Fact, Mention, Statement, slugify

# Words a name of an accord, a body or a meeting may be made of without naming which one.
COMMON = frozenset("""
a an the of and for on in to
defense defence security military mutual cooperation co-operation cooperative strategic
comprehensive enhanced reciprocal access status forces force visiting bilateral trilateral
framework memorandum understanding agreement agreements treaty pact accord accords
partnership arrangement declaration joint
national coast guard council command ministry navy army air police border service services
committee commission group task office agency department staff chiefs headquarters
summit meeting dialogue talks
""".split())
# The classes of things the extractor coins from the words of a text.
COINED = frozenset({"Partnership", "Organisation", "InternationalOrganisation", "Event", "Programme",
                    "Alliance"})
_WORD = re.compile(r"[\w’'-]+")
_OWNER_GAP = re.compile(r"(?:['’]s)?\s")


def is_generic(label: str) -> bool:
    """Whether every word of `label` is a common word ("Mutual Defense Treaty": yes)."""
    words = [w.lower().replace("’", "'") for w in _WORD.findall(label)]
    return bool(words) and all(w in COMMON for w in words)


def qualify(article_id: str, text: str, gaz: Gazetteer, entities: dict[str, Entity],
            mentions: list[Mention], facts: list[Fact], stmts: list[Statement]
            ) -> tuple[dict[str, Entity], list[Mention], list[Fact], list[Statement]]:
    """The extraction with each generic coined entity renamed (see the module docstring)."""
    generic = [e for slug, e in entities.items()
               if slug not in gaz.entries and e.cls in COINED and not e.qid and is_generic(e.label)]
    if not generic:
        return entities, mentions, facts, stmts  # (most articles: nothing to sort or copy)
    first = _first_mentions(mentions)
    renames = {e.slug: _by_parties(e, facts, entities, first) or _by_owner(e, text, mentions, entities, first)
               or _renamed(e, f"{e.label} ({article_id})") for e in generic}
    out: dict[str, Entity] = {}
    for slug, e in entities.items():
        r = renames.get(slug, e)
        out.setdefault(r.slug, r)
    to = {old: new.slug for old, new in renames.items()}
    return (out,
            [dataclasses.replace(m, entity=to.get(m.entity, m.entity)) for m in mentions],
            [dataclasses.replace(f, subject=to.get(f.subject, f.subject), object=to.get(f.object, f.object))
             for f in facts],
            [dataclasses.replace(s, speaker=to.get(s.speaker, s.speaker), about=to.get(s.about, s.about))
             for s in stmts])


def _first_mentions(mentions: list[Mention]) -> dict[str, Mention]:
    first: dict[str, Mention] = {}
    for m in sorted(mentions, key=lambda m: (m.evidence.start, m.evidence.end)):
        first.setdefault(m.entity, m)
    return first


def _by_parties(e: Entity, facts: list[Fact], entities: dict[str, Entity],
                first: dict[str, Mention]) -> Entity | None:
    if e.cls != "Partnership":
        return None
    parties = {f.object for f in facts if f.subject == e.slug and f.predicate == "hasPartner"}
    if len(parties) < 2 or any(p not in entities for p in parties):
        return None
    ordered = sorted(parties, key=lambda p: (first[p].evidence.start if p in first else 1 << 30, p))
    return _renamed(e, "–".join(entities[p].label for p in ordered) + " " + e.label)


def _by_owner(e: Entity, text: str, mentions: list[Mention], entities: dict[str, Entity],
              first: dict[str, Mention]) -> Entity | None:
    """"Philippine Coast Guard": the country's words right before the first name of the body."""
    own = first.get(e.slug)
    if own is None or e.cls == "Partnership":
        return None
    before = [m for m in mentions if m.evidence.end <= own.evidence.start
              and entities.get(m.entity) is not None and entities[m.entity].cls == "Country"
              and _OWNER_GAP.fullmatch(text, m.evidence.end, own.evidence.start)]
    if not before:
        return None
    return _renamed(e, re.sub(r"\s+", " ", text[before[-1].evidence.start:own.evidence.end]))


def _renamed(e: Entity, label: str) -> Entity:
    """`e` under `label`, its own words kept as an alternative label. A scoped one is "Coast
    Guard (a11)": the label names the article too, since two entities of a store may not share
    an English label (loaders/validation checks). (`slugify` drops an en dash, which joins the
    parties' names here: "Indonesia–Australia" is two words of the slug.)"""
    return Entity(slugify(label.replace("–", "-")), label, e.cls, None, tuple(dict.fromkeys((e.label, *e.alt_labels))))
