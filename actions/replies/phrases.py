"""How a scheme is said: its kinds, audiences, departments, facts with their age, its sources."""

import re
from urllib.parse import urlparse

import knowledge
from actions.context import departments_phrase, kb
from actions.messages import date_words, de, join, of_date, say
from knowledge.freshness import is_old
from knowledge.text import fold


def domain(url: str) -> str:
    """« lagazettefrance.fr » for « https://www.lagazettefrance.fr/article/… »: a page said short."""
    return urlparse(url).netloc.removeprefix("www.") or url


def page(source: knowledge.Source, lang: str) -> str:
    """One source, said short: the undated seed article and its site, or a page's site and the
    day it was read (never the page's whole address in the text)."""
    if source.is_seed:
        seed = kb().settings.seed
        en = lang == "en"
        return say(
            "source_seed",
            lang,
            title=seed.title,
            site=seed.site_en if en else seed.site,
            about=seed.about_en if en else seed.about,
        )
    return say(
        "source_page",
        lang,
        site=domain(source.page),
        read_on=date_words(source.read_on or "", lang),
    )


def sources(pages: list[knowledge.Source], lang: str) -> str:
    """« Source : … » or « Sources : … ; … »."""
    listed = ("; " if lang == "en" else " ; ").join(page(p, lang) for p in pages)
    return say("sources" if len(pages) > 1 else "source", lang, sources=listed)


def source(scheme: knowledge.Scheme, lang: str, facts: tuple[knowledge.Fact, ...] = ()) -> str:
    """'Source : <page> (page lue le …). Conditions à vérifier auprès de …': where the answer comes from."""
    pages = list({s.page: s for s in ([f.source for f in facts] or [scheme.source])}.values())
    said = sources(pages, lang)
    who = scheme.text("verify_with", lang)
    return f"{said} {say('check_with', lang, who=who, de_who=de(who))}" if who else said


def kinds(scheme: knowledge.Scheme, lang: str) -> str:
    """'formation et accompagnement': what the scheme offers."""
    return join([kb().vocabulary.label("kinds", k, lang) for k in scheme.kinds[:2]], lang)


def audiences(scheme: knowledge.Scheme, lang: str) -> str:
    """'les étudiants et les jeunes diplômés': whom the scheme is for."""
    return join([kb().vocabulary.label("audiences", a, lang) for a in scheme.audiences], lang)


def the(departments: tuple[str, ...], lang: str) -> str:
    """« l'Oise », « le Nord et le Pas-de-Calais »: departments with their article."""
    if lang == "en" or len(departments) == 5:
        return departments_phrase(departments, lang)
    return join([kb().vocabulary.department_in(d, lang).removeprefix("dans ") for d in departments], lang)


def to(groups: str, lang: str) -> str:
    """« aux étudiants et aux jeunes diplômés »: French « à » before labels that start with « les »."""
    if lang == "en":
        return groups
    return re.sub(r"(^|, | et )les ", lambda m: f"{m.group(1)}aux ", groups)


def website(scheme: knowledge.Scheme) -> str | None:
    """The scheme's website from the knowledge base (https only, checked by its schema)."""
    site = scheme.contact.website if scheme.contact else None
    return site.value if site and site.value.startswith("https://") else None


def operator_note(scheme: knowledge.Scheme) -> str:
    """« (CCI Oise) » after a name, unless the name already says it."""
    operator = re.sub(r"\s*\(.*\)", "", scheme.operator)
    return "" if fold(operator) in fold(scheme.name) else f" ({scheme.operator})"


def fact_text(fact: knowledge.Fact, lang: str) -> str:
    """The fact, with « (information de 2023, à vérifier) » when its page is old or undated."""
    text = fact.text_en if lang == "en" else fact.text
    origin = fact.source
    if origin.is_seed:
        note = ""  # the source line says the seed article is undated
    elif origin.published is None:
        note = say("fact_undated", lang)
    elif is_old(origin.published, kb().settings.fact_max_age_months):
        when = origin.published
        note = say("fact_dated", lang, of_date=of_date(when), date=date_words(when, lang))
    else:
        note = ""
    if not note:
        return text
    return f"{text[:-1]} {note}." if text.endswith(".") else f"{text} {note}"


def whom(scheme: knowledge.Scheme, lang: str) -> str:
    """Whom to check with: the scheme's `verify_with`, else its operator."""
    return scheme.text("verify_with", lang) or scheme.operator


CLAUSE_ENDS = (", ", " : ", " ; ", " — ")
OPENING, CLOSING = "(«“", ")»”"


def gist(text: str, at_least: int = 40) -> str:
    """The first clause of a sentence (not cut inside brackets or quotes, nor before
    `at_least` characters), ended with a full stop: a next step said in one short line."""
    depth = 0
    for i, char in enumerate(text):
        depth += (char in OPENING) - (char in CLOSING)
        if depth == 0 and i >= at_least and text.startswith(CLAUSE_ENDS, i):
            return text[:i].rstrip(" .") + "."
    return text
