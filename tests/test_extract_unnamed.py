"""Entities the extractor used to miss, shown on sentences of our own (not from any corpus
article): named agreements and summits the gazetteer lacks, a year naming one edition of a
recurring event, and a person named only by title and surname."""

from __future__ import annotations

from loaders.extraction.pipeline import extract
from loaders.model import Article, Extraction


def run(text: str) -> Extraction:
    return extract(Article(id="t", text=text))


def facts(text: str) -> set[tuple[str, str, str]]:
    return {(f.subject, f.predicate, f.object) for f in run(text).facts}


def classes(x: Extraction) -> dict[str, str]:
    return {e.slug: e.cls for e in x.entities}


# --- named agreements and summits -------------------------------------------------------------

def test_a_named_agreement_is_a_partnership() -> None:
    x = run("Officials said on Tuesday that the Coastal Patrol Agreement would be reviewed.")
    assert classes(x).get("coastal-patrol-agreement") == "Partnership"


def test_an_agreement_named_after_its_parties_has_them_as_partners() -> None:
    found = facts("Officials praised the Kenya-Norway Maritime Agreement on Tuesday.")
    assert ("kenya-norway-maritime-agreement", "hasPartner", "kenya") in found
    assert ("kenya-norway-maritime-agreement", "hasPartner", "norway") in found
    assert not any(p == "memberOf" for _, p, _ in found)


def test_a_longer_agreement_name_is_not_also_its_shorter_part() -> None:
    x = run("Officials compared the Joint Patrol Agreement with the Status of Joint Patrol "
            "Agreement on Tuesday.")
    spans = sorted((m.evidence.quote, m.entity) for m in x.mentions if "Agreement" in m.evidence.quote)
    assert spans == [("Joint Patrol Agreement", "joint-patrol-agreement"),
                     ("Status of Joint Patrol Agreement", "status-of-joint-patrol-agreement")]


def test_a_named_summit_is_an_event_located_where_it_is_held() -> None:
    x = run("Leaders gathered at the Lakeside Summit in Nairobi on Friday.")
    assert classes(x).get("lakeside-summit") == "Event"
    assert ("lakeside-summit", "locatedIn", "nairobi") in {
        (f.subject, f.predicate, f.object) for f in x.facts}


def test_a_month_after_a_programme_name_is_not_part_of_it() -> None:
    x = run("Both sides signed the Individual Coastal Cooperation Programme in June last year.")
    assert "individual-coastal-cooperation-programme" in classes(x)


# --- a year names one edition ---------------------------------------------------------------

def test_a_year_before_a_new_summit_name_is_part_of_it() -> None:
    x = run("Delegates prepared for the 2031 Lakeside Summit on Friday.")
    assert classes(x).get("2031-lakeside-summit") == "Event"


def test_a_year_before_a_known_recurring_event_is_its_edition() -> None:
    x = run("Officials said India will host the 2031 Quad Leaders Summit next spring.")
    labels = {e.label for e in x.entities if e.cls == "Event"}
    assert "2031 Quad Leaders Summit" in labels
    assert "Quad Leaders Summit" not in labels


# --- a person by title and surname ------------------------------------------------------------

def test_a_titled_surname_is_a_person_who_holds_the_office() -> None:
    x = run("It was a pleasure to welcome Foreign Minister Okonkwo of Nigeria to Rome.")
    assert classes(x).get("okonkwo") == "Person"
    assert ("okonkwo", "holdsOffice", "nigeria") in {(f.subject, f.predicate, f.object) for f in x.facts}


def test_a_titled_surname_resolves_to_the_full_name_given_later() -> None:
    x = run("Defence Minister Okonkwo of Nigeria arrived on Monday. "
            "Chidi Okonkwo said the talks went well.")
    assert "okonkwo" not in classes(x)
    assert any(m.entity == "chidi-okonkwo" and m.evidence.quote == "Okonkwo" for m in x.mentions)


def test_a_title_before_a_place_makes_no_person() -> None:
    x = run("Foreign Minister Nigeria was not a phrase anyone used.")
    assert not any(c == "Person" for c in classes(x).values())


# --- "with B through the <agreement>" ---------------------------------------------------------

def test_with_a_partner_through_a_named_agreement() -> None:
    found = facts("Kenya cooperates with Norway through the Coastal Patrol Agreement, signed in "
                  "2001, and with Denmark through the Harbour Access Agreement.")
    assert ("coastal-patrol-agreement", "hasPartner", "norway") in found
    assert ("harbour-access-agreement", "hasPartner", "denmark") in found
    assert ("coastal-patrol-agreement", "hasPartner", "kenya") in found
    assert ("harbour-access-agreement", "hasPartner", "kenya") in found
    assert {("kenya", "partnerOf", "norway"), ("kenya", "partnerOf", "denmark")} <= found


def test_through_needs_with_before_the_partner() -> None:
    found = facts("Aid reached Norway through the Coastal Patrol Agreement last year.")
    assert not any(p == "hasPartner" and o == "norway" for _, p, o in found)


# --- offices: honorifics, a secretary general of the article's one organisation ----------------

def test_an_honorific_introduces_a_person_with_a_signature_office() -> None:
    found = facts("The minister hosted the Honourable Tamsin Oduya MP, Minister for Defence, "
                  "Kenya, in Rome on Monday.")
    assert ("tamsin-oduya", "holdsOffice", "kenya") in found


def test_a_secretary_general_heads_the_one_organisation_the_article_names() -> None:
    x = run("Sweden joined NATO on Thursday. Secretary General Tomas Vinter welcomed the news.")
    office = [f for f in x.facts if f.predicate == "holdsOffice"]
    assert [(f.subject, f.object) for f in office] == [("tomas-vinter", "nato")]
    assert office[0].confidence < 0.8  # inferred from the article, not written next to the name


def test_no_secretary_general_office_when_two_organisations_are_named() -> None:
    found = facts("Sweden joined NATO and the European Union. Secretary General Tomas Vinter "
                  "welcomed the news.")
    assert not any(p == "holdsOffice" for _, p, _ in found)


def test_a_named_meeting_is_an_event() -> None:
    x = run("Officials prepared the Lakeside Defence Ministers Meeting in Nairobi on Friday.")
    assert classes(x).get("lakeside-defence-ministers-meeting") == "Event"


# --- a title with its owner but without a name --------------------------------------------------

def test_an_owners_title_alone_is_the_person_introduced_by_that_title() -> None:
    found = facts("Prime Minister Tomas Vinter spoke on Monday. Officials then sought "
                  "clarification from Latvia's prime minister.")
    assert ("tomas-vinter", "holdsOffice", "latvia") in found


def test_an_owners_title_alone_is_nobody_when_two_people_share_the_title() -> None:
    found = facts("Prime Minister Tomas Vinter met Prime Minister Ilse Karro on Monday. Officials "
                  "then sought clarification from Latvia's prime minister.")
    assert not any(p == "holdsOffice" for _, p, _ in found)


def test_an_owners_title_alone_is_not_a_person_who_holds_another_owners_office() -> None:
    found = facts("Estonian Prime Minister Tomas Vinter spoke on Monday. Officials then sought "
                  "clarification from Latvia's prime minister.")
    assert ("tomas-vinter", "holdsOffice", "latvia") not in found


def test_a_headline_naming_a_meeting_makes_no_event() -> None:
    x = run("Joint Press Statement on Coastal Patrol Group Meeting\n\nOfficials met in Rome on Monday.")
    assert not any(e.cls == "Event" for e in x.entities)


def test_a_titled_surname_drops_a_trailing_possessive() -> None:
    x = run("Officials welcomed President Okonkwo’ visit to Rome on Monday.")
    assert classes(x).get("okonkwo") == "Person"
    assert all(e.label == "Okonkwo" for e in x.entities if e.slug == "okonkwo")


# --- a surname the article makes speak ----------------------------------------------------------

def test_a_lone_word_that_speaks_twice_is_a_person() -> None:
    x = run("Okonkwo stressed that the troops must leave. “We want peace,” Okonkwo said on Monday.")
    assert classes(x).get("okonkwo") == "Person"
    assert any(s.speaker == "okonkwo" for s in x.statements)


def test_a_lone_word_that_speaks_once_or_an_agency_is_no_person() -> None:
    assert "okonkwo" not in classes(run("Okonkwo said the troops must leave."))
    x = run("Reuters said the troops must leave. Reuters said talks would resume.")
    assert "reuters" not in classes(x)


def test_a_speaking_surname_of_a_named_person_makes_no_second_person() -> None:
    x = run("Chidi Okonkwo arrived on Monday. Okonkwo said the talks went well. Okonkwo "
            "added that more would follow.")
    assert "okonkwo" not in classes(x)


# --- mission-type forces and cooperation bodies -------------------------------------------------

def test_a_standby_force_and_a_consultative_group_are_programmes() -> None:
    x = run("Officials praised the Lakeside Standby Force and the Harbour Consultative Group "
            "on Friday.")
    assert classes(x).get("lakeside-standby-force") == "Programme"
    assert classes(x).get("harbour-consultative-group") == "Programme"


def test_an_air_force_a_numbered_task_force_or_a_business_group_is_no_programme() -> None:
    x = run("Officials visited the Lakeside Air Force Base, the Combined Task Force 151 and the "
            "Okonkwo Holdings Group on Friday.")
    assert not any(e.cls == "Programme" for e in x.entities)


def test_a_new_name_containing_a_new_acronym_is_one_mention() -> None:
    x = run("The Lakeside Development Community (LDC) met. Officials praised the LDC Standby "
            "Force on Friday.")
    assert ("LDC Standby Force", "ldc-standby-force") in {(m.evidence.quote, m.entity) for m in x.mentions}
    assert not any(m.evidence.quote == "LDC" and m.evidence.start > 50 for m in x.mentions)
