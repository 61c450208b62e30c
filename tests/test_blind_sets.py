"""More sets of dispatches written for this project, each by a helper who did not run or read
the extractor while writing it (so the wording is not fitted to the rules), annotated in the
devset's format and scored by ``../shared/eval/score.py`` as the devset is.

- ``data/unseen_wars2.jsonl`` (36 dispatches: the devset's five wars in new wording and 15 other
  wars): event F1 0.675 when first measured, before any rule was written from its failures.
- ``data/unseen_wars3.jsonl`` (30 dispatches, annotated after the devset's own conventions):
  event F1 0.684 when first measured.
- ``data/unseen_wars4.jsonl`` (24 dispatches, 8 in the devset's wars and 16 in wars and eras
  no other file holds: Bosnia, Chechnya, Lebanon 1982 and 2006, Iraq 2003-04, Afghanistan 2001,
  Kosovo, Eritrea, Sierra Leone, South Sudan, CAR, Rakhine, Haiti, Mexico): event F1 0.581
  when first measured (the extractor as it was at the start of the session scored 0.580).
- ``data/unseen_wars5.jsonl`` (30 dispatches: 10 in the devset's wars, 20 in wars and eras no
  other file holds, from Croatia 1995 to Bangladesh 1971; its annotator also marks headline
  events, which the devset almost never does): event F1 0.621 with the extractor of the session
  that received it, measured before any rule was written from it.
- ``data/unseen_wars6.jsonl`` (30 dispatches after the devset's conventions, no headline events:
  10 in the devset's wars, 20 in wars no other file holds, from Korea 1950 to Kyrgyzstan 2022):
  event F1 0.701 with that session's starting extractor, 0.725 when it arrived mid-session,
  before any rule was written from it.
- ``data/unseen_wars7.jsonl`` (30 dispatches after the devset's conventions, 20 in wars no
  other file holds, from the Football War 1969 to Aceh 2003): received at the end of a session
  and measured once: event F1 0.690 with that session's starting extractor, 0.708 with its last.

- ``data/unseen_wars8.jsonl`` (30 dispatches after the devset's conventions, 20 in wars no
  other file holds, from Normandy 1944 to Swat 2009): received at the end of a session and
  measured once, nothing written from it: event F1 0.526 with that session's starting
  extractor, 0.562 with its last.
- ``data/unseen_wars9.jsonl`` (30 dispatches after the devset's conventions, 20 in wars and
  eras no other file holds, from the Boer War to Kirkuk 2017): written blind and received early
  in a session, measured once then (event F1 0.601) and kept unread while that session worked
  on the other sets, so its figure at the session's end is held out too.
- ``data/unseen_wars10.jsonl`` (30 dispatches, 20 in wars and eras no other file holds, from
  the Crimean War to Tigray 2021): written blind, measured when it arrived (event F1 0.602,
  with that session's starting extractor as well) and kept unread until the session's rules
  had been measured on it (0.602); its failures were read afterwards.
- ``data/unseen_wars11.jsonl`` (24 dispatches, 16 in wars no other file holds, from Verdun
  1916 to the Central African Republic 2021): written blind late in a session and never read:
  event F1 0.595 with that session's starting extractor, 0.611 with its last (read since).
- ``data/unseen_wars12.jsonl`` (30 dispatches, 20 in wars no other file holds, from Schleswig
  1864 to Israel-Iran 2025): written blind and measured when it arrived early in a session:
  event F1 0.526 (dates 0.724), the same with that session's starting extractor; kept unread.
- ``data/unseen_wars13.jsonl`` (24 dispatches, 16 in wars no other file holds, from India 1857
  to Afghanistan-Pakistan 2025): written blind in the same session and measured when it
  arrived, after that session's first rules: event F1 0.559 with its starting extractor,
  0.569 with the code of the moment (dates 0.759 -> 0.762); kept unread through that session.
  The next session read part of unseen_wars12 (its missed clashes, withdrawals and a few
  others) and kept unseen_wars13 unread (0.569 -> 0.579 over that session).
- ``data/unseen_wars14.jsonl`` (28 dispatches, 19 in wars no other file holds, from Italy 1859
  to Chiapas 1994; its annotator counts one event per type, place, side and day, no repeats):
  written blind and measured when it arrived: event F1 0.661 (dates 0.739) with that session's
  starting extractor and with the code of the moment; kept unread (0.658 at that session's end).
- ``data/unseen_wars15.jsonl`` (28 dispatches, 19 in wars no other file holds, from Quebec
  1759 to Amhara 2023): written blind and measured when it arrived, after that session's first
  rules: event F1 0.685 (dates 0.812, mentions 0.778), the same with its starting extractor.
- ``data/unseen_wars16.jsonl`` (28 dispatches, 19 in wars no other file holds, from the
  Peninsula 1812 to Daraa 2018): written blind in the same session, measured when it arrived:
  event F1 0.667 (dates 0.844, mentions 0.775), the same with that session's starting extractor.
  That session then measured its later rules on unseen_wars13-16 (aggregate figures only, no
  text read), so their later moves are no longer clean held-out figures.
- ``data/unseen_wars17.jsonl`` (28 dispatches, 19 in wars no other file holds, from Chesapeake
  1814 to Wagner 2023): written blind late in that session and measured once when it arrived:
  event F1 0.618 (dates 0.743, mentions 0.779) with the session's starting extractor, 0.635
  (dates 0.741) with its code of that moment; never read.
- ``data/unseen_wars18.jsonl`` (28 dispatches, 19 in wars no other file holds, from Yorktown
  1781 to Jubaland 2012): written blind at the start of the next session and measured when it
  arrived: event F1 0.684 (dates 0.764, mentions 0.776; 0.570 on the 19 new wars, 0.842 on the
  devset's), the same with that session's starting extractor; kept unread.
- ``data/unseen_wars19.jsonl`` (28 dispatches, 19 in wars no file holds, from Dutch Brazil 1630
  to Cameroon 2018): written blind in the same session, measured when it arrived: event F1
  0.560 (dates 0.833, mentions 0.651; 0.429 on the new wars, 0.763 on the devset's), the same
  with that session's starting extractor; kept unread.
- ``data/unseen_wars20.jsonl`` (28 dispatches, 19 in wars no file holds, from the English Civil
  War 1645 to al-Fashaga 2020, seven of them before 1800): written blind in the next session,
  measured when it arrived: event F1 0.509 (dates 0.792, mentions 0.731; 0.381 on the new wars,
  0.697 on the devset's), 0.509 with that session's starting extractor and 0.505 with the last
  one that had landed; kept unread, and measured again only at that session's end (0.518, dates
  0.784: the later rules moved it little).
- ``data/unseen_wars21.jsonl`` (28 dispatches, 19 in wars no file holds, from Magdeburg 1631 to
  Kivu 2008): written blind in the session after, measured when it arrived: event F1 0.574
  (dates 0.784, mentions 0.639; 0.498 on the new wars, 0.680 on the devset's) with the last
  landed extractor; 0.569 with that session's code of the moment, whose landing rule (a force
  that "landed at X" as an entry) cost it 0.005 and was dropped; kept unread. 30% of its located
  events sit at places the gazetteer does not hold (most with approximate coordinates: not in
  GeoNames); where the place resolves, recall is 0.68.
- ``data/unseen_wars22.jsonl`` (28 dispatches, 19 in wars no file holds, from Drogheda 1649 to
  Massawa 1990, dates of 1649 and 1790 in the Old Style as printed): written blind in the next
  session, measured when it arrived: event F1 0.567 (dates 0.819, mentions 0.797; 0.525 on the
  new wars, 0.649 on the devset's), the same with the last landed extractor and with that
  session's code of the moment; kept unread.
- ``data/unseen_wars23.jsonl`` (24 dispatches, 16 in wars no file holds, from Breda 1625 to
  Costa Rica 1948): written blind at the end of the same session and measured once: event F1
  0.525 (dates 0.862, mentions 0.755; 0.459 on the new wars, 0.625 on the devset's) with the
  last landed extractor; 0.519 with that session's code, whose longer apposition rule (a place
  described in up to six words before a distance) cost it 0.006 and was taken back; kept unread.
- ``data/unseen_wars24.jsonl`` (26 dispatches, 17 in wars no file holds, from Pavia 1525 to
  Anjouan 2008, dates of the 16th-17th centuries in the Old Style as printed): written blind in
  the next session, measured when it arrived: event F1 0.488 (dates 0.881, mentions 0.727; 0.357
  on the new wars, 0.693 on the devset's), the same with the last landed extractor; kept unread.
- ``data/unseen_wars25.jsonl`` (26 dispatches, 17 in wars no file holds, all of 1900-1990, from
  Maji Maji 1905 to Peru 1982): written blind in the same session by a second helper, measured
  when it arrived: event F1 0.611 (dates 0.734, mentions 0.872; 0.534 on the new wars, 0.731
  on the devset's), the same with the last landed extractor; kept unread.

Rules written since from their failures are general, each with a sentence of its own in
``test_parse.py``; the floors are today's figures rounded down, so a change that loses them
shows. The first-measured figures are the honest held-out ones.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from extract_evalkit import (
    actor_accuracy,
    assert_well_formed,
    extract_gold,
    gold_articles,
    load_scorer,
    placed,
    write_jsonl,
)
from test_devset import score

from gazetteer import default_gazetteer

DATA = Path(__file__).parent / "data"

#: name -> (event F1 floor, date accuracy floor): today's figures rounded down.
FLOORS = {
    "unseen_wars2": (0.80, 0.91),
    "unseen_wars3": (0.84, 0.93),
    "unseen_wars4": (0.70, 0.82),
    "unseen_wars5": (0.73, 0.94),
    "unseen_wars6": (0.83, 0.82),
    "unseen_wars7": (0.84, 0.84),
    "unseen_wars8": (0.69, 0.80),
    "unseen_wars9": (0.75, 0.91),
    "unseen_wars10": (0.65, 0.82),
    "unseen_wars11": (0.69, 0.81),
    "unseen_wars12": (0.59, 0.81),  # Tungchow placed: more events matched, some misdated
    "unseen_wars13": (0.60, 0.79),  # a siege that "remained" is found, dated by the story
    "unseen_wars14": (0.67, 0.82),
    "unseen_wars15": (0.70, 0.82),
    "unseen_wars16": (0.68, 0.86),
    "unseen_wars17": (0.64, 0.73),
    "unseen_wars18": (0.69, 0.79),  # 0.701 -> 0.699: one more withdrawal read (10682db)
    "unseen_wars19": (0.56, 0.84),  # 0.571 -> 0.569 with the "where" rule (166a906)
    "unseen_wars20": (0.53, 0.79),
    "unseen_wars21": (0.57, 0.78),
    "unseen_wars22": (0.56, 0.81),
    "unseen_wars23": (0.51, 0.86),  # 0.525 -> 0.519 with it; 14, 20, 24 rose
    "unseen_wars24": (0.48, 0.88),
    "unseen_wars25": (0.61, 0.73),
}


#: The devset's wars, whose sides the registry names as their annotators do.
DEVSET_REGIONS = frozenset({"syria_nw", "ukraine", "libya", "karabakh", "sudan"})


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_blind_set_is_well_formed(name):
    """Every gold surface and evidence sentence is in its text; every event's place is listed."""
    gold = gold_articles(DATA / f"{name}.jsonl")
    assert len(gold) >= 24
    assert_well_formed(gold)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_blind_set_events(name, shared_dir, tmp_path):
    path = DATA / f"{name}.jsonl"
    gold = gold_articles(path)
    _, events = extract_gold(gold, default_gazetteer())
    out = score(shared_dir, "events", path, write_jsonl(tmp_path / "e.jsonl", placed(events)))
    print(out)
    # sides, where the devset's registry names them (other wars' annotators write their own)
    registry = [a for a in gold if a.get("region") in DEVSET_REGIONS]
    right, total = actor_accuracy(load_scorer(shared_dir), registry, placed(events))
    print(f"actor accuracy on matched events of the devset's wars: {right}/{total}")
    f1 = float(re.search(r"^event F1 ([\d.]+)", out, re.M).group(1))
    dates = float(re.search(r"date accuracy ([\d.]+)$", out.splitlines()[-1]).group(1))
    f1_floor, date_floor = FLOORS[name]
    assert f1 >= f1_floor
    assert dates >= date_floor
