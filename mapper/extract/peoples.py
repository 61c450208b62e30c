"""Peoples as sides: the country a nationality names ("Israeli tanks", "the Indians" -> india).

In a war no side registry knows (:data:`mapper.extract.actors.WAR_SIDES`), a force is kept as
the text names it; a force named by its nationality ("Israeli troops", "Israeli tanks", "the
Israelis", "Israel") is one side, its country, so a map's legend shows one side and not four.
Peoples that are no state of their own ("Kurdish fighters", "Tamil rebels") stay as written.
"""

from __future__ import annotations

__all__ = ["COUNTRY_OF_PEOPLE", "country_of"]

#: Nationality adjective -> the country it names, lower case (as the registry's sides are).
#: Historical states are listed for the wars the press reported under them.
COUNTRY_OF_PEOPLE: dict[str, str] = {
    "afghan": "afghanistan",
    "albanian": "albania",
    "algerian": "algeria",
    "american": "united states",
    "angolan": "angola",
    "argentine": "argentina",
    "argentinian": "argentina",
    "armenian": "armenia",
    "australian": "australia",
    "austrian": "austria",
    "azerbaijani": "azerbaijan",
    "belgian": "belgium",
    "bolivian": "bolivia",
    "brazilian": "brazil",
    "british": "britain",
    "bulgarian": "bulgaria",
    "burmese": "myanmar",
    "burundian": "burundi",
    "cambodian": "cambodia",
    "cameroonian": "cameroon",
    "canadian": "canada",
    "chadian": "chad",
    "chilean": "chile",
    "chinese": "china",
    "colombian": "colombia",
    "croatian": "croatia",
    "cuban": "cuba",
    "czech": "czechia",
    "danish": "denmark",
    "dutch": "netherlands",
    "egyptian": "egypt",
    "emirati": "united arab emirates",
    "eritrean": "eritrea",
    "ethiopian": "ethiopia",
    "filipino": "philippines",
    "finnish": "finland",
    "french": "france",
    "georgian": "georgia",
    "german": "germany",
    "ghanaian": "ghana",
    "greek": "greece",
    "guatemalan": "guatemala",
    "haitian": "haiti",
    "honduran": "honduras",
    "hungarian": "hungary",
    "indian": "india",
    "indonesian": "indonesia",
    "iranian": "iran",
    "iraqi": "iraq",
    "irish": "ireland",
    "israeli": "israel",
    "italian": "italy",
    "ivorian": "ivory coast",
    "japanese": "japan",
    "jordanian": "jordan",
    "kenyan": "kenya",
    "kuwaiti": "kuwait",
    "lebanese": "lebanon",
    "liberian": "liberia",
    "libyan": "libya",
    "malian": "mali",
    "mexican": "mexico",
    "moldovan": "moldova",
    "moroccan": "morocco",
    "mozambican": "mozambique",
    "nicaraguan": "nicaragua",
    "nigerian": "nigeria",
    "nigerien": "niger",
    "norwegian": "norway",
    "ottoman": "ottoman empire",
    "pakistani": "pakistan",
    "paraguayan": "paraguay",
    "peruvian": "peru",
    "polish": "poland",
    "portuguese": "portugal",
    "prussian": "prussia",
    "romanian": "romania",
    "russian": "russia",
    "rwandan": "rwanda",
    "salvadoran": "el salvador",
    "saudi": "saudi arabia",
    "senegalese": "senegal",
    "serbian": "serbia",
    "soviet": "soviet union",
    "spanish": "spain",
    "sudanese": "sudan",
    "swedish": "sweden",
    "syrian": "syria",
    "tanzanian": "tanzania",
    "thai": "thailand",
    "tunisian": "tunisia",
    "turkish": "turkey",
    "ugandan": "uganda",
    "ukrainian": "ukraine",
    "venezuelan": "venezuela",
    "vietnamese": "vietnam",
    "yemeni": "yemen",
    "zambian": "zambia",
    "zimbabwean": "zimbabwe",
}

_COUNTRIES = frozenset(COUNTRY_OF_PEOPLE.values())


def country_of(word: str) -> str | None:
    """The country a nationality word or a country's name names ("Israelis" -> "israel")."""
    low = word.lower()
    if low in COUNTRY_OF_PEOPLE:
        return COUNTRY_OF_PEOPLE[low]
    if low in _COUNTRIES:
        return low
    if low.endswith("s") and low[:-1] in COUNTRY_OF_PEOPLE:  # "the Israelis"
        return COUNTRY_OF_PEOPLE[low[:-1]]
    return None
