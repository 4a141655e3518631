"""The words of a question, read from knowledge/data/questions.yml: which kind of fact it asks
for, which scheme of a list it picks, which contact it wants, and the cue kinds (« pour moi »,
« à part … », « et après ? ») that the router decides on."""

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

import knowledge.loader
from knowledge.text import fold

QUESTIONS_FILE = Path(knowledge.loader.DATA_DIR) / "questions.yml"
# The cue kinds of questions.yml, each a list of patterns; `asks(kind, text)` reads them.
CUE_KINDS = (
    "for_me",
    "compare",
    "combine",
    "after",
    "what_fits",
    "source",
    "apply",
    "question",
    "nearest",
    "other_than",
    "correction",
    "before",
    "what_is",
    "whom",
    "follow_up",
    "self_statement",
    "cancel",
    "review",
    "reach_someone",
)


@lru_cache(maxsize=1)
def _questions() -> dict[str, Any]:
    data = yaml.safe_load(QUESTIONS_FILE.read_text(encoding="utf-8"))
    topics = [
        (topic, re.compile("|".join(words), re.IGNORECASE)) for topic, words in data["fact_topics"].items()
    ]
    ordinals = {fold(str(word)): int(index) for index, words in data["ordinals"].items() for word in words}
    contacts = [(kind, re.compile("|".join(words))) for kind, words in data["contact_kinds"].items()]
    practical = [
        (topic, re.compile("|".join(words), re.I)) for topic, words in data["practical_topics"].items()
    ]
    patterns = {key: re.compile("|".join(data[key]), re.IGNORECASE) for key in CUE_KINDS}
    answering = {topic: set(ids) for topic, ids in data["practical_schemes"].items()}
    return {
        "topics": topics,
        "ordinals": ordinals,
        "contacts": contacts,
        "practical": practical,
        "answering": answering,
        **patterns,
    }


def asks(kind: str, text: str) -> bool:
    """Whether `text` has a word of the cue kind `kind` (one of CUE_KINDS)."""
    return bool(_questions()[kind].search(text))


def without(kind: str, text: str) -> str:
    """`text` without the words of the cue kind `kind`."""
    return _questions()[kind].sub(" ", text)


def fact_topics(text: str) -> list[str]:
    """The kinds of fact a question asks for ("combien de temps ?" -> duration)."""
    return [topic for topic, pattern in _questions()["topics"] if pattern.search(text.lower())]


def ordinal_index(word: str) -> int | None:
    """0 for « premier », 1 for « le 2e », -1 for « le dernier »; None for other words."""
    return _questions()["ordinals"].get(fold(word))


def about(text: str) -> str:
    """`text` without the words that ask for a kind of fact (« à quel public ? », « combien de
    temps ? »): what is left says what the question is about."""
    for _, pattern in _questions()["topics"]:
        text = pattern.sub(" ", text)
    return text


def practical_topic(text: str) -> str | None:
    """The topic of a practical question (« il faut un CAP ? » -> regulated_trades), the first
    of questions.yml's `practical_topics` that the text has; None for none."""
    return next((topic for topic, pattern in _questions()["practical"] if pattern.search(text)), None)


def answers_topic(scheme_id: str, topic: str) -> bool:
    """Whether the facts of `scheme_id` answer the practical `topic` (questions.yml)."""
    return scheme_id in _questions()["answering"].get(topic, set())


def contact_kinds() -> list[str]:
    """The kinds of contact, in the order an answer gives them."""
    return [kind for kind, _ in _questions()["contacts"]]


def asked(text: str) -> set[str]:
    """The kinds of contact a message asks for: phone, email, website, hours, place, any."""
    lower = text.lower()
    return {kind for kind, pattern in _questions()["contacts"] if pattern.search(lower)}
