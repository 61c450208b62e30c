"""Date phrases resolved against the publication date (table-driven)."""

from __future__ import annotations

from datetime import date

import pytest
from scaling import GROWTH, LINEAR_LIMIT, time_ratio

from mapper.dates import (
    HISTORY_SPAN,
    TO_COME,
    find_dates,
    on_writers_clock,
    publication_date,
    resolve_date,
    writers_today,
)

# (published, phrase, expected date, expected end, precision)
CASES = [
    # weekdays: latest on or before publication, the same day counts
    (date(2019, 8, 14), "on Wednesday", date(2019, 8, 14), None, "day"),
    (date(2019, 8, 18), "on Sunday", date(2019, 8, 18), None, "day"),
    (date(2019, 5, 10), "on Thursday", date(2019, 5, 9), None, "day"),
    (date(2019, 8, 11), "Saturday", date(2019, 8, 10), None, "day"),
    # "last <weekday>": strictly before publication
    (date(2019, 8, 15), "Last Wednesday", date(2019, 8, 14), None, "day"),
    (date(2019, 8, 27), "since last Wednesday", date(2019, 8, 21), None, "day"),
    (date(2019, 8, 14), "last Wednesday", date(2019, 8, 7), None, "day"),
    # parts of days, "late on", "since ... night"
    (date(2019, 8, 18), "since Saturday night", date(2019, 8, 17), None, "day"),
    (date(2024, 10, 2), "late on Tuesday", date(2024, 10, 1), None, "day"),
    (date(2020, 2, 4), "early Tuesday morning", date(2020, 2, 4), None, "day"),
    (date(2019, 8, 20), "on Monday night", date(2019, 8, 19), None, "day"),
    (date(2020, 2, 4), "Tuesday's", date(2020, 2, 4), None, "day"),
    # relative days
    (date(2019, 8, 11), "at dawn", date(2019, 8, 11), None, "day"),
    (date(2019, 8, 11), "today", date(2019, 8, 11), None, "day"),
    (date(2019, 8, 11), "this morning", date(2019, 8, 11), None, "day"),
    (date(2019, 8, 11), "yesterday", date(2019, 8, 10), None, "day"),
    (date(2020, 2, 24), "last night", date(2020, 2, 23), None, "day"),
    # calendar dates: year from publication, never after it
    (date(2019, 12, 22), "since December 16", date(2019, 12, 16), None, "day"),
    (date(2019, 8, 27), "launched August 8", date(2019, 8, 8), None, "day"),
    (date(2019, 8, 23), "on 21 August", date(2019, 8, 21), None, "day"),
    (date(2024, 10, 2), "(Oct 2)", date(2024, 10, 2), None, "day"),
    (date(2019, 1, 5), "on December 30", date(2018, 12, 30), None, "day"),
    (date(2020, 1, 28), "28 January, 2020", date(2020, 1, 28), None, "day"),
    (date(2019, 8, 23), "August 23, 2019", date(2019, 8, 23), None, "day"),
    (date(2019, 8, 20), "2019-08-19", date(2019, 8, 19), None, "day"),
    # numeric dates: day first (as outside the US), month first when only that reading fits
    (date(2023, 11, 20), "on 17.11.2023", date(2023, 11, 17), None, "day"),
    (date(2023, 11, 20), "on 17/11/2023", date(2023, 11, 17), None, "day"),
    (date(2023, 11, 20), "11/17/2023", date(2023, 11, 17), None, "day"),
    (date(2023, 11, 20), "on 05/11/2023", date(2023, 11, 5), None, "day"),
    # "on the 17th": the publication month, or the month before when it would be later
    (date(2023, 11, 20), "on the 17th", date(2023, 11, 17), None, "day"),
    (date(2023, 11, 20), "on the 28th,", date(2023, 10, 28), None, "day"),
    # an older paper's ordinals: "2d", "3d", and "ult." (last month) or "inst." (this month)
    (date(1863, 7, 20), "On the 14th ult.", date(1863, 6, 14), None, "day"),
    (date(1863, 7, 20), "on the 3d inst.", date(1863, 7, 3), None, "day"),
    (date(1863, 7, 20), "on the 2d", date(1863, 7, 2), None, "day"),
    (date(1863, 7, 20), "the 3d of July", date(1863, 7, 3), None, "day"),
    # the weekend: the latest Saturday-Sunday
    (date(2023, 11, 20), "over the weekend", date(2023, 11, 18), date(2023, 11, 19), "range"),
    (date(2023, 11, 19), "last weekend", date(2023, 11, 11), date(2023, 11, 12), "range"),
    # ranges
    (date(2019, 7, 29), "earlier this month", date(2019, 7, 1), date(2019, 7, 29), "range"),
    (
        date(2022, 9, 12),
        "since the start of the month",
        date(2022, 9, 1),
        date(2022, 9, 12),
        "range",
    ),
    (
        date(2022, 9, 12),
        "since the beginning of this month",
        date(2022, 9, 1),
        date(2022, 9, 12),
        "range",
    ),
    (date(2023, 8, 28), "last week", date(2023, 8, 21), date(2023, 8, 27), "range"),
    (date(2019, 8, 15), "over the past two days", date(2019, 8, 13), date(2019, 8, 15), "range"),
    (date(2020, 2, 9), "over the past 48 hours", date(2020, 2, 7), date(2020, 2, 9), "range"),
    # the past day is the report's day: publication when no day is named before it
    (date(2020, 2, 9), "within the last 24 hours", date(2020, 2, 9), None, "day"),
    (date(2020, 2, 9), "in the previous day", date(2020, 2, 9), None, "day"),
    (date(2020, 2, 9), "in the past few days", date(2020, 2, 6), date(2020, 2, 9), "range"),
    (date(2019, 12, 23), "in August", date(2019, 8, 1), date(2019, 8, 31), "range"),
    (date(2019, 8, 12), "in April", date(2019, 4, 1), date(2019, 4, 30), "range"),
    (date(2019, 8, 27), "this week", date(2019, 8, 26), date(2019, 8, 27), "range"),
    (date(2019, 8, 27), "earlier this week", date(2019, 8, 26), date(2019, 8, 27), "range"),
    (date(2019, 8, 27), "last month", date(2019, 7, 1), date(2019, 7, 31), "range"),
    (date(2019, 8, 27), "two days ago", date(2019, 8, 25), None, "day"),
    (date(2019, 8, 27), "a week ago", date(2019, 8, 20), None, "day"),
    (date(2019, 8, 27), "48 hours ago", date(2019, 8, 25), None, "day"),
    (date(2019, 8, 27), "12 hours ago", date(2019, 8, 27), None, "day"),
    # a night or a dawn tied to a named day is that day; with no day named, the dispatch's
    (date(2019, 8, 17), "overnight Thursday", date(2019, 8, 15), None, "day"),
    (date(2019, 8, 17), "overnight on Thursday", date(2019, 8, 15), None, "day"),
    (date(2019, 8, 17), "at dawn on Friday", date(2019, 8, 16), None, "day"),
    (date(2019, 8, 17), "before dawn", date(2019, 8, 17), None, "day"),
    (date(2019, 8, 17), "in the early hours", date(2019, 8, 17), None, "day"),
    (date(2019, 8, 17), "Tuesday night into Wednesday", date(2019, 8, 14), None, "day"),
    # day ranges within a month
    (date(2019, 8, 17), "14-15 August", date(2019, 8, 14), date(2019, 8, 15), "range"),
    (date(2019, 8, 17), "August 14-15, 2019", date(2019, 8, 14), date(2019, 8, 15), "range"),
    # a weekday "last week" is that day of the calendar week before publication's
    (date(2023, 3, 4), "on Tuesday last week", date(2023, 2, 21), None, "day"),
    (date(2023, 3, 4), "Sunday of last week", date(2023, 2, 26), None, "day"),
    # a fortnight is two weeks; the end or start of a month is that month
    (date(2023, 3, 4), "a fortnight ago", date(2023, 2, 18), None, "day"),
    (date(2023, 3, 4), "at the end of February", date(2023, 2, 1), date(2023, 2, 28), "range"),
    (date(2023, 3, 4), "by the start of March", date(2023, 3, 1), date(2023, 3, 4), "range"),
    # a weekday next to the calendar date it names is that date, not the latest such weekday
    (date(2023, 3, 11), "on Thursday, March 2", date(2023, 3, 2), None, "day"),
    (date(2023, 3, 11), "on Thursday (2 March)", date(2023, 3, 2), None, "day"),
    (date(2023, 3, 11), "on 2 March (Thursday)", date(2023, 3, 2), None, "day"),
    # "last year", "earlier this year", "last October": ranges ("last March" read in March: a
    # year back)
    (date(2023, 3, 4), "last year", date(2022, 1, 1), date(2022, 12, 31), "range"),
    (date(2023, 3, 4), "earlier this year", date(2023, 1, 1), date(2023, 3, 4), "range"),
    (date(2023, 3, 4), "last October", date(2022, 10, 1), date(2022, 10, 31), "range"),
    (date(2023, 3, 4), "last March", date(2022, 3, 1), date(2022, 3, 31), "range"),
    # months and years ago: that month
    (date(2019, 12, 22), "four months ago", date(2019, 8, 1), date(2019, 8, 31), "range"),
    (date(2019, 12, 22), "over a year ago", date(2018, 12, 1), date(2018, 12, 31), "range"),
    (date(2020, 3, 10), "two months ago", date(2020, 1, 1), date(2020, 1, 31), "range"),
]


@pytest.mark.parametrize(("published", "phrase", "expected", "end", "precision"), CASES)
def test_phrase(published, phrase, expected, end, precision):
    res = resolve_date(phrase, published)
    assert res.date == expected, res
    assert res.date_end == end
    assert res.precision == precision
    assert res.date <= published


@pytest.mark.parametrize("phrase", ["on Sunday", "since December 16", "earlier this month"])
def test_unknown_publication_stays_unresolved(phrase):
    res = resolve_date(phrase, None)
    assert res.date is None
    assert res.precision == "unknown"
    assert "publication date unknown" in res.reason


def test_future_calendar_date_with_explicit_year_is_refused():
    res = resolve_date("on 30 December 2019", date(2019, 8, 1))
    assert res.date is None
    assert "after publication" in res.reason


def test_levantine_arabic_month_names():
    assert resolve_date("10 آذار 2020", date(2020, 3, 20)).date == date(2020, 3, 10)
    assert resolve_date("22 تشرين الثاني 2019", date(2019, 12, 1)).date == date(2019, 11, 22)


def test_dateparser_fallback_and_non_dates():
    assert resolve_date("two weeks ago", date(2020, 3, 20)).date == date(2020, 3, 6)
    assert resolve_date("banana", date(2020, 3, 20)).date is None


def test_find_dates_gives_spans_in_order_and_skips_the_verb_may():
    text = "It may fall. On Tuesday, rebels withdrew; since December 16 the town was shelled."
    found = find_dates(text, date(2019, 12, 22))
    assert [d.text for d in found] == ["On Tuesday", "since December 16"]
    assert all(text[d.start : d.end] == d.text for d in found)
    assert found[1].since and not found[0].since


def test_publication_fallback():
    assert publication_date(date(2020, 1, 1)).basis == "publication"
    assert publication_date(None).date is None


def test_ordinals_that_are_not_dates():
    pub = date(2023, 11, 20)
    for text in (
        "the 3rd brigade said",
        "on the 3rd day of fighting",
        "the 47th brigade",
        "fighting on the 4th Brigade's front",
    ):
        assert find_dates(text, pub) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "On the 13th the castle was stormed.",  # a sentence opens with it
        "On the morning of the 13th the column advanced.",
        "The town was relieved on the 13th by the cavalry.",  # a verb's phrase follows
    ],
)
def test_an_ordinal_day_before_other_words(text):
    assert [d.date for d in find_dates(text, date(2023, 11, 20))] == [date(2023, 11, 13)]


# -- offsets and the early hours (the held-out failures of issue 8, as general rules) ---------
SATURDAY = date(2019, 8, 17)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A day after Thursday's raid, troops entered the town.", date(2019, 8, 16)),
        ("The day before Monday's vote the army shelled the town.", date(2019, 8, 11)),
        ("On Tuesday the army advanced; the following day it entered the town.", date(2019, 8, 14)),
        ("On Wednesday it was encircled and two days later it fell.", date(2019, 8, 16)),
    ],
)
def test_an_offset_counts_from_the_date_it_names_or_follows(text, expected):
    sentence_wide = [d for d in find_dates(text, SATURDAY) if d.scope_end < 0]
    assert sentence_wide[-1].date == expected


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("On Monday the town was shelled and a week later it fell.", "a week later", None),
        (
            "On Friday it fell; a week earlier the army had shelled it.",
            "a week earlier",
            date(2019, 8, 9),
        ),
        (
            "On Tuesday the army advanced; the next morning it entered.",
            "the next morning",
            date(2019, 8, 14),
        ),
        (
            "On Tuesday the town fell. The previous night rebels withdrew.",
            "The previous night",
            date(2019, 8, 12),
        ),
        (
            "On Tuesday the town fell; later that day the army entered.",
            "later that day",
            date(2019, 8, 13),
        ),
        (
            "On Tuesday the town fell and the same day the army entered.",
            "the same day",
            date(2019, 8, 13),
        ),
    ],
)
def test_weeks_nights_and_the_same_day_are_offsets_too(text, phrase, expected):
    last = find_dates(text, SATURDAY)[-1]
    assert (last.text, last.date) == (phrase, expected)


def test_a_clock_time_after_a_day_range_is_not_its_end():
    (d,) = find_dates("on August 14 - 15:30 local time", SATURDAY)
    assert (d.date, d.date_end, d.precision) == (date(2019, 8, 14), None, "day")


def test_overnight_into_a_weekday_is_that_day_even_the_day_after_a_saturday_dispatch():
    (d,) = find_dates("Shelling went on overnight into Sunday.", SATURDAY)
    assert (d.text, d.date) == ("overnight into Sunday", date(2019, 8, 18))
    (d,) = find_dates("Shelling went on Saturday night into Sunday.", date(2019, 8, 18))
    assert d.date == date(2019, 8, 18)


def test_an_offset_with_no_date_in_its_sentence_counts_from_the_story_anchor():
    got = find_dates("The next day the rebels withdrew.", SATURDAY, anchor=date(2019, 8, 12))
    assert [(d.text, d.date) for d in got] == [("The next day", date(2019, 8, 13))]
    unanchored = find_dates("The next day the rebels withdrew.", SATURDAY)
    assert unanchored[0].date is None and unanchored[0].offset_days == 1


def test_an_offset_never_lands_after_publication():
    got = find_dates("On Saturday they advanced and the next day they entered.", SATURDAY)
    assert got[-1].date is None


def test_early_hours_of_the_next_weekday_in_an_evening_dispatch():
    got = find_dates("Shelling began in the early hours of Sunday.", SATURDAY)
    assert got[0].date == date(2019, 8, 18)
    # any other weekday is the latest one, as usual
    assert find_dates("in the early hours of Thursday", SATURDAY)[0].date == date(2019, 8, 15)


def test_an_open_from_is_a_start_and_a_closed_one_is_not():
    pub = date(2024, 7, 17)
    (start,) = find_dates("fighting went on there from 2 May 2024.", pub)
    assert start.since and start.date == date(2024, 5, 2)
    for text in ("from 2 May to 5 May", "from 2 May until 5 May", "from 2 May-5 May"):
        assert not find_dates(text, pub)[0].since, text


# -- which date an event takes (clause, tense, carried day), through the real extractor -------
TUESDAY = date(2019, 8, 13)


@pytest.fixture(scope="module")
def gaz():
    from gazetteer import default_gazetteer

    return default_gazetteer()


def dated(gaz, text, published=TUESDAY):
    from mapper.extract import extract_article
    from mapper.model import Article

    res = extract_article(Article(id="d", text=text, published=published), gaz)
    return [(e.type, e.place.surface, e.date) for e in res.events if e.place is not None]


def test_a_date_inside_an_after_clause_dates_that_clause_only(gaz):
    text = (
        "The army entered Kafr Nabl on Monday. "
        "Troops advanced towards Hass, after capturing Maarzita on Sunday."
    )
    got = dated(gaz, text)
    assert ("advance", "Hass", date(2019, 8, 12)) in got  # the story's Monday
    assert ("capture", "Maarzita", date(2019, 8, 11)) in got


def test_a_campaign_start_dates_no_event_but_a_recent_since_does(gaz):
    text = (
        "The army shelled Hass on Monday. "
        "Troops stormed Kafr Nabl, the heaviest assault since April 30."
    )
    assert dated(gaz, text)[-1] == ("entry", "Kafr Nabl", date(2019, 8, 12))
    assert dated(gaz, "Clashes have raged in Kafr Nabl since Sunday.") == [
        ("clash", "Kafr Nabl", date(2019, 8, 11))
    ]


def test_an_open_from_in_a_relative_clause_does_not_date_the_event(gaz):
    text = (
        "The army shelled Hass on Monday. "
        "Rebels withdrew from Kafr Nabl, where fighting had gone on from 2 May."
    )
    assert ("withdrawal", "Kafr Nabl", date(2019, 8, 12)) in dated(gaz, text)


def test_an_undated_present_perfect_is_news_of_the_publication_day(gaz):
    text = "On Monday the army captured Hass. It has also closed in on Kafr Nabl."
    assert dated(gaz, text) == [
        ("capture", "Hass", date(2019, 8, 12)),
        ("advance", "Kafr Nabl", TUESDAY),
    ]
    progressive = "On Monday the army captured Hass. Troops have been shelling Kafr Nabl."
    assert dated(gaz, progressive)[-1] == ("bombardment", "Kafr Nabl", TUESDAY)
    # in a quote it is the speaker's time: the story's day
    quoted = 'On Monday the army captured Hass. "We have closed in on Kafr Nabl," a commander said.'
    assert dated(gaz, quoted)[-1] == ("advance", "Kafr Nabl", date(2019, 8, 12))


MONDAY = date(2019, 8, 12)


@pytest.mark.parametrize(
    ("follow", "expected"),
    [
        # an undated present tense is the writer's day, not the day carried from before
        ("Fierce fighting continues around Kafr Nabl.", ("clash", "Kafr Nabl", TUESDAY)),
        ("Warplanes are bombing Kafr Nabl.", ("bombardment", "Kafr Nabl", TUESDAY)),
        # an aim stated is the writer's day; an attempt made the story's
        ("Its next objective is Kafr Nabl.", ("target", "Kafr Nabl", TUESDAY)),
        ("The army will attack Kafr Nabl next.", ("target", "Kafr Nabl", TUESDAY)),
        ("Troops tried to storm Kafr Nabl.", ("target", "Kafr Nabl", MONDAY)),
        # a past progressive in the writer's voice is the writer's day; deeper in a report,
        # the story's
        ("Patrols were pushing west toward Kafr Nabl.", ("advance", "Kafr Nabl", TUESDAY)),
        (
            "Rebels said they had surrounded a base in Hass and were shelling Kafr Nabl.",
            ("bombardment", "Kafr Nabl", MONDAY),
        ),
    ],
)
def test_the_day_of_an_undated_sentence_after_a_dated_one(gaz, follow, expected):
    assert dated(gaz, "On Monday the army captured Hass. " + follow)[-1] == expected


def test_an_event_noun_under_a_present_verb_is_not_now(gaz):
    fall = "The army captured Hass on Monday. The fall of Hass leaves Kafr Nabl exposed."
    assert ("capture", "Hass", MONDAY) in dated(gaz, fall)
    assert all(d == MONDAY for _, _, d in dated(gaz, fall))


def test_the_day_a_report_was_told_yields_to_the_day_of_the_event(gaz):
    text = "Rebels said on Monday they had captured Hass, a small town, on Sunday after a battle."
    assert dated(gaz, text) == [("capture", "Hass", date(2019, 8, 11))]


def test_a_where_clause_on_another_noun_keeps_its_day_to_itself(gaz):
    text = (
        "A spokesman in Hass, the town where the revolt broke out on August 2, said soldiers"
        " had abandoned their positions in Kafr Nabl."
    )
    assert dated(gaz, text) == [("withdrawal", "Kafr Nabl", TUESDAY)]  # and no entry of Hass


def test_a_flashback_dates_its_sentence_and_the_story_returns_to_its_day(gaz):
    text = (
        "On Monday the army captured Hass. Three weeks ago, the army captured Kafr Nabl. "
        "Rebels then shelled Hass."
    )
    assert dated(gaz, text) == [
        ("capture", "Hass", date(2019, 8, 12)),
        ("capture", "Kafr Nabl", date(2019, 7, 23)),
        ("bombardment", "Hass", date(2019, 8, 12)),
    ]


def test_a_text_that_names_its_today_is_read_on_the_writers_clock(gaz):
    text = "Crowds gathered this evening (Friday). Earlier today the army entered Kafr Nabl."
    assert dated(gaz, text, SATURDAY) == [("entry", "Kafr Nabl", date(2019, 8, 16))]
    assert dated(gaz, text, date(2019, 8, 16)) == [("entry", "Kafr Nabl", date(2019, 8, 16))]
    plain = "Crowds gathered this evening. Earlier today the army entered Kafr Nabl."
    assert dated(gaz, plain, SATURDAY) == [("entry", "Kafr Nabl", SATURDAY)]


def test_only_phrases_counted_from_today_move_to_the_writers_day():
    text = "Crowds gathered this evening (Friday)."
    (named,) = find_dates("on Thursday", SATURDAY)
    assert on_writers_clock(named, text, SATURDAY) == named
    (night,) = find_dates("last night", SATURDAY)
    assert on_writers_clock(night, text, SATURDAY).date == date(2019, 8, 15)
    # a named day far from publication is not a desk's lag: nothing moves
    assert on_writers_clock(night, "today (Monday)", SATURDAY) == night


def test_an_offset_from_an_event_dates_that_events_clause():
    text = "The army said on Friday it held the town, a day after claims it had fallen."
    got = find_dates(text, SATURDAY, anchor=date(2019, 8, 14))
    assert [(d.text, d.date) for d in got] == [
        ("on Friday", date(2019, 8, 16)),
        ("a day after", date(2019, 8, 15)),  # the day of the claims
    ]
    assert got[0].scope_end == -1 and text[got[1].start : got[1].scope_end].endswith("fallen.")
    # with no day before it, the event it counts from has no day
    (first,) = find_dates("A day after claims it had fallen, the army held the town.", SATURDAY)
    assert first.date is None and "counts from an event" in first.reason
    # with nothing after it, it counts from the day before it, as "a day later" does
    (_, later) = find_dates("On Tuesday it fell; the army entered a day after.", SATURDAY)
    assert later.date == date(2019, 8, 14)


def test_the_event_an_offset_counts_from_takes_the_day_before_it(gaz):
    text = "Rebels withdrew from Kafr Nabl on Friday, a day after the army captured Hass."
    assert dated(gaz, text, SATURDAY) == [
        ("withdrawal", "Kafr Nabl", date(2019, 8, 16)),
        ("capture", "Hass", date(2019, 8, 15)),
    ]
    gerund = "The army entered Kafr Nabl on Friday, two days after capturing Hass."
    assert ("capture", "Hass", date(2019, 8, 14)) in dated(gaz, gerund, SATURDAY)
    # the next sentence goes on from Friday, not from the day the offset counted back to
    assert dated(gaz, text + " Troops then shelled Maarzita.", SATURDAY)[-1] == (
        "bombardment",
        "Maarzita",
        date(2019, 8, 16),
    )


def test_a_day_named_as_an_offsets_anchor_dates_its_own_noun(gaz):
    text = "A day after Thursday's assault on Hass, troops entered Kafr Nabl."
    got = dated(gaz, text, SATURDAY)
    assert ("entry", "Kafr Nabl", date(2019, 8, 16)) in got
    assert [d for t, p, d in got if p == "Hass"] == [date(2019, 8, 15)]


def test_a_date_in_a_relative_clause_on_a_noun_is_that_clauses(gaz):
    text = "Hass, which the army captured on Monday, was shelled by rebels on Wednesday."
    assert dated(gaz, text, SATURDAY) == [
        ("capture", "Hass", date(2019, 8, 12)),
        ("bombardment", "Hass", date(2019, 8, 14)),
    ]


@pytest.mark.parametrize(
    "phrase",
    ["four years later", "a few months earlier", "a year after the war began", "months later"],
)
def test_spans_of_months_or_years_from_another_date_name_no_day(phrase):
    (d,) = find_dates(phrase, SATURDAY, anchor=date(2019, 8, 12))
    assert d.date is None and d.reason == HISTORY_SPAN


def test_history_counted_in_years_takes_no_day_from_the_story(gaz):
    text = "On Monday the army shelled Hass. Rebels captured Kafr Nabl two years later."
    got = dated(gaz, text)
    assert ("bombardment", "Hass", date(2019, 8, 12)) in got
    assert ("capture", "Kafr Nabl", None) in got


@pytest.mark.parametrize(
    "text",
    [
        "Talks are due next Tuesday.",
        "Leaders will meet in Moscow on Tuesday.",
        "The exchange is expected to take place on 20 August.",
        "A vote is planned this coming Sunday.",
    ],
)
def test_a_day_to_come_is_not_resolved_to_the_last_such_day(text):
    (d,) = find_dates(text, SATURDAY)
    assert d.date is None and d.reason == TO_COME


def test_a_future_tense_in_another_sentence_or_clause_does_not_reach_the_day():
    for text in (
        "It will take time. On Monday the army shelled it.",
        "It will go on, after it fell on Monday.",
    ):
        (d,) = find_dates(text, SATURDAY)
        assert d.date == date(2019, 8, 12), text


# -- ranges, report days, the desk's clock and datelines --------------------------------------
@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Jets struck between Monday and Wednesday.", date(2019, 8, 12), date(2019, 8, 14)),
        ("Jets struck from Monday to Wednesday.", date(2019, 8, 12), date(2019, 8, 14)),
        ("Jets struck from 12 August until 14 August.", date(2019, 8, 12), date(2019, 8, 14)),
    ],
)
def test_between_two_days_is_one_range(text, start, end):
    (d,) = find_dates(text, SATURDAY)
    assert (d.date, d.date_end, d.precision, d.since) == (start, end, "range", False)


def test_a_range_between_does_not_reset_the_carried_day(gaz):
    text = (
        "The army captured Hass on Thursday. Between Monday and Wednesday, jets struck Maarzita. "
        "Troops then entered Kafr Nabl."
    )
    got = dated(gaz, text, SATURDAY)
    assert ("bombardment", "Maarzita", date(2019, 8, 12)) in got  # the range's start
    assert got[-1] == ("entry", "Kafr Nabl", date(2019, 8, 15))


def test_the_past_24_hours_is_the_day_of_the_report_named_before_it(gaz):
    text = "The army said on Friday that it repelled 30 attacks near Hass in the previous day."
    assert dated(gaz, text, SATURDAY) == [("clash", "Hass", date(2019, 8, 16))]
    plain = "Troops repelled 30 attacks near Hass over the past 24 hours."
    assert dated(gaz, plain, SATURDAY) == [("clash", "Hass", SATURDAY)]


def test_early_on_the_next_weekday_is_the_desks_clock():
    # a Saturday dispatch's "early Sunday" is the Sunday just begun where the fighting is
    assert find_dates("Jets struck early on Sunday.", SATURDAY)[0].date == date(2019, 8, 18)
    assert find_dates("Jets struck early Sunday.", SATURDAY)[0].date == date(2019, 8, 18)
    assert find_dates("Jets struck early on Thursday.", SATURDAY)[0].date == date(2019, 8, 15)


def test_during_the_night_is_last_night_unless_a_night_of_is_named():
    assert find_dates("Jets struck during the night.", SATURDAY)[0].date == date(2019, 8, 16)
    (d,) = find_dates("during the night of 14 August", SATURDAY)
    assert d.date == date(2019, 8, 14)


def test_a_dateline_yields_to_a_day_the_sentence_names(gaz):
    lead = "BEIRUT, Aug 16 (Reuters) - Syrian troops shelled Hass, a monitor said on Thursday."
    assert dated(gaz, lead, SATURDAY) == [("bombardment", "Hass", date(2019, 8, 15))]
    alone = "BEIRUT, Aug 16 (Reuters) - Syrian troops shelled Hass, a monitor said."
    assert dated(gaz, alone, SATURDAY) == [("bombardment", "Hass", date(2019, 8, 16))]


def test_a_dateline_a_day_before_publication_is_the_writers_today(gaz):
    night = "BEIRUT, Aug 16 (Reuters) - Syrian troops shelled Hass last night, a monitor said."
    assert dated(gaz, night, SATURDAY) == [("bombardment", "Hass", date(2019, 8, 15))]
    present = (
        "BEIRUT, Aug 16 (Reuters) - Syrian troops shelled Hass on Thursday. "
        "Troops are now advancing on Kafr Nabl."
    )
    assert dated(gaz, present, SATURDAY)[-1] == ("advance", "Kafr Nabl", date(2019, 8, 16))
    # a dateline of the publication day moves nothing
    same = "BEIRUT, Aug 17 (Reuters) - Syrian troops shelled Hass last night, a monitor said."
    assert dated(gaz, same, SATURDAY) == [("bombardment", "Hass", date(2019, 8, 16))]


def test_overnight_is_the_night_that_ended_on_the_writers_day(gaz):
    assert find_dates("Jets struck overnight.", SATURDAY)[0].date == SATURDAY
    assert find_dates("Jets struck last night.", SATURDAY)[0].date == date(2019, 8, 16)
    text = "BEIRUT, Aug 16 (Reuters) - Syrian troops shelled Hass overnight, a monitor said."
    assert dated(gaz, text, SATURDAY) == [("bombardment", "Hass", date(2019, 8, 16))]


@pytest.mark.parametrize(
    ("text", "start", "since"),
    [
        ("Rebels took it in 2016.", date(2016, 1, 1), False),
        ("It has been held since 2012.", date(2012, 1, 1), True),
        ("It changed hands in early 2017.", date(2017, 1, 1), False),
    ],
)
def test_a_past_year_is_a_range_of_that_year(text, start, since):
    (d,) = find_dates(text, SATURDAY)
    assert (d.date, d.date_end, d.precision, d.since) == (
        start,
        start.replace(month=12, day=31),
        "range",
        since,
    )


def test_a_last_march_in_lower_case_is_no_month():
    (d,) = find_dates("their last march on the capital", SATURDAY)
    assert d.date is None


def test_the_publication_year_and_year_spans_name_no_day():
    (d,) = find_dates("The offensive began in 2019.", SATURDAY)
    assert d.date is None
    assert find_dates("the 2014 war, the 2015-16 winter", SATURDAY) == []


def test_a_when_clause_takes_the_date_it_hangs_on(gaz):
    since = "Jets bombed Hass on Thursday. Kafr Nabl has been held since 2012, when rebels took it."
    assert dated(gaz, since, SATURDAY) == [("bombardment", "Hass", date(2019, 8, 15))]
    until = (
        "Troops stormed Hass on Monday. "
        "Fighting lasted until Wednesday, when rebels withdrew from Kafr Nabl."
    )
    assert dated(gaz, until, SATURDAY)[-1] == ("withdrawal", "Kafr Nabl", date(2019, 8, 14))


def test_a_morning_clock_time_after_a_carried_evening_is_the_next_day(gaz):
    text = (
        "Troops reached the edge of Hass on Thursday evening. "
        "They entered Kafr Nabl at about 9:30 a.m. without a fight."
    )
    assert dated(gaz, text, SATURDAY)[-1] == ("entry", "Kafr Nabl", date(2019, 8, 16))
    # a carried daytime, or an evening with no morning clock after it, stays that day
    day = "Troops reached the edge of Hass on Thursday. They entered Kafr Nabl at 9:30 a.m."
    assert dated(gaz, day, SATURDAY)[-1] == ("entry", "Kafr Nabl", date(2019, 8, 15))
    evening = "Troops reached the edge of Hass on Thursday evening. They entered Kafr Nabl."
    assert dated(gaz, evening, SATURDAY)[-1] == ("entry", "Kafr Nabl", date(2019, 8, 15))


@pytest.mark.parametrize(
    "text",
    [
        "Drones struck on the night of August 15-16.",
        "Drones struck on the night of 15 to 16 August.",
        "Drones struck on the night of Thursday to Friday.",
        "Drones struck on the night from Thursday to Friday.",
        "Drones struck overnight on 15-16 August.",
    ],
)
def test_a_night_named_by_two_days_is_the_morning_it_ended(text):
    (d,) = find_dates(text, SATURDAY)
    assert (d.date, d.precision) == (date(2019, 8, 16), "day")


def test_a_night_of_one_day_is_that_day():
    (d,) = find_dates("Drones struck on the night of August 15.", SATURDAY)
    assert d.date == date(2019, 8, 15)


def test_an_offset_from_a_dated_event_dates_the_clause_it_modifies(gaz):
    text = "Rebels withdrew from Kafr Nabl two days after the army captured Hass on Tuesday."
    assert dated(gaz, text, SATURDAY) == [
        ("withdrawal", "Kafr Nabl", date(2019, 8, 15)),
        ("capture", "Hass", date(2019, 8, 13)),
    ]
    fronted = "Two days after the army captured Hass on Tuesday, rebels withdrew from Kafr Nabl."
    assert ("withdrawal", "Kafr Nabl", date(2019, 8, 15)) in dated(gaz, fronted, SATURDAY)
    # the story goes on from the main clause's day
    after = text + " Jets then bombed Maarzita."
    assert dated(gaz, after, SATURDAY)[-1] == ("bombardment", "Maarzita", date(2019, 8, 15))


#: A unit of date phrases of every kind that looks back or across.
_PHRASES = (
    "On Monday, a day after Thursday's raid, between Tuesday and Wednesday, "
    "on the night of 2-3 August, jets struck; "
)


def _best_time(copies: int) -> float:
    import time

    text = _PHRASES * copies
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        find_dates(text, SATURDAY)
        best = min(best, time.perf_counter() - start)
    return best


def test_many_offsets_ranges_and_nights_take_linear_time():
    # a quadratic pass gives about 16x the time for 4x the phrases, a linear one about 4x
    ratio = time_ratio(_best_time, 300)
    assert ratio < LINEAR_LIMIT, f"{GROWTH}x the phrases took {ratio:.1f}x the time"


def test_the_past_24_hours_dates_its_events_but_not_the_story_after_it(gaz):
    text = (
        "The army captured Hass on Thursday. Over the past 24 hours, rebels repelled 30 attacks "
        "near Maarzita. Troops then entered Kafr Nabl."
    )
    got = dated(gaz, text, SATURDAY)
    assert ("clash", "Maarzita", SATURDAY) in got
    assert got[-1] == ("entry", "Kafr Nabl", date(2019, 8, 15))


def test_a_range_of_dates_heading_a_roundup_is_no_dateline():
    from mapper.dates import writers_today

    assert writers_today("KYIV, Aug 16 (Reuters) - Jets struck.", SATURDAY) == date(2019, 8, 16)
    assert writers_today("Aug 16, 2019 - 11:45 GMT\nJets struck.", SATURDAY) == date(2019, 8, 16)
    assert writers_today("15 August - 16 August: jets struck.", SATURDAY) == SATURDAY


def test_an_event_a_clause_comes_days_after_is_dated_back_from_the_story(gaz):
    """ "The advance came a day after the army took X": X a day before the story's day."""
    text = "The advance came a day after the army captured Hass."
    assert dated(gaz, text, SATURDAY) == [("capture", "Hass", date(2019, 8, 16))]
    present = "The operation comes three days after the army captured Hass."
    assert dated(gaz, present, SATURDAY) == [("capture", "Hass", date(2019, 8, 14))]
    # a story dated by an earlier sentence counts from that day
    story = "The army shelled Kafr Nabl on Thursday. The raid came a day after troops took Hass."
    assert ("capture", "Hass", date(2019, 8, 14)) in dated(gaz, story, SATURDAY)


def test_a_relative_clause_keeps_its_day_to_itself(gaz):
    text = "Russian forces kept attacking near Hass, which they claimed to have seized on Thursday."
    got = dated(gaz, text, SATURDAY)
    assert ("clash", "Hass", SATURDAY) in got and ("capture", "Hass", date(2019, 8, 15)) in got


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("The town fell in April last year.", date(2019, 4, 1), date(2019, 4, 30)),
        ("The town fell in March this year.", date(2020, 3, 1), date(2020, 3, 31)),
        ("The town fell in August, 2017.", date(2017, 8, 1), date(2017, 8, 31)),  # older style
    ],
)
def test_a_month_of_last_or_this_year(text, start, end):
    (found,) = find_dates(text, date(2020, 5, 19))
    assert (found.date, found.date_end) == (start, end)


def test_years_of_older_wars_are_years():
    """A dispatch of 1864 names 1863 as a past year, as one of 2020 names 2016."""
    (d,) = find_dates("The fort fell in 1863.", date(1864, 6, 20))
    assert (d.date, d.date_end) == (date(1863, 1, 1), date(1863, 12, 31))
    (d,) = find_dates("The fort fell on May 5, 1862.", date(1864, 6, 20))
    assert d.date == date(1862, 5, 5)
    times = find_dates("The attack began by 1800 hours.", date(1864, 6, 20))
    assert all(x.date is None or x.date.year != 1800 for x in times)  # a time of day


def test_a_since_phrase_dates_its_own_clause_only(gaz):
    text = "Fighting went on near Hass, where rebels have held out since April last year."
    assert dated(gaz, text, SATURDAY) == [("clash", "Hass", SATURDAY)]


def test_now_in_the_trigger_s_clause_dates_it_on_the_report_day(gaz):
    text = (
        "Troops broke into Afis late on Wednesday. A commander said the units were now dug in"
        " 3 km east of Sarmin. The fall of Afis left Sarmin exposed, with the army now holding"
        " the road."
    )
    got = dated(gaz, text, date(2020, 2, 6))
    assert ("entry", "Afis", date(2020, 2, 5)) in got
    assert ("advance", "Sarmin", date(2020, 2, 6)) in got  # "were now": the report's day


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("Further north, artillery pounded Glina.", date(1995, 8, 5)),  # another scene: today
        ("In Sisak, artillery pounded Glina.", date(1995, 8, 5)),
        ("Meanwhile, artillery pounded Glina.", date(1995, 8, 5)),
        ("Then artillery pounded Glina.", date(1995, 8, 4)),  # the story goes on: its day
        ("In addition, artillery pounded Glina.", date(1995, 8, 4)),
    ],
)
def test_a_sentence_opening_on_another_scene_does_not_carry_the_day(gaz, opening, expected):
    got = {
        p: d
        for _, p, d in dated(
            gaz, "Croatian troops entered Knin on Friday. " + opening, date(1995, 8, 5)
        )
    }
    assert got["Knin"] == date(1995, 8, 4)
    assert got["Glina"] == expected


def test_a_present_perfect_told_on_a_day_happened_by_that_day(gaz):
    text = "Rebels have captured Buchanan, a rebel commander said on Monday."
    assert dated(gaz, text, date(2003, 7, 29)) == [("capture", "Buchanan", date(2003, 7, 28))]


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        # what a side said was going on, or still goes on, is the report's day
        ("The RSF said its forces were advancing towards Sennar.", date(2023, 12, 22)),
        ("Army artillery was still shelling Sennar, witnesses said.", date(2023, 12, 22)),
        # by nightfall of the day the story told
        ("By nightfall the RSF said its forces were advancing towards Sennar.", date(2023, 12, 21)),
    ],
)
def test_a_reported_progressive_is_the_report_s_day(gaz, second, expected):
    text = "RSF fighters entered Rufaa on Thursday. " + second
    got = {p: d for _, p, d in dated(gaz, text, date(2023, 12, 22))}
    assert got["Rufaa"] == date(2023, 12, 21)
    assert got["Sennar"] == expected


@pytest.mark.parametrize(
    ("text", "published", "today"),
    [
        ("BERLIN, Oct. 29 (via London). -- Troops entered X yesterday.", date(1917, 10, 30), 29),
        ("VIENNA, Sept. 30. -- Despatches received here say", date(1854, 10, 1), 30),
        ("BUCHAREST, Dec. 10 (Evening). -- The town has fallen.", date(1877, 12, 11), 10),
        ("CAIRO, April 1 (AP) -- The town surrendered today.", date(1941, 4, 2), 1),
    ],
)
def test_an_older_wires_dateline_sets_the_writers_day(text, published, today):
    """ "Oct. 29 (via London). --": a full stop after the day or the note, then a double dash."""
    assert writers_today(text, published).day == today


@pytest.mark.parametrize(
    "dateline",
    [
        "VIENNA, Nov. 20. \u2014 ",
        "Vienna, Nov. 20.\u2014",
        "VIENNA, November 20, 1805. ",
        "VIENNA, Nov. 20 (by courier). - ",
        "HEADQUARTERS OF THE ARMY OF THE DANUBE, VIENNA, Nov. 20.\u2014",
        "The following bulletin, dated Vienna, November 20, has been received: ",
    ],
)
def test_a_cable_printed_weeks_later_counts_its_days_from_its_dateline(gaz, dateline):
    """A dispatch dated Nov. 20 and printed Dec. 20: "yesterday" and "on Monday" are November's."""
    printed = date(1805, 12, 20)
    text = dateline + "The French yesterday took possession of Brünn. On Monday they shelled Znaim."
    got = {(t, d) for t, _, d in dated(gaz, text, printed)}
    assert ("capture", date(1805, 11, 19)) in got
    assert ("bombardment", date(1805, 11, 18)) in got  # the Monday before Wednesday Nov. 20


def test_a_dateline_a_day_before_print_is_the_desks_lag_and_a_lone_date_no_dateline():
    from mapper.dates import dispatch_day

    assert dispatch_day("KYIV, March 3 (Reuters) - Troops ...", date(2023, 3, 4)) is None
    assert dispatch_day("LEIPZIG, Oct. 20. The allies ...", date(1813, 11, 3)) == date(1813, 10, 20)
    # a date that opens a sentence with no place before it is no dateline
    assert dispatch_day("Oct. 20. The allies took the city.", date(1813, 11, 3)) is None
    # nor a date months before print: a flashback, not a cable
    assert dispatch_day("LEIPZIG, Oct. 20. The allies ...", date(1814, 3, 3)) is None


@pytest.mark.parametrize(
    "dateline",
    [
        "LONDON, Aug. 20, 11 P.M.\u2014",
        "London, August 20: ",
        "ST. PETERSBURG, Thursday, Aug. 20. \u2014 ",
        # a dateline on a line of its own, with an hour or a note and no dash
        "LONDON, Aug. 20, 10 a.m.\n\n",
        "LONDON, Aug. 20 (delayed in transmission).\n\n",
    ],
)
def test_a_datelines_hour_or_colon_still_names_the_writers_day(dateline):
    assert writers_today(dateline + "The Russians today attacked.", date(1914, 8, 21)) == date(
        1914, 8, 20
    )
    # a date and a colon with no place before them open no dateline
    assert writers_today("The truce of August 20: The Russians", date(1914, 8, 21)) == date(
        1914, 8, 21
    )
