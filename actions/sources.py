"""How the answers cite where they come from."""

import knowledge
from actions.context import kb
from actions.messages import date_words, say


def page(source: knowledge.Source, lang: str) -> str:
    """One source: the undated seed article and its site, or a page with its publisher and reading day."""
    if source.is_seed:
        seed = kb().settings.seed
        en = lang == "en"
        return say(
            "source_seed",
            lang,
            title=seed.title,
            site=seed.site_en if en else seed.site,
            about=seed.about_en if en else seed.about,
            page=seed.page,
        )
    return say(
        "source_page",
        lang,
        publisher=source.publisher or "",
        page=source.page,
        read_on=date_words(source.read_on or "", lang),
    )
