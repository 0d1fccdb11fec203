"""The reference point for `quizgen anki`: what a bare script does to turn the same bank into a deck.

    python benchmarks/bare_genanki.py BANK.yaml OUT.apkg

It loads the YAML with libyaml's loader, makes one genanki note per question
with as many fields as quizgen's note types, and writes the package with
genanki's own write_to_file; no validation, no escaping, no lock file.
"""

import json
import sys

import genanki
import yaml

FIELDS = ["Id", "Prompt", "Body", "Answer", "AnswerText", "Explanation", "Source", "SourceTitle", "SourceLink", "Hint", "Lang", "Extra"]


def text(value: object) -> str:
    """A field's text: the French side of a localized text, anything else as JSON."""
    if isinstance(value, dict):
        return str(value.get("fr", ""))
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as stream:
        bank = yaml.load(stream, Loader=yaml.CSafeLoader)
    model = genanki.Model(
        1607392319,
        "Bare",
        fields=[{"name": name} for name in FIELDS],
        templates=[
            {"name": "Card", "qfmt": "{{Prompt}}{{Body}}", "afmt": "{{FrontSide}}<hr id=answer>{{Answer}}{{Explanation}}{{Source}}"}
        ],
    )
    deck = genanki.Deck(2059400110, "Bare")
    for question in bank["questions"]:
        body = question.get("choices") or question.get("pairs") or question.get("items") or question.get("text", "")
        answer = question.get("answer", question.get("answers", ""))
        values = [question["id"], text(question.get("prompt", "")), text(body), text(answer), text(answer)]
        values += [text(question.get("explanation", "")), question.get("source", ""), "", "", "", "fr", ""]
        deck.add_note(genanki.Note(model=model, fields=values, tags=question.get("tags", []), guid=genanki.guid_for(question["id"])))
    genanki.Package(deck).write_to_file(sys.argv[2])


if __name__ == "__main__":
    main()
