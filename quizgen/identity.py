"""What names a bank's outputs the same way everywhere: its Anki deck ids and names, its notes' GUIDs, its source's link.

The .apkg decks and the Anki text-import file both take their identities from
here, so that the same question is the same note in both. genanki is imported
only when a GUID is asked for: the exports that need none stay light.
"""

from __future__ import annotations

from .model import Bank, stable_id


def deck_id(bank: Bank, lang: str) -> int:
    """The bank's deck id for its first language; every other language gets its own, derived from it."""
    return bank.deck.id if lang == bank.default_language else stable_id(f"{bank.deck.id}:{lang}")


def derived_id_warning(bank: Bank) -> str | None:
    """Why a bank without `deck.id` should get one, with a new random id to paste; None when it has one."""
    if not bank.deck.derived_id:
        return None
    return f"{bank.path}: {derived_id_reason(bank)}"


def derived_id_reason(bank: Bank) -> str:
    """What `derived_id_warning` says after the bank's name: also a line of `quizgen check`'s summary."""
    from .starter import random_deck_id

    name = bank.deck.name[bank.default_language]
    return (
        f"no deck.id, so the deck's id comes from its name {name!r}: renaming it makes a second Anki deck "
        f"with every card twice; add this fixed id to the bank: deck: {{id: {random_deck_id()}}}"
    )


def deck_name(bank: Bank, lang: str) -> str:
    """The deck name in `lang`, with the language added when another language has the same name:
    Anki puts the cards of two decks with one name into one deck."""
    name = bank.deck.name[lang]
    shared = any(bank.deck.name[other] == name for other in bank.languages if other != lang)
    return f"{name} ({lang})" if shared else name


def note_guid(bank: Bank, lang: str, question_id: str) -> str:
    """The GUID of a question's note in `lang`: from the deck id, the language and the question id, never the wording,
    so that an edited question updates its note instead of adding a second one."""
    import genanki

    return str(genanki.guid_for(bank.deck.id, lang, question_id))


def web_link(bank: Bank) -> str | None:
    """The address of the bank's source, to link to; the loader accepts only http(s) addresses with a host."""
    return bank.source.url if bank.source is not None else None
