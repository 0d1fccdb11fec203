"""The `quizgen` command: each subcommand parses its options, makes one library call and reports.

Library modules are imported inside the commands that use them, so that
`quizgen --help` and the quiz start fast (genanki, typst and rich are heavy).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, Any

import click

from . import __version__
from .completion import from_bank

if TYPE_CHECKING:
    from .anki import BuildReport
    from .errors import QuizgenError


def announce_demo(context: click.Context, parameter: click.Parameter, value: str | None) -> str | None:
    """Say on stderr when a command falls back on the bundled demo bank, never silently."""
    from pathlib import Path

    from .files import is_file

    if value is None and not context.resilient_parsing and not is_file(Path("questions.yaml")):
        from .starter import demo_notice

        click.echo(demo_notice(Path(".")), err=True)
    return value


BANK_ARGUMENT = click.argument("bank", required=False, type=click.Path(dir_okay=False), callback=announce_demo)


class ReportedError(click.ClickException):
    """A QuizgenError shown as it is: bank problems are already one located line each."""

    def __init__(self, error: QuizgenError) -> None:
        from .errors import BankError

        super().__init__(str(error))
        self.located = isinstance(error, BankError)

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(self.message if self.located else f"Error: {self.message}", err=True)


@contextmanager
def reported() -> Iterator[None]:
    from .errors import QuizgenError

    try:
        yield
    except QuizgenError as error:
        raise ReportedError(error) from error


TYPED_OPTION = click.option(
    "--typed", is_flag=True, help="Short and numeric answers are typed on the card (note types 'quizgen · …, typed')."
)


def echo_decks(report: BuildReport) -> None:
    """The bank's warnings on stderr, then one line per deck written."""
    for warning in report.warnings:
        click.echo(str(warning), err=True)
    if report.derived_id is not None:
        click.echo(report.derived_id, err=True)
    for deck in report.decks:
        click.echo(deck.summary())
        for line in deck.advice():
            click.echo(line)


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 120, "token_normalize_func": str.lower},
    invoke_without_command=True,
)
@click.version_option(__version__, prog_name="quizgen")
@click.pass_context
def cli(context: click.Context) -> None:
    """Turn one YAML question bank into Anki decks, a terminal quiz and classroom handouts.

    Start with `quizgen build` (checks the bank and writes the Anki decks) or
    `quizgen quiz` (practise in the terminal). Every command takes the bank as
    its first argument, and uses ./questions.yaml or the bundled bank without it.
    """
    if context.invoked_subcommand is None:
        click.echo(context.get_help())
        return
    from .files import exit_on_termination

    exit_on_termination()


@cli.command(short_help="Validate a bank and find every excerpt in its source text.")
@BANK_ARGUMENT
@click.option("--source", type=click.Path(dir_okay=False, exists=True), help="Text the excerpts come from [default: source.file].")
@click.option("--strict", is_flag=True, help="Fail on warnings too (a missing excerpt or explanation, a draft).")
def check(bank: str | None, source: str | None, strict: bool) -> None:
    """Validate a bank and check that every excerpt is in its source text.

    Every problem is reported on one line, FILE:LINE: question 'ID': message,
    then a count; the exit code is 1 when there are errors.

    \b
    Example:
        quizgen check questions.yaml --source article.txt --strict
    """
    from pathlib import Path

    from .bank import bank_path
    from .check import check_bank

    with reported():
        report = check_bank(bank_path(bank), Path(source) if source else None, strict)
    for warning in report.warnings:
        click.echo(str(warning), err=True)
    click.echo(report.summary())


@cli.command(short_help="Check a bank, then write its Anki decks (one per language).")
@BANK_ARGUMENT
@click.option("--out-dir", type=click.Path(file_okay=False), default="decks", show_default=True, help="Folder the decks go into.")
@TYPED_OPTION
def build(bank: str | None, out_dir: str, typed: bool) -> None:
    """Check a bank, then write its Anki decks: one .apkg per bank language.

    The bank is checked as `quizgen check` does (errors stop the build). Each
    deck, OUT_DIR/SLUG.LANG.apkg, has a lock file beside it, SLUG.LANG.lock.json,
    that keeps each note's modification time: commit both. An unchanged bank
    rebuilds to the same bytes; an edited question updates its note in Anki on
    import, keeping its review history.

    \b
    Example:
        quizgen build questions.yaml --out-dir decks
    """
    from pathlib import Path

    from .anki import build_decks
    from .bank import bank_path

    with reported():
        report = build_decks(bank_path(bank), Path(out_dir), typed=typed)
    echo_decks(report)


@cli.command(short_help="Write the Anki deck (.apkg) of one language of a bank.")
@BANK_ARGUMENT
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="The .apkg to write [default: decks/SLUG.LANG.apkg].")
@click.option(
    "--lang", metavar="LANG", help="The deck's language, one of the bank's [default: its first].", shell_complete=from_bank("lang")
)
@TYPED_OPTION
def anki(bank: str | None, output: str | None, lang: str | None, typed: bool) -> None:
    """Write the Anki deck (.apkg) of one language of a bank.

    Its lock file goes beside it: FILE.apkg gets FILE.lock.json. Keep it to
    rebuild the same bytes and to have edited questions update their notes.

    \b
    Example:
        quizgen anki questions.yaml --lang en -o viva-en.apkg
    """
    from pathlib import Path

    from .anki import anki_deck
    from .bank import bank_path

    with reported():
        report = anki_deck(bank_path(bank), lang, Path(output) if output else None, typed=typed)
    echo_decks(report)


@cli.command(short_help="Practise in the terminal, with spaced repetition (FSRS).")
@BANK_ARGUMENT
@click.option("-n", "--count", type=click.IntRange(min=1), default=10, show_default=True, help="How many questions.")
@click.option(
    "--tag",
    "tags",
    metavar="TAG",
    multiple=True,
    help="Only questions with this tag (repeatable: any of them).",
    shell_complete=from_bank("tag"),
)
@click.option(
    "--type",
    "types",
    metavar="TYPE",
    multiple=True,
    help="Only questions of this type, e.g. mcq (repeatable: any of them).",
    shell_complete=from_bank("type"),
)
@click.option("--difficulty", metavar="N|N-M", help="Only questions of this difficulty (1 to 3), or range of difficulties, e.g. 2-3.")
@click.option("--seed", type=int, help="Replay a session: the same seed asks the same questions in the same order.")
@click.option(
    "--lang", metavar="LANG", help="The language to ask in, one of the bank's [default: its first].", shell_complete=from_bank("lang")
)
@click.option("--review", is_flag=True, help="Spaced repetition: the questions due first, then new ones.")
@click.option("--db", type=click.Path(dir_okay=False), help="The progress database [default: progress.sqlite3 in your data folder].")
@click.option("--show-tags", is_flag=True, help="Show each question's tags above it (they may give its answer away).")
def quiz(
    bank: str | None,
    count: int,
    tags: tuple[str, ...],
    types: tuple[str, ...],
    difficulty: str | None,
    seed: int | None,
    lang: str | None,
    review: bool,
    db: str | None,
    show_tags: bool,
) -> None:
    """Practise in the terminal, with spaced repetition (FSRS); answers are saved as you give them.

    At the prompt, ? lists the keys: /h hint, /s skip, /u undo, /r I was right,
    /q quit (also Ctrl-C, Ctrl-D). After each answer, Enter goes on and 1-4 rate
    it (Again, Hard, Good, Easy). Missed questions come back before the end.
    Outside --review, a question learned and not yet due keeps its schedule.

    \b
    Example:
        quizgen quiz questions.yaml --count 5 --tag cisco --lang en
        quizgen quiz --review
    """
    from .bank import bank_path
    from .terminal import QuizOptions, run_quiz

    options = QuizOptions(count, tags, types, difficulty, seed, lang, review, db, show_tags)
    with reported():
        run_quiz(bank_path(bank), options)


@cli.command(short_help="Show quiz progress: new, learning, learned, due, retention.")
@click.argument("bank", required=False, type=click.Path(dir_okay=False))
@click.option("--db", type=click.Path(dir_okay=False), help="The progress database [default: progress.sqlite3 in your data folder].")
@click.option("--tags", is_flag=True, help="Also show each tag's counts.")
def stats(bank: str | None, db: str | None, tags: bool) -> None:
    """Show quiz progress per bank: new, learning and learned questions, due today and this week, retention, a week's forecast.

    Without BANK, every bank in the progress database is shown. The database is only read.

    \b
    Example:
        quizgen stats
        quizgen stats questions.yaml --db class.sqlite3 --tags
    """
    from pathlib import Path

    from .terminal import show_stats

    with reported():
        show_stats(Path(bank) if bank is not None else None, db, tags)


@cli.command(short_help="Print worksheets in shuffled versions, and the teacher's key.")
@BANK_ARGUMENT
@click.option("--format", "format_", type=click.Choice(["pdf", "html", "md"]), help="Output format [default: from -o's suffix, else pdf].")
@click.option("--versions", type=click.IntRange(1, 99), default=1, show_default=True, help="How many versions (A to Z, then AA...).")
@click.option("-n", "--count", type=click.IntRange(min=1), help="How many questions, picked by the seed [default: all the selected ones].")
@click.option(
    "--tag", "tags", multiple=True, help="Only questions with this tag (repeatable: any of them).", shell_complete=from_bank("tag")
)
@click.option(
    "--type",
    "types",
    multiple=True,
    help="Only questions of this type, e.g. mcq or numeric (repeatable: any of them).",
    shell_complete=from_bank("type"),
)
@click.option("--difficulty", metavar="N|N-M", help="Only questions of this difficulty (1 to 3), or range of difficulties, e.g. 2-3.")
@click.option("--seed", type=int, default=0, show_default=True, help="The same seed prints the same versions; another seed shuffles anew.")
@click.option("--lang", help="The handout's language, one of the bank's [default: its first].", shell_complete=from_bank("lang"))
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True, help="Paper size (pdf and html).")
@click.option(
    "--key/--no-key", default=True, show_default=True, help="The teacher's key (grading grid, then each version's key) in SLUG-key.FORMAT."
)
@click.option("--key-only", is_flag=True, help="Write the key alone (the teacher's copy).")
@click.option("--combined", is_flag=True, help="One file: the sheets, then the key.")
@click.option(
    "--duplex/--no-duplex", default=True, show_default=True, help="Start each version on an odd page, for two-sided printing (pdf)."
)
@click.option("--title", help="The title on every sheet [default: the bank's].")
@click.option(
    "--answer-sheet", is_flag=True, help="Also write SLUG-answer-sheets.pdf (bubble sheets) and SLUG-key.json for `quizgen grade`."
)
@click.option("--student-digits", type=click.IntRange(1, 12), default=8, show_default=True, help="Digits of the student number grid.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="The students' file (the key's with --key-only, the only one with --combined), ending in .pdf, .html or .md; "
    "the key goes beside it as NAME-key.EXT; - for standard output [default: SLUG-handout.FORMAT, here].",
)
def handout(
    bank: str | None,
    format_: str | None,
    versions: int,
    count: int | None,
    tags: tuple[str, ...],
    types: tuple[str, ...],
    difficulty: str | None,
    seed: int,
    lang: str | None,
    paper: str,
    key: bool,
    key_only: bool,
    combined: bool,
    duplex: bool,
    title: str | None,
    answer_sheet: bool,
    student_digits: int,
    output: str | None,
) -> None:
    """Print a worksheet to hand out: versions with shuffled questions and choices, and the teacher's key.

    Every version holds the same questions, in its own order, with its choices
    shuffled, so that neighbours cannot copy. The same command (and seed)
    always prints the same versions. The students' sheets go to
    SLUG-handout.FORMAT, the teacher's key to SLUG-key.FORMAT (beside -o's file):
    a grading grid of every version's answers with points and totals, then each
    version's answers with the excerpt of the source and the question's id.

    \b
    Example:
        quizgen handout questions.yaml --versions 3 --count 10 --lang fr
        quizgen handout --versions 3 --count 10 --key-only -o key.pdf
        quizgen handout --format html --tag cisco --no-key
        quizgen handout --versions 30 --count 10 --combined -o - > class.pdf
        quizgen handout --versions 4 --count 20 --answer-sheet
    """
    from .bank import bank_path
    from .handouts import HandoutOptions, KeyMode, write_handout

    chosen = [name for name, given in (("--key-only", key_only), ("--no-key", not key), ("--combined", combined)) if given]
    if len(chosen) > 1:
        raise click.UsageError(f"{' and '.join(chosen)} contradict each other; give one of them.")
    mode: KeyMode = "only" if key_only else "omit" if not key else "combined" if combined else "separate"
    options = HandoutOptions(
        format=format_,
        versions=versions,
        count=count,
        tags=tags,
        types=types,
        difficulty=difficulty,
        seed=seed,
        lang=lang,
        paper=paper,
        key=mode,
        title=title,
        duplex=duplex,
    )
    with reported():
        written = write_handout(bank_path(bank), options, output)
    to_stdout = written.files[0].path is None
    if to_stdout:
        click.echo(written.files[0].data, nl=False)
    click.echo(written.summary(), err=to_stdout)
    if answer_sheet:
        from pathlib import Path

        from .grade.render import write_answer_sheets

        # Beside the handout's file, or here when it goes to standard output.
        folder = Path(output).parent if output is not None and output != "-" else Path()
        with reported():
            sheets = write_answer_sheets(bank_path(bank), written.handout, folder, paper, student_digits)
        click.echo(sheets.summary(), err=to_stdout)


@cli.command(short_help="Grade scanned answer sheets (PDFs or images) against the key.")
@click.argument("scans", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--key", "key_file", required=True, type=click.Path(dir_okay=False), help="The SLUG-key.json written with the answer sheets.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default="results.csv",
    show_default=True,
    help="The results (results.json beside it).",
)
@click.option(
    "--annotate", type=click.Path(file_okay=False), help="Write each page read, with its marks coloured, as a PNG in this folder."
)
def grade(scans: tuple[str, ...], key_file: str, output: str, annotate: str | None) -> None:
    """Grade scanned answer sheets: PDFs or images, any order, any mix of versions.

    Each page is found by its QR code and corner markers, straightened, and
    every bubble read as filled, empty or doubtful (a light, erased or
    crossed-out mark, two marks where one is allowed). Doubtful answers earn
    nothing until checked: their count is in the results, and --annotate draws
    them in orange (green right, red wrong). Pages that cannot be read are
    listed with the reason.

    \b
    Example:
        quizgen grade scans/*.pdf --key viva-technology-2016-key.json -o results.csv --annotate checked
    """
    from pathlib import Path

    from .grade.results import write_results

    with reported():
        grading = write_results([Path(scan) for scan in scans], Path(key_file), Path(output), Path(annotate) if annotate else None)
    click.echo(grading.summary(Path(output)))


@cli.command(short_help="Export for Moodle, Canvas, Anki, Kahoot... or a web page.")
@BANK_ARGUMENT
@click.option(
    "--format",
    "format_",
    required=True,
    type=click.Choice(["moodle", "gift", "qti", "csv", "quizlet", "kahoot", "blooket", "gimkit", "wayground", "json", "html"]),
    help="moodle: Moodle XML (every question type); gift: Moodle's GIFT; qti: Canvas (zip); csv: Anki; quizlet: Quizlet; "
    "kahoot: Kahoot (xlsx); blooket, gimkit: their CSV templates; wayground: Wayground/Quizizz (xlsx); json: other programs; "
    "html: a quiz in one web page.",
)
@click.option("--lang", help="The language of the texts, one of the bank's [default: its first].", shell_complete=from_bank("lang"))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="The file to write, or - for standard output (text formats) [default: SLUG.LANG.EXT, here].",
)
@click.option("-n", "--count", type=click.IntRange(min=1), help="html: questions per round, first offered [default: all].")
@click.option(
    "--tag", "tags", multiple=True, help="html: only questions with this tag, first offered (repeatable).", shell_complete=from_bank("tag")
)
@click.option(
    "--type",
    "types",
    multiple=True,
    help="html: only questions of this type, first offered (repeatable).",
    shell_complete=from_bank("type"),
)
@click.option("--order", type=click.Choice(["shuffled", "bank"]), help="html: question order first offered [default: shuffled].")
@click.option(
    "--mode", type=click.Choice(["practice", "test"]), help="html: feedback after each question, or at the end [default: practice]."
)
def export(
    bank: str | None,
    format_: str,
    lang: str | None,
    output: str | None,
    count: int | None,
    tags: tuple[str, ...],
    types: tuple[str, ...],
    order: str | None,
    mode: str | None,
) -> None:
    """Export the bank for Moodle, Canvas, Anki, Quizlet, Kahoot, other programs or a browser.

    Each question keeps its id wherever the format has a place for it. A
    question that a format cannot hold (GIFT has no ordering question, Kahoot
    takes at most 4 answers...) is left out and reported on stderr, one line
    each with its reason; the others are still written (exit code 0). When
    none is left, nothing is written (exit code 1).

    \b
    Example:
        quizgen export questions.yaml --format moodle --lang en
        quizgen export questions.yaml --format gift --lang en
        quizgen export --format html -o quiz.html
        quizgen export --format json -o - | jq '.questions | length'
        quizgen export --format html --count 20 --mode test -o test.html

    The web quiz's options (--count, --tag, --type, --order, --mode) are
    what the page offers first; a student can change them in the page.
    """
    from .bank import bank_path
    from .exports import export_file

    web = None
    if count is not None or tags or types or order is not None or mode is not None:
        if format_ != "html":
            raise click.UsageError("--count, --tag, --type, --order and --mode are options of --format html")
        from .exports.webquiz import WebOptions

        web = WebOptions(count, tags, types, "bank" if order == "bank" else "shuffled", "test" if mode == "test" else "practice")
    with reported():
        exported = export_file(bank_path(bank), format_, lang, output, web)
    for problem in exported.problems():
        click.echo(str(problem), err=True)
    if exported.target is None:
        click.echo(exported.result.data, nl=False)
    click.echo(exported.summary(), err=exported.target is None)


@cli.command(name="import", short_help="Make a bank from Moodle XML, GIFT, Anki text or JSON.")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="The bank to write [default: FILE's name + .yaml, here].")
@click.option("--lang", help="The language of the file's texts [default: the one a quizgen JSON names, else en].")
@click.option("--title", help="The bank's title [default: the file's category, else its name].")
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists (an import never replaces a file otherwise).")
def import_(file: str, output: str | None, lang: str | None, title: str | None, force: bool) -> None:
    """Make a bank from Moodle XML, GIFT, Anki's text export or quizgen JSON.

    Each question becomes the nearest bank type, with an id from the file's own
    id or name. What can't be carried (partial credit, pictures, an essay...)
    is reported on stderr, one line each with its place in FILE; the bank
    written passes `quizgen check`.

    \b
    Example:
        quizgen import moodle-export.xml -o biology.yaml
        quizgen import quiz.gift.txt --lang fr
    """
    from pathlib import Path

    from .importers import default_output, import_file

    path = Path(output) if output else default_output(Path(file))
    with reported():
        imported = import_file(Path(file), path, lang=lang, title=title, force=force)
    for note in imported.notes:
        click.echo(str(note), err=True)
    click.echo(imported.summary(path))


@cli.command(short_help="Draft a bank from an article, for a teacher to review.")
@click.argument("article", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="The bank to write [default: ARTICLE's name + .draft.yaml, here].")
@click.option("--lang", type=click.Choice(["fr", "en"]), help="The article's language, used for the questions too [default: detected].")
@click.option("--title", help="The bank's title [default: the article's headline].")
@click.option("--max", "limit", type=click.IntRange(min=1), help="Keep the N best questions [default: 60; no limit with --all].")
@click.option("--all", "every", is_flag=True, help="Every question the draft can make, those teachers rarely keep too.")
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists (a draft never replaces a file otherwise).")
def draft(article: str, output: str | None, lang: str | None, title: str | None, limit: int | None, every: bool, force: bool) -> None:
    """Draft a bank from an article, for a teacher to review.

    ARTICLE is a text file (UTF-8, or another encoding it detects and names),
    a saved web page (.html), a PDF, or - for standard input. The draft finds
    the quotations and who says them (only when the article says), the
    figures with their units, and the people with their roles. Every question
    is marked draft: true, and its excerpt is copied from the article, so that
    `quizgen check --strict` can prove it.

    \b
    Example:
        quizgen draft article.txt -o draft.yaml --lang fr --max 20
        curl -s https://example.org/news.html | quizgen draft - -o news.yaml
    """
    from pathlib import Path

    from .draft import DEFAULT_MAX, default_output, write_draft

    path = Path(output) if output else default_output(article)
    with reported():
        result = write_draft(
            article, path, lang=lang, title=title, force=force, limit=limit or (None if every else DEFAULT_MAX), every=every
        )
    for note in result.notes:
        click.echo(note, err=True)
    click.echo(result.summary(str(path)))


@cli.command(short_help="Start your own bank: a commented questions.yaml.")
@click.argument("folder", required=False, default=".", type=click.Path(file_okay=False))
def init(folder: str) -> None:
    """Start your own bank: write a small commented questions.yaml, one question of each type.

    It has a fixed random deck id (keep it: it ties the deck to your learners'
    Anki collections) and passes `quizgen check --strict`. An existing
    questions.yaml is never replaced.

    \b
    Example:
        quizgen init && quizgen build && quizgen quiz --count 3
    """
    from pathlib import Path

    from .starter import write_starter

    with reported():
        path = write_starter(Path(folder))
    click.echo(f"Wrote {path}: 8 questions, one of each type. Edit it, then: quizgen check, quizgen build, quizgen quiz.")
