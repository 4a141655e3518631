"""The curator's audit of the schemes and referrals files: what must be fixed (errors) and what
to watch (warnings).

It reads the files as written, so that a draft the schema refuses is still audited in full.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from knowledge.freshness import months_old
from knowledge.loader import KnowledgeError, load_schemes, load_settings, read_yaml
from knowledge.referrals import REFERRALS_FILE, load_referrals

# An amount, a rate or a duration written with digits: "17 000 €", "25 %", "60 jours", "120 heures".
FIGURE = re.compile(r"\d[\d\s.,]*\s?(?:€|euros?|%|mois|ans?|années?|semaines?|jours?|heures?)(?!\w)")
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
PAGE = re.compile(r"^https://")
NUMBER = re.compile(r"\d+")  # a referral's line states no number its quotes lack


@dataclass(frozen=True)
class Finding:
    level: str  # "error": must be fixed; "warning": to watch
    scheme: str
    message: str


@dataclass(frozen=True)
class Dated:
    """One source as the audit lists it: which scheme and facts use it, and its date."""

    scheme: str
    what: str
    published: str | None


@dataclass(frozen=True)
class Report:
    findings: list[Finding]
    sources: list[Dated]
    schemes: int
    facts: int

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "error"]


def _audit_file(path: Path, load: Callable[[Path], object], check: Callable, counted: str) -> Report:
    """Load `path` with `load` (its errors are findings), then `check` each entry; `counted`
    names the list of each entry whose items the report counts."""
    findings: list[Finding] = []
    try:
        load(path)
    except KnowledgeError as error:
        findings.append(Finding("error", "(file)", f"invalid: {error}"))
    entries = read_yaml(path)
    if not isinstance(entries, list):
        return Report(findings, [], 0, 0)
    entries = [e for e in entries if isinstance(e, dict)]
    sources: list[Dated] = []
    for entry in entries:
        findings += check(entry, sources)
    return Report(findings, sources, len(entries), sum(len(e.get(counted) or []) for e in entries))


def audit(path: Path) -> Report:
    """Audit the schemes file at `path`."""
    return _audit_file(path, load_schemes, _check, "facts")


def _check(entry: dict, sources: list[Dated]) -> list[Finding]:
    scheme = str(entry.get("id", "?"))
    own = entry.get("source") if isinstance(entry.get("source"), dict) else {}
    found: list[Finding] = []
    if not _is_seed(own) and not PAGE.match(str(own.get("page", ""))):
        found.append(Finding("error", scheme, f"scheme source is not a page: {own or '(none)'}"))
    inheriting = []
    supported = set(own.get("departments") or [])
    for number, fact in enumerate(entry.get("facts") or [], 1):
        source = fact.get("source") if isinstance(fact.get("source"), dict) else None
        if source is None:
            inheriting.append(number)
            source = own
        else:
            supported |= set(source.get("departments") or [])
            sources.append(Dated(scheme, f"fact {number} ({fact.get('topic')})", source.get("published")))
            if not PAGE.match(str(source.get("page", ""))):
                found.append(Finding("error", scheme, f"fact {number}: source is not a page: {source}"))
        found += _figures(scheme, number, str(fact.get("text", "")), source)
    what = "scheme" + (f" and facts {', '.join(map(str, inheriting))}" if inheriting else "")
    what += " (seed article)" if _is_seed(own) else ""
    sources.append(Dated(scheme, what, None if _is_seed(own) else own.get("published")))
    missing = sorted(set(entry.get("departments") or []) - supported)
    if missing and not entry.get("national"):
        found.append(Finding("error", scheme, f"departments {', '.join(missing)} not shown by its sources"))
    contact = entry.get("contact")
    if not isinstance(contact, dict):
        found.append(Finding("warning", scheme, "no contact"))
    else:
        items = [("website", contact["website"])] if isinstance(contact.get("website"), dict) else []
        items += [(kind, item) for kind in ("phones", "emails", "places") for item in contact.get(kind) or []]
        for kind, item in items:
            what = ", ".join(item.get("towns") or []) or item.get("value", "")
            sources.append(Dated(scheme, f"contact {kind}: {what}", item.get("published")))
    if entry.get("no_sign_of_activity"):
        found.append(Finding("warning", scheme, "no sign of current activity: the bot points elsewhere"))
    return found


def _figures(scheme: str, number: int, text: str, source: dict) -> list[Finding]:
    """A figure needs a date: that of its page, or a year in the fact itself."""
    figures = FIGURE.findall(text)
    if not figures or source.get("published") or YEAR.search(text):
        return []
    if _is_seed(source):
        return [Finding("warning", scheme, f"fact {number}: figure of the undated seed: {figures[0]}")]
    return [Finding("error", scheme, f"fact {number}: figure without a date: {figures[0]}")]


def _is_seed(source: dict) -> bool:
    return source.get("origin") == "seed"


def audit_referrals(path: Path) -> Report:
    """Audit the referrals file at `path` (its `schemes` count the bodies, `facts` their sources)."""
    return _audit_file(path, load_referrals, _check_referral, "sources")


def _check_referral(entry: dict, sources: list[Dated]) -> list[Finding]:
    body = str(entry.get("id", "?"))
    pages = [s for s in entry.get("sources") or [] if isinstance(s, dict)]
    found = [] if pages else [Finding("error", body, "no source")]
    for number, source in enumerate(pages, 1):
        sources.append(Dated(body, f"source {number}", source.get("published")))
        found += _page_findings(body, f"source {number}", source)
    quoted = set(NUMBER.findall(" ".join(str(s.get("quote", "")) for s in pages)))
    for language, line in (entry.get("does") or {}).items():
        missing = [n for n in NUMBER.findall(str(line)) if n not in quoted]
        if missing:
            message = f"line ({language}) states {missing[0]}, which no quote contains"
            found.append(Finding("error", body, message))
    channels = [("website", entry["website"])] if isinstance(entry.get("website"), dict) else []
    channels += [(kind, item) for kind in ("phones", "places") for item in entry.get(kind) or []]
    for kind, item in channels:
        what = f"{kind}: {', '.join(item.get('towns') or []) or item.get('value', '')}"
        sources.append(Dated(body, what, item.get("published")))
        found += _page_findings(body, what, item)
    if not channels:
        found.append(Finding("warning", body, "no entry point (website, phone or place)"))
    return found


def _page_findings(body: str, what: str, source: dict) -> list[Finding]:
    """A source needs a page, the day it was read and a quote; a page over http is a warning."""
    page = str(source.get("page", ""))
    if not page.startswith(("https://", "http://")):
        return [Finding("error", body, f"{what}: source is not a page: {page or '(none)'}")]
    found = [Finding("warning", body, f"{what}: page read over http: {page}")] if not PAGE.match(page) else []
    if not source.get("read_on") or len(str(source.get("quote", ""))) < 10:
        found.append(Finding("error", body, f"{what}: source without the day it was read or a quote"))
    return found


def render(
    report: Report, path: Path, max_months: int, today: date, counted: str = "schemes, {} facts"
) -> str:
    """The report as text: sources by age, then findings, then the count."""
    lines = [f"Audit of {path} ({report.schemes} {counted.format(report.facts)}), on {today}", ""]
    buckets: dict[str, list[str]] = {"undated": [], f"older than {max_months} months": [], "recent": []}
    for dated in sorted(report.sources, key=lambda d: (d.published or "", d.scheme)):
        if dated.published is None:
            bucket, age = "undated", "-"
        else:
            months = months_old(dated.published, today)
            bucket = f"older than {max_months} months" if months > max_months else "recent"
            age = f"{months} months"
        buckets[bucket].append(f"    {dated.published or '-':<10} {age:>10}  {dated.scheme:<31} {dated.what}")
    lines.append("Sources by age (date of the page; the seed article is undated):")
    for bucket, rows in buckets.items():
        lines += [f"  {bucket} ({len(rows)}):", *rows]
    lines += ["", "Findings:"]
    for finding in sorted(report.findings, key=lambda f: (f.level, f.scheme)):
        lines.append(f"  {finding.level.upper():<8} {finding.scheme}: {finding.message}")
    warnings = len(report.findings) - len(report.errors)
    lines += ["", f"{len(report.errors)} errors, {warnings} warnings"]
    return "\n".join(lines)


def main(path: Path, today: date | None = None, referrals: Path = REFERRALS_FILE) -> int:
    """Print the audit of the schemes file `path` and of the `referrals` file; the exit status is 1
    when something must be fixed in either."""
    today = today or date.today()
    months = load_settings().fact_max_age_months
    report, referred = audit(path), audit_referrals(referrals)
    print(render(report, path, months, today))
    print()
    print(render(referred, referrals, months, today, counted="bodies, {} sources"))
    return 1 if report.errors or referred.errors else 0
