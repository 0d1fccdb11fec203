"""Figures of `quizgen draft`: ranges that share their noun, English units joined by a hyphen, numbers in words."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from quizgen.draft import draft_bank, extract
from quizgen.figures import states


def _figures(text: str, lang: str) -> list[tuple[Any, ...]]:
    return [(f.value, f.unit, f.kind) for f in extract(text, lang=lang, nlp=False).figures]


@pytest.mark.parametrize(
    ("text", "lang", "figures"),
    [
        ("Le passage de 71 à 66 élèves inquiète les parents.", "fr", [(71, "élèves", "count"), (66, "élèves", "count")]),
        (
            "La séparation a lieu entre 27 et 34 minutes après le décollage.",
            "fr",
            [(27, "minutes", "duration"), (34, "minutes", "duration")],
        ),
        ("It hired between 20 and 30 people last year.", "en", [(20, "people", "count"), (30, "people", "count")]),
        ("It lasts from 5 to 7 years in most cases.", "en", [(5, "years", "duration"), (7, "years", "duration")]),
        ("It lasts between two and three years.", "en", [(2, "years", "duration"), (3, "years", "duration")]),
        ("Il attend entre deux et trois ans.", "fr", [(2, "ans", "duration"), (3, "ans", "duration")]),
        ("Le taux est passé de 5 à 7 % cette année.", "fr", [(5, "%", "percent"), (7, "%", "percent")]),
        ("It rose from 1.5 to 2.5 per cent.", "en", [(1.5, "%", "percent"), (2.5, "%", "percent")]),
        (
            "La ville compte entre 2 et 3 millions d’habitants.",
            "fr",
            [(2_000_000, "habitants", "count"), (3_000_000, "habitants", "count")],
        ),
        ("It will cost between 2 and 3 million euros.", "en", [(2_000_000, "euros", "amount"), (3_000_000, "euros", "amount")]),
        # A duration or a share needs no opener; a count does ("He gave 5 to 3 people", "gagne 3 à 0" are no ranges).
        ("It circulates for six to eight weeks.", "en", [(6, "weeks", "duration"), (8, "weeks", "duration")]),
        ("Depuis 4 à 5 ans, les étés sont secs.", "fr", [(4, "ans", "duration"), (5, "ans", "duration")]),
        ("Prices rose 10 to 15 per cent.", "en", [(10, "%", "percent"), (15, "%", "percent")]),
        ("He gave 5 to 3 people.", "en", [(3, "people", "count")]),
        ("Yields will be 25 to 80 bushels an acre.", "en", [(25, "bushels", "count"), (80, "bushels", "count")]),
    ],
)
def test_a_range_start_takes_the_noun_of_its_end(text: str, lang: str, figures: list[tuple[Any, ...]]) -> None:
    assert _figures(text, lang) == figures


def test_a_range_start_is_blanked_alone_and_quoted_with_the_whole_range() -> None:
    start, end = extract("La séparation a lieu entre 27 et 34 minutes après le décollage.", nlp=False).figures
    assert start.wording == "entre 27 et 34 minutes"
    assert start.excerpt[: start.blank[0]].endswith("entre ") and start.excerpt[start.blank[1] :].startswith(" et 34")
    assert end.wording == "34 minutes"


@pytest.mark.parametrize(
    ("text", "lang", "figures"),
    [
        ("He gave 5 to 3 people.", "en", [(3, "people", "count")]),
        (
            "Yields will be 25 to 80 bushels an acre.",
            "en",
            [(25, "bushels", "count"), (80, "bushels", "count")],
        ),  # no opener: 5 of something to 3 people
        # 30 is a number whose noun is before it (it is asked as a bare "number"), not a range of people.
        ("He was 30 and 5 people died.", "en", [(30, "", "count"), (5, "people", "count")]),
        ("Between about 20 and 30 people came.", "en", [(30, "people", "count")]),  # a qualifier: no plain range
        ("Between 3 and 4 July, the fair opens.", "en", [(4, "july", "date")]),  # days, not a count
        ("Le magasin est ouvert de 9 à 17 heures.", "fr", []),  # times of day ("à 17 heures"), not a duration
        ("Sales will reach between 500,000 and 2 million units.", "en", [(2_000_000, "units", "count")]),  # no shared scale
        ("It will cost between two and three million euros.", "en", [(3_000_000, "euros", "amount")]),
        ("Il passe de 3 ateliers à 5 bureaux.", "fr", [(3, "ateliers", "count"), (5, "bureaux", "count")]),  # own nouns
        ("Open from 1 to 3 p.m. daily.", "en", []),
    ],
)
def test_no_range_without_an_opener_its_joint_and_numbers_only_between(text: str, lang: str, figures: list[tuple[Any, ...]]) -> None:
    assert _figures(text, lang) == figures


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("NASA began a six-year mission to the asteroid.", [(6, "years", "duration")]),
        ("They went on a 10-day trip to Rome.", [(10, "days", "duration")]),
        ("The 19-year-old American won the title.", [(19, "years", "age")]),
        ("The 2000-year-old tree fell.", [(2000, "years", "age")]),  # no year 2000
        ("A 90-minute match and a twenty-four-hour strike.", [(90, "minutes", "duration"), (24, "hours", "duration")]),
        ("They saw a six-month-old baby and the 5-year-olds.", [(6, "months", "duration"), (5, "years", "age")]),
        ("He got a 10- to 15-year sentence.", [(15, "years", "duration")]),
        ("It lasted a 2-week-long stay.", [(2, "weeks", "duration")]),
        ("Two-thirds of voters agree, and 7-Eleven opened a store.", []),
        ("A 10-Day Trip To Rome", []),  # a title's capitals: "7-Day" may be a name
    ],
)
def test_english_units_joined_by_a_hyphen(text: str, figures: list[tuple[Any, ...]]) -> None:
    assert _figures(text, "en") == figures


def test_a_hyphen_unit_blanks_the_number_only() -> None:
    (figure,) = extract("The 19-year-old American won the title.", lang="en", nlp=False).figures
    assert figure.excerpt[: figure.blank[0]] + "…" + figure.excerpt[figure.blank[1] :] == "The …-year-old American won the title."
    assert (figure.wording, figure.tolerance) == ("19-year-old", 0)


@pytest.mark.parametrize(
    ("text", "lang", "figures"),
    [
        ("Il a vécu quinze ans à Paris.", "fr", [(15, "ans", "duration")]),
        ("Il a vécu soixante et onze ans à Paris.", "fr", [(71, "ans", "duration")]),
        ("Il a dix-sept ans et paie quatre-vingt-dix-neuf euros.", "fr", [(17, "ans", "duration"), (99, "euros", "amount")]),
        ("It hired two hundred and five people.", "en", [(205, "people", "count")]),
        ("Les deux-roues sont interdits.", "fr", []),
        ("It is set in nineteen eighty-four, they said.", "en", []),  # no one number: 103 would be wrong
        ("It happened in twenty twenty, they said.", "en", []),
    ],
)
def test_numbers_in_words(text: str, lang: str, figures: list[tuple[Any, ...]]) -> None:
    assert _figures(text, lang) == figures


def test_a_decade_is_asked_by_its_first_year() -> None:
    """ "dans les années …" asks for 1960 as French writes it; English asks "in the …s", its "s" in sight."""
    (figure,) = extract("Il a grandi dans les années 1960 à Zanzibar.", nlp=False).figures
    assert (figure.value, figure.kind) == (1960, "year")
    (figure,) = extract("He grew up in the 1960s in Zanzibar.", lang="en", nlp=False).figures
    assert (figure.value, figure.kind, figure.excerpt[figure.blank[1] :]) == (1960, "year", "s in Zanzibar.")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Les parents ont manifesté devant l’école hier à 16 h contre la fermeture.", "fr"),  # a time of day
        ("Le bébé pèse 182 grammes, annonce à 20 Minutes la responsable du zoo.", "fr"),  # a newspaper, not a duration
        ("Il a fait le trajet en 3 h sans s’arrêter.", "fr"),  # "h": no noun a question can name
    ],
)
def test_no_count_of_a_one_letter_unit_or_a_capitalised_time_unit(text: str, lang: str) -> None:
    assert [f for f in _figures(text, lang) if f[1] in ("h", "Minutes")] == []


def test_an_elided_function_word_is_no_noun() -> None:
    text = "Sur les 125 000 exportateurs, il y en a environ 30 000 qu’on perd chaque année."
    assert [f[:2] for f in _figures(text, "fr")] == [(125_000, "exportateurs")]


@pytest.mark.parametrize(
    ("text", "lang", "figures"),
    [
        # A count's noun is a plural noun: the head of an English compound, never an adjective, a verb or a time's "cette".
        ("She has won five career titles since May.", "en", [(5, "career titles", "count")]),
        ("All six giant panda cubs were born here.", "en", [(6, "giant panda cubs", "count")]),
        ("It opened 27 new company-owned stores.", "en", [(27, "company-owned stores", "count")]),
        ("It operates 333 stores in 42 U.S. states.", "en", [(333, "stores", "count"), (42, "U.S. states", "count")]),
        ("Les quatre premières ont été obtenues avant.", "fr", [(4, "premières", "count")]),
        ("Elle a perdu son premier set 3-6 face à la Slovaque.", "fr", []),
        ("Il a 1 victoire au compteur.", "fr", []),
        # A count that leaves its noun out shares the noun of the count before it.
        ("Il y aura 21 élèves, contre 28 cette année.", "fr", [(21, "élèves", "count"), (28, "élèves", "count")]),
        ("It means 273 jobs in Trowbridge and a further 12 at Bowerhill.", "en", [(273, "jobs", "count"), (12, "jobs", "count")]),
        ("It hired 40 people in 2019 and 12 interns.", "en", [(40, "people", "count"), (2019, "", "year"), (12, "interns", "count")]),
        # An ending written onto the number says what it is.
        ("He won his 13th league title.", "en", [(13, "", "rank")]),
        ("Cette 115e mission a réussi.", "fr", [(115, "", "rank")]),
        ("Sales rose 17pc this year.", "en", [(17, "%", "percent")]),
        ("The mercury hit 38.7C in Cambridge, 20km away.", "en", [(38.7, "°C", "amount"), (20, "km", "amount")]),
    ],
)
def test_a_count_is_of_a_plural_noun_and_an_attached_ending_says_what_a_number_is(
    text: str, lang: str, figures: list[tuple[Any, ...]]
) -> None:
    assert _figures(text, lang) == figures


@pytest.mark.parametrize(
    ("text", "lang", "shown"),
    [
        ("The mercury hit 38.7C in Cambridge.", "en", "The mercury hit …C in Cambridge."),
        ("L’école est à moins de cinq minutes en voiture.", "fr", "L’école est à moins de … minutes en voiture."),
        ("The team will take over two years to finish.", "en", "The team will take over … years to finish."),
    ],
)
def test_the_blank_is_the_number_and_its_qualifier_stays_in_sight(text: str, lang: str, shown: str) -> None:
    (figure,) = extract(text, lang=lang, nlp=False).figures
    low, high = figure.blank
    assert figure.excerpt[:low] + "…" + figure.excerpt[high:] == shown


def test_a_figure_in_a_sentence_that_starts_with_a_pronoun_has_the_sentence_before_in_its_excerpt() -> None:
    text = "Team France Export a été créé en 2019 par l’État et les régions. Il comprend 250 personnes en France."
    figure = next(f for f in extract(text, lang="fr", nlp=False).figures if f.value == 250)
    assert figure.excerpt == text


@pytest.mark.parametrize(
    ("text", "lang", "figures"),
    [
        ("Après deux mois et demi d’ouverture, la salle est pleine.", "fr", [(2.5, "mois", "duration")]),
        ("It took two and a half years to build.", "en", [(2.5, "years", "duration")]),
        ("The waters have upwards of a few hundred fur seals.", "en", []),  # no number is given
        ("That includes a $120-million grant from the province.", "en", [(120_000_000, "dollars", "amount")]),
        ("Les lignes C1, C2, C6, 50, 53 et 57 sont perturbées.", "fr", []),  # labels, no age of "C6"
        ("Frank and Wendy Edwards, both aged 50, run the shop.", "en", [(50, "years", "age")]),
        ("She died at the age of 74 last year.", "en", [(74, "years", "age")]),
        ("Deux éleveurs de 28 et 29 ans ont parlé.", "fr", [(2, "éleveurs", "count"), (28, "ans", "duration"), (29, "ans", "duration")]),
        ("Il a pris 40 ou 50 millimètres de pluie.", "fr", [(40, "millimètres", "count"), (50, "millimètres", "count")]),
        ("Ils payent 0,74 centimes d’euros le kWh.", "fr", [(0.74, "centimes", "count")]),
        # A number whose noun came before it, after a word that states a quantity.
        ("The turnout was 1167 of an electorate of 5,672.", "en", [(1167, "", "count"), (5672, "", "count")]),
        ("Attendances rose to 5,132,490 compared with last year.", "en", [(5_132_490, "", "count")]),
        ("The bus was late for 3 days.", "en", [(3, "days", "duration")]),
    ],
)
def test_halves_vague_hundreds_hyphen_scales_ages_pairs_and_bare_numbers(text: str, lang: str, figures: list[tuple[Any, ...]]) -> None:
    assert _figures(text, lang) == figures


@pytest.mark.parametrize(
    ("text", "lang", "figures"),
    [
        ("On passe de 5 euros 20 à 5 euros 36, heureusement.", "fr", [(5.2, "euros", "amount"), (5.36, "euros", "amount")]),
        # No opener, but a rise: a range all the same.
        ("Le zoo table sur 550 à 600 000 visiteurs par an.", "fr", [(550_000, "visiteurs", "count"), (600_000, "visiteurs", "count")]),
        ("Le zoo table sur de 550 à 600 000 visiteurs par an.", "fr", [(550_000, "visiteurs", "count"), (600_000, "visiteurs", "count")]),
        ("A talk by the Three Rivers Community Rail Partnership.", "en", []),  # a number word with a capital is a name's
        ("Three people died in the fire.", "en", [(3, "people", "count")]),
        ("Il a devancé Florent Manaudou de cinq centièmes.", "fr", []),  # a fraction, no count
        ("His 18th Dynasty (1555 B.C. to 1305 B.C.) contemporaries.", "en", [(18, "", "rank")]),  # an era, no count
        ("Wheat costs $1 089,68 a tonne and maize $726.", "en", [(726, "dollars", "amount")]),  # no English grouping
    ],
)
def test_euros_and_cents_a_shared_thousand_and_number_words_in_names(text: str, lang: str, figures: list[tuple[Any, ...]]) -> None:
    assert _figures(text, lang) == figures


@pytest.mark.parametrize(
    ("text", "lang", "figures"),
    [
        (
            "L’abonnement reste à 39€50, le ticket passe d’1€30 à 1€40.",
            "fr",
            [(39.5, "euros", "amount"), (1.3, "euros", "amount"), (1.4, "euros", "amount")],
        ),
        ("A 2 heures du matin, la collecte continuait.", "fr", []),  # a time of day
        ("About one in 40 households will pay more.", "en", []),  # a ratio
    ],
)
def test_euros_and_cents_written_round_the_sign_times_of_day_and_ratios(text: str, lang: str, figures: list[tuple[Any, ...]]) -> None:
    assert _figures(text, lang) == figures


@pytest.mark.parametrize(
    ("text", "lang", "figures"),
    [
        # A measure written onto its number, or after it in one or two parts.
        ("The firm works from a 3200m² building.", "en", [(3200, "m²", "amount")]),
        ("Les turbines mesurent 150ft de haut.", "en", [(150, "ft", "amount")]),
        ("The dividend rose to 19.3p a share.", "en", [(19.3, "p", "amount")]),
        ("They will lease 225,000 sq ft of space.", "en", [(225000, "sq ft", "amount")]),
        ("La salle de sport fera 220 m2 au sol.", "fr", [(220, "m²", "amount")]),
        ("Les céréales atteignent 753 000 t ce semestre.", "fr", [(753000, "t", "amount")]),
        ("Il remporte le 100 m nage libre.", "fr", [(100, "m", "amount")]),
        ("He lives just 400m from the site.", "en", [(400, "m", "amount")]),
        ("Les orges donnent 61 q/ha cette année.", "fr", [(61, "q/ha", "amount")]),
        ("Cars drove at 130 km/h on the bypass.", "en", [(130, "km/h", "amount")]),
        ("Plans show a 67 acre site and two 29 metre turbines.", "en", [(67, "acre", "count"), (29, "metre", "count")]),
        # "5m" with no currency and no distance's words is metres or millions: no figure.
        ("The scheme saved 5m last year.", "en", []),
        # A fraction written with its number; digits grouped the Swiss way.
        ("With about 1½ inches of rain since May, stalks curl.", "en", [(1.5, "inches", "count")]),
        ("Le groupe employait plus de 69'000 personnes.", "fr", [(69000, "personnes", "count")]),
        # A unit joined by a hyphen; a range written with a hyphen, which rises (not the score of "a 3-0 win").
        ("It warns of a 100-bed shortfall.", "en", [(100, "beds", "count")]),
        ("It flies a 180-seater plane.", "en", [(180, "seaters", "count")]),
        ("On a environ 35-40 inscrits cette année.", "fr", [(35, "inscrits", "count"), (40, "inscrits", "count")]),
        ("They earned a 3-0 win at home.", "en", []),
    ],
)
def test_measures_fractions_and_hyphens(text: str, lang: str, figures: list[tuple[Any, ...]]) -> None:
    assert _figures(text, lang) == figures


@pytest.mark.parametrize(
    ("text", "lang", "figures"),
    [
        # A count that leaves its noun out, after "sur", a parenthesis, "plus", "of which", or a year in between.
        ("On supprime 17 trajets sur 580 lundi.", "fr", [(17, "trajets", "count"), (580, "trajets", "count")]),
        ("La rentrée des 340 élèves (380 avec les apprentis) est faite.", "fr", [(340, "élèves", "count"), (380, "élèves", "count")]),
        (
            "On comptait 58.000 fermes en 2017 contre environ 100.000 en 2005.",
            "fr",
            [(58000, "fermes", "count"), (2017, "", "year"), (100000, "fermes", "count"), (2005, "", "year")],
        ),
        ("They examined 1,800 species, of which 100 were new.", "en", [(1800, "species", "count"), (100, "species", "count")]),
        # A number whose noun came before, after "at about".
        ("Entries are the highest yet, at about 400.", "en", [(400, "", "count")]),
    ],
)
def test_counts_that_leave_their_noun_out(text: str, lang: str, figures: list[tuple[Any, ...]]) -> None:
    assert _figures(text, lang) == figures


@pytest.mark.parametrize(
    ("text", "lang", "tolerance", "said"),
    [
        ("Nearly 40% of pupils use it every day.", "en", 2, "Answers within 2 percentage points are accepted."),
        ("Près de 10 % des élèves l’utilisent.", "fr", 0.5, "Une réponse à 0,5 point près est acceptée."),
    ],
)
def test_an_about_percentage_is_asked_within_points(text: str, lang: str, tolerance: float, said: str) -> None:
    bank = yaml.safe_load(draft_bank(f"Title\n\n{text}", source_file="a.txt", lang=lang, nlp=False, every=True))
    (question,) = bank["questions"]
    assert question["tolerance"] == tolerance and question["explanation"].endswith(said)


def test_an_idiom_is_no_count_and_c_est_points_back() -> None:
    assert _figures("Des vignerons aux quatre coins de la France ont vu leurs vignes détruites.", "fr") == []
    text = "La commune compte 900 habitants. C’est souvent le cas des villages de moins de 1000 habitants."
    last = extract(text, lang="fr", nlp=False).figures[-1]
    assert last.value == 1000 and last.excerpt.startswith("La commune compte")


@pytest.mark.parametrize(
    ("text", "lang", "figures"),
    [
        # Each number of a list takes its last one's noun; two numbers and "and" make no list.
        (
            "Nous utilisons des camions de 4.000, 6.000 et 8.000 litres d’eau.",
            "fr",
            [(4000, "litres", "count"), (6000, "litres", "count"), (8000, "litres", "count")],
        ),
        ("Walks of 2, 5 and 9 km were open.", "en", [(2, "km", "count"), (5, "km", "count"), (9, "km", "count")]),
        ("In 2 and 5 people died.", "en", [(5, "people", "count")]),
        # "et un", "-one" end a number; alone they are articles.
        ("Il est élu depuis trente et un ans.", "fr", [(31, "ans", "duration")]),
        ("Les vingt et une communes ont voté, soixante et onze élus aussi.", "fr", [(21, "communes", "count"), (71, "élus", "count")]),
        ("He served twenty-one years; thirty one people came.", "en", [(21, "years", "duration"), (31, "people", "count")]),
        ("It would have cost £5million to build.", "en", [(5_000_000, "pounds", "amount")]),
        # The end of a span of years is no count.
        ("The cut to its funding for 2015-16 comes on top of others.", "en", [(2015, "", "year")]),
        # A superlative before the noun.
        ("The nine most serious cases were in intensive care.", "en", [(9, "cases", "count")]),
        # Votes, in a sentence that counts them.
        (
            "On voting on the budget it was 16 for and 45 against.",
            "en",
            [(16, "votes", "count"), (45, "votes", "count")],
        ),
        (
            "Seven councillors voted in favour, one against and three abstaining.",
            "en",
            [(7, "councillors", "count"), (3, "votes", "count")],
        ),
        ("He scored 12 for the club.", "en", []),
    ],
)
def test_lists_and_votes(text: str, lang: str, figures: list[tuple[Any, ...]]) -> None:
    assert _figures(text, lang) == figures


@pytest.mark.parametrize(
    ("text", "lang", "figures"),
    [
        # A part counted out of a whole that says its noun; not "one of".
        (
            "It can no longer run 29 of its 44 libraries, and one of the 50 trusts closed.",
            "en",
            [(29, "libraries", "count"), (44, "libraries", "count"), (50, "trusts", "count")],
        ),
        ("On supprime 17 sur les 580 trajets.", "fr", [(17, "trajets", "count"), (580, "trajets", "count")]),
        # "between … to …" is a range too.
        ("It could take between 15 to 20 years.", "en", [(15, "years", "duration"), (20, "years", "duration")]),
    ],
)
def test_parts_of_a_whole_and_between_to(text: str, lang: str, figures: list[tuple[Any, ...]]) -> None:
    assert _figures(text, lang) == figures


def test_a_short_paragraph_of_speech_is_no_banner() -> None:
    text = "Steve Newell said it was “devastating”.\n\n“We’ll lose all of our views, all of our privacy,” he said."
    assert [q.speaker for q in extract(text, lang="en", nlp=False).quotations] == ["Steve Newell"]


def test_a_minus_sign_is_the_blank_s_and_the_answer_is_negative() -> None:
    text = "Chez les plus de 50 ans, la décrue reste appréciable avec -2%. Le bilan : −3,8 % sur un an, contre 10-15 euros."
    signed = [(f.value, f.excerpt[f.blank[0] : f.blank[1]]) for f in extract(text, lang="fr", nlp=False).figures if f.kind == "percent"]
    assert signed == [(-2, "-2%"), (-3.8, "−3,8 %")]


def test_a_long_sentence_is_not_cut_at_a_decimal_comma() -> None:
    text = (
        "L’opposition a présenté deux amendements pour abolir l’augmentation de 1,1 % de la taxe d’eau et l’ajout "
        "d’une somme de 10 millions de dollars pour des mesures d’aide aux commerçants qui ont été refusés par la "
        "majorité d'élus de Projet Montréal lors de la séance du conseil municipal de jeudi soir."
    )
    figure = next(f for f in extract(text, lang="fr", nlp=False).figures if f.value == 10_000_000)
    assert not figure.excerpt.startswith("1 %")


@pytest.mark.parametrize(
    ("text", "lang", "figures"),
    [
        ("Prices rose 5%-10% last year.", "en", [(5, "%", "percent"), (10, "%", "percent")]),
        ("Le prix est de 500 $US.", "fr", [(500, "dollars", "amount")]),
        ("A six-mile walk leads to a 100-bed ward.", "en", [(6, "miles", "amount"), (100, "beds", "count")]),
    ],
)
def test_a_range_s_dash_a_currency_s_letters_and_a_hyphen_s_measure(text: str, lang: str, figures: list[tuple[Any, ...]]) -> None:
    assert _figures(text, lang) == figures


def test_metres_are_read_unless_a_currency_makes_millions() -> None:
    assert states("who lives 400m from the site", "en", 400, 400)
    assert not states("it will cost $45m to build", "en", 45, 45)
