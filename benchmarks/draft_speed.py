"""How `quizgen draft` grows with its input, for every shape of input that once made it super-linear.

    python benchmarks/draft_speed.py [--sizes 10000,100000,1000000] [--shapes article,one-line,...]

Each shape is made here (no article is stored): prose with paragraphs, the same on one line, an unpunctuated
transcript with names, one name repeated, a long run of capitalised words, quotations, a new person in every
paragraph, figures. For each shape and
size it times the whole draft (reading passes, questions, YAML) without the optional NLP pass, which reads at most
`nlp.NLP_LIMIT` characters whatever the input, and prints the time and its growth from the size before: linear
growth is x10 for x10 the text.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quizgen.draft import DraftError, draft_bank

PARAGRAPH = (
    "« Nous allons ouvrir trois nouvelles écoles d’ici 2026 », a annoncé Claire Dubois, directrice générale de Numéco, "
    "lors d’une conférence de presse à Lyon. La société a levé 2,5 millions d’euros en 2019 et forme environ 1 200 élèves. "
    "Marc Lefèvre, fondateur d’Algolab, a rappelé que « la formation coûte cher ». Selon M. Lefèvre, près de 45 % des "
    "centres ont fermé depuis le 3 mars. « Nous verrons dans cinq ans qui avait raison », a-t-il conclu.\n\n"
)
TRANSCRIPT = (
    "alors jean dupont a dit que marie curie pense que le projet coûte cher et que Paul Martin ne veut pas et donc "
    "on a parlé avec Sophie Bernard de la suite du programme pendant une heure sans vraiment avancer "
)


def repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def many_people(size: int) -> str:
    """A new person, with a role, an organisation and a quotation, in every paragraph."""
    syllables = ["ba", "ro", "mi", "lu", "de", "fa", "ne", "so", "ti", "ve"]
    paragraphs, length, n = [], 0, 0
    while length < size:
        surname = "".join(syllables[int(digit)] for digit in str(n)).capitalize() + "x"
        paragraph = (
            f"« Nous ouvrirons {n % 90 + 2} écoles cette année », a déclaré Jean {surname}, directeur de {surname}corp. "
            f"Le directeur de {surname}corp a ajouté : « Le budget est de {n % 50 + 1} millions d’euros. »\n\n"
        )
        paragraphs.append(paragraph)
        length += len(paragraph)
        n += 1
    return "".join(paragraphs)[:size]


SHAPES: dict[str, Callable[[int], str]] = {
    "article": lambda size: repeat(PARAGRAPH, size),
    "one-line": lambda size: repeat(PARAGRAPH.replace("\n\n", " "), size),
    "transcript": lambda size: repeat(TRANSCRIPT, size),
    "names": lambda size: repeat("Jean Dupont ", size),
    "capitals": lambda size: repeat("Alpha Beta Gamma Delta Epsilon Zeta Eta Theta ", size),
    "quotes": lambda size: repeat("« Nous le ferons », a dit Jean Dupont. ", size),
    "many-people": many_people,
    "figures": lambda size: repeat("Plus de 400 produits, 2,5 millions d’euros, 45 % des centres, le 3 mars 2016. ", size),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="Characters, comma-separated.")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="Comma-separated, among: " + ", ".join(SHAPES))
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    print("| shape | " + " | ".join(f"{size:,} chars" for size in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    for shape in args.shapes.split(","):
        cells = []
        previous = None
        for size in sizes:
            text = SHAPES[shape](size)
            start = time.perf_counter()
            with contextlib.suppress(DraftError):  # nothing to draft from ("Jean Dupont" a million times): timed all the same
                draft_bank(text, source_file="article.txt", lang="fr", nlp=False)
            elapsed = time.perf_counter() - start
            growth = f" (x{elapsed / previous:.1f})" if previous else ""
            cells.append(f"{elapsed:.2f} s{growth}")
            previous = max(elapsed, 1e-6)
        print(f"| {shape} | " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
