"""Find the scheme, and its facts, that a question in everyday words is about.

Pure Python: the question's folded, lightly stemmed words (typos forgiven) are matched against
each scheme's names, needs, description and facts, in both languages; rarer words weigh more.
Schemes in the conversation's context and those open where the person is come first.
"""

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from knowledge.models import Fact, Scheme
from knowledge.recommend import CREATOR_LIKE
from knowledge.text import fold

QUESTIONS_FILE = Path(__file__).resolve().parent / "data" / "questions.yml"
# Weight of a word by where a scheme says it: its needs and names say what it is for.
WEIGHTS = {"needs": 3.0, "names": 2.5, "description": 1.0, "facts": 1.0}
TOPIC_BONUS = 1.5  # the scheme has a fact of the kind asked (« combien de temps ? »)
CURRENT_BONUS = 3.0  # the scheme under discussion
SHOWN_BONUS = 1.0  # a scheme just listed
ELSEWHERE_FACTOR = 0.5  # the scheme is not open in the person's department
OTHER_AUDIENCE_FACTOR = 0.7  # the scheme is not for the person's audience
MIN_SCORE = 4.0  # below this, the question is not clearly about any scheme
WEAK = 2.5  # a scheme matched by no more than one stray word of its description is no rival
MIN_MARGIN = 1.5  # the best scheme must lead the next one by this much
FUZZY_CUTOFF = 88  # rapidfuzz ratio for a whole word typed with a typo


@dataclass(frozen=True)
class Hit:
    """A scheme a question is about, how well it matches, and its facts that answer it."""

    scheme: Scheme
    score: float
    facts: tuple[Fact, ...]
    word_score: float  # the part of `score` that comes from the question's own words


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Words that say nothing of a need (« je », « quoi », « the »), folded, from questions.yml."""
    data = yaml.safe_load(QUESTIONS_FILE.read_text(encoding="utf-8"))
    return frozenset(fold(word) for word in data["stopwords"])


def stem(word: str) -> str:
    """A light French/English stem: plural dropped, long words cut to their first 7 letters."""
    if len(word) > 3 and word[-1] in "sx":
        word = word[:-1]
    return word[:7]


def meaningful(text: str) -> list[str]:
    """The folded words of `text` that are not stop words."""
    return [w for w in fold(text).split() if w not in stopwords() and (len(w) >= 3 or w.isdigit())]


def words(text: str) -> list[str]:
    """The stems of the meaningful words of `text`."""
    return [stem(w) for w in meaningful(text)]


class Retriever:
    """Ranks schemes and facts by how well a question's words match them."""

    def __init__(self, schemes: list[Scheme]) -> None:
        self.schemes = schemes
        self._fields = {s.id: _fields(s) for s in schemes}
        self._facts = {s.id: [set(words(f"{f.text} {f.text_en}")) for f in s.facts] for s in schemes}
        df = Counter(w for fields in self._fields.values() for w in set().union(*fields.values()))
        self._idf = {w: math.log(1 + len(schemes) / n) for w, n in df.items()}
        texts = [_text(s) for s in schemes]
        self._spellings = sorted({w for text in texts for w in meaningful(text) if len(w) >= 5})

    def _known(self, question: str) -> list[str]:
        """The stems of the question's words as the knowledge base spells them (« cotisasions »
        -> « cotisat »); words it never uses are dropped."""
        known = []
        for word in dict.fromkeys(meaningful(question)):
            if stem(word) in self._idf:
                known.append(stem(word))
            elif len(word) >= 5:
                found = process.extractOne(
                    word, self._spellings, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
                )
                if found and stem(found[0]) in self._idf:
                    known.append(stem(found[0]))
        return list(dict.fromkeys(known))

    def rank(
        self,
        question: str,
        topics: tuple[str, ...] = (),
        *,
        department: str | None = None,
        audience: str | None = None,
        current: str | None = None,
        shown: tuple[str, ...] = (),
    ) -> list[Hit]:
        """The schemes by how well they answer `question`, best first (those it does not match
        at all are left out). `topics` are the kinds of fact asked (duration, cost…)."""
        stems = self._known(question)
        hits = []
        for scheme in self.schemes:
            fields = self._fields[scheme.id]
            word_score = sum(
                self._idf[w] * max((WEIGHTS[name] for name, found in fields.items() if w in found), default=0)
                for w in stems
            )
            facts = self.answering(scheme, stems, topics)
            score = word_score + (TOPIC_BONUS if any(f.topic in topics for f in scheme.facts) else 0)
            if word_score == 0 and scheme.id != current:
                continue
            score += CURRENT_BONUS if scheme.id == current else SHOWN_BONUS if scheme.id in shown else 0
            if department and not (scheme.national or department in scheme.departments):
                score *= ELSEWHERE_FACTOR
            if audience and audience not in scheme.audiences:
                if not ("creator" in scheme.audiences and audience in CREATOR_LIKE):
                    score *= OTHER_AUDIENCE_FACTOR
            hits.append(Hit(scheme, score, facts, word_score))
        return sorted(hits, key=lambda h: -h.score)

    def best(self, question: str, topics: tuple[str, ...] = (), **context: object) -> Hit | None:
        """The scheme `question` is clearly about: enough matching words and a clear lead over
        the next one; None when the knowledge base cannot tell."""
        hits = self.rank(question, topics, **context)  # type: ignore[arg-type]
        current = context.get("current")
        hits = [h for h in hits if h.word_score >= WEAK or h.scheme.id == current]  # one stray word is noise
        if not hits or (len(hits) > 1 and hits[0].score - hits[1].score < MIN_MARGIN):
            return None
        top = hits[0]
        if top.word_score > 0 and top.score >= MIN_SCORE:
            return top
        # « et ça dure combien ? »: only the kind of fact is asked, about the scheme discussed
        return top if top.scheme.id == current and topics else None

    def facts_for(self, scheme: Scheme, question: str, topics: tuple[str, ...] = ()) -> tuple[Fact, ...]:
        """The facts of `scheme` that answer `question` (none when none does)."""
        return self.answering(scheme, self._known(question), topics)

    def answering(self, scheme: Scheme, stems: list[str], topics: tuple[str, ...]) -> tuple[Fact, ...]:
        """The scheme's facts that answer: of the kind asked, else those sharing the most
        meaningful words (`stems`, as the knowledge base spells them) with the question."""
        of_topic = tuple(f for f in scheme.facts if f.topic in topics)
        stems = [w for w in stems if w not in self._fields[scheme.id]["names"]]  # its name tells no fact
        scores = [sum(self._idf[w] for w in stems if w in fact) for fact in self._facts[scheme.id]]
        top = max(scores, default=0)
        matched = tuple(f for f, s in zip(scheme.facts, scores, strict=True) if f in of_topic and s > 0)
        by_words = tuple(f for f, s in zip(scheme.facts, scores, strict=True) if top and s >= top * 0.6)
        return matched or by_words or of_topic


def _text(scheme: Scheme) -> str:
    """All the words the retriever reads of a scheme."""
    facts = " ".join(f"{f.text} {f.text_en}" for f in scheme.facts)
    names = " ".join((scheme.name, scheme.name_en, scheme.operator, *scheme.aliases, *scheme.needs))
    return f"{names} {scheme.description} {scheme.description_en} {scheme.next_step} {facts}"


def _fields(scheme: Scheme) -> dict[str, set[str]]:
    """The stems of a scheme's needs, names, description (with its next step) and facts."""
    names = " ".join((scheme.name, scheme.name_en, scheme.operator, *scheme.aliases))
    return {
        "needs": set(words(" ".join(scheme.needs))),
        "names": set(words(re.sub(r"[()«»“”]", " ", names))),
        "description": set(words(f"{scheme.description} {scheme.description_en} {scheme.next_step}")),
        "facts": set(words(" ".join(f"{f.text} {f.text_en}" for f in scheme.facts))),
    }
