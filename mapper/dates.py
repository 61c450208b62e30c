"""Date phrases in dispatches, resolved against the publication date.

Rules (documented here because events depend on them):

- "on Sunday" / "Sunday" is the latest Sunday on or before publication (the same day counts);
  "last Sunday" is the latest Sunday strictly before publication.
- "Saturday night", "late on Tuesday", "since Saturday night" resolve to that weekday.
- "today", "this morning", "at dawn", "this evening" and "overnight" (the night that ended on
  it) are the publication day; "yesterday", "last night", "during the night" the day before.
- "in the past 24 hours", "in the previous day" are the day of the report: the day named before
  them in the sentence ("said on Friday ... in the previous day"), else publication.
- A weekday next to the calendar date it names ("on Thursday, March 2", "March 2 (Thursday)")
  is that date.
- "on August 8", "22 August", "since December 16", "Oct 2" take the publication year, or the
  previous year when that would fall after publication; an explicit year is kept.
- "on Tuesday last week" is that day of the calendar week before publication's; "a fortnight
  ago/later" is two weeks; "at the end of February", "by the start of March" are that month.
- "last year", "earlier this year", "last October" are ranges of that year or month.
- "earlier this month", "last week", "this week", "over the past two days", "in recent days",
  "in August" are ranges (``precision="range"``; ``date`` is the start, ``date_end`` the end).
- "in 2017", "since 2012", "in early 2016" are that year (a range, "since" a start) when it is
  before the publication year; the publication year itself names no day. An event in a "when"
  clause hung on a date ("since 2012, when rebels took it") takes that date (see
  ``mapper.extract.events``), so an old one is history.
- Anything else that looks like a date goes to dateparser, after Levantine Arabic month names
  (آذار, شباط, تشرين الثاني...) are mapped to the standard ones.
- "since 2 May" and an open "from 2 May" (no "to ..." after it) are starts (``since=True``).
- A night named by its two days ("the night of March 2-3", "the night of Thursday to Friday",
  "overnight on 2-3 March") is the second, the morning it ended, as "overnight" is.
- "14-15 August" and "August 14-15" are ranges of those days; so are "between Monday and
  Wednesday" and "from Monday to Wednesday" (a range does not reset the story's day).
- "a day after Thursday", "two days later", "a week earlier", "the following day", "the next
  morning", "the previous night", "the day before", "the same day", "later that day" are offsets
  from the date phrase they name, else the last day named before them, else the story's date so
  far (``anchor``). "a day after Thursday's raid": the anchor keeps its own day for the words
  it heads (``scope_end``). "On Friday, a day after the army took X" dates the clause after
  the offset the day before Friday (``scope_end`` marks where that clause ends); "two days
  after the army took X on Tuesday, rebels left Y" dates Y's clause Thursday (``main_clause``).
- "in the early hours of Sunday" in a dispatch published on Saturday is that Sunday: desks date
  by their own clock, hours behind the front. It is the one date allowed one day after
  publication. "Overnight into Sunday", "Saturday night into Sunday" and "early (on) Sunday" are
  read the same way;
  "overnight Thursday" and "at dawn on Friday" are that weekday; "before dawn" and "in the early
  hours" with no day named are the publication day; "48 hours ago" is two days back.
- "four months ago", "two years ago" are that month (a range); "four years later", "a few
  months earlier", "a year after the war began" stay unresolved (:data:`HISTORY_SPAN`): the
  events they date are history, and take no day from the story.
- A text that names its own "today" ("this evening (Friday)") in a dispatch published a day or
  two later is on the writer's clock: its "today", "earlier today", "last night"... count from
  that day (:func:`on_writers_clock`); so does a dispatch whose dateline names that day
  ("KYIV, March 3 (Reuters) -" published on March 4). A dateline's date dates the lead sentence
  only when the sentence names no other day (:func:`is_dateline`).
- "next Tuesday", "this coming Sunday" and a day a future tense or a plan governs ("will visit
  Moscow on Tuesday", "talks are due to open on Sunday") are days to come: unresolved
  (:data:`TO_COME`), not the latest such day.
- A carried evening or night ("on Friday evening") read in a sentence at a morning clock time
  ("at 10:40 a.m.") is the next day (:func:`morning_after`).
- Otherwise a resolved date never falls after publication; when ``published`` is None nothing
  resolves and the reason says so.

An event sentence with no date phrase of its own is dated by :func:`date_for_sentence`'s caller
(see ``mapper.extract.events``): the preceding sentence's day-precision phrase, else the
publication date with ``basis="publication"``.
"""

from __future__ import annotations

import calendar
import contextlib
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache

__all__ = [
    "HISTORY_SPAN",
    "REPORT_DAY",
    "DateResolution",
    "find_dates",
    "is_dateline",
    "morning_after",
    "on_writers_clock",
    "writers_today",
    "resolve_date",
    "publication_date",
]

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9

#: Levantine Arabic month names (Syrian media) -> standard Arabic month names dateparser knows.
LEVANTINE_MONTHS = {
    "كانون الثاني": "يناير",
    "شباط": "فبراير",
    "آذار": "مارس",
    "نيسان": "أبريل",
    "أيار": "مايو",
    "حزيران": "يونيو",
    "تموز": "يوليو",
    "آب": "أغسطس",
    "أيلول": "سبتمبر",
    "تشرين الأول": "أكتوبر",
    "تشرين الثاني": "نوفمبر",
    "كانون الأول": "ديسمبر",
}

#: The reason of a span of months or years counted from another date ("four years later"): it
#: names no day, and what it describes is history, not the story's day.
HISTORY_SPAN = "a span of months or years from another date"
#: The reason of a day still to come ("next Tuesday", "will visit Moscow on Tuesday").
TO_COME = "a day to come"
#: The reason of "in the past 24 hours" with no day named before it: the publication day (a
#: day named before it gives its day and this reason with ", named before it" after it). A span
#: up to the report, it dates its own events, not the story's day after it.
REPORT_DAY = "the day of the report"

NUMBER_WORDS = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "few": 3,
    "several": 3,
}


#: Days in a unit of an offset or an "ago" ("a week later", "a fortnight ago").
_UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14}

Day = date  # the type, under a name the dataclass field ``date`` does not shadow


@dataclass(frozen=True, slots=True)
class DateResolution:
    """A date phrase and what it means.

    ``precision`` is ``"day"``, ``"range"`` or ``"unknown"``; ``basis`` is ``"event"`` (a phrase
    in the text), ``"context"`` (carried from a neighbouring sentence) or ``"publication"``.
    ``start``/``end`` are offsets of ``text`` in the string searched (-1 when not from text).
    ``since`` is True for "since ..." phrases (a start, not the day of one event).
    """

    date: Day | None
    date_end: Day | None
    text: str | None
    precision: str
    reason: str = ""
    basis: str = "event"
    start: int = -1
    end: int = -1
    since: bool = False
    #: for an offset phrase ("the following day") not yet resolved: its days from the anchor
    offset_days: int | None = None
    #: when >= 0, the date is of the words from ``start`` to here only (the event an offset
    #: counts from: "a day after the army took X", "Thursday's raid"), not of the sentence
    scope_end: int = -1
    #: with ``scope_end``: the date of the clause an offset phrase sits in, every word outside
    #: ``start``..``scope_end`` ("two days after taking X on Tuesday, they entered Y": Y's day)
    main_clause: bool = False
    #: counted from the writer's "today" ("a day after" with "today" as its base): moves with
    #: it when a dateline puts today before publication (:func:`on_writers_clock`)
    from_today: bool = False

    @property
    def resolved(self) -> bool:
        """True when a date (day or range start) is known."""
        return self.date is not None


def publication_date(published: date | None) -> DateResolution:
    """The fallback dating: the publication day itself (or unresolved when unknown)."""
    if published is None:
        return DateResolution(
            None, None, None, "unknown", "publication date unknown", "publication"
        )
    return DateResolution(published, None, None, "day", "", "publication")


_WD = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MON = (
    r"(?P<mon>january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_PART = r"(?:\s+(?:morning|night|evening|afternoon|noon))?"

# Order matters: the first alternative that matches at a position wins (longest forms first).
_PATTERNS: list[tuple[str, str]] = [
    ("iso", r"\b(?P<y>(?:1[5-9]|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b"),
    # "17.11.2023", "17/11/2023" (day first, as outside the US; month first when it must be)
    ("numeric", r"\b(?P<a>\d{1,2})[./](?P<b>\d{1,2})[./](?P<y>(?:1[5-9]|20)\d\d)\b"),
    (
        "dmy",
        r"\b(?:(?:since|on|from)\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th|d)?(?:\s*[-\u2013]\s*(?P<d2>\d{1,2})"
        r"(?:st|nd|rd|th|d)?)?\s+(?:of\s+)?"
        + _MON
        + r"(?:[\s,\u060c]+(?P<y>(?:1[5-9]|20)\d\d))?\b",
    ),
    (
        "mdy",
        r"\b(?:(?:since|on|from)\s+)?" + _MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b"
        r"(?:\s*[-\u2013]\s*(?P<d2>\d{1,2})\b(?!\s*[:.]\d))?(?:,?\s+(?P<y>(?:1[5-9]|20)\d\d)\b)?",
    ),
    # "in the early hours of Sunday" read in a Saturday dispatch: the Sunday just begun; so is
    # "overnight into Sunday" and "Saturday night into Sunday" (before "weekday": longer)
    (
        "early_hours",
        r"\b(?:(?:in\s+the\s+)?(?:early\s+hours\s+of|small\s+hours\s+of|before\s+dawn\s+on"
        r"|overnight\s+into|early(?:\s+on)?)|(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
        r"\s+night\s+into)\s+" + _WD + r"\b",
    ),
    (
        "weekday",
        r"\b(?:(?P<since>since)\s+)?(?:(?:overnight|at\s+dawn|before\s+dawn)\s+)?"
        r"(?:(?:on|early|late|by|until)\s+)?(?:(?:late|early)\s+on\s+)?"
        r"(?:(?P<last>last\s+|this\s+past\s+|past\s+)|(?P<next>next\s+|(?:this\s+)?coming\s+))?"
        + _WD
        + r"(?:'s)?"
        + _PART
        + r"(?P<lastweek>(?:\s+of)?\s+last\s+week\b)?"
        + r"\b",
    ),
    # "on the 17th", "on the morning of the 4th": a day of the publication month (or the month
    # before; "the 14th ult." is last month's, "the 3d inst." this month's, as old papers
    # wrote); not "on the 4th floor", "on the 3rd Brigade's front"
    (
        "ordinal",
        r"\b(?:since|on)\s+the\s+(?:(?:morning|afternoon|evening|night)\s+of\s+the\s+)?"
        r"(?P<d>\d{1,2})(?:st|nd|rd|th|d)\b"
        r"(?:\s+(?:(?P<ult>ult(?:imo)?)|inst(?:ant)?)\b\.?)?"
        r"(?!\s+(?:of|floor|storey|story|brigade|division|regiment|battalion|army|corps|fleet"
        r"|squadron|company|infantry|armou?red|mechani[sz]ed|motori[sz]ed|airborne|marine"
        r"|century|anniversary|round|time|place|consecutive|straight|successive|day|night|week"
        r"|month|year|hour|attempt|phase|stage|wave|attack|assault|offensive)s?\b)",
    ),
    (
        "weekend",
        r"\b(?:(?:over|during|at|on)\s+)?(?P<last>last\s+|this\s+(?:past\s+)?|the\s+)weekend\b",
    ),
    # "a day after", "the following day", "two days later": an offset from another date
    (
        "relative",
        r"\b(?:(?P<n>a|one|two|three|four|five|six|seven|\d+)\s+(?P<unit>days?|weeks?|fortnights?)\s+"
        r"(?P<dir>after|later|before|earlier)|the\s+(?P<dir2>following|next|previous)\s+"
        r"(?:day|night|morning|evening)|the\s+(?:day|night)\s+(?P<dir3>after|before)"
        r"|(?P<same>the\s+same\s+day|(?:later|earlier)\s+(?:that|in\s+the)\s+day))\b",
    ),
    (
        "history_offset",
        r"\b(?:(?:a\s+few|a|one|two|three|four|five|six|seven|eight|nine|ten|few|several|\d+)\s+)?"
        r"(?:years?|months?)\s+(?:later|earlier|after|before)\b",
    ),
    (
        "yesterday",
        r"\b(?:since\s+)?(?:yesterday|last\s+night|(?:during|in)\s+the\s+night)\b"
        r"(?!\s+of\b)",
    ),
    (
        "today",
        r"\b(?:today|tonight|overnight(?!\s+(?:on|of|into|from)\b)"
        r"|this\s+(?:morning|evening|afternoon)|(?:at|before)\s+dawn|"
        r"(?:earlier|later)\s+today|in\s+the\s+(?:early|small)\s+hours)\b",
    ),
    (
        "earlier_month",
        r"\b(?:(?:earlier|early)\s+this|since\s+the\s+(?:start|beginning)\s+of\s+(?:this|the))\s+month\b",
    ),
    # "in the past 24 hours", "in the previous day": a report's own day
    (
        "report_day",
        r"\b(?:in|over|during|within)\s+the\s+(?:past|last|previous|preceding)\s+(?:24\s+hours|day)\b",
    ),
    ("last_week", r"\blast\s+week\b"),
    ("this_week", r"\bthis\s+week\b"),
    (
        "past_days",
        r"\b(?:over|in|during|within)\s+the\s+(?:past|last)\s+(?P<n>\d+|two|three|four|five|six"
        r"|seven|few|several)\s+(?P<unit>days|hours)\b",
    ),
    ("recent_days", r"\bin\s+recent\s+days\b"),
    (
        "days_ago",
        r"\b(?P<n>\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|few|several)\s+"
        r"(?P<unit>days?|weeks?|fortnights?|hours|months?|years?)\s+ago\b",
    ),
    ("last_month", r"\blast\s+month\b"),
    # "last year", "earlier this year": ranges of that year
    ("year_word", r"\b(?P<which>last|earlier\s+this|this)\s+year\b"),
    # "in 2017", "since 2012": a past year (a range); the publication year names no day
    (
        "year",
        r"\b(?:(?P<since>since)|in|during|from|by)\s+(?:(?:early|late|mid-?)\s*)?"
        r"(?P<y>(?:1[5-9]|20)\d\d)\b(?!\s*[-\u2013/.]\s*\d)(?!\s*(?:hours|hrs)\b)",
    ),
    (
        "in_month",
        r"\b(?:(?:since|in|during|(?P<lastm>last))\s+(?:(?:early|late|mid-?)\s*)?"
        r"|(?:at|by|towards?|until|since)\s+the\s+(?:end|start|beginning|middle)\s+of\s+)"
        + _MON
        + r"(?:,?\s+(?P<y>(?:1[5-9]|20)\d\d)|\s+(?P<ly>last|this)\s+year)?(?!\s+\d)\b",
    ),
]
#: Every date phrase form contains a digit or one of these (a necessary condition, checked
#: with plain substring tests before the big pattern runs).
_NEEDED = (
    "day", "hours", "night", "morn", "even", "aftern", "dawn", "month", "week", "year", "jan",
    "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
)  # fmt: skip
#: The words a date phrase can start with: a cheap look-ahead that lets the engine skip every
#: other word before it tries the fourteen forms (same matches, about three times faster).
_FIRST_WORD = (
    r"(?=\d|(?:since|on|from|early|late|by|until|last|this|past|next|coming|the|small|before|monday"
    r"|tuesday|wednesday"
    r"|thursday|friday|saturday|sunday|yesterday|overnight|today|tonight|at|earlier|later|over"
    r"|in|during|within|a|one|two|three|four|five|six|seven|eight|nine|ten|few|several|months?"
    r"|years?)\b"
    r"|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
)
_NEEDED_RX = re.compile(r"\d|" + "|".join(_NEEDED))
_RX = re.compile(
    r"\b"
    + _FIRST_WORD
    + "(?:"
    + "|".join(f"(?P<{k}>{p.replace('(?P<', f'(?P<{k}_')})" for k, p in _PATTERNS)
    + ")",
    re.IGNORECASE,
)
_ARABIC_MONTH_RX = re.compile(
    "|".join(re.escape(k) for k in sorted(LEVANTINE_MONTHS, key=len, reverse=True))
)
_ARABIC_DATE_RX = re.compile(
    r"\d{1,2}\s+(?:"
    + "|".join(
        re.escape(k)
        for k in sorted([*LEVANTINE_MONTHS, *LEVANTINE_MONTHS.values()], key=len, reverse=True)
    )
    + r")(?:\s+\d{4})?"
)


def _g(m: re.Match[str], kind: str, name: str) -> str | None:
    return m.group(f"{kind}_{name}")


def _latest_weekday(published: date, weekday: int, *, strictly_before: bool) -> date:
    delta = (published.weekday() - weekday) % 7
    if delta == 0 and strictly_before:
        delta = 7
    return published - timedelta(days=delta)


def _day_in_year(published: date, month: int, day: int, year: str | None) -> date | None:
    y = int(year) if year else published.year
    try:
        d = date(y, month, day)
    except ValueError:
        return None
    if not year and d > published:
        try:
            d = date(y - 1, month, day)
        except ValueError:
            return None
    return d


def _months_back(published: date, months: int) -> tuple[date, date]:
    """First and last day of the month ``months`` before publication's (the last capped)."""
    k = published.year * 12 + published.month - 1 - months
    year, month = divmod(k, 12)
    first = date(year, month + 1, 1)
    last = first.replace(day=calendar.monthrange(year, month + 1)[1])
    return first, min(last, published)


def _offset(m: re.Match[str]) -> int:
    """Days an offset phrase moves from its anchor ("a day after": +1, "two days earlier": -2)."""
    if _g(m, "relative", "same"):
        return 0  # "the same day", "later that day"
    n_text = (_g(m, "relative", "n") or "1").lower()
    n = int(n_text) if n_text.isdigit() else NUMBER_WORDS.get(n_text, 1)
    n *= _UNIT_DAYS.get((_g(m, "relative", "unit") or "day").lower().rstrip("s"), 1)
    direction = (
        _g(m, "relative", "dir") or _g(m, "relative", "dir2") or _g(m, "relative", "dir3") or ""
    ).lower()
    return -n if direction in ("before", "earlier", "previous") else n


_EVENT_AFTER = re.compile(r"\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?[A-Za-z]")


def _counts_from_an_event(d: DateResolution, text: str) -> bool:
    """True for "a day after claims ...", "two days before the vote": an event as the anchor."""
    words = (d.text or "").lower().split()
    return (
        bool(words) and words[-1] in ("after", "before") and bool(_EVENT_AFTER.match(text, d.end))
    )


#: Where the clause an offset counts from ends ("a day after the army took X, ...").
_CLAUSE_END = re.compile(r"[,;:()\u2014]|\s[-\u2013]\s|$")


def _scope_end(text: str, pos: int) -> int:
    """Where the clause running on from ``pos`` ends (a comma, a dash, a bracket, the end)."""
    m = _CLAUSE_END.search(text, pos)
    return m.start() if m else len(text)


def _is_base(x: DateResolution) -> bool:
    """A day an offset or a report can count from: resolved, day precision, of the sentence."""
    return x.date is not None and x.precision == "day" and x.scope_end < 0 and not x.since


def _last_base(found: list[DateResolution]) -> DateResolution | None:
    """The last day in ``found`` an offset or a report can count from."""
    return next((x for x in reversed(found) if _is_base(x)), None)


def _first_day_before(found: list[DateResolution], i: int, end: int) -> int | None:
    """Index of the first day phrase after ``found[i]`` that starts before ``end``."""
    for k in range(i + 1, len(found)):
        if found[k].start >= end:
            return None
        if found[k].date is not None and found[k].precision == "day":
            return k
    return None


def _anchor_offsets(
    found: list[DateResolution], text: str, published: date, anchor: date | None
) -> list[DateResolution]:
    """Resolve offset phrases against the date they count from.

    "a day after Thursday('s attack)": the date phrase right after it, which keeps its own day
    for the words it heads ("Thursday's raid on X"); "the following day": the last resolved day
    before it in the text, else ``anchor`` (the story's date so far). "..., a day after the army
    took X" dates the clause after it: the day before it minus the offset ("Rebels withdrew on
    Friday, a day after the army took X": Thursday); with no day before it, unresolved.
    """
    out: list[DateResolution] = []
    for i, d in enumerate(found):
        if d.offset_days is None:
            out.append(d)
            continue
        base: date | None = None
        end, offset, scope = d.end, d.offset_days, -1
        nxt = found[i + 1] if i + 1 < len(found) else None
        before = _last_base(out)
        if (
            nxt is not None
            and nxt.date is not None
            and nxt.precision == "day"
            and re.fullmatch(r"\s*(?:the\s+)?", text[d.end : nxt.start])
        ):
            base, end = nxt.date, nxt.end  # "a day after Thursday"
            found[i + 1] = replace(nxt, scope_end=_scope_end(text, nxt.end))
        elif _counts_from_an_event(d, text):
            clause_end = _scope_end(text, d.end)
            k = _first_day_before(found, i, clause_end)
            if before is None and k is not None:
                # "two days after taking X on Tuesday, they entered Y": Y is Thursday; Tuesday
                # dates the words from the offset to the clause's end
                x = found[k]
                found[k] = replace(x, start=d.start, scope_end=clause_end)
                main = (x.date or published) + timedelta(days=offset)
                if main <= published:
                    out.append(
                        replace(
                            d,
                            date=main,
                            precision="day",
                            reason="",
                            offset_days=None,
                            scope_end=clause_end,
                            main_clause=True,
                        )
                    )
                    continue
            if before is None and not text[: d.start].strip():
                out.append(replace(d, reason=f"{d.text!r} counts from an event, not a date"))
                continue  # "A day after claims it fell, the army ...": the main clause's day?
            # "on Friday, a day after the army took X": the clause after it is a day earlier;
            # "The advance came a day after the army took X": a day before the story's day
            base = before.date if before is not None else (anchor or published)
            offset, scope = -offset, clause_end
        else:
            base = before.date if before is not None else anchor
        if base is None:
            out.append(d)
            continue
        from_today = base == (before.date if before is not None else None) and bool(
            before is not None and before.text and _DEICTIC.fullmatch(before.text)
        )
        try:
            day = base + timedelta(days=offset)
        except OverflowError:
            out.append(replace(d, reason="date out of range"))
            continue
        if day > published:
            out.append(replace(d, reason=f"{d.text!r} would fall after publication"))
            continue
        out.append(
            DateResolution(
                day,
                None,
                text[d.start : end],
                "day",
                "",
                "event",
                d.start,
                end,
                scope_end=scope,
                from_today=from_today,
            )
        )
    return out


def _report_days(found: list[DateResolution]) -> list[DateResolution]:
    """A report's "in the past 24 hours": the day named before it, else publication."""
    out: list[DateResolution] = []
    last: DateResolution | None = None
    for d in found:
        if d.reason == REPORT_DAY and last is not None:
            d = replace(d, date=last.date, reason=f"{REPORT_DAY}, named before it")
        elif _is_base(d) and not d.reason.startswith(REPORT_DAY):
            last = d
        out.append(d)
    return out


#: Between two days, the words of a range ("between Monday and Wednesday", "from 2 to 5 May").
_RANGE_JOIN = re.compile(r"\s*(?:and|to|until|till|through|[-\u2013\u2014])\s*", re.I)
_RANGE_OPEN = re.compile(r"\b(?:between|from)\s+$", re.I)


_WEEKDAY_NAME = re.compile(_WD, re.IGNORECASE)
_CALENDAR = re.compile(r"\d")
#: Between a weekday and the calendar date it names ("Thursday, March 2", "March 2 (Thursday)").
_SAME_DAY_GAP = re.compile(r"\s*[,(]?\s*")


def _weekday_and_date(found: list[DateResolution], text: str) -> list[DateResolution]:
    """One day, the calendar date's, for "on Thursday, March 2" and "March 2 (Thursday)".

    A weekday next to a calendar date names the same day; read alone it would be the latest
    such weekday, which is wrong once the dispatch is a week or more later.
    """
    out: list[DateResolution] = []
    skip = False
    for i, d in enumerate(found):
        if skip:
            skip = False
            continue
        nxt = found[i + 1] if i + 1 < len(found) else None
        if (
            nxt is not None
            and d.start >= 0
            and d.precision == nxt.precision == "day"
            and _SAME_DAY_GAP.fullmatch(text, d.end, nxt.start)
        ):
            days = [x for x in (d, nxt) if not _CALENDAR.search(x.text or "")]
            calendar_ = [x for x in (d, nxt) if _CALENDAR.search(x.text or "")]
            if (
                len(days) == len(calendar_) == 1
                and _WEEKDAY_NAME.search(days[0].text or "")
                and calendar_[0].date is not None
            ):
                joined = text[d.start : nxt.end]
                since = d.since or nxt.since
                out.append(
                    replace(calendar_[0], text=joined, start=d.start, end=nxt.end, since=since)
                )
                skip = True
                continue
        out.append(d)
    return out


#: Before a night named by its two days ("on the night of March 2-3", "overnight on 2-3 March").
_NIGHT_OF = re.compile(r"\b(?:night\s+(?:of|from)|overnight(?:\s+on)?)\s+(?:the\s+)?$", re.I)


def _nights(found: list[DateResolution], text: str) -> list[DateResolution]:
    """A night named by its two days is the second, the morning it ended, as "overnight" is.

    "on the night of March 2-3", "the night of Thursday to Friday", "overnight on 2 to 3 March".
    """
    out: list[DateResolution] = []
    taken: set[int] = set()
    for i, d in enumerate(found):
        if i in taken:
            continue
        nxt = found[i + 1] if i + 1 < len(found) else None
        if (
            d.start < 0
            or d.date is None
            or not _NIGHT_OF.search(text, max(0, d.start - 30), d.start)
        ):
            out.append(d)
        elif d.precision == "range" and d.date_end is not None and (d.date_end - d.date).days == 1:
            out.append(replace(d, date=d.date_end, date_end=None, precision="day"))
        elif (
            nxt is not None
            and nxt.date is not None
            and (nxt.date - d.date).days == 1
            and _RANGE_JOIN.fullmatch(text, d.end, nxt.start)
        ):
            out.append(replace(nxt, start=d.start, text=text[d.start : nxt.end]))
            taken.add(i + 1)
        else:
            out.append(d)
    return out


def _join_ranges(found: list[DateResolution], text: str) -> list[DateResolution]:
    """One range for "between Monday and Wednesday", "from Monday to Wednesday"."""
    out: list[DateResolution] = []
    i = 0
    while i < len(found):
        d = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        opened = d.start >= 0 and bool(_RANGE_OPEN.search(text[max(0, d.start - 12) : d.start]))
        if (
            nxt is not None
            and d.date is not None
            and nxt.date is not None
            and d.precision == nxt.precision == "day"
            and d.date < nxt.date
            and _RANGE_JOIN.fullmatch(text, d.end, nxt.start)
            and (opened or (d.text or "").lower().startswith("from"))
        ):
            out.append(
                DateResolution(
                    d.date,
                    nxt.date,
                    text[d.start : nxt.end],
                    "range",
                    "",
                    "event",
                    d.start,
                    nxt.end,
                )
            )
            i += 2
            continue
        out.append(d)
        i += 1
    return out


#: What closes a "from ..." range ("from 2 May to 5 May"): then it is not an open start.
_RANGE_END = re.compile(r"\s*(?:to|until|till|through|and|[-\u2013\u2014])(?:\s|\d)", re.I)


def _is_start(m: re.Match[str]) -> bool:
    """True for an open start: "since 2 May", or "from 2 May" with no end after it."""
    low = m.group(0).lower()
    if low.startswith("since"):
        return True
    return low.startswith("from") and not _RANGE_END.match(m.string, m.end())


def _resolve_match(m: re.Match[str], published: date) -> DateResolution:
    kind = m.lastgroup or ""
    text = m.group(0)
    since = _is_start(m)
    day: date | None = None
    end: date | None = None
    precision = "day"
    if kind in ("iso", "dmy", "mdy"):
        month = int(_g(m, kind, "m") or 0) if kind == "iso" else MONTHS[_g(m, kind, "mon").lower()]  # type: ignore[union-attr]
        day = _day_in_year(published, month, int(_g(m, kind, "d") or 0), _g(m, kind, "y"))
        to_day = _g(m, kind, "d2") if kind != "iso" else None
        if day is not None and to_day and day.day < int(to_day) <= 31:  # "14-15 August"
            with contextlib.suppress(ValueError):
                end, precision = day.replace(day=int(to_day)), "range"
    elif kind == "numeric":
        a, b = int(_g(m, kind, "a") or 0), int(_g(m, kind, "b") or 0)
        year = _g(m, kind, "y")
        day = _day_in_year(published, b, a, year) if b <= 12 else None
        if (day is None or day > published) and a <= 12:
            day = _day_in_year(published, a, b, year) or day  # "11/17/2023": month first
    elif kind == "ordinal":
        n = int(_g(m, kind, "d") or 0)
        month_start = published.replace(day=1)
        with contextlib.suppress(ValueError):
            day = month_start.replace(day=n)
            if day > published or _g(m, kind, "ult"):  # "the 28th" read on the 3rd: last month's
                prev = month_start - timedelta(days=1)
                day = prev.replace(day=n) if n <= prev.day else None
    elif kind == "weekend":
        sat = _latest_weekday(published, 5, strictly_before=False)
        if (_g(m, kind, "last") or "").lower().startswith("last") and published - sat < timedelta(
            days=2
        ):
            sat -= timedelta(days=7)  # "last weekend" read on a Sunday: the one before
        day, end, precision = sat, sat + timedelta(days=1), "range"
    elif kind == "weekday":
        if _g(m, kind, "next"):  # "next Tuesday": a day to come
            return DateResolution(None, None, text, "unknown", TO_COME, "event", *m.span())
        wd = WEEKDAYS[(_g(m, kind, "wd") or "").lower()]
        day = _latest_weekday(published, wd, strictly_before=bool(_g(m, kind, "last")))
        if _g(m, kind, "lastweek"):  # "on Tuesday last week": that day of the week before
            day = published - timedelta(days=published.weekday() + 7 - wd)
        since = bool(_g(m, kind, "since"))
    elif kind == "early_hours":
        wd = WEEKDAYS[(_g(m, kind, "wd") or "").lower()]
        tomorrow = published + timedelta(days=1)
        # a dispatch dated the evening before, by the clock of its desk
        day = (
            tomorrow
            if tomorrow.weekday() == wd
            else _latest_weekday(published, wd, strictly_before=False)
        )
        if day > published:
            return DateResolution(day, None, text, "day", "", "event", m.start(), m.end())
    elif kind == "relative":
        return DateResolution(
            None,
            None,
            text,
            "unknown",
            "an offset from another date",
            "event",
            m.start(),
            m.end(),
            offset_days=_offset(m),
        )
    elif kind == "report_day":
        return DateResolution(published, None, text, "day", REPORT_DAY, "event", *m.span())
    elif kind == "yesterday":
        day = published - timedelta(days=1)
    elif kind == "today":
        day = published
    elif kind == "earlier_month":
        day, end, precision = published.replace(day=1), published, "range"
    elif kind == "last_week":
        monday = published - timedelta(days=published.weekday() + 7)
        day, end, precision = monday, monday + timedelta(days=6), "range"
    elif kind == "this_week":
        day, end, precision = published - timedelta(days=published.weekday()), published, "range"
    elif kind == "past_days":
        n_text = (_g(m, kind, "n") or "2").lower()
        n = int(n_text) if n_text.isdigit() else NUMBER_WORDS.get(n_text, 3)
        if (_g(m, kind, "unit") or "").lower() == "hours":
            n = max(1, -(-n // 24))  # "the past 48 hours": two days
        day, end, precision = published - timedelta(days=n), published, "range"
    elif kind == "history_offset":
        return DateResolution(None, None, text, "unknown", HISTORY_SPAN, "event", *m.span())
    elif kind == "days_ago":
        n_text = (_g(m, kind, "n") or "1").lower()
        n = int(n_text) if n_text.isdigit() else NUMBER_WORDS.get(n_text, 1)
        unit = (_g(m, kind, "unit") or "").lower()
        if unit.startswith(("month", "year")):  # "four months ago": that month
            months = n * (12 if unit.startswith("year") else 1)
            day, end = _months_back(published, months)
            return DateResolution(day, end, text, "range", "", "event", *m.span())
        if unit == "hours":
            n //= 24  # "48 hours ago": two days; "12 hours ago": today
        day = published - timedelta(days=n * _UNIT_DAYS.get(unit.rstrip("s"), 1))
        if n_text in ("few", "several"):
            day, end, precision = day, published, "range"
    elif kind == "year_word":
        y = published.year - (1 if (_g(m, kind, "which") or "").lower() == "last" else 0)
        day, end, precision = date(y, 1, 1), min(date(y, 12, 31), published), "range"
    elif kind == "last_month":
        last = published.replace(day=1) - timedelta(days=1)
        day, end, precision = last.replace(day=1), last, "range"
    elif kind == "recent_days":
        day, end, precision = published - timedelta(days=7), published, "range"
    elif kind == "year":
        y = int(_g(m, kind, "y") or 0)
        if y >= published.year:
            reason = "the publication year names no day"
            return DateResolution(None, None, text, "unknown", reason, "event", *m.span())
        day, end, precision = date(y, 1, 1), date(y, 12, 31), "range"
        since = bool(_g(m, kind, "since"))
    elif kind == "in_month":
        mon = _g(m, kind, "mon") or ""
        lastm = bool(_g(m, kind, "lastm"))
        if lastm and not mon[:1].isupper():  # "their last march" is no month
            return DateResolution(None, None, text, "unknown", f"not a month: {text!r}")
        month = MONTHS[mon.lower()]
        year = _g(m, kind, "y")
        which = _g(m, kind, "ly")  # "in April last year", "since March this year"
        y = int(year) if year else published.year - (which == "last")
        if not (year or which) and (
            date(y, month, 1) > published or (lastm and month == published.month)
        ):
            y -= 1  # "last March" read in March: a year back
        day = date(y, month, 1)
        end = min(date(y, month, calendar.monthrange(y, month)[1]), published)
        precision = "range"
    if day is None:
        return DateResolution(
            None,
            None,
            text,
            "unknown",
            f"not a calendar date: {text!r}",
            start=m.start(),
            end=m.end(),
        )
    if day > published:
        return DateResolution(
            None,
            None,
            text,
            "unknown",
            f"{text!r} would fall after publication {published.isoformat()}",
            start=m.start(),
            end=m.end(),
        )
    if end is not None and end > published:
        end = published
    return DateResolution(day, end, text, precision, "", "event", m.start(), m.end(), since)


def _arabic_dates(text: str, published: date) -> list[DateResolution]:
    import dateparser  # lazy: dateparser is slow to import

    out = []
    for m in _ARABIC_DATE_RX.finditer(text):
        phrase = _ARABIC_MONTH_RX.sub(lambda a: LEVANTINE_MONTHS[a.group(0)], m.group(0))
        parsed = dateparser.parse(
            phrase,
            languages=["ar"],
            settings={"RELATIVE_BASE": _midnight(published), "PREFER_DATES_FROM": "past"},
        )
        if parsed is None or parsed.date() > published:
            continue
        out.append(
            DateResolution(parsed.date(), None, m.group(0), "day", "", "event", m.start(), m.end())
        )
    return out


def _midnight(d: date) -> datetime:
    return datetime(d.year, d.month, d.day)


def find_dates(
    text: str, published: date | None, *, anchor: date | None = None
) -> list[DateResolution]:
    """Every date phrase in ``text``, resolved against ``published``, in text order.

    With ``published`` None the phrases are still found, each unresolved with a reason.
    ``anchor`` is the date the story has reached (a neighbouring sentence's): offset phrases
    ("the following day") with no date before them in ``text`` count from it.
    """
    found: list[DateResolution] = []
    low = text.lower()
    if not _NEEDED_RX.search(low):
        return found  # no phrase of any form can be here (most sentences: fast path)
    for m in _RX.finditer(text):
        if _lowercase_may(m):
            continue
        if published is None:
            found.append(
                DateResolution(
                    None,
                    None,
                    m.group(0),
                    "unknown",
                    "publication date unknown",
                    "event",
                    m.start(),
                    m.end(),
                )
            )
        else:
            try:
                found.append(_unless_to_come(_resolve_match(m, published), text))
            except OverflowError:  # counted back from 1 January of year 1 (or on from 9999)
                found.append(
                    DateResolution(
                        None, None, m.group(0), "unknown", "date out of range", "event", *m.span()
                    )
                )
    if published is not None and _has_arabic(text):
        found.extend(_arabic_dates(text, published))
        found.sort(key=lambda d: d.start)
    if published is not None and any(d.offset_days is not None for d in found):
        found = _anchor_offsets(found, text, published, anchor)
    if any(d.reason == REPORT_DAY for d in found):
        found = _report_days(found)
    if len(found) > 1:
        found = _join_ranges(_weekday_and_date(found, text), text)
    return _nights(found, text)


#: A future tense or a plan just before a day in its clause ("will visit Moscow on Tuesday").
_FUTURE_BEFORE = re.compile(
    r"\b(?:will|shall|'ll|due\s+to|set\s+to|expected\s+to|scheduled\s+to|plans?\s+to"
    r"|planning\s+to)\b[^.;:,()\"\u201c\u201d]*$",
    re.IGNORECASE,
)
#: How far before a day phrase a future tense is looked for (characters).
_FUTURE_WINDOW = 60


def _unless_to_come(d: DateResolution, text: str) -> DateResolution:
    """``d`` unresolved when a future tense governs it: the day is to come, not past."""
    if d.date is None or d.precision != "day":
        return d
    if not _FUTURE_BEFORE.search(text[max(0, d.start - _FUTURE_WINDOW) : d.start]):
        return d
    return replace(d, date=None, precision="unknown", reason=TO_COME)


#: "this evening (Friday)", "today, Friday": the text names the day it calls today.
_NAMED_TODAY = re.compile(
    r"\b(?:today|tonight|this\s+(?:morning|evening|afternoon))\s*[(,]\s*(?:on\s+)?" + _WD + r"\b",
    re.IGNORECASE,
)
#: Phrases counted from the writer's day ("earlier today", "last night", "at dawn").
_DEICTIC = re.compile(
    r"(?:since\s+)?(?:(?:earlier|later)\s+)?(?:today|tonight|this\s+(?:morning|evening|afternoon)"
    r"|yesterday|last\s+night|overnight|(?:during|in)\s+the\s+night|(?:at|before)\s+dawn"
    r"|in\s+the\s+(?:early|small)\s+hours)",
    re.IGNORECASE,
)
#: How many days a desk's publication may trail the day its text calls today.
_WRITERS_LAG_DAYS = 2
#: How many days a paper may print a dispatch after the day its dateline names (a letter or a
#: cable from a far war: "LEIPZIG, Oct. 20. - ... yesterday" printed on Nov. 3).
_DATELINE_LAG_DAYS = 45


#: What follows a dateline's date: "KYIV, March 3 (Reuters) -", "MOSCOW, March 3. /TASS/.", or
#: the end of its line ("TRIPOLI, Oct. 23 (delayed in transmission).", "X, Sept. 13, 10 a.m.")
_DATELINE_TAIL = re.compile(
    r"(?:,\s*\d{1,2}(?:[.:]\d\d)?\s*[AaPp]\.?\s*[Mm]\b)?"  # "Aug. 20, 11 P.M.-"
    r"\.?\s*(?:\([^()]{2,40}\)\.?)?\s*(?:[-\u2013\u2014]+|\.\s*/|(?<=\n))"
    r"(?!\s*(?:\d{1,2}\s+[A-Z]|[A-Z][a-z]+\.?\s+\d))"
)  # not a range of dates ("13 May - 19 May:"); an older wire's "Oct. 29 (via London). --"
#: How far into its line a dateline's date may sit ("KYIV, Ukraine, March 3 (AP) -").
_DATELINE_LEAD = 40
#: How far an all-capitals line may run before its date.
_CAPS_DATELINE_LEAD = 70
#: How much of a text's start is looked at for a dateline.
_DATELINE_ZONE = 400


#: A line that opens with a place and a comma before its date: "LEIPZIG, October 20. The ...".
_PLACE_COMMA = re.compile(r"[A-Z][\w'’. -]{1,30},\s*(?:[A-Z][\w'’. -]{1,20},\s*)?")
#: "Oct. 20. The", "Nov. 20, 1805. The", "August 20: The"
_SENTENCE_TAIL = re.compile(r"(?:,\s*\d{4})?[.:]\s+(?=[A-Z])")


def is_dateline(d: DateResolution, text: str) -> bool:
    """True for a date at the head of a line that a dateline's tail follows ("(Reuters) -").

    A place and a comma before the date may be followed by a full stop alone ("LEIPZIG,
    October 20. The allied armies ...").
    """
    if d.start < 0 or d.precision != "day":
        return False
    line_start = text.rfind("\n", 0, d.start) + 1
    lead = text[line_start : d.start]
    if len(lead) >= (_CAPS_DATELINE_LEAD if lead.isupper() else _DATELINE_LEAD):
        return False  # (an old headquarters' line: "HEADQUARTERS OF THE ALLIED ARMIES, LEIPZIG,")
    if _DATELINE_TAIL.match(text, d.end):
        return True
    return bool(
        _PLACE_COMMA.fullmatch(text, line_start, d.start) and _SENTENCE_TAIL.match(text, d.end)
    )


@lru_cache(maxsize=256)
def _writers_day(text: str, published: date) -> date | None:
    """The day ``text`` calls today when that is not the publication day.

    It names it ("this evening (Friday)"), or its dateline does ("KYIV, March 3 (Reuters) -"
    in a dispatch published on March 4).
    """
    m = _NAMED_TODAY.search(text)
    day: date | None
    if m is not None:
        day = _latest_weekday(published, WEEKDAYS[m.group("wd").lower()], strictly_before=False)
    else:
        day = _dateline_day(text, published)
    return day if day is not None and 0 < (published - day).days <= _WRITERS_LAG_DAYS else None


#: A bulletin's own date named in the lead: "a bulletin, dated Leipzig, October 20, ...".
_DATED = re.compile(r"\bdated\s+(?:(?:at\s+)?[A-Z][\w'’. -]{1,30},\s*)?$")


@lru_cache(maxsize=256)
def _dateline_day(text: str, published: date) -> date | None:
    head = text[:_DATELINE_ZONE]
    return next(
        (
            d.date
            for d in find_dates(head, published)
            if is_dateline(d, head) or (d.precision == "day" and _DATED.search(head, 0, d.start))
        ),
        None,
    )


def dispatch_day(text: str, published: date) -> date | None:
    """The day a dispatch printed days after it was written names in its dateline, or None.

    "LEIPZIG, Oct. 20. - The allied armies yesterday took the city", printed on Nov. 3: its
    "yesterday", its weekdays and its "the 19th" all count from Oct. 20. A dateline a day or
    two before publication is a desk's lag, which :func:`on_writers_clock` handles.
    """
    day = _dateline_day(text, published)
    if day is None or not _WRITERS_LAG_DAYS < (published - day).days <= _DATELINE_LAG_DAYS:
        return None
    return day


def writers_today(text: str, published: date) -> date:
    """The day ``text`` is written on: its dateline's or named today, else publication."""
    return _writers_day(text, published) or published


def on_writers_clock(d: DateResolution, text: str, published: date | None) -> DateResolution:
    """``d`` counted from the writer's day when ``text`` names it ("this evening (Friday)").

    A dispatch written on Friday and published on Saturday says "earlier today" of Friday;
    only phrases counted from "today" move ("earlier today", "last night", "in the past 24
    hours" with no day before it), not named days.
    """
    if published is None or d.date is None or not d.text:
        return d
    if not (_DEICTIC.fullmatch(d.text) or d.reason == REPORT_DAY or d.from_today):
        return d
    today = _writers_day(text, published)
    if today is None:
        return d
    shift = published - today
    end = d.date_end - shift if d.date_end is not None else None
    return replace(d, date=d.date - shift, date_end=end)


#: A day phrase that ends in the evening or night ("on Friday evening", "late on Friday").
_EVENING = re.compile(r"\b(?:evening|night|late)\b", re.IGNORECASE)
#: A morning clock time ("at around 10:40 a.m.", "at 6 am").
_MORNING_CLOCK = re.compile(r"\b\d{1,2}(?::\d\d)?\s*a\.?m\b\.?", re.IGNORECASE)


def morning_after(d: DateResolution, text: str, published: date | None) -> DateResolution:
    """A carried evening ``d`` moved to the next day when ``text`` is at a morning clock time.

    "They reached the outskirts on Friday evening. ... entering the base at 10:40 a.m." is
    Saturday's morning; never after publication.
    """
    if (
        published is None
        or d.date is None
        or d.date >= published
        or not _EVENING.search(d.text or "")
        or not _MORNING_CLOCK.search(text)
    ):
        return d
    return replace(d, date=d.date + timedelta(days=1), date_end=None, precision="day")


def _lowercase_may(m: re.Match[str]) -> bool:
    """True for the verb "may" caught as a month ("it may develop in may" is not a date)."""
    kind = m.lastgroup or ""
    try:
        mon = m.group(f"{kind}_mon")
    except IndexError:
        return False
    return mon == "may"


def _has_arabic(text: str) -> bool:
    return not text.isascii() and any("\u0600" <= c <= "\u06ff" for c in text)


@lru_cache(maxsize=4096)
def resolve_date(phrase: str, published: date | None) -> DateResolution:
    """Resolve one date phrase ("on Sunday", "since December 16", "10 آذار 2020").

    Returns an unresolved :class:`DateResolution` with a reason when the phrase is not a date,
    when ``published`` is unknown, or when the date would fall after publication.
    """
    if published is None:
        return DateResolution(None, None, phrase, "unknown", "publication date unknown")
    found = find_dates(phrase, published)
    if found:
        return replace(found[0], start=-1, end=-1)
    import dateparser

    mapped = _ARABIC_MONTH_RX.sub(lambda a: LEVANTINE_MONTHS[a.group(0)], phrase)
    parsed = dateparser.parse(
        mapped, settings={"RELATIVE_BASE": _midnight(published), "PREFER_DATES_FROM": "past"}
    )
    if parsed is None:
        return DateResolution(None, None, phrase, "unknown", f"not a date phrase: {phrase!r}")
    if parsed.date() > published:
        return DateResolution(
            None,
            None,
            phrase,
            "unknown",
            f"{phrase!r} would fall after publication {published.isoformat()}",
        )
    return DateResolution(parsed.date(), None, phrase, "day", "dateparser")
