"""The words the rules know, in French and English. Lower case unless said otherwise."""

from __future__ import annotations

import re

LANGUAGES = ("fr", "en")
"""The languages `quizgen draft` reads, and writes its questions in."""


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Sentences and languages

ABBREVIATIONS = _word_set(
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Inc Ltd Co Corp Jr Sr St Mt No Nos vs etc approx Gov Sen Rep Gen Col Lt"
    " Sgt Prof Dr Mr Mrs Ms Messrs Mme Mlle MM Mgr av apr janv févr avr juil déc cf env hab mln bln bn Ph Ave Blvd Dept Univ"
    " Fig fig p pp Vol vol Ed ed"
)
"""Words whose full stop does not end a sentence ("Oct. 3", "Acme Inc. said", "M. Dupont")."""


STOPWORDS = {
    "fr": _word_set(
        "a à ai as au aux avec c ce ces cet cette chez comme d dans de des du elle elles en entre est et été être il ils j je l la le"
        " les leur leurs lui m ma mais me même mes moi mon n ne ni nos notre nous on ont ou où par pas plus moins pour qu que qui s"
        " sa sans se ses si son sont sur t ta te tes toi ton tous tout toute toutes tu un une vos votre vous y après avant très aussi"
        " dont donc or car puis alors vers sous lors ainsi déjà encore"
    ),
    "en": _word_set(
        "a an and are as at be been being but by can could did do does for from had has have he her his i if in into is it its more"
        " most no not of on or our she so some such than that the their them then there these they this those to up was we were"
        " what when where which who will with would you your after before about over under per each"
    ),
}
"""Function words: never the noun a figure counts, never the word a cloze hides."""
DETECTION = {
    "fr": _word_set("le la les des du et est une dans pour que qui sur au aux avec ce cette sont pas ne il elle nous vous leur été"),
    "en": _word_set("the and of to is was that for with this are from by have has it its which were be been not they their will"),
}
"""Words frequent in one language and rare in the other, to guess the article's language."""

# People and who speaks

PREPOSITIONS = _word_set(
    "à au aux avec de du des d par pour auprès chez contre sans sur sous entre vers envers malgré via comme"
    " by with to of for from at about against than between among like into onto upon toward towards versus behind"
)
"""A name right after one of these is an object ("invité par Pierre Gattaz"), never the speaker."""
TITLES = _word_set("M Mme Mlle Mr Mrs Ms Dr Pr Sir Dame Cllr Coun")
"""Capitalised, without their full stop: what a name may start after ("M. Dupont")."""
OPENING_WORDS = _word_set(
    "pour selon avec après avant depuis pendant quand chez dans sur sous par mais et ou si for with after before when"
    " according while since as but and or if in on at to from by"
)
"""Words a sentence may open on before a name, never a name's own ("Pour Aymeric Broussaud, …"; not "Le Pen", "Will Smith")."""
NAME_PARTICLES = _word_set("de du des van von der den da di del della le bin al")
"""The small words inside a name ("Charles de Gaulle")."""
FIRST_NAMES = _word_set(
    # French
    "Adrien Agnès Ahmed Alain Alexandre Alexis Alice Amélie Anne Anne-Marie Anne-Sophie Antoine Arnaud Arthur Audrey Aurélie Axel"
    " Axelle Baptiste Bastien Benjamin Benoît Benoit Bernard Bertrand Brigitte Bruno Camille Caroline Catherine Cécile Cédric"
    " Céline Charles Charlotte Chloé Christian Christine Christophe Claire Clara Claude Clément Corinne Damien Daniel Delphine"
    " Denis Didier Dominique Édouard Edouard Élisabeth Elisabeth Élise Emma Emmanuel Emmanuelle Éric Estelle Étienne Fabien"
    " Fabrice Fatima Fleur Florence Florian François Françoise Franck Frédéric Frédérique Gabriel Gaëlle Gérard Gilles Grégoire"
    " Guillaume Hélène Henri Hervé Hubert Hugo Inès Isabelle Jacques Jean Jean-Baptiste Jean-Claude Jean-François Jean-Louis"
    " Jean-Luc Jean-Marc Jean-Marie Jean-Michel Jean-Noël Jean-Paul Jean-Pierre Jean-Yves Jérôme Joël Julie Julien Juliette"
    " Karim Laurence Laurent Léa Leïla Léo Lionel Loïc Louis Louise Luc Lucie Ludovic Manon Manuel Marc Marcel Margaux Marie"
    " Marie-Claire Marine Marion Martine Mathieu Mathilde Matthieu Maurice Maxime Mehdi Michel Michèle Mohamed Monique Nadia"
    " Najat Nathalie Nicolas Noémie Octave Olivier Pascal Pascale Patrice Patricia Patrick Paul Pauline Philippe Pierre Quentin"
    " Rachid Rachida Raphaël Raymond Rémi Rémy René Robert Roger Romain Sabine Samuel Sandrine Sébastien Ségolène Serge Simon"
    " Simone Sophie Stéphane Stéphanie Sylvain Sylvie Thibault Thierry Thomas Valentin Valérie Véronique Victor Vincent Virginie"
    " Xavier Yann Yannick Yves Zoé"
    # English and international
    " Aaron Abigail Adam Alan Albert Alex Alexander Ali Alicia Amanda Amy Andrea Andrew Angela Ann Anna Anthony Ashley Barack"
    " Barbara Ben Benjamin Betty Bill Bob Boris Brian Bruce Carl Carlos Carol Carolyn Chris Christopher Craig Cynthia Dan Dave"
    " David Deborah Dennis Diana Diane Donald Donna Doug Douglas Drew Edward Elena Elizabeth Ellen Elon Emily Evan Frank Gary"
    " George Giulia Greg Gregory Hannah Hans Harold Harry Heather Helen Henry Hillary Ian Jack Jacob Jacqueline James Jamie Jane"
    " Janet Jason Jay Jeff Jeffrey Jennifer Jenny Jensen Jeremy Jerry Jessica Jim Jimmy Joe John Johnny Jon Jonathan Jordan"
    " Jorge Jose José Joseph Joshua Joyce Juan Judith Julia Justin Karen Kate Katherine Kathleen Katie Keith Kelly Ken Kenneth"
    " Kevin Kim Klaus Larry Laura Lauren Lawrence Linda Lisa Liz Lucy Luis Marco Margaret Maria Mario Marissa Mark Martha Mary"
    " Matt Matthew Megan Melissa Meg Michael Michelle Mike Miguel Nancy Natalie Nathan Nick Nicole Olivia Omar Pamela Patrick"
    " Peter Philip Priya Rachel Raj Ravi Rebecca Reed Richard Rick Rob Ron Ronald Ruth Ryan Sam Samantha Sandra Sara Sarah Satya"
    " Scott Sean Sergey Sharon Sheryl Stefan Stephen Steve Steven Sundar Susan Sven Ted Teresa Terry Tim Timothy Tom Tony Travis"
    " Ursula Victoria Vladimir Walter Wayne William Yuki"
)
"""Capitalised: a run of capitalised words that starts with one of these is a person's name."""
ROLE_NOUNS = _word_set(
    "président présidente vice-président vice-présidente pdg p-dg président-directeur présidente-directrice directeur directrice"
    " fondateur fondatrice cofondateur cofondatrice co-fondateur co-fondatrice patron patronne porte-parole ministre maire"
    " député députée sénateur sénatrice secrétaire responsable chef dirigeant dirigeante associé associée chercheur chercheuse"
    " professeur professeure économiste analyste avocat avocate ingénieur ingénieure journaliste délégué déléguée administrateur"
    " administratrice gérant gérante conseiller conseillère commissaire gouverneur ambassadeur ambassadrice investisseur"
    " créateur créatrice rédacteur rédactrice adjoint adjointe"
    " president vice-president chairman chairwoman chair chairperson ceo cfo cto coo cio founder co-founder cofounder chief"
    " director head spokesperson spokesman spokeswoman minister secretary mayor senator governor professor researcher economist"
    " analyst manager partner executive editor lawyer engineer author investor ambassador commissioner boss creator vp svp evp"
    " préfet préfète sous-préfet sous-préfète entraîneur entraîneuse capitaine chancellor premier coach captain contrôleur"
    " contrôleuse consultant consultante juge procureur procureure magistrat magistrate lieutenant colonel commandant"
    " councillor councilor alderman judge magistrate prosecutor inspector superintendent sergeant constable detective headteacher"
    " headmaster headmistress principal treasurer trustee"
)
"""A phrase that starts with one of these, next to a name, gives that person's role ("X, patron du MEDEF")."""
ROLE_PREFIXES = _word_set(
    "ancien ancienne former nouveau nouvel nouvelle new actuel actuelle current senior vice deputy executive general premier première"
)
"""Words a role may start with, before its noun ("ancien ministre", "former CEO")."""

# Dates
MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"),
    "en": ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"),
}
MONTH_ABBREVIATIONS = {
    "fr": ("janv", "févr", "avr", "juil", "sept", "oct", "nov", "déc"),
    "en": ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
}
"""Months as news agencies shorten them ("Oct. 15", "Dec 8, 2021")."""
MONTH_NAMES = frozenset(MONTHS["fr"] + MONTHS["en"])
"""The months of both languages: a name never runs on into one, nor into a day."""
DAYS = _word_set("lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday friday saturday sunday")

# Numbers and figures

NUMBER_WORDS = {
    "fr": {
        "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11,
        "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30,
        "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100, "cents": 100, "mille": 1000,
    },
    "en": {
        "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
        "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
        "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90, "hundred": 100, "thousand": 1000,
    },
}  # fmt: skip
"""Numbers in words. Not "un", "une" or "one": they are articles and pronouns far more often than numbers."""
ROUND_NUMBERS = {
    "fr": {
        "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "quarantaine": 40,
        "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1000,
    },
    "en": {"dozen": 12},
}  # fmt: skip
"""Nouns of a round number, which the article gives as approximate ("une cinquantaine", "a dozen")."""
SCALES = {
    "milliard": 10**9, "milliards": 10**9, "million": 10**6, "millions": 10**6, "billion": 10**9, "billions": 10**9,
    "trillion": 10**12, "thousand": 1000, "bn": 10**9, "mn": 10**6, "m": 10**6, "k": 1000, "tn": 10**12,
    "md": 10**9, "mds": 10**9, "bln": 10**9, "mln": 10**6,
}  # fmt: skip
"""Words and suffixes that multiply the number before them ("200 millions", "$3.5bn", "10 Mds €")."""
CURRENCY_SYMBOLS = {"$": "dollars", "us$": "dollars", "€": "euros", "£": "livres", "¥": "yens"}
CURRENCY_SYMBOLS_EN = {**CURRENCY_SYMBOLS, "£": "pounds", "¥": "yen"}
"""The unit a currency symbol stands for, in a French article and in an English one."""
TIME_UNITS = _word_set(
    "an ans année années mois jour jours semaine semaines heure heures minute minutes seconde secondes siècle siècles décennie"
    " décennies year years month months week weeks day days hour hours second seconds decade decades century centuries"
)
"""Nouns that make a count a duration ("quinze ans")."""
LEADING_ADJECTIVES = _word_set(
    "new more other additional extra major small large big young local full-time part-time different separate top leading key"
    " nouveaux nouvelles grands grandes petits petites jeunes autres principaux principales gros grosses premiers premières"
    " prochains prochaines derniers dernières seuls seules"
)
"""Adjectives that may stand between a number and its noun ("3 new stores", "5 grands groupes")."""
PLURAL_ALWAYS = _word_set(
    "people children men women staff police cattle sheep fish deer aircraft feet teeth mice geese data media personnel crew"
    " livestock offspring series species headquarters fois prix mille"
)
"""Nouns that count more than one without a plural ending ("300 people", "deux fois")."""
MEASURES = _word_set(
    "metre meter foot acre mile litre liter gallon tonne ton hectare barrel seat seater storey story bedroom bed kilowatt megawatt"
    " kilometre kilometer yard inch"
)
"""Units an English count is written with in the singular before its noun: "a 29 metre turbine", "a 67 acre site", "a
180-seater plane"."""
DETERMINERS = _word_set("cette ce cet ces la le les l un une des du de chaque this that these those the a an each every per par")
"""Words that start a noun phrase of their own: "28 cette année" counts no years."""
QUALIFIERS = {
    "fr": r"plus\s+de|moins\s+de|près\s+de|environ|quelque|à\s+peu\s+près|au\s+moins|au-delà\s+de|jusqu[’']à|pas\s+moins\s+de"
    r"|presque|autour\s+de|quasiment",
    "en": r"more\s+than|over|at\s+least|less\s+than|fewer\s+than|under|nearly|almost|about|around|approximately|roughly|some"
    r"|up\s+to|upwards\s+of|in\s+excess\s+of|close\s+to|no\s+more\s+than",
}
"""The words before a number that make it approximate or a bound, as a regex alternation per language."""
ABOUT = {
    "fr": re.compile(r"(?i)(?:près\s+de|environ|quelque|à\s+peu\s+près|presque|autour\s+de|quasiment)"),
    "en": re.compile(r"(?i)(?:nearly|almost|about|around|approximately|roughly|some|close\s+to)"),
}
"""The qualifiers of an approximate figure (not a bound: "more than", "plus de" say the number the text gives)."""

# Who speaks

SPEECH_VERBS = _word_set(
    # French, as the verb of an attribution clause: "a déclaré X", "explique-t-il", "X ajoute :"
    "dit dire déclare déclaré déclarait explique expliqué expliquait ajoute ajouté ajoutait précise précisé précisait indique"
    " indiqué indiquait affirme affirmé affirmait assure assuré assurait souligne souligné soulignait estime estimé estimait"
    " confie confié confiait raconte raconté racontait rappelle rappelé rappelait poursuit poursuivi conclut conclu lance lancé"
    " lançait martèle martelé insiste insisté reconnaît reconnu admet admis note noté observe observé commente commenté"
    " résume résumé détaille détaillé annonce annoncé confirme confirmé répond répondu renchérit exclame exclamé exclamée"
    " sourit souri plaisante plaisanté plaisantait réjouit réjoui réjouie regrette regretté déplore déploré prévient prévenu"
    " avertit averti tempère tempéré nuance nuancé glisse glissé souffle soufflé témoigne témoigné rassure rassuré promet"
    " promis juge jugé dénonce dénoncé réagit réagi lâche lâché ironise ironisé rapporte rapporté mentionne mentionné"
    " renseigne renseigné tranche tranché commence commencé continue continué enchaîne enchaîné reprend repris complète"
    " complété développe développé justifie justifié interroge interrogé retient retenu analyse analysé constate constaté"
    " s’exclame s'exclame"
    " ajouter confirmer préciser expliquer souligner indiquer rappeler conclure insister commenter résumer noter observer"
    " assurer affirmer estimer reconnaître lancer poursuivre témoigner détailler nuancer regretter prévenir"
    # English
    " said says say told tells added adds explained explains noted notes stated states wrote writes argued argues asked asks"
    " replied replies warned warns insisted insists continued continues announced announces declared declares confirmed"
    " confirms commented comments claimed claims recalled recalls acknowledged acknowledges admitted admits observed observes"
    " remarked remarks suggested suggests emphasised emphasized stressed stresses predicted predicts concluded concludes"
    " urged urges joked jokes quipped tweeted posted promised promises vowed vows pledged pledges conseille conseillé"
    " recommande recommandé"
)
"""The verbs of saying: a name next to one is a speaker, so it is a person even when its first name is unknown."""
LOOSE_SPEECH_VERBS = _word_set(
    "note noté notes lance lancé commence commencé continue continué continues continued poursuit poursuivi reprend repris"
    " complète complété développe développé tranche tranché souffle soufflé glisse glissé lâche lâché juge jugé posted states"
    " stated claims dire say"
)
"""Verbs of saying that are also nouns or other verbs ("une note", "the United States"): they say someone speaks only
right next to a name, not anywhere in a sentence."""
SAYING_NOUNS = _word_set("mots formule phrase propos déclaration words phrase statement remarks comments")
"""Nouns that take up a quotation in the next sentence ("John Chambers opened the meeting with those words")."""
PRONOUN_CLAUSE = {
    "fr": re.compile(
        r"(?i)(?<![\w-])(?:[a-zàâçéèêëîïôûùüÿœ’']+-t-|[a-zàâçéèêëîïôûùüÿœ]+[éeu]?-)(il|elle)(?![\w-])"  # "a-t-elle ajouté", "dit-il"
        r"|(?<![\w-])(il|elle)\s+(?:l[’']\s*)?(?:a|avait|aurait)?\s*(?:aussi\s+|encore\s+|ensuite\s+|alors\s+)?(?:"
        + "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))
        + r")\b"
    ),
    "en": re.compile(
        r"(?i)\b(he|she)\s+(?:\([^()]{0,80}\)\s+)?(?:has\s+|had\s+|later\s+|also\s+|then\s+)?(?:"
        + "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))
        + r")\b"
        r"|\b(?:said|added|told|explained|wrote|asked|continued)\s+(he|she)\b"
    ),
}
"""An attribution clause whose subject is a pronoun: "a-t-elle ajouté", "dit-il", "she said"."""
FEMALE_TITLES = _word_set("Mme Mlle Madame Mademoiselle Mrs Ms Miss Dame Lady")
MALE_TITLES = _word_set("M Monsieur Mr Sir Lord")
KNIGHTS = _word_set("Sir Dame")
"""Titles said before a first name: "Sir Ken" (Morrison), "Dame Judi" (Dench)."""
ORGANISATION_BEFORE = _word_set(
    "fonds fondation groupe groupes société sociétés cabinet entreprise maison banque holding institut prix stade rue avenue"
    " boulevard place quai lycée collège école université hôpital musée centre gare salle galerie association club marque"
    " firme laboratoire labo agence magasins éditions famille clan dynastie journal quotidien hebdomadaire magazine revue"
    " chaîne radio site média"
    " newspaper paper magazine journal broadcaster channel network outlet website tabloid daily weekly"
    " fund funds foundation group firm family street avenue road school college university hospital museum centre center"
    " stadium prize award company house bank trust institute agency brand label dynasty"
)
"""A common noun right before a name makes it an organisation or a place ("les fonds Tibi", "the Ford Foundation" after)."""
STATE_BODIES = _word_set("etat état république nation gouvernement pays state government republic nation country")
"""Bodies every country has: "le chef de l’Etat", "le président de la République" name no organisation of the article, so
the person in focus is not taken for them (the newspaper named before is no head of state)."""
ORGANISATION_AFTER = _word_set(
    "Company Co Corp Corporation Inc Incorporated Ltd LLC PLC Plc SA SAS SARL AG GmbH Group Groupe Holdings Holding Foundation"
    " Fondation Fund Fonds Board Partners Capital Ventures Bank Banque Institute Institut University Université School College"
    " Street Avenue Road Stadium Prize Award Prix Trust Industries Motors Media Studios Records Airlines Airways Hotel Hotels"
    " Systems Technologies Technology Labs Pharma Energy Transportation Consulting Services Solutions Networks Zoo Museum Musée"
    " Academy Académie Hospital"
    " Council Club Party Ministry Agency Agence Association Committee Commission Court Times Post Journal News Gallery Centre"
    " Center Park Airport Aéroport"
)
"""Capitalised words that make the name before them an organisation ("Wrigley Company", "Ford Foundation")."""
POSTNOMINALS = r"(?:QC|KC|MP|MEP|MSP|MS|AM|OBE|MBE|CBE|KBE|DBE|PhD|Jr|Sr)\.?"
"""Letters after a name that only a person bears: "Joanna Korner QC", "Tom Smith MP"."""
LISTENER_VERBS = _word_set("told tells tell asked asks informed informs reminded warned assured urged")
"""Verbs of saying whose object is who listens: "Randy Rolle … told Tribune Business" names no speaker."""
ORGANISATION_HEADS = _word_set(
    "Department Ministry Ministère Office Association Society Union Federation Fédération Chamber Chambre Authority"
    " Service Services Federal National Royal Bureau Council Conseil Direction Institute Syndicat Confédération"
)
"""Capitalised words that open an organisation's name, which may go on after "of", "for" or "and" ("Department for
Communities and Local Government", "Association of Convenience Stores")."""
FEMALE_ROLES = _word_set(
    "présidente vice-présidente directrice fondatrice cofondatrice co-fondatrice patronne députée sénatrice dirigeante associée"
    " chercheuse professeure avocate ingénieure déléguée administratrice gérante conseillère ambassadrice créatrice rédactrice"
    " adjointe chairwoman spokeswoman businesswoman congresswoman"
)
MALE_ROLES = _word_set(
    "président vice-président directeur fondateur cofondateur co-fondateur patron député sénateur dirigeant associé chercheur"
    " avocat ingénieur délégué administrateur gérant conseiller ambassadeur créateur rédacteur adjoint chairman spokesman"
    " businessman congressman"
)
"""Role nouns that tell a person's gender, for "she said" and "a-t-il ajouté"."""
NICKNAMES = {
    "bill": "william", "will": "william", "bob": "robert", "rob": "robert", "mike": "michael", "jim": "james", "tom": "thomas",
    "dave": "david", "chris": "christopher", "alex": "alexander", "ben": "benjamin", "dan": "daniel", "joe": "joseph",
    "nick": "nicholas", "tony": "anthony", "steve": "steven", "liz": "elizabeth", "kate": "katherine", "jeff": "jeffrey",
    "greg": "gregory", "matt": "matthew", "sam": "samuel", "jon": "jonathan", "andy": "andrew", "rick": "richard",
    "dick": "richard", "ted": "edward", "ed": "edward", "pat": "patrick", "ron": "ronald", "don": "donald", "ken": "kenneth",
}  # fmt: skip
"""Short forms of English first names: "Bill Perez" is "William D. Perez"."""
FEMALE_FIRST_NAMES = _word_set(
    "Agnès Alice Amélie Anne Anne-Marie Anne-Sophie Audrey Aurélie Axelle Brigitte Caroline Catherine Cécile Céline Charlotte"
    " Chloé Christine Claire Clara Corinne Delphine Élisabeth Elisabeth Élise Emma Emmanuelle Estelle Fatima Fleur Florence"
    " Françoise Frédérique Gaëlle Hélène Inès Isabelle Julie Juliette Laurence Léa Leïla Louise Lucie Manon Margaux Marie"
    " Marie-Claire Marine Marion Martine Mathilde Michèle Monique Nadia Najat Nathalie Noémie Pascale Patricia Pauline Rachida"
    " Sabine Sandrine Ségolène Simone Sophie Stéphanie Sylvie Valérie Véronique Virginie Zoé Émilie Emilie Edith Édith Cécilia"
    " Abigail Alicia Amanda Amy Angela Ann Anna Ashley Barbara Betty Carol Carolyn Cynthia Deborah Diana Diane Donna Elena"
    " Elizabeth Ellen Emily Giulia Hannah Heather Helen Hillary Jacqueline Jane Janet Jennifer Jenny Jessica Joyce Judith Julia"
    " Karen Kate Katherine Kathleen Katie Laura Lauren Linda Lisa Liz Lucy Margaret Maria Marissa Martha Mary Megan Melissa Meg"
    " Michelle Nancy Natalie Nicole Olivia Pamela Priya Rachel Rebecca Ruth Samantha Sandra Sara Sarah Sharon Sheryl Susan"
    " Teresa Ursula Victoria Cecile Deirdre"
)
AMBIGUOUS_FIRST_NAMES = _word_set("Camille Dominique Claude Alex Sam Jamie Jordan Kim Kelly Terry Andrea Yuki")
"""The other first names of `FIRST_NAMES` are men's: with these lists "she said" finds the woman last named."""
