"""What `quizgen draft` asks by default and what only `--all` asks: figures a pupil can read alone, no "who is", "who
said" as multiple choice only. Each article is small, written here, and reproduces what a blind review struck out."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from quizgen.draft import draft_bank, extract
from quizgen.draft.choosing import _titled
from quizgen.draft.layout import _is_chrome
from quizgen.draft.questions import _unshout


def _bank(text: str, lang: str, every: bool = False) -> list[dict[str, Any]]:
    questions: list[dict[str, Any]] = yaml.safe_load(draft_bank(text, source_file="a.txt", lang=lang, nlp=False, every=every))["questions"]
    return questions


def _numeric(text: str, lang: str, every: bool = False) -> list[Any]:
    return [question["answer"] for question in _bank(text, lang, every) if question["type"] == "numeric"]


LEAD = {
    "fr": "La région prépare son budget\n\nLa mairie a recensé 17 usines dans la région depuis le début du mois de mars.\n\n",
    "en": "The region prepares its budget\n\nThe council has counted 17 factories in the region since the start of March.\n\n",
}
"""A first paragraph with one figure that is always asked: an article with nothing to ask is an error, not an empty bank."""


@pytest.mark.parametrize(
    ("body", "lang", "value"),
    [
        ("Les gendarmes ont effectué 350 secours cette année.", "fr", 350),  # "cette année" is a time, not a referent
        ("The council approved 45 homes in March.", "en", 45),
        ("Cette année, les gendarmes ont effectué 350 secours.", "fr", 350),
        ("This year, the council approved 45 homes.", "en", 45),
        ("Il y a 10 ans, la ville comptait 300 habitants de moins.", "fr", 300),  # the "il" of "il y a" is nobody
        ("Le groupe Toyota s’agrandit alors qu’Intel, lui, va fermer 5 centres de recherche.", "fr", 5),  # "lui" is Intel
    ],
)
def test_a_figure_that_reads_alone_is_asked(body: str, lang: str, value: float) -> None:
    assert _numeric(LEAD[lang] + body, lang) == [17, value]


@pytest.mark.parametrize(
    ("body", "lang", "value", "why"),
    [
        ("Ces gendarmes ont effectué 350 secours.", "fr", 350, "a demonstrative at a paragraph's start: whose gendarmes?"),
        ("Il a indiqué que 350 secours avaient eu lieu.", "fr", 350, "a pronoun at a paragraph's start"),
        ("Four more domestic services will begin from October 27, he added.", "en", 4, "nobody named before 'he'"),
        ("Depuis 10 mois, lui et ses collègues fouillent le site.", "fr", 10, "nobody named before 'lui'"),
        ("Lui et 25 personnes fouillent le site chaque jour.", "fr", 25, "'Lui' opens the paragraph"),
        ("La nouvelle principale a accueilli les élèves de 5e dans la cour.", "fr", 5, "a rank: a class's name, no figure"),
        ("D’où une hausse de 50 000 visiteurs sur le salon cette année.", "fr", 50_000, "'D’où' points at the sentence before"),
        ("Le marché se tient quatre jours par semaine sur la place.", "fr", 4, "how often, no duration"),
        ("The plant opened in 1969 near the river, the council said.", "en", 1969, "a year (2 of the last 7 kept)"),
        ("That number includes a $350 million grant.", "en", 350, "'that number' points at the paragraph before"),
        ("The average price was £169,083 ($270,600), the poll showed.", "en", 270_600, "a conversion in parentheses"),
        ("Its shares rose 4 % and 9 % respectively this year.", "en", 4, "'respectively' needs the sentence before"),
        ("Il a dit « nous avons 350 salariés et demain.", "fr", 350, "a quotation left open"),
        ("Turnout was 1,167 of 5,672 voters, 113 more than in 2019.", "en", 1167, "a prompt full of numbers"),
        ("January showed a 3.6 per cent increase and February a 3.6 per cent decrease.", "en", 3.6, "the answer is in sight"),
    ],
)
def test_a_figure_a_pupil_cannot_read_alone_is_only_asked_with_all(body: str, lang: str, value: float, why: str) -> None:
    assert value not in _numeric(LEAD[lang] + body, lang), why
    assert value in _numeric(LEAD[lang] + body, lang, every=True), why


def test_a_demonstrative_after_a_sentence_takes_that_sentence_into_the_excerpt() -> None:
    text = "Les secours en montagne\n\nLe PGHM de Modane veille sur la Maurienne. Ces gendarmes ont effectué 350 secours.\n"
    (figure,) = [f for f in extract(text, lang="fr", nlp=False).figures if f.value == 350]
    assert figure.excerpt == "Le PGHM de Modane veille sur la Maurienne. Ces gendarmes ont effectué 350 secours."


def test_an_excerpt_cut_from_a_long_sentence_never_starts_inside_parentheses() -> None:
    text = (
        "House prices\n\nThe poll of polls by property consultancy Chesterton Humberts and the Centre for Economics and "
        "Business Research (CEBR) found average prices have now increased for four consecutive months, though they remain "
        "5.9 percent down on September last year, a level last seen when the market turned in the spring of the year before.\n"
    )
    (figure,) = [f for f in extract(text, lang="en", nlp=False).figures if f.value == 5.9]
    assert not figure.excerpt.startswith("CEBR)")


@pytest.mark.parametrize(
    ("title", "body", "lang"),
    [
        ("Plans for four houses approved", "The council approved four houses on the site in May.", "en"),
        ("New parking scheme cost taxpayers £360k", "The scheme cost £360,000 in the end, the council said.", "en"),
        ("Toyota va investir 300 millions d’euros", "Le groupe va investir 300 millions d’euros dans l’usine.", "fr"),
    ],
)
def test_a_figure_the_headline_prints_in_any_form_is_not_asked(title: str, body: str, lang: str) -> None:
    lead = LEAD[lang].split("\n\n", 1)[1]
    assert _numeric(f"{title}\n\n{lead}{body}\n", lang) == [17]


def test_no_who_is_by_default_and_who_said_needs_three_people() -> None:
    text = (
        "Le port se modernise\n\n"
        "« Nous allons doubler le trafic d’ici 2030 », a déclaré Marie Dubois, directrice du port.\n\n"
        "« Les dockers sont prêts pour ce changement », a répondu Paul Martin, délégué syndical.\n\n"
        "Le port emploie aujourd’hui 1 200 dockers sur ses quais.\n"
    )
    # Two people: "who said" would be a coin toss, and typing a name seen once is what teachers struck out.
    assert [q["type"] for q in _bank(text, "fr")] == ["numeric"]
    every = _bank(text, "fr", every=True)
    assert [(q["type"], q["answer"]) for q in every if q.get("prompt", "").startswith("Qui a dit")] == [
        ("short", "Marie Dubois"),
        ("short", "Paul Martin"),
    ]
    assert any(q["id"].endswith("-role") for q in every)
    # Someone only named (a defendant, a victim) is no plausible speaker: still no third choice.
    named = text + "\nLe procès de Jean Konia s’ouvre lundi devant le tribunal.\n"
    assert "Jean Konia" in [person.name for person in extract(named, lang="fr", nlp=False).people]
    assert [q["type"] for q in _bank(named, "fr")] == ["numeric"]
    three = text + "\nJulie Moreau, analyste au cabinet Xerfi, suit le port.\n"
    assert [(q["type"], q["answer"]) for q in _bank(three, "fr") if q.get("prompt", "").startswith("Qui a dit")] == [
        ("mcq", "Marie Dubois"),
        ("mcq", "Paul Martin"),
    ]


def test_a_newspaper_is_nobody_and_the_head_of_state_is_not_the_last_name_read() -> None:
    text = (
        "Toyota investit\n\n"
        "Le président Emmanuel Macron a visité l’usine de Toyota lundi.\n\n"
        "Le journal Les Echos avait annoncé un investissement de 400 millions d’euros.\n\n"
        "Le chef de l’Etat a expliqué aux salariés : « Des coups durs, il y en aura d’autres dans le pays. »\n"
    )
    findings = extract(text, lang="fr", nlp=False)
    assert "Les Echos" not in [person.name for person in findings.people]
    assert [q.speaker for q in findings.quotations] == [None]


def test_a_sentence_whose_verb_of_saying_is_its_own_quotation_s_names_no_speaker_for_the_next() -> None:
    text = (
        "Swiatek gagne encore\n\n"
        "« C’était fantastique. J’adore ce tournoi », a réagi la quadruple championne qui a loué sa rivale Jasmine Paolini. "
        "« J’ai été très impressionnée par son jeu ces dernières semaines. »\n"
    )
    # The championne is nobody the article names here: neither quotation is Paolini's.
    assert [q.speaker for q in extract(text, lang="fr", nlp=False).quotations] == [None, None]


def test_a_banner_or_a_chant_is_nobody_s_words() -> None:
    text = (
        "Protest fails to stop job cuts\n\n"
        "Councillors were greeted by union members, including candidate Daniel Zeichner, bearing banners saying "
        "“no cuts in pay, jobs or services” and chanting “no ifs, no buts, no county council cuts.”\n"
    )
    assert [q.speaker for q in extract(text, lang="en", nlp=False).quotations] == [None, None]


def test_no_question_prints_another_s_answer() -> None:
    text = (
        "Council approves budget\n\n"
        "The council will cut £95.5m from its budget over five years, the leader said on Tuesday.\n\n"
        "The council has approved a five-year plan to cut 300 jobs across its departments.\n"
    )
    numeric = _numeric(text, "en")
    # "five years" is printed by the £95.5m question: the "five-year plan" is not asked besides it.
    assert 95.5 in numeric and 5 not in numeric
    assert 5 in _numeric(text, "en", every=True)


def test_an_about_figure_is_asked_within_5_percent_and_a_bound_exactly() -> None:
    questions = _bank(LEAD["en"] + "The show had almost 800 sheep entries this summer.\n\nMore than 2,400 people came to see it.\n", "en")
    tolerances = {q["answer"]: q["tolerance"] for q in questions if q["type"] == "numeric"}
    assert tolerances == {17: 0, 800: "5%", 2400: 0}


def test_vers_18_heures_is_a_time_of_day() -> None:
    assert [f.value for f in extract("Les parents se sont réunis vers 18 heures devant l’école.", lang="fr", nlp=False).figures] == []


def test_two_who_said_questions_an_article_at_most() -> None:
    text = "Le port se modernise\n\n" + "".join(
        f"« {words} », a déclaré {name}, {role}.\n\n"
        for words, name, role in [
            ("Nous allons doubler le trafic du port d’ici la fin de la décennie", "Marie Dubois", "directrice du port"),
            ("Les dockers sont prêts pour ce grand changement", "Paul Martin", "délégué syndical"),
            ("La ville soutiendra ce projet jusqu’au bout", "Julie Moreau", "maire de la ville"),
        ]
    )
    who = [q["answer"] for q in _bank(text, "fr") if q.get("prompt", "").startswith("Qui a dit")]
    assert who == ["Marie Dubois", "Paul Martin"]  # the longest two: a third of the same names is answered by elimination


def test_a_name_in_quotation_marks_after_a_preposition_is_nobody_s_words() -> None:
    text = (
        "Les commerces ferment\n\n"
        "Nicolas Chiarelli, gérant de « Sur le trottoir d’en face », a vu son chiffre d’affaires baisser.\n\n"
        "« Je ne peux pas travailler comme ça, les clients ne viennent plus », a déclaré Paul Martin, adjoint au maire.\n\n"
        "Julie Moreau, présidente des commerçants, a réuni 40 commerçants lundi soir dans la salle des fêtes.\n"
    )
    for every in (False, True):
        prompts = [q.get("prompt", "") for q in _bank(text, "fr", every)]
        assert not [prompt for prompt in prompts if "trottoir" in prompt and prompt.startswith("Qui a dit")]


def test_what_a_fresh_read_found_is_read_right() -> None:
    # A speaker's own question is theirs; only "when asked" puts a question to someone.
    text = "Council leader Mary Lee asked: “Why can’t we build the homes this town needs now?”"
    assert [q.speaker for q in extract(text, lang="en", nlp=False).quotations] == ["Mary Lee"]
    # Speech after "of" is no name: only a capital and no sentence's end read as one.
    text = "The mayor Paul Smith warned of “a crisis that this town cannot ignore now”, and “We must act,” said Jane Roe."
    quotation = next(q for q in extract(text, lang="en", nlp=False).quotations if q.text.startswith("a crisis"))
    assert not _titled(quotation)
    # "après 48 heures de garde à vue" is a duration, "vers 18 heures" a time.
    assert [f.value for f in extract("Il est sorti après 48 heures de garde à vue.", lang="fr", nlp=False).figures] == [48]


def test_a_count_without_a_unit_is_not_held_back_by_counts_with_one() -> None:
    text = (
        "La région prépare son budget\n\n"
        "La mairie a recensé 17 usines dans la région depuis le début du mois de mars.\n\n"
        "Le conseil a validé la construction de 23 écoles dans les villages du canton.\n\n"
        "Le taux de participation a atteint 1167 au total lors du dernier scrutin municipal.\n"
    )
    assert _numeric(text, "fr") == [17, 23, 1167]


def test_a_figure_said_by_a_pronoun_names_the_speaker_or_is_not_asked() -> None:
    text = (
        "Festival record\n\nJérôme Tréhorel dirige le festival depuis 2010.\n\n"
        "« C’est un tour de force chaque année », dans une petite ville de 8.000 habitants, a-t-il assuré.\n\n"
        "Jérôme Tréhorel a précisé que 280 000 festivaliers sont venus, a-t-il ajouté."
    )
    bank = yaml.safe_load(draft_bank(text, source_file="a.txt", lang="fr", nlp=False))
    assert [question["id"] for question in bank["questions"]] == ["280-000-festivaliers"]


@pytest.mark.parametrize(
    ("text", "lang", "asked"),
    [
        (
            "La boutique, située à 20 kilomètres d’Amiens, a rouvert lundi. Elle emploie désormais 14 salariés dans le village.",
            "fr",
            ["14-salaries"],
        ),
        (
            "The pub, just 12 miles from Leeds, reopened on Monday. It now employs 14 staff from the village.",
            "en",
            ["14-staff"],
        ),
        (
            "Le chantier a mobilisé 40 ouvriers sur le site. Les procédures avaient débuté en 2009. "
            "Quatorze ans plus tard, le parc solaire ouvre enfin.",
            "fr",
            ["40-ouvriers"],
        ),
    ],
)
def test_where_a_place_is_and_how_much_later_are_not_asked(text: str, lang: str, asked: list[str]) -> None:
    headline = "Un commerce rouvre au village" if lang == "fr" else "A village pub reopens"
    bank = yaml.safe_load(draft_bank(f"{headline}\n\n{text}", source_file="a.txt", lang=lang, nlp=False))
    assert [question["id"] for question in bank["questions"]] == asked


def test_on_is_someone_unless_it_counts_and_a_nameless_sentence_takes_the_one_before() -> None:
    text = (
        "Le World Festival Ambert a battu ses records avec 20 085 festivaliers en trois soirs.\n\n"
        "L’an dernier on a fait environ 7.000 festivaliers par soir, un chiffre jamais vu ici.\n\n"
        "Le département de l’Yonne a publié ses chiffres. On compte également 3 700 chômeurs de longue durée en moins.\n\n"
        "La Ville de Dijon a inauguré le campus. L’université accueille plus de 300 chercheurs venus du monde entier."
    )
    findings = extract(text, lang="fr", nlp=False)
    excerpts = {figure.value: figure.excerpt for figure in findings.figures}
    assert excerpts[300].startswith("La Ville de Dijon")
    bank = yaml.safe_load(draft_bank(text, source_file="a.txt", lang="fr", nlp=False))
    answers = [question["answer"] for question in bank["questions"]]
    assert 7000 not in answers and 3700 in answers and 300 in answers


def test_a_newspaper_s_capitals_a_currency_s_whole_word_and_a_compound_s_years() -> None:
    text = (
        "Jobs lost in Hull\n\nUP to 450 jobs will go at Hull City Council.\n\nNHS trusts said 300 beds would close next winter.\n\n"
        "The museum reopened after a four year renovation. Of the 14 franchises analysed by Which?, nine failed."
    )
    bank = yaml.safe_load(draft_bank(text, source_file="a.txt", lang="en", nlp=False, every=True))
    prompts = {question["id"]: (question["prompt"], question.get("unit")) for question in bank["questions"]}
    assert prompts["up-to-450-jobs"] == ("Fill in the blank (number of jobs): Up to … jobs will go at Hull City Council.", "jobs")
    assert prompts["300-beds"][0].endswith(": NHS trusts said … beds would close next winter.")
    assert _unshout("L’IRM réalise 4 500 examens", "fr") == "L’IRM réalise 4 500 examens"
    assert prompts["four-year"] == ("Fill in the blank (years): The museum reopened after a … year renovation.", "years")
    assert prompts["14-franchises"][1] == "franchises"


def test_a_who_said_leaves_out_the_writer_s_pronoun_clause() -> None:
    text = (
        "Des communes sans candidat\n\n"
        "A Péron, Christian Armand a du mal à l’expliquer. « On a peut-être mal intégré les nouveaux habitants, "
        "s’interroge-t-il. Et peut-être que comme ça marchait bien, les gens ne voyaient rien. »\n\n"
        "« J’ai beaucoup donné pendant trente et un ans à cette commune », a déclaré Michel Chanel.\n\n"
        "« Je ne pensais pas qu’il n’y aurait personne cette fois », a confié Françoise Bernard."
    )
    bank = yaml.safe_load(draft_bank(text, source_file="a.txt", lang="fr", nlp=False))
    prompt = next(q["prompt"] for q in bank["questions"] if q["id"].startswith("christian-armand"))
    assert "s’interroge-t-il" not in prompt and "nouveaux habitants […]. Et peut-être" in prompt


def test_a_verbless_fragment_takes_the_sentence_before_or_is_not_asked() -> None:
    text = (
        "Les Restos du cœur lancent leur campagne\n\n"
        "Des bénévoles qui seront répartis dans les 86 centres du département dès lundi.\n\n"
        "La campagne d’hiver des Restos du cœur du Nord démarre lundi. Des bénévoles qui seront répartis dans 40 "
        "communes du département."
    )
    figures = extract(text, lang="fr", nlp=False).figures
    assert figures[1].excerpt.startswith("La campagne d’hiver")
    bank = yaml.safe_load(draft_bank(text, source_file="a.txt", lang="fr", nlp=False))
    assert [question["answer"] for question in bank["questions"]] == [40]


def test_a_list_s_name_in_quotation_marks_is_nobody_s_words() -> None:
    text = (
        "Le conseil municipal annulé\n\nChristian Dulac, élu de la liste d’opposition « Rumilly Albanais une autre ambition », a "
        "pris la parole : « Je suis étonné de voir ce dossier arriver si tard devant nous. »"
    )
    bank = yaml.safe_load(draft_bank(text, source_file="a.txt", lang="fr", nlp=False, every=True))
    assert not any("Rumilly Albanais" in question.get("prompt", "") for question in bank["questions"])


def test_a_banner_quoting_a_button_is_chrome_and_capitals_of_an_acronym_stay() -> None:
    assert _is_chrome("Click “Accept all” to subscribe to our newsletter", False)
    assert not _is_chrome("“We will lose all of our views, all of our privacy,” he said.", False)
    assert _unshout("A BBC investigation found 4 cases", "en") == "A BBC investigation found 4 cases"
    assert _unshout("NHS TRUSTS across the country", "en") == "NHS trusts across the country"
