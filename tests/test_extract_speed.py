"""The shortcuts that make extraction fast give exactly what the plain way gives.

Each speed-up (batched parses, the grouped gazetteer regex, stance and relation cue
prefilters, skipped NER windows) is checked against the straightforward computation it
replaces, on the seeds, our own test articles and crafted strings.
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from loaders.extraction import attribution, folding, mentions, quotemarks, relations, stance, statements
from loaders.extraction.context import Context
from loaders.extraction.gazetteer import load_gazetteer
from loaders.extraction.mentions import Matcher, _form_regex, matcher
from loaders.extraction.parsebatch import ParseBatcher
from loaders.extraction.pipeline import MAX_CHARS, extract, extract_many
from loaders.extraction.relations import RULES
from loaders.extraction.sentences import Span
from loaders.model import Article, Evidence, Mention
from loaders.rdf.catalog import load_catalog, read_article

DATA = Path(__file__).parent / "data" / "articles"


@pytest.fixture(scope="module")
def texts() -> list[str]:
    out = [a.text for a in load_catalog()] + [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.txt"))]
    sentences = [s for t in out for s in re.split(r"(?<=[.!?”])\s+", t)]
    rng = random.Random(7)
    words = " ".join(out).split()
    shuffled = [" ".join(rng.choice(words) for _ in range(rng.randint(3, 30))) for _ in range(400)]
    return out + sentences + shuffled


# --- parses in one batch for several articles ------------------------------------------

def test_batch_gives_what_one_by_one_gives() -> None:
    articles = load_catalog()[:3] + [read_article(p) for p in sorted(DATA.glob("*.txt"))]
    assert extract_many(articles) == [extract(a) for a in articles]


def test_batcher_parses_each_round_in_one_call() -> None:
    calls: list[list[str]] = []

    def parse(batch: list[str]) -> list[str]:
        calls.append(batch)
        return [t.upper() for t in batch]

    batcher: ParseBatcher[list[str]] = ParseBatcher(parse)

    def task(i: int, n: int) -> list[str]:
        return [batcher.request(i, k, f"a{i}s{k}") for k in range(n)]

    results = batcher.run([lambda i=i: task(i, i) for i in range(5)])
    assert results == [[f"A{i}S{k}" for k in range(i)] for i in range(5)]
    assert len(calls) == 4  # four rounds: the task with most requests asks four times
    assert len(calls[0]) == 4 and sorted(calls[0]) == calls[0]


def test_batcher_reraises_the_first_error_after_all_tasks_end() -> None:
    finished: list[int] = []
    batcher: ParseBatcher[int] = ParseBatcher(lambda batch: batch)

    def ok(i: int) -> int:
        batcher.request(i, 0, "x")
        finished.append(i)
        return i

    def bad(i: int) -> int:
        raise ValueError(f"task {i}")

    with pytest.raises(ValueError, match="task 1"):
        batcher.run([lambda: ok(0), lambda: bad(1), lambda: ok(2), lambda: bad(3)])
    assert sorted(finished) == [0, 2]


# --- the gazetteer regex -----------------------------------------------------------------

def test_grouped_regex_finds_what_the_plain_alternation_finds(texts: list[str]) -> None:
    m = matcher(load_gazetteer())
    ordered = sorted(m.forms, key=lambda f: (-len(f), f))
    plain = re.compile(r"(?<![\w])(?:" + "|".join(map(_form_regex, ordered)) + r")(?![\w])")
    glued = ["x" + f + " " + f + "’s, " + f + "-led" for f in ordered[::7]]
    # speed24 (the regex is a trie): forms cut short, run on into a word, spaced and dashed
    # otherwise, "the" in either case, each next to the forms sharing its start
    varied = [f[:k] + " " + f + "s " + f.replace(" ", "  \n").replace("'", "’").replace("-", "–") + " "
              + ("The" + f[3:] if f.startswith("the ") else "the " + f) + ". " + f[:-1] + "x " + f
              for f in ordered[::3] for k in (len(f) // 2, len(f) - 1)]
    for text in texts[:60] + glued + varied:
        fast = [(x.start(), x.end()) for x in _matches(m, text)]
        assert fast == [(x.start(), x.end()) for x in plain.finditer(text)]


def _matches(m: Matcher, text: str) -> list[re.Match[str]]:
    """The raw matches `Matcher.find` accepts (before context rules): the same loop."""
    out, pos = [], 0
    while (x := m.regex.search(text, pos)) is not None:
        if x.start() > 0 and re.match(r"\w", text[x.start() - 1]):
            pos = x.start() + 1
            continue
        out.append(x)
        pos = x.end()
    return out


def test_a_name_inside_a_word_is_no_mention() -> None:
    hits = matcher(load_gazetteer()).find("xJapan and Japan, nonNATO but NATO.")
    assert [(h.start, h.slug) for h in hits] == [(11, "japan"), (30, "nato")]


# --- stance and relation cue prefilters --------------------------------------------------

def _all_cues(text: str) -> list[tuple[str, int]]:
    """`stance.cues` without the stem prefilter: every cue searched."""
    if not stance._STEMS.search(text):
        return []
    cands = sorted((m.start(), -m.end(), m.group(), w) for rx, w in stance._CUES for m in rx.finditer(text))
    found, last = [], -1
    for s, ne, t, w in cands:
        if s >= last:
            found.append((s, -ne, t, w))
            last = -ne
    return stance.weigh(text, found)


def test_stance_prefilter_changes_nothing(texts: list[str]) -> None:
    extra = ["İn the interest of peace", "ſupport", "it is necessary and wise", "Partners’ SUPPORT"]
    for text in texts + extra:
        assert stance.cues(text) == _all_cues(text), text


def test_folded_text_matches_each_character_as_re_i_does() -> None:
    """Every code point: it matches an ASCII letter under re.I exactly when its folded form
    is that letter (the four non-ASCII ones included), and folding keeps its length."""
    letter = re.compile("[a-z]", re.I)
    for cp in range(0x110000):
        c = chr(cp)
        f = statements.fold(c)
        assert len(f) == 1, hex(cp)
        if letter.fullmatch(c):
            assert "a" <= f <= "z" and re.fullmatch(f, c, re.I), hex(cp)
        else:
            assert not "a" <= f <= "z", hex(cp)


def test_verbs_of_saying_in_folded_text_are_those_re_i_finds(texts: list[str]) -> None:
    cue = r"\b(?:" + "|".join(sorted(attribution.all_forms(), key=len, reverse=True)) + r")\b|\baccording\b"
    fast = [statements._SPEECH_WORD, statements._DEP_CUE, statements._BEFORE_CUE,
            statements._POSITION]
    slow = [re.compile(statements.SPEECH, re.I), re.compile(cue, re.I),
            re.compile(statements._BEFORE_CUE.pattern, re.I), re.compile(statements._POSITION.pattern, re.I)]
    for rx in fast:  # letters to match: lowercase only (escapes and group names aside)
        assert not re.search(r"[A-Z]", re.sub(r"\\[bsw]|\(\?P<\w+>", "", rx.pattern)), rx.pattern
    extra = ["He SAID", "ſaid the İnsister", "he ſays", "Accordİng to", "a Kelvin: \u212aept",
             "She Expressed deep Concern", "it VIEWS the pact AS a threat", "they are WARY, said"]
    for text in texts + extra:
        folded = statements.fold(text)
        for a, b in zip(slow, fast):
            for lo in (0, 1, len(text) // 2):
                assert [m.regs for m in a.finditer(text, lo)] == \
                    [m.regs for m in b.finditer(folded, lo)], text


def _unclosed_by_characters(paragraph: str) -> int | None:
    """`quotemarks.unclosed_opener` as it was, every character visited, with the turned pair
    of version 32: a “ right after a word or a full stop and before no word closes a pending ”."""
    opens = set(quotemarks.opening_marks(paragraph))
    pending = None
    for i, ch in enumerate(paragraph):
        after_word = i > 0 and (paragraph[i - 1].isalnum() or paragraph[i - 1] in "_.,!?…")
        before_word = i + 1 < len(paragraph) and (paragraph[i + 1].isalnum() or paragraph[i + 1] == "_")
        if ch == "“" and after_word and not before_word and pending is not None and paragraph[pending] == "”":
            pending = None
        elif i in opens:
            pending = i if pending is None else pending
        elif ch == "”" and pending is not None:
            pending = None
    return pending


def test_unclosed_opener_visits_marks_as_the_character_loop_did(texts: list[str]) -> None:
    rng = random.Random(11)
    marks = ["“", "”", " ”We", ".”A", "x", " ", "x“ ", ".“"]
    made = ["".join(rng.choice(marks) for _ in range(rng.randint(0, 12))) for _ in range(2000)]
    paragraphs = [p for t in texts for p in t.split("\n")] + made
    for p in paragraphs:
        assert quotemarks.unclosed_opener(p) == _unclosed_by_characters(p), p
    assert sum(_unclosed_by_characters(p) is not None for p in paragraphs) > 100


def test_rule_words_are_in_every_cue_match(texts: list[str]) -> None:
    seen = 0
    for rule in RULES:
        for text in texts:
            for m in rule.cue.finditer(text):
                assert any(w in m.group().lower() for w in rule.words), (rule.name, m.group())
                seen += 1
    assert seen > 100


def test_rule_words_found_in_one_scan_are_those_a_substring_test_finds(texts: list[str]) -> None:
    words = sorted({w for rule in RULES for w in rule.words})
    rng = random.Random(13)
    pieces = words + [w[:-1] for w in words] + [" ", "x", "ed", "s"]
    made = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) for _ in range(3000)]
    found = 0
    for text in [t.lower() for t in texts] + made:
        present = relations._words_in(text)
        assert present == {w for w in words if w in text}, text
        found += len(present)
    assert found > 1000


def _fuzz(pieces: list[str], n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 10))) for _ in range(n)]


def test_unglued_finds_what_the_look_behind_finds(texts: list[str]) -> None:
    bodies = [re.escape("Chen"), re.escape("O'Neil"), re.escape("Sea-Lion"),
              re.escape("Accra Initiative") + r"|(?i:" + re.escape("AI") + r")", _form_regex("the Alliance")]
    made = _fuzz(["Chen", "O'Neil", "Sea-Lion", "Accra Initiative", "ai", "AI", "the Alliance",
                  "The  alliance", "-", "x", " ", "'", "é", "\n", "said"], 2000, 17)
    seen = 0
    for body in bodies:
        for glue, klass in ((mentions.WORD_OR_HYPHEN, r"[\w-]"), (mentions.WORD, r"\w")):
            slow = re.compile(r"(?<!" + klass + r")(?:" + body + r")(?![\w-])")
            fast = re.compile(r"(?:" + body + r")(?![\w-])")
            for text in made + texts[:40]:
                for lo, hi in ((0, len(text)), (1, len(text)), (2, max(2, len(text) - 3))):
                    got = [m.span() for m in mentions.unglued(fast, text, glue, lo, hi)]
                    assert got == [m.span() for m in slow.finditer(text, lo, hi)], (body, text, lo, hi)
                    seen += len(got)
    assert seen > 1000


def test_word_tests_before_relation_scans_never_skip_a_match(texts: list[str]) -> None:
    """Each word test put before a relation pattern says "may match" wherever it matches."""
    r = relations
    folded = [(r._LATTER, ("latter", "former", "last", "first")), (r._THE_N, tuple(r._NUMBERS)),
              (r._DISPUTE_WORD, ("disput", "claim", "sovereignty", "territorial", "contested"))]
    from loaders.extraction import pipeline
    plain = [(r._THE_REGION, ("nations", "countries", "states", "neighbo")), (r._DEFINITE, r._DEFINITE_HEADS)]
    plain += [(rx, pipeline._PROGRAMME_STEMS) for rx in pipeline._PROGRAMME_NAMES]
    made = _fuzz(["the ", "The ", "latter ", "LAST ", "laſt ", "fırst ", "FİRST ", "three ", "THREE ", "Baltic ",
                  "states", "nations ", "this ", "exercise", "war games", "MoU", "claİm ", "disputed ", "x",
                  "Iron Tide", ", a ", "naval drills", " named ", "programme", "Operations"],
                 3000, 29)
    seen = 0
    for text in texts + made:
        for rx, words in folded:
            if rx.search(text):
                assert r._may_match(text, words), (rx.pattern, text)
                seen += 1
        for rx, words in plain:
            if rx.search(text):
                assert any(w in text for w in words), (rx.pattern, text)
                seen += 1
    assert seen > 500


def test_marks_with_their_look_behind_after_them_match_as_before(texts: list[str]) -> None:
    from loaders.extraction import pipeline
    before = {pipeline._CANDIDATE: r"(?<![\w’'-])[A-Z][\w’'.-]*(?:\s+(?:(?:of|for|and|de|van|von|bin|al|la|le|du|"
                                   r"da|der|the)\s+)?[A-Z][\w’'.-]*)*",
              quotemarks._MISTYPED_OPEN: r"(?:(?<=^)|(?<=[\s.!?:;]))”(?=[A-Z0-9])",
              statements._OPEN_STRAIGHT_SINGLE: r"(?:(?<=^)|(?<=[\s(\[—–]))'(?=[A-Z])",
              statements._CLOSE_STRAIGHT_SINGLE: r"(?<=[,.!?])'(?=\s|$)",
              quotemarks.OPEN_SINGLE: r"(?:(?<=^)|(?<=[\s(\[“\"—–-]))‘(?=\w)",
              quotemarks._CLOSE_SINGLE: r"(?<=[\w.,!?…])’(?![\w])"}
    made = _fuzz(["”", "’", "‘", "'", "A", "a", "1", " ", ".", "(", "“", "-", "—", "\n", "!", "of ", "Bin"], 3000, 31)
    seen = 0
    for fast, pattern in before.items():
        slow = re.compile(pattern)
        for text in texts + made:
            for lo, hi in ((0, len(text)), (1, len(text)), (2, len(text) - 1)):
                got = [m.span() for m in fast.finditer(text, lo, max(lo, hi))]
                assert got == [m.span() for m in slow.finditer(text, lo, max(lo, hi))], (pattern, text)
                seen += len(got)
    assert seen > 1000


def test_glued_acronyms_are_those_the_look_behind_finds(texts: list[str]) -> None:
    m = matcher(load_gazetteer())
    glued = m.glued
    assert glued is not None
    acronyms = sorted({mentions.normalize(t) for t, _, k in m.gazetteer.surface_forms()
                       if k == "acronym" and re.fullmatch(r"[A-Z]{3,}", t)}, key=lambda f: (-len(f), f))
    # (the glued regex is a trie of the acronyms since speed24: the plain alternation here)
    slow = re.compile(r"(?<![\w])(?:" + "|".join(acronyms) + r")(?=[a-z]{3,})")
    made = _fuzz(["NATO", "ASEAN", "leading", "xNATO", " ", "-", "NATOs", "ASEANwide"], 1000, 37)
    made += [f"{a}led {a[:-1]}wide {a}Sled {a}s {a}ab {a}abc" for a in acronyms]  # every acronym, cut short too
    seen = 0
    for text in texts + made:
        got = [m.span() for m in mentions.unglued(glued, text, mentions.WORD)]
        assert got == [m.span() for m in slow.finditer(text)], text
        seen += len(got)
    assert seen > 100


def test_every_verb_of_saying_or_position_holds_a_stem(texts: list[str]) -> None:
    made = ["he pointed  out", "quoted as saying", "read out the statement", "emphasized", "has urged",
            "expressed deep concern", "characterised the pact as", "is reportedly wary, ", "sees it as",
            "were also reluctant to", "views x y as"]
    from loaders.extraction import pipeline
    made += ["Mrs", "Prime Minister", "spokesperson", "Commander", "Dr. X"]
    for rx, hint, least in ((statements._SPEECH_WORD, statements._SPEECH_HINT, 100),
                            (statements._POSITION, statements._POSITION_HINT, 30),
                            (pipeline._TITLE_WORD, pipeline._TITLE_HINT, 100)):
        seen = 0
        for text in texts + made:
            folded = text if rx is pipeline._TITLE_WORD else statements.fold(text)
            for m in rx.finditer(folded):
                assert hint.search(folded, m.start(), m.end()), m.group()
                seen += 1
        assert seen > least, rx.pattern


def test_first_compound_is_where_the_regex_match_starts(texts: list[str]) -> None:
    made = _fuzz(["US", "-", "–", "Japan", ".", " ", "\n", "alliance", " alliance", "alliances",
                  "x-alliance", "US-Japan", "Alliance", "_"], 4000, 19)
    seen = 0
    for text in made + texts:
        for end in (len(text), len(text) // 2, max(0, len(text) - 1)):
            m = mentions._COMPOUND.search(text, 0, end)
            assert mentions._first_compound(text, end) == (m.start() if m else None), (text, end)
            seen += m is not None
    assert seen > 300


def test_fold_of_texts_with_and_without_the_four_characters(texts: list[str]) -> None:
    def plain(text: str) -> str:  # fold as it was: every text through the translation table
        out = text.translate(folding._FOLD).lower()
        if len(out) != len(text):
            out = "".join(c if len(c.lower()) != 1 else c.lower() for c in text.translate(folding._FOLD))
        return out if not text.isascii() else text.lower()
    extra = ["İstanbul “ſaid”", "\u212aelvin “x”", "plain “quoted” text", "ΣΑΣ “x”", "İ"]
    for text in texts + extra:
        assert statements.fold(text) == plain(text), text


# --- limits --------------------------------------------------------------------------------

def test_capitalised_function_words_and_titles_get_no_model_window() -> None:
    from loaders.extraction.pipeline import _prepare, _windows

    gaz = load_gazetteer()
    text = "In March, the Prime Minister said: “What’s Next for European Defence?” Then Ana Ruiz spoke."
    windows = _windows(_prepare(Article(id="t", text=text), gaz))
    assert [text[w.start:w.end] for w in windows] == ["Then Ana Ruiz spoke."]


def test_long_text_warning_names_what_was_skipped() -> None:
    text = "Chile contributed to ISAF. " * (MAX_CHARS // 25)
    x = extract(Article(id="t", text=text))
    warning = next(w for w in x.warnings if "only the first" in w)
    assert f"{MAX_CHARS:,}" in warning and "characters were skipped" in warning


def test_the_mention_index_follows_a_drop_and_an_add_of_as_many() -> None:
    """`Context.between` keeps a sorted index and re-sorts when the number of mentions changes;
    dropping one mention and adding another elsewhere keeps the number, so the rule that does
    so must call `reindex` (pipeline._add_headed_names) or `between` answers from the old list."""
    text = "Japan met Chile. Peru met Oman."
    art = Article(id="t", text=text)

    def mention(word: str) -> Mention:
        start = text.index(word)
        return Mention(word.lower(), Evidence("t", start, start + len(word), word), "name")

    ctx = Context(art, load_gazetteer(), [Span(0, 16), Span(17, len(text))],
                  [mention("Japan"), mention("Chile"), mention("Peru")], {})
    assert [m.entity for m in ctx.between(17, len(text))] == ["peru"]
    ctx.mentions[:] = [m for m in ctx.mentions if m.entity != "japan"] + [mention("Oman")]
    ctx.reindex()
    assert [m.entity for m in ctx.between(17, len(text))] == ["peru", "oman"]
    assert [m.entity for m in ctx.between(0, 16)] == ["chile"]


def test_a_long_word_after_a_titled_portfolio_does_not_backtrack() -> None:
    """"Minister of" and "Secretary of State for" take capitalised words, with re.I any word:
    a word could be split between repetitions in 2^n ways, so a long word that fails the
    match took exponential time (a 6 KB article took 300 s in offices). The word is now taken
    whole. Run in a child process with a timeout, so a regression fails instead of hanging."""
    code = ("import re; from loaders.extraction import offices; "
            "re.fullmatch(offices._TITLE, 'minister of ' + 'a' * 60 + '!', re.I); "
            "re.fullmatch(offices._TITLE, 'secretary of state for ' + 'b' * 60 + '!', re.I)")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60,
                   cwd=Path(__file__).resolve().parents[1])


def test_stance_cues_needing_a_word_are_found_without_the_guard(texts: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """speed19: the "is a threat to his" and "it is natural" cues are searched only in a text
    holding "threat"/"danger"/"menace" or "natural"; without that guard the cues are the same."""
    crafted = ["Russia is a growing threat to its neighbours.", "IT IS NATURAL that we talk.",
               "Beijing sees the dam as a danger to Egypt's water.", "İt is natural, ſo they said.",
               "They were a menace to their own people.", "natural gas is a threat"]
    sample = texts + crafted
    fast = [stance.cues(t) for t in sample]
    monkeypatch.setattr(stance, "_NEEDS", ())
    assert [stance.cues(t) for t in sample] == fast
    found = {c for cs in fast for c, _ in cs}
    assert any(re.search(r"threat|danger|menace", c, re.I) and re.match(r"(?:is|as|were)\b", c, re.I)
               for c in found)  # the guarded cues do fire where their word is


def test_owned_title_first_look_holds_for_every_match(texts: list[str]) -> None:
    """speed19: `offices._after_of` is true wherever `_TITLE_OF_END` ends (it is the cheap
    first look before that scan), also after long runs of spaces and newlines."""
    from loaders.extraction import offices
    crafted = ["the President of   \n  France", "Minister for" + " " * 60 + "Defence", "Head of the Republic of the Congo",
               "Foreign Minister of\nthe Philippines", "President of France"]
    checked = 0
    for t in texts + crafted:
        for at in range(1, len(t) + 1):
            if offices._TITLE_OF_END.search(t, max(0, at - 80), at):
                checked += 1
                assert offices._after_of(t, at), (t[max(0, at - 80):at],)
    assert checked > 20


def test_stance_cues_tried_at_their_stems_are_those_a_full_scan_finds(texts: list[str]) -> None:
    """speed24: each cue is tried only where its stem starts a word (`stance._at_stems`); on
    real texts and on fuzzed runs of cue words (repeated, glued, in any case, after "-", "’",
    digits or the Kelvin sign) it finds every match that running each cue over the whole text
    finds, and the cues of a text are those of `_all_cues`."""
    rng = random.Random(24)
    words = [m.group() for p, _ in stance.LEXICON for m in re.finditer(r"[a-z]+", p)]
    glue = [" ", "  ", "-", "’", "'", "", ", ", "\n", "3", "\u212a", "é", "_", " the "]
    fuzzed = ["".join(rng.choice(words).upper() if rng.random() < 0.2 else rng.choice(words)
                      + rng.choice(glue) for _ in range(rng.randint(2, 14))) for _ in range(3000)]
    crafted = ["supportsupport support-support supporting", "threat to his threat to its", "Deepen deepen ties",
               "not want, don’t want", "is a threat to Japan’s is natural"]
    matched = 0
    for text in texts + fuzzed + crafted:
        low = text.lower()
        if len(low) != len(text) or any(c in text for c in "ıſİ"):
            continue  # (`cues` scans these in full)
        full = stance._scanned(text, low, set(range(len(stance._CUES))))
        assert stance._at_stems(text, low) == full, text
        assert stance.cues(text) == _all_cues(text), text
        matched += bool(full)
    assert matched > 1000


def test_lower_case_keeps_length_and_word_characters() -> None:
    """What `stance._at_stems` relies on: `str.lower` of any code point but "İ" is one
    character, a word character exactly when the code point is."""
    word = re.compile(r"\w")
    for cp in range(0x110000):
        c = chr(cp)
        if c == "İ":
            continue
        assert len(c.lower()) == 1, hex(cp)
        assert bool(word.match(c)) == bool(word.match(c.lower())), hex(cp)


def test_folded_rule_cues_find_what_the_re_i_cues_find(texts: list[str]) -> None:
    """speed24: every relation rule's cue, lower-cased and run without re.I over the folded
    text (`relations._FOLDED_CUE`), finds the matches of the re.I cue in the text, at the same
    offsets, over whole texts and within sentence bounds; on real texts and on fuzzed runs of
    the rules' words in any case, with the letters re.I matches to ASCII (ı, ſ, İ, Kelvin)."""
    rng = random.Random(2424)
    words = sorted({w.strip() for rule in RULES for w in rule.words})
    pieces = words + ["Japan", "the", "by", "with", "to", "in", "on", "’s", "$5", "KING", "Joins", "troops",
                      "supported by", "said", "and", "NATO", "of", "three"]
    odd = {"i": ["ı", "İ"], "s": ["ſ"], "k": ["\u212a"], "e": ["É"]}

    def word() -> str:
        w = rng.choice(pieces)
        w = w.upper() if rng.random() < 0.2 else w.title() if rng.random() < 0.2 else w
        return "".join(rng.choice(odd[c.lower()]) if c.lower() in odd and rng.random() < 0.05 else c for c in w)

    glue = [" ", " ", " ", "  ", "\n", "-", ", ", ""]
    fuzzed = ["".join(word() + rng.choice(glue) for _ in range(rng.randint(1, 16))) for _ in range(3000)]
    seen = 0
    for text in texts + fuzzed:
        folded = folding.fold(text)
        bounds = [(0, len(text)), (min(3, len(text)), max(3, len(text) - 4))]
        for rule in RULES:
            fast = relations._FOLDED_CUE[rule.cue]
            for lo, hi in bounds:
                want = [m.span() for m in rule.cue.finditer(text, lo, hi)]
                assert [m.span() for m in fast.finditer(folded, lo, hi)] == want, (rule.name, text, lo, hi)
                seen += len(want)
    assert seen > 2000


def test_folding_keeps_what_the_classes_of_a_pattern_match() -> None:
    """What `folding.for_folded` relies on beyond the letters: on every code point, the folded
    character is a word character, a digit or a space exactly when the character is."""
    classes = [re.compile(c) for c in (r"\w", r"\d", r"\s")]
    for cp in range(0x110000):
        c = chr(cp)
        f = folding.fold(c)
        assert [bool(k.match(c)) for k in classes] == [bool(k.match(f)) for k in classes], hex(cp)


def test_for_folded_refuses_what_lower_casing_would_change() -> None:
    for pattern in (r"\S+said", r"(?-i:X)said", r"(?P<Name>said)", r"çava", r"\\Said"):
        with pytest.raises(ValueError):
            folding.for_folded(re.compile(pattern, re.I))
    with pytest.raises(ValueError):
        folding.for_folded(re.compile("said"))  # not re.I
    assert folding.for_folded(re.compile(r"[A-Z]\w+ SAID", re.I)).pattern == r"[a-z]\w+ said"


def test_rules_of_a_sentence_are_those_its_words_select(texts: list[str]) -> None:
    """speed24: `relations._rules_in` (one set union per word found) gives the rules the
    per-rule word test gives, in the order of RULES."""
    words = sorted({w for rule in RULES for w in rule.words})
    made = _fuzz(words + [w[:-1] for w in words] + [" ", "x", "ed", "s", "by"], 3000, 31)
    seen = 0
    for text in [t.lower() for t in texts] + made:
        present = relations._words_in(text)
        want = [rule for rule in RULES if not (rule.words and present.isdisjoint(rule.words))]
        assert relations._rules_in(text) == want, text
        seen += len(want)
    assert seen > 3000


def test_byline_first_look_holds_wherever_the_byline_matches(texts: list[str]) -> None:
    """speed24: `statements._may_have_byline` is true for every text `_BYLINE` matches in."""
    crafted = ["By Jane Doe\nText", "  BY JOHN SMITH\n", "It was written by staff writer Ann Lee.",
               "reported by correspondent Bo Li", "by Jane Doe", "Nearby Town"]
    found = 0
    for t in texts + crafted:
        if statements._BYLINE.search(t):
            found += 1
            assert statements._may_have_byline(t), t
    assert found >= 4


def test_stance_weights_with_and_without_the_word_first_looks(texts: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """speed24: `stance.weigh` searches its negation, setting and threat windows only where
    they hold a word every match holds (`stance._holds`); without those first looks the cues
    and weights are the same."""
    rng = random.Random(42)
    lead = ["No", "WITHOUT any", "Despite", "DUE TO", "amid", "in the FACE of", "not", "never", "a THREAT to its",
            "without ANY real", "There is no sign of", "Notwithstanding", "ſo", "İn spite of", "Because of",
            "the affront to our"]
    cue = ["support", "welcomes", "tensions", "cooperation", "concern", "stability", "escalation",
           "confrontation", "good", "dangerous"]
    crafted = [" ".join(rng.choice(lead + cue + ["the", "talks", ",", "x"]) for _ in range(rng.randint(2, 14)))
               for _ in range(3000)]
    sample = texts + crafted
    fast = [stance.cues(t) for t in sample]
    monkeypatch.setattr(stance, "_holds", lambda low, lo, hi, words: True)
    assert [stance.cues(t) for t in sample] == fast
    assert sum(w == 0 for cs in fast for _, w in cs) > 300  # cues set aside by those windows occur


def test_latter_phrases_in_folded_text_are_those_re_i_finds(texts: list[str]) -> None:
    """speed24: `relations._latter` looks for "the latter two", "the three countries" with the
    folded patterns in the folded text, after a word test of the folded sentence: the same
    matches as the re.I patterns in the text, and the word test holds wherever they match."""
    r = relations
    made = _fuzz(["the ", "The ", "THE ", "the latter ", "the LAST ", "the laſt ", "the fırst ", "the FİRST ",
                  "the former ", "two ", "THREE ", "ſix ", "3 ", "all the ", "each of the ", "countries", "Nations ",
                  "members", "“allies”", "x", " ", "\u212a"], 4000, 37)
    seen = 0
    for text in texts + made:
        folded = folding.fold(text)
        for slow, fast, words in ((r._LATTER, r._LATTER_FOLDED, ("latter", "former", "last", "first")),
                                  (r._THE_N, r._THE_N_FOLDED, tuple(r._NUMBERS))):
            want = [m.span() for m in slow.finditer(text)]
            assert [m.span() for m in fast.finditer(folded)] == want, (slow.pattern, text)
            if want:
                assert any(w in folded for w in words), text
            seen += len(want)
    assert seen > 300
