"""Write a synthetic, valid bank of N questions for benchmarks: every type, French and English.

    python benchmarks/make_bank.py --count 10000 -o /tmp/bank-10k.yaml

Questions average about 450 bytes of YAML, like hand-written ones; the same
count and seed always give the same file.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable
from pathlib import Path

WORDS_FR = [
    "investissement",
    "start-up",
    "écosystème",
    "numérique",
    "réseau",
    "innovation",
    "entreprise",
    "programme",
    "partenariat",
    "boutique",
    "produits",
    "chaire",
    "école",
    "délégation",
    "marché",
    "service",
    "application",
    "gratuit",
    "croissance",
]
WORDS_EN = [
    "investment",
    "start-up",
    "ecosystem",
    "digital",
    "network",
    "innovation",
    "company",
    "programme",
    "partnership",
    "shop",
    "products",
    "chair",
    "school",
    "delegation",
    "market",
    "service",
    "application",
    "free",
    "growth",
]
NAMES = ["John Chambers", "Jay Carney", "Jimmy Wales", "Pierre Gattaz", "Emmanuel Macron", "Manuel Valls"]
COMPANIES = ["Cisco", "Amazon", "Wikipedia", "Intel", "Numa", "Homido", "Intersec", "6WIND"]


def sentence(rng: random.Random, words: list[str], length: int) -> str:
    return " ".join(rng.choice(words) for _ in range(length)).capitalize()


def texts(rng: random.Random, length: int, end: str = "") -> str:
    seed = rng.random()
    fr = sentence(random.Random(seed), WORDS_FR, length)
    en = sentence(random.Random(seed), WORDS_EN, length)
    return f'{{fr: "{fr}{end}", en: "{en}{end}"}}'


def mcq(rng: random.Random) -> str:
    choices = rng.sample(COMPANIES, 4)
    return f"    choices: [{', '.join(choices)}]\n    answer: {choices[0]}\n"


def multi(rng: random.Random) -> str:
    choices = rng.sample(NAMES, 5)
    return f"    choices: [{', '.join(choices)}]\n    answers: [{choices[0]}, {choices[2]}]\n"


def truefalse(rng: random.Random) -> str:
    return f"    answer: {rng.choice(['true', 'false'])}\n"


def short(rng: random.Random) -> str:
    company = rng.choice(COMPANIES)
    return f"    answer: {company}\n    accept: [{company.upper()}]\n"


def numeric(rng: random.Random) -> str:
    return f'    answer: {rng.randrange(1, 1000) * 1000}\n    tolerance: 5\n    unit: {{fr: "dollars", en: "dollars"}}\n'


def cloze(rng: random.Random) -> str:
    deletion = f"{{{{c1::{rng.choice(COMPANIES)}}}}}"
    return f'    text: {{fr: "{sentence(rng, WORDS_FR, 6)} {deletion}.", en: "{sentence(rng, WORDS_EN, 6)} {deletion}."}}\n'


def match(rng: random.Random) -> str:
    names = rng.sample(NAMES, 3)
    companies = rng.sample(COMPANIES, 3)
    pairs = ", ".join(f"[{name}, {company}]" for name, company in zip(names, companies, strict=True))
    return f"    pairs: [{pairs}]\n"


def order(rng: random.Random) -> str:
    return f"    items: [{', '.join(rng.sample(COMPANIES, 4))}]\n"


TYPES: dict[str, Callable[[random.Random], str]] = {
    "mcq": mcq,
    "multi": multi,
    "truefalse": truefalse,
    "short": short,
    "numeric": numeric,
    "cloze": cloze,
    "match": match,
    "order": order,
}


def question(rng: random.Random, number: int) -> str:
    kind = list(TYPES)[number % len(TYPES)]
    prompt = "" if kind == "cloze" else f"    prompt: {texts(rng, 6, ' ?')}\n"
    tags = ", ".join(sorted(rng.sample(["cisco", "amazon", "wikipedia", "figures", "quote", "people", "investment"], 2)))
    return (
        f"  - id: q-{number:06d}\n    type: {kind}\n{prompt}{TYPES[kind](rng)}"
        f"    tags: [{tags}]\n    difficulty: {rng.randint(1, 3)}\n"
        f"    explanation: {texts(rng, 5, '.')}\n"
        f'    source: "{sentence(rng, WORDS_FR, 4)}"\n'
    )


def make_bank(count: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    header = (
        f"title: {{fr: 'Banque de test ({count})', en: 'Benchmark bank ({count})'}}\n"
        "languages: [fr, en]\n"
        f"deck: {{name: 'Benchmark {count}', id: {1_500_000_000 + count}}}\n"
        "questions:\n"
    )
    return header + "".join(question(rng, number) for number in range(count))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, required=True, help="number of questions")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: bench-<count>.yaml)")
    arguments = parser.parse_args()
    output = arguments.output or Path(f"bench-{arguments.count}.yaml")
    output.write_text(make_bank(arguments.count, arguments.seed), encoding="utf-8")
    print(f"Wrote {output}: {arguments.count} questions, {output.stat().st_size / arguments.count:.0f} bytes per question")


if __name__ == "__main__":
    main()
