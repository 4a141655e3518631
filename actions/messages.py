"""User-facing sentences (the texts are in actions/sentences.yml), and small formatting helpers."""

from typing import Iterable

from knowledge.sentences import LANGUAGES, sentence, sentences

# The buttons under « Et vous êtes… ? » by language: (title, message sent).
AUDIENCE_BUTTONS = {
    language: [(button["title"], button["payload"]) for button in sentences()["audience_buttons"][language]]
    for language in LANGUAGES
}


def say(key: str, language: str, **values: str) -> str:
    """The sentence `key` of actions/sentences.yml in `language` (French by default), with
    `values` filled in."""
    return sentence(key, language).format(**values)


def date_words(value: str, language: str) -> str:
    """'2024', 'octobre 2023' or '5 février 2026' (English: '5 February 2026')."""
    year, *rest = value.split("-")
    months = sentence("months", language).split()
    words = [("1er" if language == "fr" and rest[1] == "01" else str(int(rest[1])))] if len(rest) == 2 else []
    words += [months[int(rest[0]) - 1]] if rest else []
    return " ".join([*words, year])


def of_date(value: str) -> str:
    """'de 2024', 'd'octobre 2023', 'du 5 février 2026': the French 'de' before a date."""
    words = date_words(value, "fr")
    if value.count("-") == 2:
        return f"du {words}"
    return f"d'{words}" if words[0] in "aeiouéèy" else f"de {words}"


def de(name: str) -> str:
    """'du PEPITE', 'de la BGE', 'd'Initiative Aisne', 'de Réseau Entreprendre': French 'de' before a name."""
    for article, contracted in (("le ", "du "), ("les ", "des ")):
        if name.startswith(article):
            return contracted + name[len(article) :]
    return f"d'{name}" if name[:1].lower() in "aeiouyéèêàâîôû" else f"de {name}"


def join(items: Iterable[str], language: str) -> str:
    """'a, b et c' / 'a, b and c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    last = " and " if language == "en" else " et "
    return ", ".join(items[:-1]) + last + items[-1]


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
