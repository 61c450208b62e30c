"""The trigger registry: event words as lemmas, with the prepositions that lead to their place.

One :class:`Trigger` entry covers every inflection and voice of a word ("capture", "captured",
"was captured", "capturing"). Each says how its place is reached in the dependency tree:

- ``direct``: the direct object (active) or the passive subject is the place ("seized X",
  "X was seized");
- ``preps``: prepositions whose object is the place ("advanced towards X", "pulled out of X");
- ``subject``: the active subject is the place ("X fell to the army");
- ``particle``: a required particle or adverb ("pull back", "cut off", "push out", "now hold");
- ``governors``: for a noun, the verbs or prepositions it must hang from ("took control of",
  "came under shelling": ``control`` under *take*, ``shelling`` anywhere);
- ``air``: the type when the actor is an aircraft, a missile or a drone (an "attack" by warplanes
  is a bombardment, a ground "attack" a clash);
- ``into``: the type when the place follows "into" (forces that "advanced into X" entered it);
- ``locative``: whether locative prepositions ("in", "near") also lead to the place: a capture
  or an entry names what was taken or entered, so "captured villages near X" is not at X;
- ``objects``: lemmas the direct object must have ("restored *security* to X");
- ``forces_object``: the direct object must be a fighting force ("pushed the enemy out of X");
- ``passive_type``: the type when the verb is passive, its subject the side that moved ("the
  rebels were driven out of X" is the rebels' withdrawal); ``"none"`` when the passive is no
  event ("X was evacuated": its civilians left);
- ``force_subject``: only a fighting force as the subject makes it an event;
- ``lost``: the subject gave the place up ("the army lost X", "lost control of X"): a capture
  by the side it faced.

Rules are written for how reporting is phrased in general, never for a particular text; a test
sentence written for the test suite covers each construction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from mapper.model import EVENT_TYPES

__all__ = [
    "LOCATIVE_PREPS",
    "PAST_TENSES",
    "TRIGGERS",
    "Trigger",
    "candidate_words",
    "gerund_verb",
    "lemma_of",
    "plain_trigger_type",
    "triggers_for",
]

#: Prepositions that locate any event ("fighting in X", "strikes near X").
LOCATIVE_PREPS = frozenset(
    {"in", "near", "around", "at", "outside", "inside", "within", "across", "along", "by"}
)
_TOWARD = frozenset({"towards", "toward", "to", "on", "into", "upon"})


@dataclass(frozen=True, slots=True)
class Trigger:
    """One event word and how its place and voice are read."""

    lemma: str
    type: str
    pos: str = "VERB"  # "VERB" or "NOUN"
    direct: bool = True
    preps: frozenset[str] = frozenset()
    subject: bool = False
    particle: str | None = None
    governors: frozenset[str] = frozenset()
    air: str | None = None  # the type when the actor fires or flies
    into: str | None = None  # the type when the place follows "into" ("advanced into X")
    confidence: float = 0.7
    locative: bool = True
    objects: frozenset[str] = frozenset()
    forces_object: bool = False
    passive_type: str | None = None  # the type in the passive, its subject the side that moved
    lost: bool = False  # the subject gave the place up: taken by the side it faced
    unless: frozenset[str] = frozenset()  # prepositions that make it another deed ("reduced to")
    force_subject: bool = False  # only a fighting force does it ("the garrison deserted X")


#: Older or formal spellings of a preposition: a rule that reads one reads the other
#: ("advancing upon X", "an attack upon X").
_VARIANT_PREPS = {"on": "upon"}


def _with_variants(preps: Iterable[str]) -> frozenset[str]:
    """The prepositions with their variants ("on" brings "upon")."""
    preps = frozenset(preps)
    return preps | {_VARIANT_PREPS[p] for p in preps if p in _VARIANT_PREPS}


def _v(lemmas: str, etype: str, preps: Iterable[str] = (), **kw: object) -> list[Trigger]:
    return [
        Trigger(lem, etype, "VERB", preps=_with_variants(preps), **kw)  # type: ignore[arg-type]
        for lem in lemmas.split()
    ]


def _n(lemmas: str, etype: str, preps: Iterable[str] = (), **kw: object) -> list[Trigger]:
    return [
        Trigger(lem, etype, "NOUN", direct=False, preps=_with_variants(preps), **kw)  # type: ignore[arg-type]
        for lem in lemmas.split()
    ]


_CONTROL_VERBS = frozenset(
    "take gain regain establish seize assume restore impose wrest retake extend reassert"
    " consolidate secure have claim".split()
)
#: Verbs of losing control: "lost control of X" is a capture of X by the other side.
_LOSS_VERBS = frozenset("lose cede relinquish surrender yield".split())
#: What "restored ... to X" must restore for a capture (state media's idiom).
_ORDER_NOUNS = frozenset("security stability control order calm peace safety".split())
_OF = ("of", "over")
#: What a side raises over a place it took ("planted their colours on the walls of X").
_FLAGS = frozenset(
    "flag flags banner banners colour colours color colors standard standards ensign".split()
)
#: What is fired, lobbed or launched at a place.
MUNITIONS = frozenset(
    "shell round rocket missile bomb mortar grenade projectile salvo volley munition shot".split()
)
#: Where a move goes or passes: "advanced towards/on/into X", "pushed near X".
_MOVE_PREPS = ("towards", "toward", "on", "to", "near", "around", "in", "at", "into", "beyond")

TRIGGERS: list[Trigger] = [
    # -- capture ------------------------------------------------------------------------
    # "pushed the enemy out of X", "drove the rebels from X": the pushing side took X
    *_v(
        "push drive force oust expel kick dislodge chase flush clear",
        "capture",
        ("out", "from", "of"),
        direct=False,
        forces_object=True,
        locative=False,
        passive_type="withdrawal",
    ),
    # "threw the enemy out of X" ("thrown back from X" is a repulse: see the clashes)
    *_v(
        "throw",
        "capture",
        ("out", "of"),
        particle="out",
        direct=False,
        forces_object=True,
        locative=False,
        passive_type="withdrawal",
    ),
    *_v(
        "capture recapture seize liberate retake overrun conquer occupy reoccupy free regain"
        " secure reclaim wrest snatch grab",
        "capture",
        ("of",),
        locative=False,
    ),
    *_v("take", "capture", (), confidence=0.6, locative=False),
    # "carried the village by storm", "the fort was carried by assault" (an older word; what
    # is "carried out" or carried to a place is no capture: the object is no place)
    *_v("carry", "capture", (), confidence=0.6, locative=False),
    # "our forces have reduced the fort" (an older word; "reduced X to rubble" is no capture)
    *_v("reduce", "capture", (), confidence=0.6, locative=False, unless=frozenset({"to"})),
    *_v("take", "capture", ("over",), particle="over", locative=False),
    *_v("take win claw", "capture", (), particle="back", locative=False),  # "took back X"
    *_v("control", "capture", (), confidence=0.6, locative=False),
    # "forces now hold X": a place that changed hands ("still hold X" is a status)
    *_v("hold", "capture", (), particle="now", confidence=0.6, locative=False),
    *_v("clear cleanse purge", "capture", (), confidence=0.6, locative=False),  # "cleansed X"
    # "mopped up the last resistance in X", "mopped up X"
    *_v("mop", "capture", ("in", "inside"), particle="up", locative=False),
    *_v("fall", "capture", (), direct=False, subject=True, locative=False),
    # "X surrendered to the British", "the garrison surrendered at X", "troops surrendered the
    # crossing": X changed hands, to the side after "to" (the subject is the side that lost it)
    *_v("surrender capitulate", "capture", ("in", "at"), subject=True, confidence=0.6),
    # "Ukraine lost X": taken by Ukraine's enemy; "X was lost to ..." names no side that moved
    *_v("lose", "capture", (), confidence=0.6, passive_type="none", locative=False, lost=True),
    *_v(
        "restore return bring",
        "capture",
        ("to", "in"),
        direct=False,
        objects=_ORDER_NOUNS,
        locative=False,
    ),
    *_n(  # "took control of X", "took possession of X", "were in full possession of X"
        "control charge possession",
        "capture",
        _OF,
        governors=_CONTROL_VERBS | {"under", "into", "in"},
        locative=False,
    ),
    *_n("control", "capture", _OF, governors=_LOSS_VERBS, locative=False, lost=True),
    *_n("loss", "capture", _OF, locative=False, lost=True),  # "since Russia's loss of X"
    *_n(
        "capture seizure liberation recapture takeover fall conquest occupation"
        " de-occupation deoccupation capitulation",
        "capture",
        _OF,
        locative=False,
    ),
    # "raised the flag over X" is a capture; a flag raised "in" or "on a building in" X an entry
    *_v(
        "raise hoist plant fly",
        "capture",
        ("over", "above"),
        direct=False,
        objects=_FLAGS,
        locative=False,
    ),
    *_n("hand", "capture", _OF, governors=frozenset({"into", "in"}), locative=False),
    # the older wording: "made themselves masters of X", "possessed themselves of X"
    *_n(
        "master masters",
        "capture",
        ("of",),
        governors=frozenset({"make", "become"}),
        locative=False,
    ),
    *_v("possess", "capture", ("of",), direct=False, locative=False),
    *_v("sack", "capture", (), confidence=0.6, locative=False),  # "the rebels sacked X"
    # "X opened its gates to the rebels": it gave itself up, to the side after "to"
    *_v(
        "open",
        "capture",
        (),
        direct=False,
        subject=True,
        objects=frozenset({"gate", "gates"}),
        locative=False,
    ),
    # -- entry --------------------------------------------------------------------------
    # "stormed the rebel defences in X": an assault at X, not an entry (before the entry)
    *_v(
        "storm",
        "clash",
        ("at", "in", "near", "around", "on", "of"),
        direct=False,
        objects=frozenset(
            "defense defence defenses defences position line fortification trench".split()
        ),
    ),
    *_v("enter reenter storm infiltrate penetrate", "entry", ("into",), locative=False),
    *_v(
        "break push move roll drive burst sweep penetrate infiltrate",
        "entry",
        ("into",),
        direct=False,
        locative=False,
    ),
    *_v("break push punch", "advance", ("through", "past"), direct=False, locative=False),
    # "broke through near X" (fighting that "broke out in X" is no advance)
    *_v(
        "break punch",
        "advance",
        ("near", "around", "at", "towards", "toward"),
        particle="through",
        direct=False,
    ),
    *_v("sweep", "entry", ("through",), direct=False, locative=False),  # "swept through X"
    *_v("pass", "entry", ("through",), direct=False, locative=False),  # "passing through X"
    # "the Ethiopians came in with tanks": into the place the story is about
    *_v("come move roll drive march pour", "entry", (), particle="in", direct=False),
    # "made inroads into X", "made headway towards X"
    *_v(
        "make",
        "advance",
        ("into", "in", "towards", "toward", "near", "around"),
        direct=False,
        objects=frozenset({"inroad", "inroads", "headway"}),
    ),
    *_v("breach pierce", "advance", ("through",), locative=False),  # "breached the
    # defences of X": its edge, not X itself ("penetrated X" is an entry: see above)
    *_v("penetrate", "advance", ("through",), direct=False, locative=False),
    *_v(
        "raise hoist plant fly",
        "entry",
        ("in", "on", "at"),
        direct=False,
        objects=_FLAGS,
    ),
    # "established positions in X", "established a foothold inside X"
    *_v(
        "establish",
        "entry",
        ("in", "inside"),
        objects=frozenset({"position", "foothold", "presence", "themselves"}),
        locative=False,
    ),
    *_n("entry incursion foothold", "entry", ("into", "in", "inside", "to")),
    # "forced an entrance into X", "made it into X" ("the entrance of X" is its edge)
    *_n(
        "entrance",
        "entry",
        ("into",),
        governors=frozenset({"force", "make", "effect", "gain"}),
        locative=False,
    ),
    *_v("make", "entry", ("into",), direct=False, objects=frozenset({"it"}), locative=False),
    # "rebel columns were seen in X", "Russian troops were spotted inside X": forces present
    *_v(
        "see spot sight film photograph",
        "entry",
        ("in", "inside"),
        direct=False,
        forces_object=True,
        locative=False,
        passive_type="entry",
    ),
    # "Uhlans were seen at X", "patrols have been sighted near X": forces come up to it
    *_v(
        "see spot sight film photograph",
        "advance",
        ("at", "near", "outside", "around"),
        direct=False,
        forces_object=True,
        locative=False,
        passive_type="advance",
    ),
    # -- advance ------------------------------------------------------------------------
    *_v(
        "advance progress move press head proceed edge inch approach get come march roll"
        " race speed thrust surge dash ride pour stream swarm converge creep crawl slip sneak"
        " gallop trot clatter lumber rumble trundle filter hurry hasten scramble",
        "advance",
        _MOVE_PREPS,
        direct=False,
        into="entry",
    ),
    # "their offensive swept south towards X" ("swept the area near X" is a search)
    *_v("sweep", "advance", ("towards", "toward", "on"), direct=False, locative=False),
    # "pursuing the remnants towards X": the pursuers go towards X
    *_v("pursue chase", "advance", ("towards", "toward", "to"), direct=False, locative=False),
    # "pushed towards X"; a force that "was driven/pushed" from somewhere was forced back
    *_v("push drive", "advance", _MOVE_PREPS, direct=False, into="entry", passive_type="none"),
    # "arrived near X" is an advance, "arrived in X" an entry
    *_v(
        "arrive",
        "advance",
        ("towards", "toward", "near", "around", "at", "outside", "on"),
        direct=False,
        into="entry",
        locative=False,
    ),
    *_v("arrive", "entry", ("in", "inside"), direct=False, locative=False),
    *_v("aim", "target", ("for",), direct=False),  # "appeared to be aiming for X"
    *_v("eye", "target", (), locative=False),  # "the rebels are eyeing X"
    *_n("reconnaissance", "advance", ("towards", "toward", "on", "upon"), locative=False),
    # "the army is on the outskirts of X", "troops were reported at the gates of X" (a force
    # that is there; "fighting on the outskirts of X" is a clash, "the camp is on ..." none)
    *_n(
        "outskirts gates gate approaches doorstep",
        "advance",
        ("of", "to"),
        governors=frozenset({"be", "report", "arrive", "appear", "stand"}),
        forces_object=True,
        locative=False,
    ),
    # "the army is encamped within a league of X", "encamped before X"
    *_v(
        "encamp",
        "advance",
        ("near", "before", "outside", "around", "at"),
        direct=False,
        locative=False,
    ),
    # what was reached is the object: "a deal reached in X" is no advance on X
    *_v("approach near reach", "advance", ("towards", "toward"), locative=False),
    *_v("close", "advance", ("on", "upon"), particle="in", direct=False),  # "closed in on X"
    # "drew closer to X", "drew near to X"
    *_v("draw", "advance", ("to", "towards", "toward"), particle="closer", direct=False),
    *_v("draw", "advance", ("to", "towards", "toward"), particle="near", direct=False),
    # "fought their way into X", "pushed their way towards X"
    *_v(
        "fight make push force battle blast work shoot pick wend thread",
        "advance",
        ("into", "to", "towards", "toward", "through"),
        direct=False,
        objects=frozenset({"way"}),
        into="entry",
    ),
    *_v("gain", "advance", ("near", "around", "towards", "toward", "in"), direct=False),
    # "improved their tactical positions near X" (a ministry's word for ground gained)
    *_v(
        "improve",
        "advance",
        ("near", "around", "in", "at"),
        direct=False,
        objects=frozenset({"position", "positions"}),
    ),
    # "crossed the river near X" (the river is no place of the event), "crossed into X"
    *_v("cross", "advance", ("near", "at", "around"), direct=False, into="entry"),
    # "their push towards X", "massing for a drive on X", "the thrust towards X": an operation
    # aimed at X (a "push near X" is ground gained; "a two-hour drive to X" is a trip)
    *_n("push drive thrust", "target", ("on", "upon", "towards", "toward"), locative=False),
    *_n("advance advancement progress push breakthrough gain", "advance", _MOVE_PREPS),
    # "their march on X" (a "march in X" may be a protest)
    *_n("march", "advance", ("on", "upon", "towards", "toward"), locative=False),
    # a force "on its way to X", "en route to X", "in sight of X", "within striking distance
    # of X" ("on the way to X, the convoy was hit": no force is the subject)
    *_n(
        "way route",
        "advance",
        ("to", "towards", "toward", "for"),
        governors=frozenset({"on", "en"}),
        forces_object=True,
        locative=False,
    ),
    *_n(  # ("within a day's march of X", "within two marches of X", "within reach of X")
        "sight distance march marches reach range",
        "advance",
        ("of",),
        governors=frozenset({"in", "within"}),
        forces_object=True,
        locative=False,
    ),
    # "heading for X", "made for X", "set out for X", "bearing down on X", "closing on X"
    *_v("head make", "advance", ("for",), particle="for", direct=False, locative=False),
    *_v("set start", "advance", ("for", "towards", "toward"), particle="out", direct=False),
    *_v("bear", "advance", ("on", "upon"), particle="down", direct=False, locative=False),
    *_v("close", "advance", ("on", "upon"), direct=False, locative=False),
    # "appeared before X", "sent forward to X", "followed up the enemy as far as X"
    *_v("appear", "advance", ("before", "outside"), direct=False, locative=False),
    *_v(
        "send push",
        "advance",
        ("to", "towards", "toward"),
        particle="forward",
        direct=False,
        passive_type="advance",
    ),
    *_v("follow", "advance", ("to", "towards", "toward"), particle="up", direct=False),
    # -- encirclement -------------------------------------------------------------------
    *_v(
        "encircle surround besiege blockade trap envelop isolate enclose girdle beset beleaguer",
        "encirclement",
        ("around", "round"),
    ),
    # "the garrison was shut up in X", "bottled up inside X", "boxed in at X", "choked off X"
    *_v("shut bottle", "encirclement", ("in", "inside", "at"), particle="up"),
    *_v("shut box", "encirclement", ("in", "inside", "at"), particle="in"),
    *_v("choke", "encirclement", ("off",), particle="off", locative=False),
    # "X is invested by the Second Army", "columns that had ringed the capital"
    *_v("invest ring cordon", "encirclement", (), locative=False),
    *_v("seal", "encirclement", ("around",), particle="off"),  # "to seal X off"
    *_v("cut", "encirclement", ("off",), particle="off"),
    # "cut the last road into X", "severed the supply route into X", "all routes out of X"
    # ("the roads to Y" may run anywhere: a road to Y from a besieged X is no siege of Y)
    *_v(
        "cut sever",
        "encirclement",
        ("into", "out"),
        direct=False,
        objects=frozenset("road roads route routes line lines artery arteries".split()),
    ),
    *_n(
        "encirclement siege blockade cauldron pocket investment",  # "the investment of X"
        "encirclement",
        ("of", "on", "to", "around", "in"),
    ),
    # "closing the pincers around X", "tightened a ring around X", "a cordon around X"
    *_n("pincer pincers noose ring cordon", "encirclement", ("around", "round", "on")),
    *_n("grip", "encirclement", ("around",)),  # "tightened its grip around X" ("on X": control)
    # "the army sat down before X", "the garrison is hemmed in" (the older wording of a siege)
    *_v("sit", "encirclement", ("before",), particle="down", direct=False),
    *_v("hem", "encirclement", ("in",), particle="in"),
    # -- target -------------------------------------------------------------------------
    *_n(
        "offensive counteroffensive counter-offensive operation campaign",
        "target",
        ("on", "against", "towards", "toward", "to", "into", "for"),
    ),
    *_n("stone gateway springboard objective goal", "target", ("towards", "toward", "to", "for")),
    # "the next target is X", "named X as the next target"
    *_n("target", "target", (), governors=frozenset({"be", "as"}), locative=False),
    # "opened a new front towards X": the direction of a new attack
    *_n(
        "front",
        "target",
        ("towards", "toward", "against"),
        governors=frozenset({"open"}),
        locative=False,
    ),
    # "set its sights on Y", "turned its attention to Y"
    *_n("sight sights", "target", ("on", "upon"), governors=frozenset({"set"}), locative=False),
    *_n(
        "attention focus",
        "target",
        ("to", "towards", "toward", "on"),
        governors=frozenset({"turn", "shift", "switch", "refocus"}),
        locative=False,
    ),
    # "concentrating its forces near X", "massed troops outside X": what they gather for
    *_v(
        "concentrate mass amass",
        "target",
        ("near", "around", "outside", "on"),
        direct=False,
        objects=frozenset({"force", "forces", "troop", "troops", "unit", "units", "reserve"}),
        locative=False,
    ),
    # -- clash --------------------------------------------------------------------------
    *_v(
        "clash fight battle engage repel repulse thwart foil counterattack counter-attack"
        " skirmish ambush rout defeat harass",
        "clash",
        ("in", "near", "around", "at", "for", "on", "outside", "inside", "over", "through"),
    ),
    # "the insurgents assailed X", "troops are contesting every street of X", "the Austrians
    # disputed the bridge at X", "the enemy was encountered at X"
    *_v("assail contest dispute", "clash", ("in", "near", "around", "at", "for")),
    *_v("encounter", "clash", ("in", "near", "around", "at"), direct=False),
    *_v("hold", "clash", (), particle="back"),
    # "met stiff resistance at X", "crushed the last resistance in X" (a place that "held
    # out" or "resisted for years" is a story, not a fight)
    *_n(
        "resistance",
        "clash",
        ("at", "in", "near", "around", "outside", "inside"),
        governors=frozenset(
            {"meet", "encounter", "face", "overcome", "crush", "break", "offer", "put"}
        ),  # ("offered stubborn resistance at X", "put up resistance in X")
    ),
    # "the enemy made a stand at X", "the army inflicted heavy losses on the rebels at X" (a
    # minister's stand, a decision's losses: none)
    *_n(
        "stand",
        "clash",
        ("at", "near", "in", "outside", "before"),
        governors=frozenset({"make"}),
        force_subject=True,
    ),
    *_v(
        "inflict",
        "clash",
        ("at", "near", "in", "around", "outside"),
        direct=False,
        objects=frozenset("loss losses casualties defeat".split()),
        force_subject=True,
    ),
    # "made a sortie from X": the garrison's attack out of it (aircraft fly sorties too)
    *_n(
        "sortie sally",
        "clash",
        ("from", "at", "near", "against", "on"),
        governors=frozenset({"make", "attempt", "try"}),
    ),
    # "a sharp action near X", the older word for an engagement ("action in X" is any action)
    *_n("action", "clash", ("near", "at", "off", "before", "outside"), locative=False),
    # "the cavalry charged at X" (a court's charge names no place "at")
    *_v("charge", "clash", ("at", "near", "on"), direct=False, locative=False),
    # "their forces were still resisting in the area", "the garrison resisted at X"
    *_v("resist", "clash", ("in", "near", "around", "at", "inside"), direct=False),
    # "the Home Army rose against the Germans in X": an uprising there
    *_v("rise revolt", "clash", ("in", "at", "inside"), particle="against", direct=False),
    # "beat back probes near X", "beat off an attack east of X", "threw back the attackers"
    *_v("beat throw", "clash", ("in", "near", "around", "at", "on", "outside"), particle="back"),
    # "pushed back Russian units near X": repelled them there ("pushed back towards X": moved)
    *_v(
        "push drive",
        "clash",
        ("in", "near", "around", "at", "on", "outside"),
        particle="back",
        direct=False,  # the object is the force pushed back, not the place
        forces_object=True,
    ),
    *_v("beat", "clash", ("in", "near", "around", "at", "on", "outside"), particle="off"),
    # "X had changed hands several times": fought over
    *_v("change", "clash", (), direct=False, subject=True, objects=frozenset({"hand", "hands"})),
    # "stopped 23 enemy attacks near X", "halted an assault on X", "the spearhead was halted
    # near X", "the advance was checked at X" ("stopped shelling X" is none)
    *_v(
        "stop halt check blunt stem",
        "clash",
        ("in", "near", "around", "at", "on", "outside"),
        direct=False,
        objects=frozenset(
            "attack attacks assault assaults advance advances offensive attempt attempts spearhead"
            " column thrust push drive counterattack counteroffensive".split()
        ),
    ),
    *_v("fend", "clash", ("near", "in", "around", "at", "on"), particle="off"),  # "fended off"
    *_v(
        "exchange trade",
        "clash",
        ("in", "near", "around", "at", "on", "outside"),
        direct=False,
        objects=frozenset({"fire", "blow", "shot", "gunfire"}),
    ),
    *_v("attack assault raid", "clash", ("in", "near", "around", "at", "on"), air="bombardment"),
    *_n(
        "clash fighting fight battle skirmish firefight combat counterattack counter-attack"
        " confrontation hostility exchange ambush shooting shootout gunfight gunfire engagement"
        " duel",
        "clash",
        ("in", "near", "around", "at", "for", "on", "outside", "inside", "over", "of", "between"),
    ),
    *_n(
        "attack assault storming raid",
        "clash",
        ("on", "against", "in", "near", "at", "around"),
        air="bombardment",
    ),
    # -- bombardment --------------------------------------------------------------------
    *_v(
        "shell bomb pound bombard strike hit blast pummel target rocket strafe hammer batter rake"
        " blitz",
        "bombardment",
        ("on", "in", "at", "near", "around", "upon"),
    ),
    *_v("rain", "bombardment", ("on", "down", "upon"), direct=False),
    # what fire from the air or guns left of a place: "dive-bombers devastated X", "artillery
    # levelled the centre of X" (a flood that devastated X, bulldozers that razed it: no fire)
    *_v("devastate level flatten raze", "bombardment", (), locative=False, force_subject=True),
    # "aircraft laid waste to X"; "bombers swooped on X"; "the batteries opened upon X"
    *_v("lay", "bombardment", ("to",), direct=False, objects=frozenset({"waste"})),
    *_v("swoop", "bombardment", ("on", "upon"), direct=False, locative=False),
    *_v("open", "bombardment", ("on", "upon"), direct=False, locative=False, force_subject=True),
    *_v("cannonade", "bombardment", ("on", "in", "at", "near", "around")),
    # "our batteries played upon X" (the older wording)
    *_v("play", "bombardment", ("upon",), direct=False, locative=False),
    *_v("slam", "bombardment", ("into",), direct=False),  # "a missile slammed into X"
    # "lobbed mortar rounds into X", "launched rockets at X" (the parser may hang the
    # preposition on the munition)
    *_v(
        "fire launch lob hurl pour throw drop unload dump rain",
        "bombardment",
        ("at", "on", "into", "onto", "towards", "toward", "over"),
        direct=False,
        objects=MUNITIONS,
        locative=False,
    ),
    # "fired rockets at X", "a tank fired at X" (a verb; "opened fire on" is the noun)
    *_v(
        "fire",
        "bombardment",
        ("at", "on", "into", "towards", "toward", "upon"),
        direct=False,
        locative=False,  # "fired its director in X" is no fire
    ),
    # "came under artillery fire", "opened fire on X", "poured fire into X"
    *_n(
        "fire",
        "bombardment",
        ("on", "at", "against", "into", "in", "near", "upon"),
        # ("responded with rocket fire on X", "hit back with artillery fire on X")
        governors=frozenset(
            {"under", "open", "direct", "pour", "rain", "concentrate", "with", "subject"}
            | {"take", "draw", "receive", "keep", "resume", "maintain"}
            | MUNITIONS
        ),  # "subjected X to artillery fire", "X took fire", "received rounds of fire", "kept
        # up an incessant fire upon X", "resumed its fire upon X"
    ),
    *_n(
        "shelling bombing bombardment strike airstrike air-strike barrage raid shell bomb missile"
        " rocket explosion blast artillery drone cannonade",
        "bombardment",
        ("on", "in", "at", "near", "against", "around", "targeting", "of", "upon"),
    ),
    # -- withdrawal ---------------------------------------------------------------------
    *_v("retreat flee abandon quit relinquish vacate", "withdrawal", ("from", "of", "out")),
    # "the garrison deserted X" ("deserted streets", "X is nearly deserted": empty, no deed)
    *_v("desert", "withdrawal", ("from",), force_subject=True, passive_type="none"),
    # "the enemy is in full flight from X", "took flight from X" (an airliner's flight: none)
    *_n("flight", "withdrawal", ("from",), governors=frozenset({"in", "take"})),
    *_v("decamp", "withdrawal", ("from",), direct=False),  # "the enemy decamped from X"
    *_v("escape", "withdrawal", ("from", "out"), direct=False),  # "the garrison escaped"
    *_v("retire", "withdrawal", ("from", "out"), direct=False, locative=False),  # "retiring from X"
    # "units were withdrawn from X": the units' withdrawal
    *_v("withdraw", "withdrawal", ("from", "of", "out"), passive_type="withdrawal"),
    # "the army evacuated X" is a withdrawal; "X was evacuated" is its civilians leaving
    *_v("evacuate", "withdrawal", ("from", "of", "out"), passive_type="none"),
    # "troops were ordered out of X", "Kyiv ordered its units out of X"
    *_v(
        "order",
        "withdrawal",
        ("from", "of", "out"),
        particle="out",
        direct=False,
        passive_type="withdrawal",
    ),
    *_v(  # "defenders streamed out of the city", "the garrison marched out"
        "pull move slip stream pour march",
        "withdrawal",
        ("from", "of", "out"),
        particle="out",
        direct=False,
    ),
    # "fought their way out of X", "the garrison cut its way out"
    *_v(
        "fight cut battle force shoot",
        "withdrawal",
        ("out", "of", "from"),
        particle="out",
        direct=False,
        objects=frozenset({"way"}),
    ),
    # the euphemisms of a retreat: "regrouped its troops from the X area"
    *_v(  # ("regrouped in X": where they went)
        "regroup reposition redeploy relocate disengage",
        "withdrawal",
        ("from",),
        direct=False,
        locative=False,
    ),
    *_v("pull", "withdrawal", ("from", "of"), particle="back", direct=False),
    # a force's way out of a place, whatever carried it: "the last column rumbled out of X",
    # "troops were airlifted out of X", "rebels broke out of the city" (a minister who flew
    # out of X is no force; "fighting broke out in X" names no place it left)
    *_v(
        "fly sail rumble trundle roll ride creep sneak airlift ship ferry break clear",
        "withdrawal",
        ("out", "of", "from"),
        particle="out",
        direct=False,
        locative=False,
        passive_type="withdrawal",
        force_subject=True,
    ),
    # "stole away from X", "melted away from X", "drew back from X", "streaming back from X"
    *_v(
        "steal slip melt fade sneak creep draw ride march move stream hurry",
        "withdrawal",
        ("from",),
        particle="away",
        direct=False,
        locative=False,
        force_subject=True,
    ),
    *_v(
        "draw stream move march ride hurry",
        "withdrawal",
        ("from",),
        particle="back",
        direct=False,
        locative=False,
        force_subject=True,
    ),
    # "the last troops sailed from X", "the garrison departed X", "re-embarked at X"
    *_v("depart", "withdrawal", ("from",), locative=False, force_subject=True),
    *_v("sail", "withdrawal", ("from",), direct=False, locative=False, force_subject=True),
    *_v(
        "embark re-embark reembark",
        "withdrawal",
        ("from", "at"),
        direct=False,
        locative=False,
        force_subject=True,
    ),
    *_v("leave", "withdrawal", (), confidence=0.5),
    *_v("run", "withdrawal", ("from", "out"), particle="away", direct=False),  # "ran away"
    # "rebels handed over X to the army"
    *_v("hand", "withdrawal", (), particle="over", confidence=0.6, locative=False),
    *_v("fall", "withdrawal", ("from", "out"), particle="back", direct=False),  # "fell back from X"
    *_n(
        "withdrawal retreat pullout pull-out pullback pull-back evacuation exit",
        "withdrawal",
        ("from", "of"),
    ),
    # a side's own words for it: "a tactical redeployment from X"
    *_n("redeployment repositioning regrouping relocation", "withdrawal", ("from",)),
]

#: Irregular forms the cheap pre-filter must know (the parse gives lemmas, the filter does not).
_IRREGULAR = {
    "take": ("took", "taken", "taking", "takes"),
    "see": ("saw", "seen", "seeing", "sees"),
    "fall": ("fell", "fallen", "falls", "falling"),
    "strike": ("struck", "strikes", "striking", "strike"),
    "fight": ("fought", "fighting", "fights"),
    "break": ("broke", "broken", "breaking", "breaks"),
    "drive": ("drove", "driven", "driving", "drives"),
    "overrun": ("overran", "overrun", "overrunning", "overruns"),
    "withdraw": ("withdrew", "withdrawn", "withdrawing", "withdraws"),
    "flee": ("fled", "fleeing", "flees"),
    "leave": ("left", "leaving", "leaves"),
    "lose": ("lost", "losing", "loses"),
    "hit": ("hit", "hitting", "hits"),
    "cut": ("cut", "cutting", "cuts"),
    "sweep": ("swept", "sweeping", "sweeps"),
    "shell": ("shelled", "shelling", "shells"),
    "burst": ("burst", "bursting", "bursts"),
    "have": ("has", "had", "have"),
    "gain": ("gained", "gaining", "gains"),
    "retake": ("retook", "retaken", "retaking", "retakes"),
    "lay": ("laid", "laying", "lays"),
    "beat": ("beat", "beaten", "beating"),
    "shoot": ("shot", "shooting"),
    "begin": ("began", "begun"),
    "hold": ("held", "holding", "holds"),
    "get": ("got", "gotten", "getting", "gets"),
    "come": ("came", "coming", "comes"),
    "send": ("sent", "sending", "sends"),
    "eye": ("eyed", "eyeing", "eyes"),
    "bear": ("bore", "borne", "bearing", "bears"),
    "set": ("set", "setting", "sets"),
    "bring": ("brought", "bringing", "brings"),
    "win": ("won", "winning", "wins"),
    "trade": ("traded", "trading", "trades"),
    "ambush": ("ambushed", "ambushing", "ambushes"),
    "fly": ("flew", "flown", "flying", "flies"),
    "make": ("made", "making", "makes"),
    "run": ("ran", "running", "runs"),
    "ride": ("rode", "ridden", "riding", "rides"),
    "rise": ("rose", "risen", "rising", "rises"),
    "draw": ("drew", "drawn", "drawing", "draws"),
    "throw": ("threw", "thrown", "throwing", "throws"),
    "lob": ("lobbed", "lobbing", "lobs"),
    "stem": ("stemmed", "stemming", "stems"),
    "steal": ("stole", "stolen", "stealing", "steals"),
    "creep": ("crept", "creeping", "creeps"),
    "beset": ("beset", "besetting", "besets"),
    "shut": ("shut", "shutting", "shuts"),
}
#: Form -> lemma for the forms the lemmatizer gets wrong ("retook" stays "retook").
_LEMMA_OF = {form: lemma for lemma, forms in _IRREGULAR.items() for form in forms}
#: Past tenses that are never nouns: one the parser heads a noun phrase with ("The GNA retook
#: Gharyan": "retook" a noun, "Gharyan" its apposition) is still the verb.
PAST_TENSES = frozenset(
    "took retook overran withdrew fled fought swept drove struck broke won seized captured"
    " recaptured liberated shelled stormed entered overrun retaken taken".split()
)


def _forms(lemma: str) -> set[str]:
    """The lemma and its regular inflections (a superset is fine: it only pre-filters)."""
    base = lemma.lower()
    stem = base[:-1] if base.endswith("e") else base
    out = {base, base + "s", base + "es", stem + "ed", stem + "ing", base + "d", base + "ed"}
    if base.endswith("y"):
        out |= {base[:-1] + "ies", base[:-1] + "ied"}
    if re.search(r"[^aeiou][aeiou][bdglmnprt]$", base):  # "trap" -> "trapped"
        out |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    out |= set(_IRREGULAR.get(base, ()))
    return out


@lru_cache(maxsize=1)
def candidate_words() -> frozenset[str]:
    """Lower-case word forms of every trigger: a sentence with none of them is not parsed."""
    words: set[str] = set()
    for t in TRIGGERS:
        words |= _forms(t.lemma)
    return frozenset(words)


@lru_cache(maxsize=1)
def _by_lemma() -> dict[tuple[str, str], tuple[Trigger, ...]]:
    table: dict[tuple[str, str], list[Trigger]] = {}
    for t in TRIGGERS:
        table.setdefault((t.lemma, t.pos), []).append(t)
    return {k: tuple(v) for k, v in table.items()}


@lru_cache(maxsize=1)
def _plain_types() -> dict[str, str]:
    table: dict[str, str] = {}
    for t in TRIGGERS:
        if t.particle or t.governors or t.objects or t.forces_object:
            continue  # needs its context in the tree to be a trigger at all
        for form in _forms(t.lemma):
            table.setdefault(form, t.type)
    return table


def plain_trigger_type(word: str) -> str | None:
    """The event type of a word that is a trigger on its own ("seized", "fighting"), or None.

    For sentences that name no place and are not parsed: their trigger words are reported as
    event phrases with no place.
    """
    return _plain_types().get(word.lower())


@lru_cache(maxsize=1)
def _regular_lemmas() -> tuple[frozenset[str], dict[str, str]]:
    """Registry lemmas, and each registry verb's regular forms -> its lemma (first one wins)."""
    table: dict[str, str] = {}
    for t in TRIGGERS:
        if t.pos == "VERB":
            for form in sorted(_forms(t.lemma)):
                table.setdefault(form, t.lemma)
    return frozenset(t.lemma for t in TRIGGERS), table


def lemma_of(word: str, lemma: str) -> str:
    """The registry lemma of a word: the parser's, unless the word is a known irregular form.

    A parser lemma that is no registry word, of a regular form of a registry verb, is that
    verb's ("reoccupied": the model's "reoccupie" is *reoccupy*).
    """
    low = word.lower()
    if low in _LEMMA_OF:
        return _LEMMA_OF[low]
    known, regular = _regular_lemmas()
    parsed = lemma.lower()
    return parsed if parsed in known else regular.get(low, parsed)


def gerund_verb(word: str) -> str | None:
    """The registry verb of an -ing form ("retaking" -> retake, "shelling" -> shell), or None."""
    low = word.lower()
    if not low.endswith("ing") or len(low) < 6:
        return None
    stem = low[:-3]
    forms = (_LEMMA_OF.get(low), stem, stem + "e", stem[:-1] if stem[-1] == stem[-2] else None)
    return next((f for f in forms if f and triggers_for(f, "VERB")), None)


def triggers_for(lemma: str, pos: str) -> tuple[Trigger, ...]:
    """Registry entries for a token's lemma and coarse part of speech (VERB or NOUN)."""
    return _by_lemma().get((lemma.lower(), pos), ())


assert {t.type for t in TRIGGERS} <= set(EVENT_TYPES)
