"""The words around a number that make it a figure, as patterns: a label before it ("page 3"), a currency, a scale,
a percent sign, an age, a range's two ends, an ending written onto it ("13th", "20km"). `figures` reads with them."""

from __future__ import annotations

import re

from ..figures import HYPHEN_UNITS
from .records import FigureKind
from .text import CAPITALS

LABELS = re.compile(
    r"(?i)\b(?:pages?|chapitres?|articles?|numéros?|n°|no\.|sections?|versions?|saisons?|épisodes?|chapters?|seasons?|episodes?"
    r"|steps?|étapes?|phases?|tomes?|volumes?|vol\.|figures?|fig\.|tableaux?|tables?|lignes?|lines?|salles?|rooms?|niveaux?|levels?"
    r"|rangs?|#)\s*$"
)
"""Words after which a number is a label ("page 3", "saison 2"), not a quantity."""
CURRENCY_AFTER = {
    "fr": re.compile(
        r"^\s*(?:(de\s+|d[’']\s*))?"
        r"((?:dollars?|euros?|livres(?:\ssterling)?|yens?|yuans?|francs(?:\ssuisses)?)(?![^\W\d_])|€|\$|£|¥)"
    ),
    "en": re.compile(r"^\s*()((?:dollars?|euros?|pounds?(?:\ssterling)?|yen|yuan|francs?)(?![^\W\d_])|€|\$|£|¥)"),
}
"""A currency after a number, a whole word ("14 franchises" is no amount in francs); group 1 is the "de" that only
follows a scale ("200 millions de dollars")."""
WINDOW = 200
WORD = re.compile(r"[\w&]+")
"""How far after a number its scale, currency or noun is looked for."""
BEFORE = 40
"""How far before a number its qualifier, currency symbol, month or label is looked for."""
QUANTITY_AFTER = re.compile(r"(?i)^\s*(%|pour\s?cent|per\s?cent|percent|milliards?|millions?|billions?|€|\$|£|dollars?|euros?)")
"""What makes a four-digit number an amount or a percentage rather than a year ("2015 euros")."""
# The patterns each number is read with, compiled once: a long text has tens of thousands of numbers.
TIME_BEFORE = re.compile(r"\d[:h]")
TIME_AFTER = re.compile(r"[:h]\d")
BARE_BEFORE = {
    "fr": re.compile(r"(?i)\b(?:atteint|atteignait|était|étaient|est|sont|à|contre|compte|comptait|totalise|totalisait)\s+$"),
    "en": re.compile(
        r"(?i)\b(?:hit|hits|reached|reach|totalled|totaled|totalling|totaling|was|were|is|are|of|to|from|than|compared with"
        r"|compared to|against|at)\s+(?:(?:about|around|nearly|almost|some|just|only|more than|over)\s+)?$"
    ),
}
"""Words after which a number's noun is the one before: "turnout was 1167", "passé à 1 400"."""
COMPARING = frozenset({"compared", "against", "versus", "up", "down", "last", "this", "next", "contre", "soit", "cette"})
"""Words a bare number may be followed by: "rose to 5,132,490 compared with", "28 cette année"."""
AGE_OF = re.compile(r"(?i)(?<!plus )(?<!moins )(?<!près )(?<!depuis )\b[^\W\d_]{3,}[’']?\w* de\s+$")
OF_WHAT = re.compile(r"\s+d[e’']")
AGE_BEFORE = re.compile(r"(?i)\b(?:aged|at the age of|age of|âgée?s? de|à l[’']âge de)\s+$")
AGE_AFTER = re.compile(r"\s*(?:ans\b|years? old\b)?\s*[,)]")
NAME_COMMA = re.compile(rf"([{CAPITALS}][^\W\d_’'-]*(?:[’'-][^\W\d_]+)*),\s*$")  # a word of letters: "C6, 50" is no age
SYMBOL_BEFORE = re.compile(r"(US\s?\$|\$|€|£|¥)\s*$")
SCALE_AFTER = re.compile(r"(?i)[\s-]+(milliards?|millions?|billions?|trillions?|thousand|bn|mn|bln|mln)\b")  # "$120-million"
SHARED_SCALE = re.compile(
    r"(?i)\s*(?:to|-|–|à|et|and)\s*(?:US\s?\$|\$|€|£)?\s*\d[\d.,]*\s*(milliards?|millions?|billions?|bn|mn|bln|mln)\b"
)
SHORT_SCALE = re.compile(r"\s*(Mds?|Md|M|k)(?=\s*[€$£])")
PERCENT_AFTER = re.compile(r"(?i)\s*(%|pour\s?cent|pourcents?|per\s?cent|percent)(?![\w])")
YEAR_AFTER = re.compile(r"\s*,?\s*\d{4}")
WORD_BEFORE = re.compile(r"([^\W\d_][\w&+-]*)\s$")
ACRONYM = re.compile(r"\s+([A-Z][A-Z0-9]*(?:&[A-Z]+)?)(?![\w&])")
NOUN = r"[^\W\d_]+(?:[-’'][^\W\d_]+)*|[A-Z][A-Z0-9]*&[A-Z]+"
NEXT_WORD = re.compile(rf"\s+({NOUN})")
SQUARED = re.compile(r"(?:(?<=\b[mM])|(?<=\bkm))[2²](?!\w)|(?i:(?<=\bsq)|(?<=\bsquare))[\s.-]*(ft|feet|foot|metres?|meters?|miles?)\b")
"""The second part of a surface's unit: "220 m2", "225,000 sq ft", "10,000 square feet"."""
RATE_UNIT = re.compile(r"\s*([^\W\d_]{1,3}/[^\W\d_]{1,3})(?![\w/])")
"""A unit per unit, written with a slash: "61 q/ha", "130 km/h"."""
DISTANCE_AFTER = re.compile(r"(?i)\s+(?:from|away|long|high|wide|tall|deep|race|sprint|freestyle|hurdles|butterfly|backstroke)\b")
"""After "400m" with no currency, words that make it metres: "lives just 400m from the site"."""
DOTTED = re.compile(r"\s+((?:[A-Z]\.){2,})")
AT_BEFORE = re.compile(r"(?i)(?:\b[aà]|\bvers|\bdès|jusqu[’']à|\bà\s+partir\s+de)\s+$")
"""Before a number of "heures", a time of day: "à 2 heures", "vers 18 heures", "dès 7 heures", "jusqu’à 22 heures" (not
"après 48 heures de garde à vue")."""
NOT_A_COUNT_AFTER = {
    "fr": re.compile(r"(?i)\s+(?:dixièmes?|centièmes?|millièmes?|tiers|quarts?|av\.?\s*J\.?-?C)\b"),
    "en": re.compile(r"(?i)\s+(?:tenths?|hundredths?|thousandths?|thirds?|B\.?C\.?E?|A\.?D\.?)(?!\w)|\s\d{3}(?!\d)"),
}
"""After a number, what makes it no count: a fraction's noun ("cinq centièmes", "two thirds"), an era ("1555 B.C."),
and in English a group of three digits after a space ("$1 089,68"), which reads as two numbers."""
IDIOM_AFTER = {"fr": re.compile(r"(?i)\s+(?:coins|vérités)\b"), "en": re.compile(r"(?i)\s+corners\b")}
"""After a number in words, an idiom's noun: "aux quatre coins de la France", "the four corners of the world"."""
VOTE_AFTER = {
    "fr": re.compile(r"(?i)\s+(?:pour|contre|abstentions?)\b(?!\s+(?:\d|un|une|deux|trois|le|la|les|l[’']))"),
    "en": re.compile(r"(?i)\s+(?:for|against|in favour|in favor|abstaining|abstained|abstentions?)\b(?!\s+(?:\d|the|a|an|one)\b)"),
}
VOTING = re.compile(r"(?i)\b(?:vot\w*|voix|scrutin|ballot|councillors|conseillers)\b")
"""A count of votes: "16 for and 45 against", "one against and three abstaining", in a sentence about a vote."""
YEAR_SPAN_BEFORE = re.compile(r"\b(?:1[89]|20)\d\d[-–/]$")
"""A year and the mark of a span right before a number: "2015-16", "2012/13" (the number is the year's end)."""
RATIO_BEFORE = re.compile(r"(?i)\b(?:one|1|un|une)\s+(?:in|out of|sur)\s+$")
CENTS_AFTER_SIGN = re.compile(r"(?<=€)(\d{2})(?!\d|[.,]\d)")
"""The cents of "39€50"."""
CENTS_AFTER = re.compile(r"\s+(\d{2})(?!\d|[.,]\d|\s*(?:%|€|euros?|ans|h\b))")
FEW_BEFORE = re.compile(r"(?i)\b(?:a few|few|several|quelques|plusieurs)\s+$")
HALF_BEFORE_UNIT = re.compile(r"\s+and\s+a\s+half\b")
HALF_AFTER_UNIT = re.compile(r"\s+et\s+demie?\b")
ELIDED = re.compile(r"(?i)(?:qu|[cdjlmnst])[’']")
CUT = re.compile(r"(?:[;:(—–]|(?<!\d),|,(?!\d))\s*")
"""Where a long sentence's clauses part: a comma (not the decimal one of "1,1 %"), a semicolon, a colon, a dash."""
ELLIPSIS_JOINT = {
    "fr": re.compile(
        r"(?i)(?:\bcontre|\bet|\bou|\bvoire|\bpuis|\bdont|\bsur|\()\s*"
        r"(?:(?:les|des|encore|seulement|environ|près de|plus de|moins de)\s+)?$"
    ),
    "en": re.compile(
        r"(?i)(?:\bagainst|\bversus|\bvs\.?|\bcompared (?:with|to)|\band|\bor|\ba further|\banother|\ban extra|\bplus"
        r"|\bincluding|\bof which|\bof whom|\bout of|\()\s*(?:(?:about|around|some|nearly|more than|over|only|just)\s+)?$"
    ),
}
"""The words of a comparison before a number that leaves its noun out ("contre 28", "and a further 12")."""
ELLIPSIS_REACH = 60
"""Characters at most between a count and the number that shares its noun."""
ATTACHED: dict[str, tuple[FigureKind, str]] = {
    **dict.fromkeys(("th", "st", "nd", "rd", "e", "er", "re", "ère", "ème"), ("rank", "")),
    "pc": ("percent", "%"),
    **{symbol: ("amount", symbol) for symbol in ("km", "kg", "cm", "mm", "mph", "ft", "ha", "kW", "MW")},
    **dict.fromkeys(("m²", "m2"), ("amount", "m²")),
    "KW": ("amount", "kW"),
    "p": ("amount", "p"),
    "C": ("amount", "°C"),
}
"""What a number's attached ending makes it: a rank ("13th", "115e"), a percentage ("17pc"), a measure ("20km", "32C",
"3200m²", "150ft"), pence ("39p")."""
EXCERPT_LIMIT = 220
"""Characters of a long sentence an excerpt keeps on each side of its figure."""
_TIME_NOUNS = (
    r"année|semaine|mois|week-end|matin|soir|après-midi|jour|printemps|été|automne|hiver|saison|lundi|mardi|mercredi|jeudi"
    r"|vendredi|samedi|dimanche|year|years|week|weeks|month|months|weekend|morning|afternoon|evening|spring|summer|autumn"
    r"|fall|winter|season|monday|tuesday|wednesday|thursday|friday|saturday|sunday|time|point"
)
IMPERSONAL = r"(?!\s+(?:y|faut|s[’']agit|reste|manque|suffit)\b)"
"""After "il": the "il" of "il y a", "il faut", "il reste" stands for nobody."""
ANAPHOR = re.compile(
    rf"(?:Il{IMPERSONAL}|Elle|Ils|Elles|Celui-ci|Celle-ci|Ceux-ci|Celles-ci|Ce dernier|Cette dernière|Ces derniers|Ces dernières"
    r"|Lui|Eux|Cela|Ceci|Soit|Alors|D[’']où|C[’']est|Le tout|L[’']ensemble|De quoi|Tout cela|He|She|It|They|His|Her|Its|Their|Hence"
    r"|All this|The whole)\b"
    rf"|(?:Ce|Cet|Cette|Ces|This|These|That|Those)\b(?!\s+(?i:{_TIME_NOUNS})\b)"
)
"""A sentence that starts with a pronoun: its figure's excerpt starts a sentence earlier, where the pronoun's noun is."""
FRAGMENT = re.compile(r"(?:Un|Une|Des|A|An)\s+[^\W\d_]+(?:[\s-][^\W\d_]+)?\s+(?:qui|que|qu[’']|dont|that|which|suivie?s?|followed)\b")
"""A sentence with no verb of its own, which says more of the one before: "Un tarif qui…", "Des bénévoles qui seront
répartis…", "Une demande suivie par le juge", "A move that…"."""
NAMED = re.compile(rf"(?<=[\w,;]\s)[{CAPITALS}][^\W\d_]+")
"""A capitalised word inside a sentence, after a word or a comma: a name, a place, an organisation ("l’université de
Bourgogne", "Wirral Council")."""
DEMONSTRATIVE = re.compile(rf"\b(?:[Cc]et|[Cc]ette|[Cc]es|[Tt]his|[Tt]hese|[Tt]hose)\s+(?!(?i:{_TIME_NOUNS})\b)[^\W\d_]")
"""A noun pointed at mid-sentence ("ces gendarmes", "this site"): what it points at is in an earlier sentence. "This year",
"cette semaine" are times, not referents; "CES de Las Vegas" is a name."""
HYPHEN_UNIT = re.compile(rf"-({HYPHEN_UNITS})(-olds?)?(?!\w)")
"""An English unit joined to its number: "a six-year mission", "the 19-year-old American" (lower case: "7-Eleven")."""
# A range's two ends, each opener with its own joint: "entre 27 et 34 minutes", "de 71 à 66 élèves",
# "between 20 and 30 people", "from 5 to 7 years". Without an opener, "gave 5 to 3 people" is no range.
RANGE_OPENER = {
    "fr": re.compile(r"(?i)(?:^|(?<=[\s(]))(entre|de)\s+$"),
    "en": re.compile(r"(?i)(?:^|(?<=[\s(]))(between|from)\s+$"),
}
RANGE_JOINT = {"entre": "et", "de": "à", "between": "and", "from": "to"}
RANGE_END = re.compile(r"(?i)\s+(et|à|ou|and|to|or)\s+|[-–](?=\d)")
_LISTED = {"fr": r"\d+(?:[.\s\u00a0\u202f]\d{3})*(?:,\d+)?", "en": r"\d+(?:,\d{3})*(?:\.\d+)?"}
LIST_AFTER = {lang: re.compile(rf"((?:\s*,\s*{number})+)?\s*,?\s+(?:et|ou|and|or)\s+(?=\d)") for lang, number in _LISTED.items()}
"""After a number of a list, its other numbers up to the last: ", 6.000 et " (group 1: the commas' numbers)."""
LIST_BEFORE = {lang: re.compile(rf"(?<![\w.,]){number}\s*,\s*$") for lang, number in _LISTED.items()}
"""Before the last but one number of a list, the one before it and its comma: "4.000, "."""
PART_OF = {
    "fr": re.compile(r"(?i)\s+(?:sur|parmi)\s+(?:les|ses|leurs|nos|vos|ces)\s+(?=\d)"),
    "en": re.compile(r"(?i)\s+(?:out\s+)?of\s+(?:the|its|their|his|her|our|your|these|those|all)\s+(?=\d)"),
}
"""Between a part and its whole: "29 of its 44 libraries", "17 sur les 580 trajets"."""
RANGE_REACH = 40
"""How far a range's second number may run: fifteen digits with their separators, or a few words."""
