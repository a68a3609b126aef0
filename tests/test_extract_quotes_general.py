"""Issue 10, direct quotations: general attribution forms of English news copy (titled
surnames, capitals speaking for their governments, documents, quotations running over
paragraphs, predicates that open inside the marks, reporters at the end of a sentence), each
shown on sentences written for this test (not taken from any corpus article)."""

from __future__ import annotations

from extraction_helpers import Q, label, run
from extraction_helpers import quotation_of as quote_of

# --- a title and a surname, no full name anywhere ------------------------------------------------

def test_a_titled_surname_after_the_quote_is_a_person() -> None:
    x = run(f"Foreign Minister Wang met his counterpart on Tuesday. “{Q},” Foreign Minister Wang said.")
    assert label(x, quote_of(x, "Nordic partners").speaker) == ("Wang", "Person")


def test_a_titled_surname_that_tells_reporters_is_a_person() -> None:
    x = run(f"“{Q},” Defence Secretary Marles told reporters on Monday.")
    assert label(x, quote_of(x, "Nordic partners").speaker) == ("Marles", "Person")


def test_a_titled_surname_before_the_quote_is_a_person() -> None:
    x = run(f"Defence Secretary Marles told reporters: “{Q}.”")
    assert label(x, quote_of(x, "Nordic partners").speaker) == ("Marles", "Person")


def test_the_title_alone_is_the_person_the_text_titled_so() -> None:
    """"President Okonkwo spoke …", then "“…,” the President said": Okonkwo speaks."""
    x = run(f"President Okonkwo spoke in Abuja last week.\n\n“{Q},” the President said.")
    assert label(x, quote_of(x, "Nordic partners").speaker) == ("Okonkwo", "Person")


def test_a_titled_surname_of_a_person_named_in_full_is_that_person() -> None:
    x = run(f"Foreign Minister Tomas Brenner met his counterpart on Tuesday. "
            f"“{Q},” Foreign Minister Brenner said.")
    assert label(x, quote_of(x, "Nordic partners").speaker) == ("Tomas Brenner", "Person")


def test_an_office_that_is_no_surname_makes_no_person() -> None:
    """"Secretary General" and "Prime Minister" are titles, not a title and a surname."""
    x = run(f"“{Q},” the Secretary General said.")
    assert not any(e.cls == "Person" and e.label in ("General", "Minister", "Secretary")
                   for e in x.entities)


# --- a capital speaks for its government --------------------------------------------------------

def test_a_capital_after_the_quote_speaks_for_its_country_named_nowhere_else() -> None:
    x = run(f"The talks ended without agreement. “{Q},” Washington said.")
    assert quote_of(x, "Nordic partners").speaker == "united-states"


def test_a_capital_before_the_quote_speaks_for_its_country() -> None:
    x = run(f"The talks ended without agreement. Washington said: “{Q}.”")
    assert quote_of(x, "Nordic partners").speaker == "united-states"


def test_a_capital_inside_a_longer_name_is_no_speaker() -> None:
    x = run(f"“{Q},” Washington Irving Smith said.")
    assert all(s.speaker != "united-states" for s in x.statements)


# --- quotations over several paragraphs ---------------------------------------------------------

def test_a_quotation_opened_mid_paragraph_runs_on_into_the_next() -> None:
    """Straight marks: "X said: "…" with no closing mark, the next paragraph opening with one:
    both paragraphs are X's words."""
    x = run(f'Norway\'s Defence Minister Tomas Brenner met Finnish officials on Monday.\n\n'
            f'Brenner said: "{Q}.\n\n"The threat from the east has not gone away, and we must be ready."')
    assert label(x, quote_of(x, "Nordic partners").speaker)[0] == "Tomas Brenner"
    assert label(x, quote_of(x, "threat from the east").speaker)[0] == "Tomas Brenner"
    assert '"' not in quote_of(x, "Nordic partners").quote.quote


# --- a document speaks for whoever issued it ----------------------------------------------------

def test_the_statement_speaks_for_the_country_that_issued_it() -> None:
    x = run(f"Norway issued a statement after the meeting. “{Q},” the statement said.")
    assert quote_of(x, "Nordic partners").speaker == "norway"


def test_a_communique_reads() -> None:
    x = run(f"Norway, Sweden and Finland signed a joint communique. “{Q},” the communique reads.")
    assert quote_of(x, "Nordic partners").speaker == "norway"


def test_a_declaration_that_accuses() -> None:
    """A relative clause's verb of saying: its subject is the noun the clause hangs on."""
    x = run("Nordic leaders adopted a Norwegian declaration that accuses Russia of “undermining the "
            "security of the whole Nordic region.”")
    assert quote_of(x, "undermining").speaker == "norway"


# --- the predicate opens inside the marks ---------------------------------------------------------

def test_a_quotation_that_opens_with_the_verb_is_the_subjects() -> None:
    x = run("In a joint statement after the talks, Norway and Finland “pledged to deepen their "
            "defence cooperation with their Nordic partners.”")
    assert quote_of(x, "pledged to deepen").speaker == "norway"


def test_a_quotation_opening_with_a_verb_after_a_preposition_is_not_attributed() -> None:
    x = run("The talks in Oslo turned to what could be done about “reaffirmed commitments that were "
            "never kept by anyone.”")
    assert not [s for s in x.statements if "reaffirmed commitments" in s.quote.quote]


# --- a reporter at the end of the sentence ------------------------------------------------------

def test_a_short_fragment_in_a_sentence_a_trailing_reporter_attributes() -> None:
    """The reporter closes a sentence whose subject names other people ("with X, the Y,")."""
    x = run("Deputy Foreign Minister Tomas Brenner made “solemn representations” with Anna Berg, the "
            "Russian charge d'affaires, Norway's foreign ministry said.")
    assert quote_of(x, "solemn representations").speaker == "norway"


# --- a surname the text makes speak ---------------------------------------------------------------

def test_a_news_agency_that_speaks_twice_is_no_person() -> None:
    """"Xinhua said …" twice opening a sentence: an outlet, not a person named by surname."""
    x = run(f"Xinhua said on Monday that the talks had ended. “{Q},” Xinhua said.\n\n"
            "Xinhua said the talks would continue next month.")
    assert not any(e.cls == "Person" and e.label == "Xinhua" for e in x.entities)


def test_a_surname_spelt_with_two_letters_swapped_is_the_person_named_in_full() -> None:
    """A typing slip: "Tomas Brenenr" once, then "Brenner said" twice."""
    x = run(f"Norway's Defence Minister Tomas Brenenr met Finnish officials on Monday.\n\n"
            f"Speaking to reporters, Brenner said: “{Q}.”\n\n“The door is open,” Brenner said.")
    assert quote_of(x, "Nordic partners").speaker == quote_of(x, "door is open").speaker
    assert label(x, quote_of(x, "door is open").speaker)[1] == "Person"


# --- the outlet quotes someone; a surname with its title in apposition ----------------------------

def test_the_one_an_outlet_quotes_as_saying_speaks_not_the_outlet() -> None:
    x = run(f"Chinese state media quoted Xi Jinping as saying: “{Q}.”")
    assert quote_of(x, "Nordic partners").speaker == "xi-jinping"


def test_the_one_quoted_as_saying_after_the_quotation_speaks() -> None:
    x = run(f"“{Q},” the Kyodo news agency quoted Tomas Brenner as saying.")
    assert label(x, quote_of(x, "Nordic partners").speaker)[0] == "Tomas Brenner"


def test_a_surname_with_a_title_in_apposition_after_said_is_a_person() -> None:
    x = run(f"“{Q},” said Haddad, the foreign minister.")
    assert label(x, quote_of(x, "Nordic partners").speaker) == ("Haddad", "Person")


def test_a_surname_with_a_countrys_title_in_apposition_is_the_person_not_the_country() -> None:
    x = run(f"“{Q},” Okafor, Lebanon's foreign minister, said on Monday.")
    assert label(x, quote_of(x, "Nordic partners").speaker) == ("Okafor", "Person")


def test_a_lone_word_with_no_title_after_it_makes_no_person() -> None:
    x = run(f"“{Q},” said Haddad, before leaving for the airport.")
    assert not any(e.label == "Haddad" for e in x.entities)


# --- who in the speaker phrase speaks -------------------------------------------------------------

def test_the_person_in_apposition_speaks_not_the_possessor() -> None:
    x = run(f"Norway's Defence Minister Tomas Brenner met Finnish officials on Monday. "
            f"Brenner's spokesperson, Kari Nilsen, said “{Q}.”")
    assert label(x, quote_of(x, "Nordic partners").speaker)[0] == "Kari Nilsen"


def test_a_participle_lead_in_is_no_part_of_the_reporters_name() -> None:
    """"Echoing X, Y said the alliance must “…”": Y speaks, not "Echoing X" (which the
    statistical model takes for a name)."""
    x = run("Echoing Stoltenberg, Tomas Brenner said the alliance must “deepen its defence "
            "cooperation with its Nordic partners.”")
    assert label(x, quote_of(x, "deepen its defence").speaker)[0] == "Tomas Brenner"


# --- a borrowed phrase ----------------------------------------------------------------------------

def test_a_phrase_borrowed_from_someone_is_theirs_however_short() -> None:
    x = run("The region will matter more in coming decades, and only then can the allies lead what "
            "will be, to borrow a phrase from former Defence Minister Tomas Brenner – a “Nordic” century.")
    assert label(x, quote_of(x, "Nordic").speaker)[0] == "Tomas Brenner"


def test_in_the_words_of_someone() -> None:
    x = run("The dispute will not end soon. In the words of Tomas Brenner, it has become a “frozen "
            "conflict” in all but name.")
    assert label(x, quote_of(x, "frozen conflict").speaker)[0] == "Tomas Brenner"


def test_a_scare_quote_after_a_borrowed_phrase_is_not_the_phrase() -> None:
    """Only the first quotation after "to borrow a phrase from X" is X's."""
    x = run("To borrow a phrase from Tomas Brenner, it was a “Nordic century”, and the “pivot” "
            "came later.")
    assert not [s for s in x.statements if s.quote.quote == "pivot"]


# --- marks of two kinds -------------------------------------------------------------------------

def test_a_quotation_opened_curly_and_closed_straight() -> None:
    x = run(f'Norway\'s Defence Minister Tomas Brenner met officials. “{Q}," Brenner said.')
    assert label(x, quote_of(x, "Nordic partners").speaker)[0] == "Tomas Brenner"


def test_a_quotation_opened_straight_and_closed_curly() -> None:
    x = run(f'Norway\'s Defence Minister Tomas Brenner met officials. "{Q},” Brenner said.')
    assert label(x, quote_of(x, "Nordic partners").speaker)[0] == "Tomas Brenner"
    assert quote_of(x, "Nordic partners").quote.quote.startswith("We will")


def test_a_quotation_paired_across_kinds_of_marks_is_no_unbalanced_mark() -> None:
    x = run(f'Norway\'s Defence Minister Tomas Brenner met officials. “{Q}," Brenner said.')
    assert not [w for w in x.warnings if "unbalanced" in w or "unclosed" in w]


def test_a_person_known_by_surname_alone_speaks_again_by_that_surname() -> None:
    x = run(f"“{Q},” Defence Secretary Marles told reporters on Monday.\n\n"
            "Asked about the submarines, Marles said: “The program is on track and on budget.”")
    assert quote_of(x, "on track").speaker == quote_of(x, "Nordic partners").speaker


def test_a_titled_surname_with_a_national_adjective_is_the_person() -> None:
    """As "Chinese Foreign Minister Wang Yi said" is Wang Yi's, so "… Minister Haddid said"."""
    x = run(f"“{Q},” Lebanese Foreign Minister Haddid said on Monday.")
    assert label(x, quote_of(x, "Nordic partners").speaker) == ("Haddid", "Person")


def test_the_right_to_use_force_is_no_borrowed_phrase() -> None:
    x = run("China reserves the right to use force against Taiwan, calling reunification “a "
            "historic inevitability for the whole nation.”")
    assert all(s.speaker != "taiwan" for s in x.statements)


def test_the_title_alone_skips_a_later_title_that_is_no_surname() -> None:
    x = run(f"Secretary Okonkwo arrived on Monday and met the Secretary General of the alliance.\n\n"
            f"“{Q},” the Secretary said.")
    assert label(x, quote_of(x, "Nordic partners").speaker) == ("Okonkwo", "Person")


def test_officials_in_a_capital_speak_for_its_country_named_nowhere_else() -> None:
    x = run(f"“{Q},” officials in Washington said.")
    assert quote_of(x, "Nordic partners").speaker == "united-states"
