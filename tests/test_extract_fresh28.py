"""fresh28: the errors first seen on train4 (a dev split written from new text after the older
dev material had stopped teaching rules that carry over), mended in general form: a service
named with its country's adjective is its own organisation ("the Philippine Coast Guard", and
"the Coast Guard" after it); a short form in brackets keeps a list together; one thanked is
one who helped; an accession that is stalled is no membership; "the disputed South China Sea"
makes no one a party; "its" in a parallel phrase is the owner named before; offices after
"its", a ministry, "(US)" or an honorific, and a counsellor's; a particle joined to a name
("al-Assad"); hostile "tensions between A and B"; relations "built"; a list's own exercise;
"the newest NATO member"; "are linchpin American allies"; on the statement side a passive
agent ("condemned by X as “…”"), kin of a named person ("the sister of Kim Jong Un") who is
not that person, "“…,” he said" after a paragraph reporting him, a full stop where a comma
belongs before "X said", and bylines as a first line or "the paper by X". Invented sentences
only (no corpus article)."""

from __future__ import annotations

from extraction_helpers import facts, label, quotation_of, run


def test_a_service_named_with_its_countrys_adjective_is_its_own_organisation() -> None:
    x = run("The Philippine Coast Guard said its ships were blocked. The Coast Guard spokesman "
            "Jay Tarriela said the blockade was illegal.")
    assert label(x, "philippine-coast-guard") == ("Philippine Coast Guard", "Organisation")
    got = {(f.subject, f.predicate, f.object) for f in x.facts}
    assert ("jay-tarriela", "holdsOffice", "philippine-coast-guard") in got, got
    assert not any(e.slug.startswith("coast-guard") for e in x.entities), [e.slug for e in x.entities]


def test_two_countries_services_leave_the_short_name_to_neither() -> None:
    x = run("The Philippine Coast Guard and the Vietnamese Coast Guard held talks. The Coast Guard "
            "officer Jay Tarriela spoke.")
    slugs = {e.slug for e in x.entities}
    assert {"philippine-coast-guard", "vietnamese-coast-guard"} <= slugs, slugs
    tarriela = {f.object for f in x.facts if f.subject == "jay-tarriela" and f.predicate == "holdsOffice"}
    assert not tarriela & {"philippine-coast-guard", "vietnamese-coast-guard"}, tarriela


def test_a_short_form_in_brackets_keeps_the_list_together() -> None:
    got = facts("The African Union Peace and Security Council commends the Somali National Army (SNA) "
                "and AMISOM for the progress registered.")
    assert ("au-peace-and-security-council", "supports", "amisom") in got, got


def test_the_one_thanked_is_the_one_who_helped() -> None:
    got = facts("Sri Lanka thanked India for its support through the provision of a Dornier aircraft.")
    assert ("india", "supports", "sri-lanka") in got, got
    assert ("sri-lanka", "supports", "india") not in got, got


def test_a_stalled_accession_is_no_membership() -> None:
    assert ("sweden", "memberOf", "nato") not in facts(
        "Sweden's accession to NATO is being stalled by Hungary and Turkey.")
    assert ("finland", "memberOf", "nato") in facts("Finland's accession to NATO was completed in April.")


def test_exercises_in_the_disputed_sea_make_no_party() -> None:
    got = facts("India and the Philippines have staged joint naval exercises in the disputed South China Sea.")
    assert not {f for f in got if f[1] == "partyTo"}, got
    assert ("india", "partnerOf", "philippines") in got or ("philippines", "partnerOf", "india") in got, got
    disputed = facts("Vietnam and China dispute the Paracel Islands.")
    assert ("vietnam", "partyTo", "paracel-islands-dispute") in disputed, disputed


def test_its_in_a_parallel_phrase_is_the_owner_named_before() -> None:
    got = facts("Blinken lauded Finland's contributions to NATO, as well as its support to Ukraine.")
    assert ("finland", "supports", "ukraine") in got, got
    assert ("nato", "supports", "ukraine") not in got, got


def test_its_defence_minister_is_the_subjects() -> None:
    got = facts("Australia will upgrade its navy with new frigates, its defence minister Richard Marles said on Tuesday.")
    assert got.get(("richard-marles", "holdsOffice", "australia")) == 0.65, got
    assert ("richard-marles", "holdsOffice", "australia") not in facts(
        "The frigates were built in Japan and its defence minister Richard Marles said so.")


def test_offices_behind_a_ministry_a_bracket_or_an_honorific() -> None:
    got = facts("U.S. Department of Homeland Security Secretary Kristi Noem visited Quito in July.")
    assert ("kristi-noem", "holdsOffice", "united-states") in got, got
    got = facts("Kenya signed the framework with the United States (US) Secretary for Defence Mr. Lloyd Austin.")
    assert ("lloyd-austin", "holdsOffice", "united-states") in got, got
    got = facts("Gantz signed the document along with Abdellatif Loudiyi, Morocco's defense administration minister.")
    assert ("abdellatif-loudiyi", "holdsOffice", "morocco") in got, got
    got = facts("Miyoshi Asagi, Counsellor at the Japanese Embassy in Phnom Penh, said the visit was important.")
    assert ("miyoshi-asagi", "holdsOffice", "japan") in got, got


def test_a_particle_joined_to_a_family_name() -> None:
    x = run("Rebels fought to overthrow Syrian president Bashar al-Assad.")
    assert label(x, "bashar-al-assad") == ("Bashar al-Assad", "Person")
    assert ("bashar-al-assad", "holdsOffice", "syria") in {(f.subject, f.predicate, f.object) for f in x.facts}


def test_tensions_between_two_states_oppose_both_ways() -> None:
    got = facts("Current tensions between Egypt and Turkey emerged in the wake of the coup.")
    assert ("egypt", "opposes", "turkey") in got and ("turkey", "opposes", "egypt") in got, got
    assert not {f for f in facts("Trade between Egypt and Turkey grew.") if f[1] == "opposes"}


def test_relations_built_are_a_partnership_unless_strained() -> None:
    got = facts("Kazakhstan and Uzbekistan have built strong, harmonious relations over the years.")
    assert ("kazakhstan", "partnerOf", "uzbekistan") in got, got
    assert not {f for f in facts("Kazakhstan and Uzbekistan have built strained relations.") if f[1] == "partnerOf"}


def test_a_lists_own_exercise() -> None:
    got = facts("The United States, South Korea and Japan opened an air and naval exercise off Jeju Island.")
    pairs = {frozenset((s, o)) for s, p, o in got if p == "partnerOf"}
    assert {frozenset(("united-states", "japan")), frozenset(("south-korea", "japan"))} <= pairs, got
    assert not {f for f in facts("China held military drills around Taiwan.") if f[1] == "partnerOf"}


def test_the_newest_member_and_allies_with_a_word_of_praise() -> None:
    assert ("finland", "memberOf", "nato") in facts("The U.S. signed a deal with Finland, the newest NATO member.")
    got = facts("Australia and Japan are linchpin American allies with capable militaries.")
    assert ("australia", "partnerOf", "united-states") in got and ("japan", "partnerOf", "united-states") in got, got
    assert not {f for f in facts("Australia and Japan are not American allies.") if f[1] == "partnerOf"}


def test_a_passive_agent_speaks_the_quoted_label() -> None:
    x = run("The three states opened a drill condemned by North Korea as a “reckless show of strength.”")
    assert quotation_of(x, "reckless show").speaker == "north-korea"


def test_kin_of_a_named_person_is_not_that_person() -> None:
    x = run("The powerful sister of North Korean leader Kim Jong Un condemned the drills, saying they "
            "show the countries’ confrontational stance.")
    assert not [s for s in x.statements if s.speaker == "kim-jong-un"], [(s.speaker, s.quote.quote) for s in x.statements]


def test_he_said_after_a_quotation_continues_the_reporter_of_the_sentence_before() -> None:
    x = run("Albanese welcomed the decision and said he would sign the treaty with Marape soon.\n\n"
            "“Our two nations are the closest of neighbours,” he said in a statement.")
    assert quotation_of(x, "closest of neighbours").speaker == "anthony-albanese"


def test_a_full_stop_where_a_comma_belongs_before_the_speaker() -> None:
    x = run("NATO Secretary General Jens Stoltenberg spoke on Monday.\n\n"
            "“We believe this partnership will last.” Stoltenberg said during the signing.")
    assert quotation_of(x, "partnership will last").speaker == "jens-stoltenberg"


def test_a_byline_as_the_first_line_or_a_paper_by() -> None:
    x = run("Sophia Besch\n\nThe NATO summit at The Hague delivered a deal that kept the alliance intact. "
            "NATO must now spend better, and the alliance faces a hard test.")
    assert [s.speaker for s in x.statements if s.kind == "authorial"] == ["sophia-besch"]
    x = run("The NATO summit at The Hague delivered a deal that kept the alliance intact. NATO must now "
            "spend better, and the alliance faces a hard test.\n\n"
            "You may read the Policy paper by Nicholas Danforth, Senior Fellow, in pdf here.")
    assert [s.speaker for s in x.statements if s.kind == "authorial"] == ["nicholas-danforth"]


def test_pleasure_is_support() -> None:
    x = run("“I am very pleased that the F-16s will go to Argentina,” Danish Defence Minister Troels "
            "Lund Poulsen said.")
    assert quotation_of(x, "very pleased").stance == "Supportive"


def test_the_accused_did_what_of_having_names() -> None:
    got = facts("Tuesday’s encounter involved ten ships, said Gan Yu, a spokesperson for China’s Coast "
                "Guard, accusing the vessels of having “illegally invaded China’s territorial waters”.")
    assert ("gan-yu", "opposes", "china") not in got, got


def test_a_states_body_goes_on_speaking_for_its_country() -> None:
    x = run("The Chinese military’s Southern Theater Command said it conducted routine patrols in the "
            "South China Sea. Without naming India, the Southern Theater Command accused the Philippines "
            "of drawing in outside countries to organise joint patrols.")
    found = [s for s in x.statements if "drawing in outside countries" in s.quote.quote]
    assert found and found[0].speaker == "china", [(s.speaker, s.quote.quote) for s in x.statements]


def test_a_name_set_off_after_a_noun_of_place_is_a_place() -> None:
    x = run("Qatar is home to the largest U.S. air base in the Middle East, Al Udeid, where 10,000 "
            "personnel are stationed.")
    assert label(x, "al-udeid") == ("Al Udeid", "Place")


def test_who_in_a_relative_clause_is_the_person_before_it() -> None:
    x = run("Trump has cultivated stronger relationships with regional leaders, including Salvadoran "
            "President Nayib Bukele, who proposed housing deported migrants in Salvadoran prisons.")
    found = [s for s in x.statements if "housing deported migrants" in s.quote.quote]
    assert found and found[0].speaker == "nayib-bukele", [(s.speaker, s.quote.quote) for s in x.statements]
