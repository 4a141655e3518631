"""Find the scheme, and its facts, that a question in everyday words is about.

Pure Python: the question's folded, lightly stemmed words (typos forgiven) are matched against
each scheme's needs, description and facts, in both languages, and its names on whole words
(« conseillez » does not name Conseillers-Entreprises); rarer words weigh more.
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


def singular(word: str) -> str:
    """`word` without a plural's final s or x."""
    return word[:-1] if len(word) > 3 and word[-1] in "sx" else word


def stem(word: str) -> str:
    """A light French/English stem: plural dropped, long words cut to their first 7 letters."""
    return singular(word)[:7]


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
        df = Counter(w for scheme in schemes for w in self._stems(scheme.id))
        self._idf = {w: math.log(1 + len(schemes) / n) for w, n in df.items()}
        texts = [_text(s) for s in schemes]
        self._spellings = sorted({w for text in texts for w in meaningful(text) if len(w) >= 5})

    def _stems(self, scheme_id: str) -> set[str]:
        """Every stem a scheme says, in any field."""
        fields = self._fields[scheme_id]
        return {stem(w) for w in fields["names"]}.union(*(v for k, v in fields.items() if k != "names"))

    def _known(self, question: str) -> list[str]:
        """The question's words as the knowledge base spells them, singular (« cotisasions »
        -> « cotisation »); words it never uses are dropped."""
        known = []
        for word in dict.fromkeys(meaningful(question)):
            if stem(word) in self._idf:
                known.append(singular(word))
            elif len(word) >= 5:
                found = process.extractOne(
                    word, self._spellings, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
                )
                if found and stem(found[0]) in self._idf:
                    known.append(singular(found[0]))
        return list(dict.fromkeys(known))

    def _weight(self, scheme_id: str, word: str) -> float:
        """How much `word` says of a scheme: its idf times the weight of the field that says it
        (a name on the whole word, the other fields on the stem)."""
        fields = self._fields[scheme_id]
        found = [WEIGHTS[name] for name, said in fields.items() if name != "names" and stem(word) in said]
        if word in fields["names"]:
            found.append(WEIGHTS["names"])
        return self._idf[stem(word)] * max(found, default=0)

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
        known = self._known(question)
        hits = []
        for scheme in self.schemes:
            word_score = sum(self._weight(scheme.id, w) for w in known)
            facts = self.answering(scheme, known, topics)
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

    def facts_saying(self, scheme: Scheme, text: str) -> tuple[Fact, ...]:
        """The scheme's facts that say every meaningful word of `text` (« prêt d'honneur »)."""
        said = set(words(text))
        facts = zip(scheme.facts, self._facts[scheme.id], strict=True)
        return tuple(f for f, stems in facts if said and said <= stems)

    def describes(self, scheme: Scheme, question: str, besides: tuple[Fact, ...] = ()) -> bool:
        """Whether the scheme's description says a word of `question` that neither its name nor
        the facts `besides` say (« il aide aussi pour une reprise ? »: « … ou de reprise »)."""
        names, said = self._fields[scheme.id]["names"], self._fields[scheme.id]["description"]
        told = [stems for f, stems in zip(scheme.facts, self._facts[scheme.id], strict=True) if f in besides]
        unsaid = [
            stem(w) for w in self._known(question) if w not in names and not any(stem(w) in t for t in told)
        ]
        return any(w in said for w in unsaid)

    def answering(self, scheme: Scheme, known: list[str], topics: tuple[str, ...]) -> tuple[Fact, ...]:
        """The scheme's facts that answer: of the kind asked, else those sharing the most
        meaningful words (`known`, as the knowledge base spells them) with the question."""
        of_topic = tuple(f for f in scheme.facts if f.topic in topics)
        names = self._fields[scheme.id]["names"]
        stems = [stem(w) for w in known if w not in names]  # its name tells no fact
        said = self._facts[scheme.id]
        scores = {f: sum(self._idf[w] for w in stems if w in said[i]) for i, f in enumerate(scheme.facts)}
        top = max(scores.values(), default=0)
        by_words = tuple(f for f, s in scores.items() if top and s >= top * 0.6)
        if not any(scores[f] for f in of_topic):
            return by_words or of_topic
        # each kind asked: its facts that say the question's words, else all of them
        kept = set()
        for topic in topics:
            kind = [f for f in of_topic if f.topic == topic]
            kept.update([f for f in kind if scores[f]] or kind)
        return tuple(f for f in scheme.facts if f in kept)


def _text(scheme: Scheme) -> str:
    """All the words the retriever reads of a scheme."""
    facts = " ".join(f"{f.text} {f.text_en}" for f in scheme.facts)
    names = " ".join((scheme.name, scheme.name_en, scheme.operator, *scheme.aliases, *scheme.needs))
    return f"{names} {scheme.description} {scheme.description_en} {scheme.next_step} {facts}"


def _fields(scheme: Scheme) -> dict[str, set[str]]:
    """The stems of a scheme's needs, description (with its next step) and facts, and the whole
    words (singular) of its names."""
    names = " ".join((scheme.name, scheme.name_en, scheme.operator, *scheme.aliases))
    return {
        "needs": set(words(" ".join(scheme.needs))),
        "names": {singular(w) for w in meaningful(re.sub(r"[()«»“”]", " ", names))},
        "description": set(words(f"{scheme.description} {scheme.description_en} {scheme.next_step}")),
        "facts": set(words(" ".join(f"{f.text} {f.text_en}" for f in scheme.facts))),
    }
