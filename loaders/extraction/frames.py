"""Relation frames that a single cue word does not carry: the relation comes from a phrase
shape around two or more mentions.

- "AUKUS, a security pact between Australia, the UK and the US": a named alliance or
  partnership set off by a comma from a description of it that lists its parties (memberOf;
  hasPartner for a partnership);
- "China summoned the Japanese ambassador": summoning a country's envoy is a protest
  (opposes the envoy's country);
- "Ukraine's president was welcomed to the Vilnius summit", "we welcome Japan to our summit":
  the welcomed actor takes part in the event;
- "the Comprehensive Strategic Partnership between Russia and North Korea": its parties
  (hasPartner);
- "NATO members Turkey and Hungary", "fellow EU member states such as Poland": memberOf;
- "Japan and Australia agreed to deepen their defence cooperation", "Japan and Australia are
  close allies": the listed actors are partners (a list of two or more, then a verb of
  strengthening ties, or a copula and allies/partners, in the same clause);
- "China–Russia cooperation", "the Russia-North Korea partnership": two actors joined by a
  dash before a noun of cooperation are partners (not "relations", "ties", "tensions": those
  may be bad);
- "Japan's closest ally, the United States", "NATO's partners Japan and Australia": partners.

Same confidence scale and polarity check as `relations` (negation drops, modality lowers).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from loaders.extraction import offices
from loaders.extraction import relations as rel
from loaders.extraction.context import Context
from loaders.extraction.sentences import Span
from loaders.model import Entity, Fact, Mention

_GROUP_WORDS = ("partnership", "pact", "deal", "agreement", "alliance", "partnership", "grouping", "bloc", "treaty",
                "arrangement", "coalition", "group", "dialogue", "forum", "framework")
_GROUP_NOUN = (r"(?:pact|deal|agreement|alliance|partnership|grouping|bloc|treaty|arrangement|"
               r"coalition|group|dialogue|forum|framework)")
_DESCRIBED = re.compile(r"\s*,\s*(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,4}?" + _GROUP_NOUN +
                        r"\s+(?:between|among|of|involving|linking|comprising|including)\s+(?:the\s+)?$",
                        re.I)
_SUMMON = re.compile(r"\bsummon(?:s|ed|ing)?\s+(?:(?:the|a|an|its|their)\s+)?"
                     r"(?:(?:senior|top|acting|deputy)\s+)?$", re.I)
_ENVOY = re.compile(r"\s+(?:[\w-]+\s+)?(?:envoy|ambassador|diplomat|charg[eé]\s+d['’]affaires)\b", re.I)
# "welcome Prime Minister X", "welcomed prime minister X" (lower-case titles: offices' own)
_WELCOME = re.compile(r"\bwelcom(?:e|es|ed|ing)\s+(?:(?:(?:[A-Z][\w.-]*|of|the)\s+){0,5}$|"
                      + offices.LOWER_TITLE_LEFT + ")")
_TO_EVENT = re.compile(r"\s+(?:back\s+)?to\s+(?:(?:the|our|this|its|their|next|[\w-]+['’]s)\s+)?$",
                       re.I)


def find_frames(ctx: Context) -> list[Fact]:
    """Every fact the frames find in the article."""
    out: list[Fact] = []
    for si, sentence in enumerate(ctx.sentences):
        mentions = rel._top_level(ctx.sentence_mentions(si))
        if len(mentions) < 2:
            continue
        low = ctx.text[sentence.start:sentence.end].lower()
        described = any(w in low for w in _GROUP_WORDS)
        summoned = "summon" in low
        members = "member" in low or "ally" in low or "allies" in low
        ties = any(w in low for w in _TIES_WORDS)
        if "welcom" in low:
            out.extend(_welcomed(ctx, sentence, mentions))
        if not (described or summoned or members or ties):
            continue
        groups = rel._groups(ctx, mentions)
        if described:
            out.extend(_described_group(ctx, sentence, groups))
            out.extend(_partnership_between(ctx, sentence, groups))
        if summoned:
            out.extend(_summoned(ctx, si, sentence, mentions, groups))
        if members:
            out.extend(_members_named(ctx, sentence, groups))
        if ties:
            out.extend(_ties_deepened(ctx, sentence, groups))
            out.extend(_dash_pair(ctx, sentence, mentions))
            out.extend(_possessive_ally(ctx, sentence, groups))
    return rel._valid(ctx, out)


def _described_group(ctx: Context, sentence: Span, groups: list[list[Mention]]) -> Iterator[Fact]:
    for a, b in zip(groups, groups[1:]):
        name = a[-1]
        if ctx.cls(name.entity) not in ("Alliance", "Partnership"):
            continue
        if not _DESCRIBED.match(ctx.text[name.evidence.end:b[0].evidence.start]):
            continue
        parties = [m for m in b if ctx.cls(m.entity) in rel.ACTORS - {"Person"} and m.kind != "demonym"]
        if len(parties) < 2:
            continue
        for p in parties:
            if ctx.cls(name.entity) == "Partnership":
                yield rel._fact(ctx, sentence, name, "hasPartner", p, "adjacent", "described-group")
            else:
                yield rel._fact(ctx, sentence, p, "memberOf", name, "adjacent", "described-group")


_BETWEEN = re.compile(r"\s+(?:between|among|linking)\s+(?:the\s+)?$", re.I)


def _partnership_between(ctx: Context, sentence: Span, groups: list[list[Mention]]) -> Iterator[Fact]:
    """"the Comprehensive Strategic Partnership between Russia and North Korea": hasPartner."""
    for a, b in zip(groups, groups[1:]):
        name = a[-1]
        if ctx.cls(name.entity) != "Partnership" or not _BETWEEN.match(
                ctx.text[name.evidence.end:b[0].evidence.start]):
            continue
        parties = [m for m in b if ctx.cls(m.entity) in rel.ACTORS - {"Person"} and m.kind != "demonym"]
        if len(parties) >= 2:
            name = _qualified(ctx, name, parties)
            for p in parties:
                yield rel._fact(ctx, sentence, name, "hasPartner", p, "adjacent", "partnership-between")


def _qualified(ctx: Context, name: Mention, parties: list[Mention]) -> Mention:
    """A partnership the text names only generically ("a Distinctive Partnership between NATO
    and Ukraine") is renamed after its parties, "NATO–Ukraine Distinctive Partnership", in
    every mention: another article's "Distinctive Partnership" may be another one."""
    if name.entity in ctx.gazetteer.entries or len(parties) > 3:
        return name
    old = ctx.entities[name.entity]
    label = "–".join(p.evidence.quote for p in parties) + " " + old.label
    slug = rel.slug_for(label)
    ctx.entities.setdefault(slug, Entity(slug, label, old.cls, alt_labels=(old.label, *old.alt_labels)))
    ctx.mentions[:] = [Mention(slug, m.evidence, m.kind) if m.entity == old.slug else m
                       for m in ctx.mentions]
    ctx.reindex()
    return Mention(slug, name.evidence, name.kind)


def _summoned(ctx: Context, si: int, sentence: Span, mentions: list[Mention],
              groups: list[list[Mention]]) -> Iterator[Fact]:
    for m in mentions:
        if ctx.cls(m.entity) != "Country" or not _ENVOY.match(ctx.text, m.evidence.end):
            continue
        before = ctx.text[max(sentence.start, m.evidence.start - 40):m.evidence.start]
        cue = _SUMMON.search(before)
        if cue is None:
            continue
        at = _verb_group(ctx, sentence, m.evidence.start - len(before) + cue.start())
        rule = _rule("opposition")
        subjects, kind = rel._subjects(ctx, si, groups, at, rule)
        for s in subjects:
            yield rel._fact(ctx, sentence, s, "opposes", m, "parse" if kind != "coref" else kind,
                            "summoned-envoy", at, m.evidence.end)


def _welcomed(ctx: Context, sentence: Span, mentions: list[Mention]) -> Iterator[Fact]:
    for i, m in enumerate(mentions):
        if ctx.cls(m.entity) not in rel.ACTORS:
            continue
        before = ctx.text[max(sentence.start, m.evidence.start - 60):m.evidence.start]
        lead = _WELCOME.search(before)
        if lead is None:
            continue
        events = [e for e in mentions[i + 1:] if ctx.cls(e.entity) in rel.PROGRAMMES]
        if not events or not _TO_EVENT.fullmatch(ctx.text[m.evidence.end:events[0].evidence.start]):
            continue
        at = _verb_group(ctx, sentence, m.evidence.start - len(before) + lead.start())
        yield rel._fact(ctx, sentence, m, "participatesIn", events[0], "adjacent", "welcomed-to",
                        at, events[0].evidence.end)


_AUXILIARIES = re.compile(r"(?:\b(?:did|does|do|will|would|could|may|might|shall|should|can|has|have|"
                          r"had|is|are|was|were|be|been|not|never|no\s+longer|also|to|refused|"
                          r"declined|failed|plans?|wants?|hopes?)\s+|n['’]t\s+)+$", re.I)


def _verb_group(ctx: Context, sentence: Span, at: int) -> int:
    """Where the verb group ending at `at` starts ("did not welcome": at "did"), so that its
    negation and modality are in the polarity scope."""
    m = _AUXILIARIES.search(ctx.text, max(sentence.start, at - 60), at)
    return m.start() if m else at


_MEMBERS_NOUN = re.compile(r"(?:['’]s)?[\s-]+(?:fellow\s+)?(?:member(?:\s+(?:states?|countries|nations))?|members|"
                           r"allies|ally)\s*(?:,\s*|\s+(?:such\s+as|including|like)\s+|[—–:]\s*)?(?:the\s+)?$", re.I)


def _members_named(ctx: Context, sentence: Span, groups: list[list[Mention]]) -> Iterator[Fact]:
    """"NATO members Turkey and Hungary", "EU member states such as Poland and Spain",
    "NATO ally Turkey": each listed country is a member of the organisation."""
    for a, b in zip(groups, groups[1:]):
        org = a[-1]
        if ctx.cls(org.entity) not in ("InternationalOrganisation", "Alliance") or org.kind == "demonym":
            continue
        gap = ctx.text[org.evidence.end:b[0].evidence.start]
        if not _MEMBERS_NOUN.match(gap) or "\n" in gap:
            continue
        for m in b:
            if ctx.cls(m.entity) == "Country" and m.kind != "demonym":
                yield rel._fact(ctx, sentence, m, "memberOf", org, "adjacent", "members-named")


# (also the words of the dash-pair and possessive-ally frames: cooperation nouns, allies, partners)
_TIES_WORDS = ("allies", "ally", "partner", "cooperation", "ties", "relations", "alliance",
               "collaboration", "axis", "pact", "treaty", "agreement", "accord", "deal")
_TIES_VERB = re.compile(
    r"\b(?:(?:are|were|remain|remained|became|become)\s+(?:(?:close|closest|key|strategic|treaty|"
    r"longtime|long-standing|firm|natural|important|military|security|defen[cs]e)\s+){0,2}"
    r"(?:allies|partners)\b(?!\s+(?:of|to|in|for|with)\b)|"
    r"(?:strengthen|deepen|boost|expand|enhance|bolster|upgrade|elevate|forge|cement|"
    r"formali[sz]e|intensify|broaden)(?:s|ed|ing|e)?\s+(?:(?:their|its|the|bilateral|"
    r"security|defen[cs]e|military|strategic|economic|close|closer)\s+){0,3}"
    r"(?:cooperation|ties|partnership|relations|relationship|alliance|collaboration))\b", re.I)


def _ties_deepened(ctx: Context, sentence: Span, groups: list[list[Mention]]) -> Iterator[Fact]:
    """"Japan and Australia agreed to deepen their defence cooperation": partners."""
    for cue in _TIES_VERB.finditer(ctx.text, sentence.start, sentence.end):
        before = [g for g in groups if g[-1].evidence.end <= cue.start()]
        if not before:
            continue
        g = [m for m in before[-1] if ctx.cls(m.entity) in rel.ACTORS - {"Person"}
             and m.kind != "demonym"]
        gap = ctx.text[before[-1][-1].evidence.end:cue.start()]
        if len(g) < 2 or len(gap) > 60 or re.search(r"[,;:()—–]|\b(?:with|and|but|while|as)\b", gap):
            continue
        if rel._AFTER_PREPOSITION.search(ctx.text, max(sentence.start, g[0].evidence.start - 12),
                                         g[0].evidence.start):
            continue  # "against Ukraine and Moscow's deepening alliance": not a subject list
        for i, x in enumerate(g):
            for y in g[i + 1:]:
                yield rel._fact(ctx, sentence, x, "partnerOf", y, "parse", "ties-deepened",
                                cue.start(), cue.end())


_COOPERATION_NOUN = re.compile(
    r"\s+(?:(?:security|defen[cs]e|military|strategic|bilateral|trade|economic)\s+)?"
    r"(?:partnership|alliance|cooperation|collaboration|axis|pact|treaty|agreement|accord|"
    r"deal)\b", re.I)  # not "relations" or "ties": "US-China relations fray" are no partnership
_DASH = re.compile(r"\s*[-–—/]\s*")


def _dash_pair(ctx: Context, sentence: Span, mentions: list[Mention]) -> Iterator[Fact]:
    """"China–Russia cooperation", "the Russia-North Korea partnership": partners."""
    actors = [m for m in mentions if ctx.cls(m.entity) in rel.ACTORS - {"Person"} and m.kind != "demonym"]
    for a, b in zip(actors, actors[1:]):
        if a.entity == b.entity or not _DASH.fullmatch(ctx.text[a.evidence.end:b.evidence.start]):
            continue
        if _COOPERATION_NOUN.match(ctx.text, b.evidence.end):
            yield rel._fact(ctx, sentence, a, "partnerOf", b, "adjacent", "dash-pair")


_ALLY_OF = re.compile(r"['’]s\s+(?:(?:closest|close|key|main|major|oldest|strongest|strategic|"
                      r"treaty|longtime|only|new|regional|Asian|European|Western|Indo-Pacific|"
                      r"Asia-Pacific)\s+){0,2}(?:all(?:y|ies)|partners?)\s*(?:,\s*|\s+|[—–:]\s*)"
                      r"(?:(?:such\s+as|including|like)\s+)?(?:the\s+)?$")


_IS_BEFORE_OWNER = re.compile(r"\s+(?:is|are|was|were|remains?|remained|became|become|"
                              r"(?:has|have|had)\s+(?:long\s+|always\s+)?been)\s+(?:also\s+|still\s+)?", re.I)
_ALLY_AFTER_OWNER = re.compile(r"['’]s\s+(?:(?:closest|close|key|main|major|oldest|strongest|strategic|"
                               r"treaty|longtime|staunchest|staunch|most\s+important|important|only)\s+){0,2}"
                               r"(?:all(?:y|ies)|partners?)\b", re.I)


def _possessive_ally(ctx: Context, sentence: Span, groups: list[list[Mention]]) -> Iterator[Fact]:
    """"Japan's closest ally, the United States", "NATO's partners Japan and Australia"."""
    for a, b in zip(groups, groups[1:]):
        owner = a[-1]
        if ctx.cls(owner.entity) not in rel.ACTORS - {"Person"} or owner.kind == "demonym":
            continue
        if not _ALLY_OF.match(ctx.text[owner.evidence.end:b[0].evidence.start]):
            continue
        for m in b:
            if ctx.cls(m.entity) in rel.ACTORS - {"Person"} and m.kind != "demonym":
                yield rel._fact(ctx, sentence, m, "partnerOf", owner, "adjacent", "possessive-ally")
    for a, b in zip(groups, groups[1:]):  # "China is Pakistan's closest ally"
        owner = b[0]
        if len(b) != 1 or ctx.cls(owner.entity) not in rel.ACTORS - {"Person"} or owner.kind == "demonym":
            continue
        if not _IS_BEFORE_OWNER.fullmatch(ctx.text, a[-1].evidence.end, owner.evidence.start) \
                or not _ALLY_AFTER_OWNER.match(ctx.text, owner.evidence.end):
            continue
        for m in a:
            if ctx.cls(m.entity) in rel.ACTORS - {"Person"} and m.kind != "demonym":
                yield rel._fact(ctx, sentence, m, "partnerOf", owner, "copula", "is-possessive-ally",
                                a[-1].evidence.end, owner.evidence.end)


def _rule(name: str) -> rel.Rule:
    return next(r for r in rel.RULES if r.name == name)
