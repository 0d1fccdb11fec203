"""Score `quizgen draft` against ground truth written by hand, on real articles kept outside the repository.

    python benchmarks/draft_eval.py FOLDER [--split tune|test|all] [--no-nlp] [-v]

FOLDER holds `articles/NAME.txt` (or .html, .pdf) and `truth/NAME.json`:

    {"language": "fr", "split": "tune",
     "quotes": [{"starts": "Nous avons mis 9 milliards", "speaker": "Amélie de Montchalin"},
                {"starts": "tenir la ligne", "speaker": null}],   # null: the text does not say who
     "figures": [5000000000, 9000000000],                          # every amount, count, percent, date, duration
     "people": [["Amélie de Montchalin", "Montchalin"]],          # each person: the name, then other spellings
     "other_quotes": [{"starts": "faire vite", "speaker": null}]}  # optional: short quotations, judged when asked

Scores (all articles of the chosen split together). What draft finds and how it attributes it are scored on
every question it can make (`quizgen draft --all`: the stricter count, nothing hidden by the choice of what to
ask); what a teacher gets is the default draft (`asked`):
- who-said precision: who-said questions (mcq/short "Who said", cloze "Speaker: ...") naming the right person;
  a question on a quotation whose truth speaker is null, or on a quotation not in the truth, is wrong; a quotation
  that goes on after its attribution in the same paragraph is the truth quotation it continues; `other_quotes` are
  the short quotations ("a 'huge blow to workers'") a reader who never saw the draft's answer judged, only when the
  draft asked about them (before any continuation), and they do not count in "quotations found"; a speaker named short ("Lippman") is right
  when all its words are in the name of one truth person only;
- quotations found: truth quotations among the draft's quotations (a question of `--all` or a finding; a draft
  quotation that holds two truth quotations, split by an incise, finds both);
- figures found: distinct truth figures among the draft's figures (a numeric question of `--all` or a finding);
- questions / quotations asked / figures asked: the default draft's questions, and the truth quotations and
  figures they ask about;
- wrong questions: who-said answers that are wrong, numeric answers that are no figure of the article (a day of
  the month is right when the article writes it with that month: truths leave days out),
  role questions about someone who is not a person of the article;
- duplicates: two questions with the same prompt; twin choices: an mcq offering one person twice;
- people found: the truth's people among the draft's people; people right: the draft's people who are people;
- excerpt without the speaker: who-said questions whose excerpt does not hold a word of the speaker's name.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quizgen.answers import unit_scale
from quizgen.draft import extract, read_article, render_bank
from quizgen.draft.records import Findings
from quizgen.errors import DraftError


def norm(text: str) -> str:
    """Lower case, one kind of apostrophe and quotation mark, single spaces, no ellipsis: for matching."""
    text = unicodedata.normalize("NFC", text).lower()
    text = re.sub(r"[’‘`´]", "'", text)
    text = re.sub(r"[«»“”\"]", " ", text)
    text = text.replace("…", " ").replace("\u00a0", " ").replace("\u202f", " ")
    return " ".join(text.split())


@dataclass
class Score:
    who_right: int = 0
    who_total: int = 0
    quotes_found: int = 0
    quotes_total: int = 0
    figures_found: int = 0
    figures_total: int = 0
    wrong: int = 0
    questions: int = 0
    duplicates: int = 0
    twins: int = 0
    people_found: int = 0
    people_total: int = 0
    people_right: int = 0
    people_drafted: int = 0
    unsupported: int = 0
    asked: int = 0
    quotes_asked: int = 0
    figures_asked: int = 0
    problems: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("who_right", "who_total", "quotes_found", "quotes_total", "figures_found", "figures_total", "wrong", "questions"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.duplicates += other.duplicates
        self.twins += other.twins
        for name in (
            "people_found",
            "people_total",
            "people_right",
            "people_drafted",
            "unsupported",
            "asked",
            "quotes_asked",
            "figures_asked",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.problems += other.problems


def person_of(name: str, people: list[list[str]]) -> int | None:
    """The index of the truth person `name` is a spelling of; or, failing that, of the one truth person whose name holds
    all its words ("Lippman" for Irvin M. Lippman: the right person, named short)."""
    for index, spellings in enumerate(people):
        if norm(name) in {norm(s) for s in spellings}:
            return index
    words = set(norm(name).split())
    holders = [index for index, spellings in enumerate(people) if any(words <= set(norm(s).split()) for s in spellings)]
    return holders[0] if len(holders) == 1 else None


def quoted_text(question: dict[str, Any]) -> tuple[str | None, str]:
    """(speaker named by the question or None, the quotation's words) for a who-said or cloze question."""
    if question["type"] == "cloze":
        text = re.sub(r"\{\{c\d+::(.*?)\}\}", r"\1", question["text"])
        found = re.match(r"^(.+?)\s?:\s*[«“](.*)[»”]\s*$", text, re.S)
        if found:
            return found.group(1), found.group(2)
        return None, text
    prompt = question["prompt"]
    found = re.match(r"^(?:Qui a dit\s*:\s*«|Who said:\s*“)(.*)(?:»\s*\?|”\?)$", prompt, re.S)
    return question.get("answer"), found.group(1) if found else prompt


def score_people(name: str, found: list[str], truth: dict[str, Any], score: Score) -> None:
    """People: the truth's people the draft found (recall), and the draft's people who are people of the truth."""
    people = truth["people"]
    owners = [person_of(person, people) for person in found]
    score.people_total += len(people)
    score.people_found += len({owner for owner in owners if owner is not None})
    score.people_drafted += len(found)
    score.people_right += sum(owner is not None for owner in owners)
    score.problems += [
        f"{name}: not a person of the truth: {person!r}" for person, owner in zip(found, owners, strict=True) if owner is None
    ]


def continued(words: str, article: str, quotes: list[tuple[str, str | None]]) -> int | None:
    """The truth quotation that `words` goes on from: one that starts earlier in the same paragraph. The truth
    writes a quotation interrupted by its attribution ("“...,” said X. “...”") as one entry."""
    paragraphs = [norm(paragraph) for paragraph in re.split(r"\n\s*\n", article)]
    head = norm(words)[:40]
    for paragraph in paragraphs:
        at = paragraph.find(head) if head else -1
        if at == -1:
            continue
        earlier = [(paragraph.find(starts), i) for i, (starts, _) in enumerate(quotes) if -1 < paragraph.find(starts) < at]
        return max(earlier)[1] if earlier else None
    return None


def date_written(question: dict[str, Any], article: str) -> bool:
    """A day-of-the-month question whose day the article writes with that month ("5 December", "Nov. 2")."""
    label = re.search(r"\((?:day of|jour de) ([^)]+)\)", question["prompt"])
    if label is None:
        return False
    month, day = re.escape(label.group(1).rstrip(".")), int(float(question["answer"]))
    return re.search(rf"(?i)\b{day}(?:er|st|nd|rd|th)?\s+{month}|{month}\.?\s+{day}(?:st|nd|rd|th)?\b", article) is not None


def score_article(name: str, bank_text: str, truth: dict[str, Any], article: str, findings: Findings | None = None) -> Score:
    score = Score()
    bank = yaml.safe_load(bank_text)
    questions = bank["questions"]
    people = truth["people"]
    quotes = [(norm(q["starts"]), q["speaker"]) for q in truth["quotes"]]
    others = [(norm(q["starts"]), q["speaker"]) for q in truth.get("other_quotes", [])]
    figures = [float(value) for value in truth["figures"]]
    score.questions = len(questions)
    score.quotes_total = len(quotes)
    distinct = sorted(set(figures))
    score.figures_total = len(distinct)
    found_quotes: set[int] = set()
    found_figures: set[float] = set()
    prompts: dict[str, int] = {}
    for question in questions:
        key = question.get("prompt") or question.get("text") or ""
        prompts[key] = prompts.get(key, 0) + 1
        kind = question["type"]
        is_who = kind == "cloze" or (kind in ("mcq", "short") and re.match(r"^(Qui a dit|Who said)", question.get("prompt", "")))
        if is_who:
            speaker, words = quoted_text(question)
            words_n = norm(words)
            match = next(
                (i for i, (starts, _) in enumerate(quotes) if starts in words_n or (len(words_n) > 12 and words_n in starts)), None
            )
            other = next((speaker for starts, speaker in others if starts in words_n), False)
            if match is None and other is False:  # (a short quotation the truth lists apart is no continuation)
                match = continued(words, article, quotes)
            found_quotes |= {i for i, (starts, _) in enumerate(quotes) if starts in words_n}  # "«…, confie X. …»": both parts
            if match is not None:
                found_quotes.add(match)
            if speaker is None:  # an anonymous cloze names nobody: nothing to be wrong about
                continue
            score.who_total += 1
            if not any(word in question["source"] for word in speaker.split() if len(word) > 2):
                score.unsupported += 1
                score.problems.append(f"{name}: {question['id']}: the excerpt does not name {speaker}")
            truth_speaker = quotes[match][1] if match is not None else None
            if match is None:  # a short quotation the truth lists apart, with its speaker (or null)
                truth_speaker = other or None
            right = truth_speaker is not None and person_of(speaker, people) == person_of(truth_speaker, people) is not None
            if right:
                score.who_right += 1
            else:
                score.wrong += 1
                shown = "not a quotation of the truth" if match is None else f"truth: {truth_speaker}"
                score.problems.append(f"{name}: {question['id']}: {speaker} ({shown}): {words[:60]!r}")
            if kind == "mcq":
                owners = [person_of(choice, people) for choice in question["choices"]]
                known = [owner for owner in owners if owner is not None]
                if len(known) != len(set(known)):
                    score.twins += 1
                    score.problems.append(f"{name}: {question['id']}: one person twice among {question['choices']}")
        elif kind == "numeric":
            # "14.5" in "million dollars" is the article's 14 500 000.
            value = float(Decimal(repr(question["answer"])).scaleb(unit_scale(question.get("unit", ""), truth["language"])))
            # A sign either way: a truth may write "−15,2 %" as 15.2, and "en baisse (− …)" asks a negative figure's size.
            hit = next((f for f in distinct if abs(abs(f) - abs(value)) <= 1e-9 * max(1.0, abs(f))), None)
            if hit is None and date_written(question, article):
                continue  # the truth leaves days of the month out; this one is the article's
            if hit is None:
                score.wrong += 1
                score.problems.append(f"{name}: {question['id']}: {value:g} is no figure of the article: {question['prompt'][:90]!r}")
            else:
                found_figures.add(hit)
        elif question["id"].endswith("-role"):
            named = (
                question["answer"]
                if kind == "short"
                else re.sub(r"^.*(?:attribue-t-il à|does the text give) (.*?) ?\?$", r"\1", question["prompt"])
            )
            if person_of(named, people) is None:
                score.wrong += 1
                score.problems.append(f"{name}: {question['id']}: {named!r} is not a person of the article")
    for quotation in findings.quotations if findings else ():
        words_n = norm(quotation.text)
        # every truth quotation it holds: the truth writes "«…, confie X. …»" as two quotations, the draft as one
        found_quotes |= {i for i, (starts, _) in enumerate(quotes) if starts in words_n or (len(words_n) > 12 and words_n in starts)}
    for figure in findings.figures if findings else ():
        found_figures |= {f for f in distinct if abs(abs(f) - abs(figure.value)) <= 1e-9 * max(1.0, abs(f))}
    score.quotes_found = len(found_quotes)
    score.figures_found = len(found_figures)
    for index, (starts, _) in enumerate(quotes):
        if index not in found_quotes:
            score.problems.append(f"{name}: quotation missed: {starts[:60]!r}")
    for value in distinct:
        if value not in found_figures:
            score.problems.append(f"{name}: figure missed: {value:g}")
    score.duplicates = sum(n - 1 for n in prompts.values() if n > 1)
    return score


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} % ({part}/{whole})" if whole else "n/a"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--split", choices=("tune", "test", "all"), default="all")
    parser.add_argument("--no-nlp", action="store_true", help="Rules alone, even when spaCy and its French pipeline are installed.")
    parser.add_argument("-v", "--verbose", action="store_true", help="List each wrong or missed item.")
    args = parser.parse_args()
    scores: dict[str, Score] = {}
    for truth_file in sorted((args.folder / "truth").glob("*.json")):
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        if args.split != "all" and truth["split"] != args.split:
            continue
        article = next(path for path in sorted((args.folder / "articles").glob(f"{truth_file.stem}.*")))
        read = read_article(article)
        findings = extract(read.text, nlp=not args.no_nlp, title=read.title)
        every = render_bank(findings, source_file=article.name, limit=None, every=True)[0]
        score = score_article(truth_file.stem, every, truth, read.text, findings)
        try:
            drafted = render_bank(findings, source_file=article.name)[0]
        except DraftError:  # nothing worth asking: the default draft says so and writes no bank
            drafted = "questions: []"
        asked = score_article(truth_file.stem, drafted, truth, read.text)
        score.asked, score.quotes_asked, score.figures_asked = asked.questions, asked.quotes_found, asked.figures_found
        score_people(truth_file.stem, [person.name for person in findings.people], truth, score)
        scores.setdefault(truth["language"], Score()).add(score)
    total = Score()
    for language in sorted(scores):
        total.add(scores[language])
    rows = [*sorted(scores.items()), ("all", total)]
    print(f"split: {args.split}")
    print(
        "| | who-said precision | quotations found | figures found | wrong questions | duplicates | twin choices"
        " | questions (--all) | people found | people right | excerpt without the speaker | questions | quotations asked | figures asked |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for label, s in rows:
        print(
            f"| {label} | {percent(s.who_right, s.who_total)} | {percent(s.quotes_found, s.quotes_total)} | "
            f"{percent(s.figures_found, s.figures_total)} | {percent(s.wrong, s.questions)} | {s.duplicates} | {s.twins} | {s.questions} | "
            f"{percent(s.people_found, s.people_total)} | {percent(s.people_right, s.people_drafted)} | {s.unsupported} | "
            f"{s.asked} | {percent(s.quotes_asked, s.quotes_total)} | {percent(s.figures_asked, s.figures_total)} |"
        )
    if args.verbose:
        print("\n".join(total.problems))
    return 0


if __name__ == "__main__":
    sys.exit(main())
