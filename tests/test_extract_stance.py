"""The stance classifier: each kind of cue, negation, and the article-level balance."""

from __future__ import annotations

import pytest

from loaders.extraction.stance import (
    NEUTRAL,
    OPPOSED,
    SUPPORTIVE,
    article_stance,
    balance_stance,
    classify,
    cues,
    explain,
)


@pytest.mark.parametrize("text, expected", [
    ("Japan welcomes closer ties with NATO.", SUPPORTIVE),
    ("Deepening cooperation with partners is necessary.", SUPPORTIVE),
    ("NATO is a force for good in the world.", SUPPORTIVE),
    ("Beijing condemned the move as a provocation.", OPPOSED),
    ("The region does not welcome military confrontation.", OPPOSED),
    ("The expansion would be costly and raise tensions.", OPPOSED),
    ("The region does not need a military bloc.", OPPOSED),
    ("The ministers met on Tuesday in Brussels.", NEUTRAL),
    ("The accession makes the alliance stronger and its members safer.", SUPPORTIVE),
    ("The government termed the agreement null and void.", OPPOSED),
    ("The organisation has not fulfilled its obligations.", OPPOSED),
    ("China has been opposing the Quad since its formation.", OPPOSED),
    ("US warships frequently flex muscles in the region.", OPPOSED),
    ("France has already pushed back on the plan.", OPPOSED),
    ("The accession shows that the alliance's door remains open.", SUPPORTIVE),
])
def test_classify(text: str, expected: str) -> None:
    assert classify(text) == expected, explain(text)


def test_negation_flips_only_the_next_supportive_cue() -> None:
    assert cues("does not welcome group confrontation") == [("welcome", -1), ("group confrontation", -2)]


def test_longer_phrase_wins_over_its_words() -> None:
    assert [t for t, _ in cues("a force for good")] == ["force for good"]


def test_article_balance_needs_a_clear_lean() -> None:
    assert article_stance("Concerns. Benefits. Tensions. Cooperation.") == NEUTRAL  # "risk" is no cue since statements13
    assert article_stance("The plan is costly, provocative and risky, though it has one benefit.") == OPPOSED
    assert article_stance("") == NEUTRAL


def test_explain_names_the_cues() -> None:
    assert "'welcomes' +1" in explain("Japan welcomes it.")


@pytest.mark.parametrize("text, expected", [
    # a negated comparative after "be" is a superlative, not a denial
    ("Our navies' ties have never been stronger.", SUPPORTIVE),
    ("Relations between the two capitals could not be closer.", NEUTRAL),  # "closer" is no cue
    ("The pact is not stronger than the old treaty.", OPPOSED),  # counter-example: a plain negation
    # a negated weak criticism carries no weight; what follows decides
    ("We are not seeking confrontation; we seek stability.", SUPPORTIVE),
    ("The bloc does not need a military bloc in the region.", OPPOSED),  # a strong cue keeps its sign
    # a tie is broken by what follows the contrastive turn
    ("The border dispute is worrying but the talks showed real solidarity.", SUPPORTIVE),
    ("The summit brought solidarity, but the cost worries many.", OPPOSED),
    ("The ministers met without confrontation in Oslo.", NEUTRAL),  # a tie with no turn stays Neutral
    ("The minister called the talks fruitful and constructive.", SUPPORTIVE),
    ("The navy's new radars will improve the island's defences.", SUPPORTIVE),
    ("Officials described the deployment as unwelcome.", OPPOSED),
])
def test_classify_issue11(text: str, expected: str) -> None:
    assert classify(text) == expected, explain(text)


@pytest.mark.parametrize("text, expected", [
    # a cue inside a proper name is no evaluation ("Cooperation" in an organisation's name)
    ("The Baltic Cooperation Council met in Riga on Tuesday.", NEUTRAL),
    ("Oslo moved its ties to a new Individually Tailored Partnership Programme.", NEUTRAL),
    ("The Partnership for Peace programme gathered twenty states.", NEUTRAL),
    # counter-examples: a capital at a sentence's start, or a cue in lower case, still counts
    ("Cooperation with Norway matters to the ministers.", SUPPORTIVE),
    ("Strengthening NATO is the aim, the envoy said.", SUPPORTIVE),
    ("The council wants closer cooperation with Norway.", SUPPORTIVE),
    # a participle used as a preposition ("concerning the freezing") is no cue
    ("Oslo asked for details concerning the freezing of the talks.", NEUTRAL),
    ("The drills are concerning, the envoy said.", OPPOSED),  # counter-example: an adjective
    # a denying prefix: a "non-aggression" pact is no aggression
    ("A non-aggression pact would help both sides.", SUPPORTIVE),
    ("Aggression would help neither side.", NEUTRAL),  # counter-example
    # a refused wish or need is a refusal; the plain verb is no cue (a need may be a demand)
    ("We are a free nation that does not want foreign bases on our soil.", OPPOSED),
    ("There is no need for the return of the old garrison.", OPPOSED),
    ("We don’t want a new garrison here.", OPPOSED),
    ("Oslo needed more details from Reykjavik.", NEUTRAL),
    # a cue inside a noun phrase whose head "no"/"without" denies, across "of"
    ("There is no threat of a resumption of armed conflict on the border.", NEUTRAL),
    ("The talks ended without any sign of cooperation from the junta.", OPPOSED),
    ("The talks showed a sign of cooperation from the junta.", SUPPORTIVE),  # counter-example
    # "any" carries a negation to the noun it opens
    ("The sales bring tension without providing any real benefits to Oslo.", OPPOSED),
    ("Oslo does not expect any further cooperation from the junta.", OPPOSED),
    ("Any cooperation with Oslo is welcome.", SUPPORTIVE),  # counter-example: no negation
    # naming a danger is no side taken (like "threat")
    ("The unrest is threatening to engulf the whole coast.", NEUTRAL),
    ("For years we spoke of the risk of contagion.", NEUTRAL),
])
def test_cue_words_that_are_not_evaluations(text: str, expected: str) -> None:
    assert classify(text) == expected, explain(text)


@pytest.mark.parametrize("text, expected", [
    # stance14: every inflection of a cue counts like its base (plurals, -ing, nouns of the verb)
    ("The coast guard answered the repeated provocations at sea.", OPPOSED),
    ("The ministers renewed their commitments to the pact.", SUPPORTIVE),
    ("The members will commit to a shared patrol plan.", SUPPORTIVE),
    ("Oslo issued a condemnation of the drills.", OPPOSED),
    ("The envoy is criticising the drills.", OPPOSED),
    ("The assembly voted for the rejection of the treaty.", OPPOSED),
    ("The council's endorsement came on Monday.", SUPPORTIVE),
    ("Their denunciation of the pact came late.", OPPOSED),
    # a verb of mending before a critical cue: the trouble is what is being put right
    ("The hotline is meant to ease tensions along the border.", NEUTRAL),
    ("The deal addresses the regional and international concerns about the reactor.", NEUTRAL),
    ("The two navies are strengthening ties to address shared maritime challenges.", SUPPORTIVE),
    # counter-examples: no mending verb, or one that opposes what it names
    ("The deployment will raise tensions along the border.", OPPOSED),
    ("The patrols are meant to counter coercion at sea.", OPPOSED),
    ("The pact will reduce costs but raise tensions.", OPPOSED),
])
def test_inflections_and_mending_verbs(text: str, expected: str) -> None:
    assert classify(text) == expected, explain(text)


def test_no_cue_is_an_alternation_of_words_with_other_stems() -> None:
    """The stem prefilter searches a cue only where its first letters start a word, so a cue
    must not be "a|b" with b starting otherwise (b would never be searched)."""
    from loaders.extraction.stance import LEXICON, _stem
    for pattern, _ in LEXICON:
        depth, top = 0, []
        for i, ch in enumerate(pattern):
            depth += ch == "("
            depth -= ch == ")"
            if ch == "|" and depth == 0:
                top.append(i)
        for i in top:
            assert _stem(pattern[i + 1:]) == _stem(pattern), pattern
    assert cues("Oslo criticizes the drills.") == [("criticizes", -1)]


@pytest.mark.parametrize("text, expected", [
    # "de-" denies the cue it prefixes: a de-escalation is no escalation
    ("Both navies called for de-escalation.", NEUTRAL),
    ("The envoys agreed to de-escalate tensions on the border.", SUPPORTIVE),
    # a remedy named by a noun: "conflict resolution", "resolution of the conflict"
    ("The troops are there under agreed conflict resolution decisions.", NEUTRAL),
    ("The talks seek a resolution of the conflict.", NEUTRAL),
    ("The hotline brought a reduction in tensions.", NEUTRAL),
    # counter-examples: the plain cues, and nouns that are no remedy
    ("The escalation alarmed Oslo.", OPPOSED),
    ("The conflict worsened the ties.", OPPOSED),
    ("Settlement expansion is illegal, the envoy said.", OPPOSED),
    ("A troop reduction would weaken the flank.", OPPOSED),
])
def test_remedies_named_by_nouns_and_prefixes(text: str, expected: str) -> None:
    assert classify(text) == expected, explain(text)


@pytest.mark.parametrize("base, inflected", [
    ("violation", "violations"), ("accusation", "accusations"), ("hostility", "hostilities"),
    ("weaken", "weakened"), ("cooperate", "cooperating"), ("collaborate", "collaborated"),
    ("protection", "protections"), ("alarm", "alarming"), ("distract", "distraction"),
    ("benefit", "benefited"), ("withdrawal", "withdrawals"), ("proposal", "proposals"),
    ("milestone", "milestones"), ("breakthrough", "breakthroughs"), ("suspicion", "suspicions"),
])
def test_an_inflected_cue_weighs_like_its_base(base: str, inflected: str) -> None:
    """stance14: a cue's other forms found by listing the words of a general English word list
    (TextBlob's) that start like it; the same-sense ones count as the cue does."""
    weight = [w for _, w in cues(f"The {base} came on Monday.")]
    assert weight and [w for _, w in cues(f"The {inflected} came on Monday.")] == weight


def test_every_cue_has_a_stem() -> None:
    """The stem prefilter returns no cue for a text where no cue's stem starts a word, so a cue
    without a stem ("(?:is|are) necessary") was found only beside some other cue's stem."""
    from loaders.extraction.stance import LEXICON, _stem
    assert [p for p, _ in LEXICON if not _stem(p)] == []
    assert classify("It is necessary.") == SUPPORTIVE


@pytest.mark.parametrize("text, expected", [
    # an agreement reached, active or passive, is a gain; a failed or denied one a loss
    ("An agreement was reached on the patrols.", SUPPORTIVE),
    ("A deal has been struck on the border.", SUPPORTIVE),
    ("The two sides reached agreement on the patrols.", SUPPORTIVE),
    ("The talks failed to reach a deal.", OPPOSED),
    ("No agreement was reached in Oslo.", OPPOSED),
    ("The accord reached in May covers the border.", NEUTRAL),  # counter-example: it only names it
])
def test_an_agreement_reached(text: str, expected: str) -> None:
    assert classify(text) == expected, explain(text)


def test_a_text_whose_only_cue_a_mending_verb_cancels_is_neutral() -> None:
    """"ease tensions" weighs 0; the balance of cues that all weigh 0 is Neutral, not a
    division by zero (it crashed the extraction of such an article)."""
    assert cues("The talks aim to ease tensions.") == [("tensions", 0)]
    assert article_stance("The talks aim to ease tensions.") == NEUTRAL
    assert balance_stance([0, 0]) == NEUTRAL
