"""International organisations, alliances, partnerships and standing missions that security
news names (orgs18): linking, class and the guards of acronyms that are common words or name
other things. Invented sentences only."""

from __future__ import annotations

import pytest
from extraction_helpers import run

from loaders.extraction.gazetteer import load_gazetteer


def slugs(text: str) -> dict[str, str]:
    return {e.slug: e.cls for e in run(text).entities}


@pytest.mark.parametrize(("text", "slug", "cls"), [
    ("Jamaica's prime minister said CARICOM would meet in Georgetown next month.",
     "caricom", "InternationalOrganisation"),
    ("On Monday, leaders of the Caribbean Community met in Barbados.",
     "caricom", "InternationalOrganisation"),
    ("Zambia asked the Southern African Development Community for help.",
     "sadc", "InternationalOrganisation"),
    ("Kenya urged IGAD to mediate between the two sides.", "igad", "InternationalOrganisation"),
    ("The OPCW said its inspectors had reached the site.", "opcw", "InternationalOrganisation"),
    ("Russia left the Council of the Baltic Sea States in 2022.", "cbss", "InternationalOrganisation"),
    ("Finland and Sweden joined NORDEFCO exercises in the north.", "nordefco", "Partnership"),
    ("Ministers of the Joint Expeditionary Force met in Riga.",
     "joint-expeditionary-force", "Alliance"),
    ("The Bucharest Nine called for a stronger eastern flank.", "bucharest-nine", "Partnership"),
    ("Argentina invoked the Rio Treaty after the attack.", "rio-treaty", "Alliance"),
    ("Malaysia and Singapore hosted the Five Power Defence Arrangements drill.", "fpda", "Alliance"),
    ("Rwanda sent more troops to MINUSCA last year.", "minusca", "Programme"),
    ("Germany will lead Operation Irini's next rotation.", "operation-irini", "Programme"),
    ("Ghana applied for a Membership Action Plan with NATO.", "membership-action-plan", "Programme"),
    ("Belarus and Russia deepened the Union State on Friday.", "union-state", "InternationalOrganisation"),
    # a name after "the" that an older "the ..." form would cut ("the Arctic", "the United Nations")
    ("Norway said the Arctic Council must act on shipping.", "arctic-council", "InternationalOrganisation"),
    ("Fiji said the Pacific Community would help.", "pacific-community", "InternationalOrganisation"),
    ("Cuba was elected to the United Nations Human Rights Council.",
     "united-nations-human-rights-council", "InternationalOrganisation"),
    ("Kabul expelled the United Nations Assistance Mission in Afghanistan.",
     "united-nations-assistance-mission-in-afghanistan", "Programme"),
])
def test_new_entries_link_with_their_class(text: str, slug: str, cls: str) -> None:
    found = slugs(text)
    assert found.get(slug) == cls, found
    assert "arctic" not in found and "pacific-ocean" not in found and "un" not in found, found


@pytest.mark.parametrize(("text", "slug"), [
    ("The East African Community met in Arusha. Kenya said the EAC would send observers.", "eac"),
    ("The Central American Integration System met. Guatemala said SICA must act.", "sica"),
    ("The Melanesian Spearhead Group met in Port Vila. Fiji said the MSG was united.",
     "melanesian-spearhead-group"),
    ("The Joint Expeditionary Force met. Norway said the JEF would train in the north.",
     "joint-expeditionary-force"),
    ("The International Criminal Court issued a warrant. Hungary said it would leave the ICC.",
     "icc"),
])
def test_a_risky_acronym_counts_where_the_full_name_is_in_the_article(text: str, slug: str) -> None:
    x = run(text)
    second = text.index(". ") + 2
    acronym = [m.evidence.quote for m in x.mentions if m.entity == slug and m.evidence.start >= second]
    assert acronym and acronym[0].isupper(), [(m.entity, m.evidence.quote) for m in x.mentions]


@pytest.mark.parametrize(("text", "slug"), [
    ("The EAC unit in the new German tank was faulty, Poland's defence minister said.", "eac"),
    ("SICA, the Italian logistics firm, won the contract to supply Poland.", "sica"),
    ("Japan's food agency said MSG was safe in small amounts.", "melanesian-spearhead-group"),
    ("Britain's JEF fund invested in a Polish drone maker.", "joint-expeditionary-force"),
    ("India beat Australia in the ICC final, the minister said.", "icc"),
    ("WHO IS BEHIND THE ATTACK? Japan asked after the blast.", "who"),
    ("A PCA study for Poland's army found the vehicles too heavy.", "pca"),
    ("Japan said its NAM server was hacked by North Korea.", "non-aligned-movement"),
    ("Kenya's EDA office said the funds were spent.", "european-defence-agency"),
    ("The EPC contractor building Poland's nuclear plant is American.", "european-political-community"),
    ("Japan showed the MAP of the disputed islands to the press.", "membership-action-plan"),
    ("The OTS platform used by Turkey's army was upgraded.", "organization-of-turkic-states"),
    ("The SPC unit of Fiji's police arrested two men.", "pacific-community"),
    ("The V4 engine of the Polish truck failed, Warsaw said.", "visegrad-group"),
    ("The CMF model predicted Russia's losses, Ukraine said.", "combined-maritime-forces"),
    ("India's NSG commandos freed the hostages in Mumbai.", "nuclear-suppliers-group"),
    ("A tyre at 30 PSI burst on the Japanese jet.", "proliferation-security-initiative"),
    ("Kenya's EPF pension fund bought Japanese bonds.", "european-peace-facility"),
    ("ALBA, the bank in Poland, lent money to Ukraine.", "alba"),
    ("The MSS satellite of Japan failed, Tokyo said.", "multinational-security-support-mission-haiti"),
    ("Kenya's MSP party won the vote.", "minerals-security-partnership"),
    ("India's CSC centres opened in Delhi.", "colombo-security-conclave"),
    ("Poland contributes to EUAM, Warsaw said.", "euam-ukraine"),
    ("Kenya's National Human Rights Council criticised the police.", "united-nations-human-rights-council"),
])
def test_a_risky_acronym_alone_is_no_organisation(text: str, slug: str) -> None:
    assert slug not in slugs(text)


def test_a_bracketed_acronym_after_a_mission_name_links_to_it() -> None:
    """The gazetteer's name wins over the headed-name pass, so the entry must list the acronym
    the text brackets after it, else "Poland contributes to EUAM" loses its fact."""
    x = run("The EU Advisory Mission Ukraine (EUAM) is large. Poland contributes to EUAM.")
    assert ("poland", "participatesIn", "euam-ukraine") in {(f.subject, f.predicate, f.object) for f in x.facts}


def test_union_inside_european_union_is_no_union_state() -> None:
    assert "union-state" not in slugs("Poland said European Union State aid rules bind Germany.")


def test_new_groupings_carry_no_fact_fields() -> None:
    """Organisations, alliances, partnerships and programmes name no parties, members or place:
    the gazetteer gives names, never a relation the text does not state."""
    gaz = load_gazetteer()
    for entry in gaz.entries.values():
        if entry.cls in {"InternationalOrganisation", "Alliance", "Partnership", "Programme"}:
            assert (entry.parties, entry.territory, entry.place) == ((), None, None), entry.slug
