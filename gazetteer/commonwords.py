"""Common words that are also place names somewhere, and the rule that keeps them unplaced.

GeoNames has a village for almost every English word ("Human", "Most", "Regime", "Army"...).
A dispatch uses them as words, so a name made *only* of such words (case ignored) resolves to
no place, reason ``"common word"``, unless the caller's context makes it a place: an exact key
match that lies inside the ``country`` asked for, or within 50 km of ``near`` or of a place the
article already resolved. The list holds English and French function words, weekday and month
names and their abbreviations ("Dec", "Sun"), news vocabulary of war reporting, frequent
nouns, adjectives and verbs, and the generic terms of Arabic and Slavic place names ("Tal",
"Kafr", "Deir", "Nova") when they stand alone.
"""

from __future__ import annotations

__all__ = ["COMMON_WORDS", "is_common"]

_TEXT = """
a about above across after again against all almost along also although always am among an
and another any are around as at away back be because been before being below between both but
by can could did do does down during each either else enough even ever every few for from
further had has have he her here hers him his how however i if in into is it its just least
less many may me might more most much must my near neither never new next no nor not now of
off often on once one only or other our out over own per perhaps same she should since so some
still such than that the their them then there these they this those though through thus to
too under until up upon us very via was we were what when where whether which while who whom
whose why will with within without would yet you your
monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
mon tue tues wed thu thur thurs fri sat sun jan feb mar apr jun jul aug sep sept oct nov dec
today tomorrow yesterday morning evening night week weekend month year day days hour
lundi mardi mercredi jeudi vendredi samedi dimanche janvier fevrier mars avril mai juin
juillet aout septembre octobre novembre decembre
le la les de des du un une et ou au aux en dans sur sous par pour avec sans entre vers chez
army regime front center centre observatory human rights forces force troops rebels rebel
government state states military police people group groups war battle attack attacks
killed dead dire wounded civilians civilian fighters fighter militants militant jihadists
elder elders
opposition offensive operation operations ministry defence defense minister president
agency news report reports reported source sources monitor town city village villages
area areas region province north south east west northern southern eastern western central
border road highway airport base bridge river hill mountain valley lake sea coast island
union council committee republic national international united nations world
air ground strike strikes shelling fire rocket rockets missile missiles drone drones
tank tanks gun guns soldier soldiers officer officers commander commanders general
control positions position line lines zone zones point points side sides camp camps
aid help water food peace deal talks ceasefire truce agreement
good great old young long high low big small little first last second third half
red white black green blue gold golden silver
man men woman women child children family home house market school hospital church mosque
water well spring summer winter autumn fall rain snow sun moon star
victory hope liberty freedom independence progress friendship unity glory pride
king queen prince princess lord saint holy
time life death love peace power
media file photo photos image video click share subscribe update watch read
justice liberation salvation accord alliance movement
"""
_WORDS = _TEXT.split()

# Generic terms of Arabic and Ukrainian/Russian place names ("tell" = hill, "kafr" = village,
# "nova" = new): a name part, not a name, when it stands alone.
_GENERIC_TEXT = """
tal tel tell tall tala jabal jebel jbel wadi ouadi khirbet khirbat kherbet khirbit kafr kfar
kafer kefr deir dayr dair ain ayn bir nahr qasr qalaat qalat khan maarat maaret marat umm um
abu abou ras sheikh shaykh cheikh sahl mazraa mazraat tall tallat hay haret qaryat
nova novyi novyy novo novaya nove stara staryi staryy velyka mala malaya bolshaya selo
"""
_GENERIC = _GENERIC_TEXT.split()

#: Lower-case words that are never, alone, taken as a place without context.
COMMON_WORDS = frozenset(_WORDS) | frozenset(_GENERIC)
_ORDINARY = frozenset(_WORDS)


def is_common(tokens: list[str]) -> bool:
    """True for one common word or generic term, or several words that are all common words.

    A generic term names a place together with another word ("Tal As", "Kafr Nabl"), so only
    a lone generic term counts.
    """
    if len(tokens) == 1:
        return tokens[0].lower() in COMMON_WORDS
    return bool(tokens) and all(t.lower() in _ORDINARY for t in tokens)
