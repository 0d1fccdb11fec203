"""`quizgen draft`: what it finds in articles with known answers, the banks it writes, and the command."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from quizgen.bank import load_bank, parse_bank
from quizgen.check import check_bank
from quizgen.cli import cli
from quizgen.draft import DraftError, Findings, detect_language, draft_bank, extract, write_draft

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "draft"
ARTICLE = Path(__file__).resolve().parent.parent.parent / "shared" / "sources" / "viva-technology-2016.txt"
OWN_ARTICLES = ["fr-ecoles-numeriques", "en-harbor-robotics"]
needs_article = pytest.mark.skipif(not ARTICLE.is_file(), reason="the Viva Technology article is not in ../shared/sources")


def summarise(findings: Findings) -> dict[str, Any]:
    """The findings in the shape of the *.expected.json files."""
    return {
        "title": findings.title,
        "language": findings.language,
        "quotations": [{"text": q.text, "speaker": q.speaker, "attribution": q.attribution} for q in findings.quotations],
        "figures": [
            {
                "wording": f.wording,
                "value": f.value,
                "unit": f.unit,
                "kind": f.kind,
                "tolerance": f.tolerance,
                "range": f.range and list(f.range),
            }
            for f in findings.figures
        ],
        "people": [{"name": p.name, "role": p.role, "organisation": p.organisation, "variants": list(p.variants)} for p in findings.people],
        "skipped": list(findings.skipped),
    }


def expected(name: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    return result


# Articles with known answers


@pytest.mark.parametrize("name", OWN_ARTICLES)
def test_own_articles_give_exactly_the_expected_findings(name: str) -> None:
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    assert summarise(extract(text)) == expected(name)


@needs_article
def test_viva_article_every_quotation_with_its_speaker_and_every_figure_with_its_unit() -> None:
    assert summarise(extract(ARTICLE.read_text(encoding="utf-8"))) == expected("viva-technology-2016")


@needs_article
def test_viva_article_nothing_comes_from_the_page_chrome() -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    body = text[: text.index("Recent Posts")]
    bank = yaml.safe_load(draft_bank(text, source_file="article.txt"))
    for question in bank["questions"]:
        assert question["source"] in body
        assert "Enregistrer" not in question["source"]
        assert "consentements" not in question["source"]


def wrapped(text: str, width: int) -> str:
    """A text hard-wrapped at `width` columns, as plain-text exports often are."""
    return "\n\n".join(textwrap.fill(paragraph, width) for paragraph in text.split("\n\n"))


def dense(text: str) -> str:
    """A text with one paragraph per line and no blank line between them."""
    return "\n".join(line for line in text.splitlines() if line.strip())


def essentials(findings: Findings) -> dict[str, Any]:
    return {
        "quotations": [(" ".join(q.text.split()), q.speaker) for q in findings.quotations],
        "figures": [(f.value, f.unit, f.kind, f.tolerance, f.range) for f in findings.figures],
        "roles": [(p.name, " ".join((p.role or "").split())) for p in findings.roles],
    }


@pytest.mark.parametrize(
    "layout", [pytest.param(lambda t: wrapped(t, 72), id="wrapped-72"), pytest.param(lambda t: wrapped(t, 60), id="wrapped-60"), dense]
)
@pytest.mark.parametrize("name", OWN_ARTICLES)
def test_the_same_findings_whatever_the_line_breaks(name: str, layout: Any) -> None:
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    assert essentials(extract(layout(text))) == essentials(extract(text))


# The banks drafted from them load, and every excerpt is found in the article


def drafts() -> list[Any]:
    articles = [pytest.param(FIXTURES / f"{name}.txt", id=name) for name in OWN_ARTICLES]
    return [*articles, pytest.param(ARTICLE, id="viva-technology-2016", marks=needs_article)]


@pytest.mark.parametrize("article", drafts())
def test_drafted_bank_loads_and_is_grounded_with_only_draft_warnings(article: Path, tmp_path: Path) -> None:
    output = tmp_path / "draft.yaml"
    draft = write_draft(article, output)
    report = check_bank(output, article)
    assert report.source_name == str(article)
    assert len(report.bank.questions) == draft.questions
    # The loader's only warnings are the draft marks; `check` also reports what a reviewer must fix
    # before removing them (answers outside their excerpt, questions that give each other away).
    loader_warnings = [warning.message for warning in load_bank(output).warnings]
    assert loader_warnings == ["draft question: review it, then remove 'draft: true'"] * draft.questions
    assert all(question.draft and question.source and question.explanation and question.tags for question in report.bank.questions)


def test_a_windows_file_with_a_byte_order_mark_and_crlf_drafts_the_same(tmp_path: Path) -> None:
    text = (FIXTURES / "fr-ecoles-numeriques.txt").read_text(encoding="utf-8")
    article = tmp_path / "article.txt"
    article.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    draft = write_draft(article, tmp_path / "draft.yaml")
    assert essentials(draft.findings) == essentials(extract(text))
    check_bank(tmp_path / "draft.yaml", article)
    assert len(load_bank(tmp_path / "draft.yaml").warnings) == draft.questions


@pytest.mark.parametrize("article", drafts())
def test_drafting_twice_gives_the_same_bank_and_unique_ids(article: Path) -> None:
    text = article.read_text(encoding="utf-8")
    first = draft_bank(text, source_file="article.txt")
    assert draft_bank(text, source_file="article.txt") == first
    ids = [question["id"] for question in yaml.safe_load(first)["questions"]]
    assert len(ids) == len(set(ids))


@needs_article
def test_viva_bank_header_and_first_questions() -> None:
    bank = yaml.safe_load(draft_bank(ARTICLE.read_text(encoding="utf-8"), source_file="../shared/sources/viva-technology-2016.txt"))
    title = "Cisco et Amazon aiment les start-up de France, Wikipedia préfère le code"
    assert bank["title"] == title
    assert bank["languages"] == ["fr"]
    assert bank["source"] == {"title": title, "file": "../shared/sources/viva-technology-2016.txt"}
    assert bank["questions"][0] == {
        "id": "john-chambers-le-monde-du-numerique",
        "type": "mcq",
        "draft": True,
        "prompt": "Qui a dit : « Le monde du numérique sera bientôt menée par la France et Paris sera la capitale des start-up."
        " Vive la French Tech\u00a0! » ?",
        "choices": ["John Chambers", "Jay Carney", "Jimmy Wales", "François Hollande"],
        "answer": "John Chambers",
        "tags": ["john-chambers", "cisco", "quote"],
        "difficulty": 2,
        "explanation": "Le texte attribue cette citation à John Chambers.",
        "source": "«\u00a0Le monde du numérique sera bientôt menée par la France et Paris sera la capitale des start-up."
        " Vive la French Tech\u00a0! ».",
    }
    by_id = {question["id"]: question for question in bank["questions"]}
    assert by_id["200-millions-de-dollars"] | {"prompt": "", "source": ""} == {
        "id": "200-millions-de-dollars",
        "type": "numeric",
        "draft": True,
        "prompt": "",
        "answer": 200000000,
        "unit": "dollars",
        "tolerance": 0,
        "tags": ["john-chambers", "cisco", "figure"],
        "difficulty": 2,
        "explanation": "Le texte indique « 200 millions de dollars ».",
        "source": "",
    }
    assert by_id["plus-de-400-produits"]["range"] == [400, 500]
    assert by_id["jay-carney-role"]["choices"] == [
        "Président exécutif de Cisco",
        "Patron du MEDEF",
        "Vice-Président senior d’Amazon",
        "Cofondateur de Wikipedia",
    ]
    assert by_id["jimmy-wales-dans-la-silicon-valley-cloze"]["text"] == (
        "Jimmy Wales : « Dans la {{c1::Silicon Valley}}, échouer n’est pas mal vu. Il faut rebondir et toujours innover. »"
    )


PIECES = st.sampled_from(
    [
        *"aAéÉ Jj.,;:!?«»“”‘’\"'()-\n\u00a0%$€0123456789",
        *("Jean ", "Dupont", " de ", "président", " il ", "plus de ", "millions", " 2015", "juin", "Recent Posts", "\n\n"),
        *("une cinquantaine de ", "Jay Carney, vice-président d’Amazon", "« Vive la French Tech ! »"),
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(PIECES, max_size=50).map("".join)), st.sampled_from(["fr", "en", None]))
def test_any_text_gives_a_bank_that_loads_or_says_there_is_nothing(text: str, lang: str | None) -> None:
    try:
        drafted = draft_bank(text, source_file="article.txt", lang=lang)
    except DraftError as error:
        assert "found no quotation, figure or person with a role" in str(error)
        return
    loaded = parse_bank(drafted.encode("utf-8"), "draft.yaml")
    assert all(question.draft for question in loaded.bank.questions)


# The rules, one table each


@pytest.mark.parametrize(
    ("text", "speaker", "attribution"),
    [
        ("« Nous gagnerons ce match, c’est certain », a déclaré Jean Dupont.", "Jean Dupont", "named"),
        ("Jean Dupont a rappelé que « la route sera longue et difficile ».", "Jean Dupont", "named"),
        ("Selon Jean Dupont, « la route sera longue et difficile ».", "Jean Dupont", "named"),
        ("Jean Dupont est arrivé tôt. Il a dit : « Nous allons gagner ce match. »", "Jean Dupont", "pronoun"),
        ("Jean Dupont a été invité par Paul Martin. « Je suis très heureux d’être ici. »", "Jean Dupont", "context"),
        ("Jean Dupont (ami de Paul Martin) a dit : « Je suis très heureux d’être ici. »", "Jean Dupont", "named"),
        ("« Je suis très heureux d’être ici. » Hier, Jean Dupont a souri.", "Jean Dupont", "following"),
        ("M. Dupont est arrivé. « Je suis très heureux d’être ici. »", "Dupont", "context"),
        (
            "Jean Dupont, directeur d’Acme, est venu. Marie Curie a parlé ensuite. Le directeur d’Acme a conclu. « Tout ira bien pour nous. »",
            "Jean Dupont",
            "context",
        ),
        ("Jean Dupont est venu. Le directeur d’Acme a conclu : « Tout ira bien pour nous. »", "Jean Dupont", "role"),
        ("“We will win this one,” said Jane Doe.", "Jane Doe", "named"),
        ('Jane Doe arrived early. "We will win this time," she said.', "Jane Doe", "pronoun"),
        ("According to Jane Doe, “the market will grow fast.”", "Jane Doe", "named"),
        ("Jane Doe met Tom Baker. “This is only the start,” Doe added.", "Jane Doe", "named"),
        ("Jean Dupont a parlé.\n\nUne autre affaire\n\n« Rien ne va plus depuis longtemps. »", None, None),
    ],
)
def test_speaker_rules(text: str, speaker: str | None, attribution: str | None) -> None:
    (quotation,) = extract(text).quotations
    assert (quotation.speaker, quotation.attribution) == (speaker, attribution)


@pytest.mark.parametrize(
    ("text", "quotations"),
    [
        (
            "Il a dit : « Quand je disais « next place to be », personne ne me croyait. »",
            ["Quand je disais « next place to be », personne ne me croyait."],
        ),
        ("Il a dit : « Première phrase. Deuxième phrase ! » Puis il est parti.", ["Première phrase. Deuxième phrase !"]),
        ("He said “robots are tools, not teachers” and left.", ["robots are tools, not teachers"]),
        ('He said "this is the year we prove it" and left.', ["this is the year we prove it"]),
        ("He said: “Parents tell me ‘my kid likes maths’ every week.”", ["Parents tell me ‘my kid likes maths’ every week."]),
        ("Les écoles pratiquent la « classe inversée » depuis longtemps.", []),
        ("Critics call it “robot hype” in many cities.", []),
        (
            "Il a dit : « Cette citation n’est jamais refermée. Elle court au bout.",
            ["Cette citation n’est jamais refermée. Elle court au bout."],
        ),
    ],
)
def test_quotation_rules(text: str, quotations: list[str]) -> None:
    assert [quotation.text for quotation in extract(text).quotations] == quotations


@pytest.mark.parametrize(
    ("text", "lang", "figure"),
    [
        ("Cisco va investir 200 millions de dollars.", "fr", (200000000, "dollars", "amount", 0, None)),
        ("La société a levé 2,5 millions d’euros en tout.", "fr", (2500000, "euros", "amount", 0, None)),
        ("Sales reached $3.5bn last year.", "en", (3500000000, "dollars", "amount", 0, None)),
        ("The company raised €40m from investors.", "en", (40000000, "euros", "amount", 0, None)),
        ("Le taux atteint 49 % cette année.", "fr", (49, "%", "percent", 0, None)),
        ("Sales rose 38 per cent this year.", "en", (38, "%", "percent", 0, None)),
        ("Plus de 400 produits sont exposés.", "fr", (400, "produits", "count", None, (400, 500))),
        ("Une cinquantaine de start-up travaillent ici.", "fr", (50, "start-up", "count", "10%", None)),
        ("Environ 1 200 élèves suivent les cours.", "fr", (1200, "élèves", "count", "10%", None)),
        ("Près de 45 % des centres ont fermé.", "fr", (45, "%", "percent", None, (36, 45))),
        ("Ils vendent à moins de 300 euros par mois.", "fr", (300, "euros", "amount", None, (240, 300))),
        ("It employs about 320 people.", "en", (320, "people", "count", "10%", None)),
        ("It sells in a dozen countries.", "en", (12, "countries", "count", "10%", None)),
        ("It has more than 1,200 schools waiting.", "en", (1200, "schools", "count", None, (1200, 1500))),
        ("Prices stay under $500 per robot.", "en", (500, "dollars", "amount", None, (400, 500))),
        ("Nearly 40% of pupils use it.", "en", (40, "%", "percent", None, (32, 40))),
        ("Intel ferme ses 5 centres R&D cette année.", "fr", (5, "centres R&D", "count", 0, None)),
        ("It opened 3 new stores in Paris.", "en", (3, "stores", "count", 0, None)),
        ("C’était le jeudi 30 juin à Paris.", "fr", (30, "juin", "date", 0, None)),
        ("On June 12, she spoke.", "en", (12, "June", "date", 0, None)),
        ("En octobre 2015, il a annoncé un plan.", "fr", (2015, "", "year", 0, None)),
        ("Le salon a eu lieu le 30 juin 2016 à Paris.", "fr", (2016, "", "year", 0, None)),
        ("Il continue à se développer quinze après ans sa création.", "fr", (15, "ans", "duration", 0, None)),
        ("Il attend depuis vingt-cinq ans une réponse.", "fr", (25, "ans", "duration", 0, None)),
        ("The next two years will decide everything.", "en", (2, "years", "duration", 0, None)),
    ],
)
def test_figure_rules(text: str, lang: str, figure: tuple[Any, ...]) -> None:
    (found,) = extract(text, lang).figures
    assert (found.value, found.unit, found.kind, found.tolerance, found.range) == figure


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Vous parlez à des milliards d’utilisateurs et des millions d’individus.", "fr"),  # vague: no number
        ("Thousands of teachers signed up in dozens of cities.", "en"),
        ("La version 3 du logiciel tourne sous Windows 11.", "fr"),  # labels and product names
        ("Cisco a investi dans 6WIND et Intersec cette année.", "fr"),  # a digit inside a name
        ("Il propose un service gratuit depuis une semaine.", "fr"),  # "un", "une" are articles
        ("Le train part à 10h30 et il en reste 300.", "fr"),  # a time; a number with no noun
        ("Mettez-le en quarantaine pour le moment.", "fr"),  # "quarantaine" without "une ... de"
    ],
)
def test_not_figures(text: str, lang: str) -> None:
    assert extract(text, lang).figures == ()


@pytest.mark.parametrize(
    ("line", "skipped"),
    [
        ("Pour gérer vos consentements :", True),
        ("Accept all cookies", True),
        ("Enregistrer", True),
        ("2 semaines ago", True),
        ("3 days ago", True),
        ("5 min read", True),
        ("Accueil | Actualités | Contact", True),
        ("Publié le 3 mars 2024", True),
        ("By Staff Writer", True),
        ("Jimmy Wales", False),
        ("Jay Carney, vice-président d’Amazon", False),
        ("200 millions investis en France", False),
    ],
)
def test_chrome_lines(line: str, skipped: bool) -> None:
    text = f"Un titre d’article assez long pour être le titre\n\n{line}\n\nUne phrase de l’article qui dit quelque chose."
    assert (line in extract(text, "fr").skipped) is skipped


def test_everything_after_recent_posts_is_skipped() -> None:
    text = "Le titre de l’article\n\nJean Dupont a dit : « Nous gagnerons, c’est sûr. »\n\nRecent Posts\n\nMarie Curie a dit : « 45 % des gens aiment ça. »\n"
    findings = extract(text, "fr")
    assert [q.text for q in findings.quotations] == ["Nous gagnerons, c’est sûr."]
    assert findings.figures == ()
    assert findings.skipped == ("Recent Posts", "Marie Curie a dit : « 45 % des gens aiment ça. »")


@pytest.mark.parametrize(
    ("text", "name", "variants"),
    [
        (
            "Jay Carney, vice-président d’Amazon\n\nPrésent à Paris, Jay Carner a parlé.",
            "Jay Carney",
            ["Jay Carner"],
        ),  # a tie: the heading's
        ("Jay Carner\n\nJay Carney a parlé. Puis Jay Carney a ri.", "Jay Carney", ["Jay Carner"]),  # the most used
        ("Jean Roux a parlé. Jean Rous a ri.", "Jean Roux", []),  # surnames under five letters are never merged
    ],
)
def test_spellings_of_one_person(text: str, name: str, variants: list[str]) -> None:
    first = extract(text, "fr").people[0]
    assert (first.name, list(first.variants)) == (name, variants)


@pytest.mark.parametrize(
    ("text", "role", "organisation"),
    [
        ("John Chambers, Président exécutif de Cisco, est venu.", "Président exécutif de Cisco", "Cisco"),
        ("Cofondateur de Wikipedia, Jimmy Wales a parlé.", "Cofondateur de Wikipedia", "Wikipedia"),
        ("Il a été invité par Pierre Gattaz, le patron du MEDEF, à venir.", "patron du MEDEF", "MEDEF"),
        ("John Chambers est venu. Le Président exécutif de Cisco a parlé.", "Président exécutif de Cisco", "Cisco"),
        ("Jane Doe, chief executive of Acme Robotics said it.", "chief executive of Acme Robotics", "Acme Robotics"),
        ("Acme’s chief technology officer, David Chen, was cautious.", "Acme’s chief technology officer", "Acme"),
        ("Sophie Martin, ministre de l’Éducation, a parlé.", "ministre de l’Éducation", "Éducation"),
    ],
)
def test_role_rules(text: str, role: str, organisation: str) -> None:
    person = extract(text).roles[0]
    assert (person.role, person.organisation) == (role, organisation)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Le président a dit que la France est un pays pour les start-up et que les investisseurs sont là.", "fr"),
        ("The president said that the country is a place for start-ups and that the investors are there.", "en"),
        ("", "en"),
    ],
)
def test_language_detection(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_nothing_to_draft_is_an_error() -> None:
    with pytest.raises(DraftError, match=r"^notes\.txt: found no quotation, figure or person with a role in its prose"):
        draft_bank("Une note\n\nRien à signaler aujourd’hui.", source_file="notes.txt")


def test_unsupported_language_is_an_error() -> None:
    with pytest.raises(DraftError, match=r"^cannot draft in 'de': quizgen draft writes French \(fr\) or English \(en\)$"):
        extract("Ein Text.", "de")


def test_title_option_and_relative_source_file(tmp_path: Path) -> None:
    article = tmp_path / "sources" / "article.txt"
    article.parent.mkdir()
    shutil.copy(FIXTURES / "en-harbor-robotics.txt", article)
    output = tmp_path / "banks" / "draft.yaml"
    write_draft(article, output, title="Robots at school", lang="en")
    bank = yaml.safe_load(output.read_text(encoding="utf-8"))
    assert bank["title"] == "Robots at school"
    assert bank["source"] == {"title": "Harbor Robotics bets on schools as sales climb", "file": "../sources/article.txt"}
    assert output.read_text(encoding="utf-8").startswith("# A draft written by `quizgen draft` from ../sources/article.txt.\n")


# The command


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding a copy of the English article."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURES / "en-harbor-robotics.txt", tmp_path / "article.txt")
    return tmp_path


SUMMARY = "{path}: 32 draft questions (8 quotations, 14 figures, 2 people); review them, then remove draft: true\n"


def test_cli_writes_the_draft_beside_the_article_name(in_tmp: Path) -> None:
    result = CliRunner().invoke(cli, ["draft", "article.txt"])
    assert (result.exit_code, result.output) == (0, "Wrote " + SUMMARY.format(path="article.draft.yaml"))
    assert (in_tmp / "article.draft.yaml").is_file()


def test_cli_output_option(in_tmp: Path) -> None:
    result = CliRunner().invoke(cli, ["draft", "article.txt", "-o", "banks/robots.yaml", "--lang", "en", "--title", "Robots"])
    assert (result.exit_code, result.output) == (0, "Wrote " + SUMMARY.format(path="banks/robots.yaml"))
    assert yaml.safe_load((in_tmp / "banks" / "robots.yaml").read_text(encoding="utf-8"))["source"]["file"] == "../article.txt"


def test_cli_never_replaces_a_file_without_force(in_tmp: Path) -> None:
    (in_tmp / "questions.yaml").write_text("reviewed bank\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["draft", "article.txt", "-o", "questions.yaml"])
    message = "Error: questions.yaml already exists; a draft never replaces a bank silently: choose another -o FILE or add --force\n"
    assert (result.exit_code, result.output) == (1, message)
    assert (in_tmp / "questions.yaml").read_text(encoding="utf-8") == "reviewed bank\n"
    forced = CliRunner().invoke(cli, ["draft", "article.txt", "-o", "questions.yaml", "--force"])
    assert (forced.exit_code, forced.output) == (0, "Wrote " + SUMMARY.format(path="questions.yaml"))
    assert (in_tmp / "questions.yaml").read_text(encoding="utf-8").startswith("# A draft written by `quizgen draft`")


@pytest.mark.parametrize(
    ("files", "args", "exit_code", "output"),
    [
        ({}, ["missing.txt"], 1, "Error: missing.txt: no such file\n"),
        (
            {"bad.txt": b"Un titre\n\nUne phrase \xe9crite en Latin-1.\n"},
            ["bad.txt"],
            1,
            "Error: bad.txt:3: not valid UTF-8 (byte 0xe9 at offset 21); save it as UTF-8\n",
        ),
        ({"empty.txt": b"\n \n"}, ["empty.txt"], 1, "Error: empty.txt is empty: there is nothing to draft from\n"),
        (
            {"plain.txt": "Une note\n\nRien à signaler aujourd’hui.\n".encode()},
            ["plain.txt"],
            1,
            "Error: plain.txt: found no quotation, figure or person with a role in its prose to draft a question from\n",
        ),
        (
            {"folder/x": b""},
            ["article.txt", "-o", "folder"],
            2,
            "Error: Invalid value for '-o' / '--output': File 'folder' is a directory.\n",
        ),
        ({}, ["article.txt", "--lang", "de"], 2, "Error: Invalid value for '--lang': 'de' is not one of 'fr', 'en'.\n"),
    ],
)
def test_cli_errors(in_tmp: Path, files: dict[str, bytes], args: list[str], exit_code: int, output: str) -> None:
    for name, data in files.items():
        (in_tmp / name).parent.mkdir(parents=True, exist_ok=True)
        (in_tmp / name).write_bytes(data)
    result = CliRunner().invoke(cli, ["draft", *args])
    assert result.exit_code == exit_code
    assert result.output.endswith(output)
    assert not list(in_tmp.glob("*.draft.yaml"))


def test_cli_help_has_an_example() -> None:
    result = CliRunner().invoke(cli, ["draft", "--help"])
    assert result.exit_code == 0
    assert "quizgen draft article.txt -o draft.yaml --lang fr" in result.output
