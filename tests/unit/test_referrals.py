"""Who handles what (knowledge/data/referrals.yml): the file loads, names the required bodies with
their sources, is looked up by topic and place, and the audit refuses a figure no quote gives."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import knowledge
from knowledge.audit import audit_referrals
from knowledge.loader import KnowledgeError
from knowledge.referrals import REFERRALS_FILE, TOPICS, load_referrals

REGION = ("02", "59", "60", "62", "80")

# The bodies the issue requires: their id, or a word naming them in the closing comment that lists
# what was searched without a usable page.
REQUIRED = {
    "cma-hdf": "CMA",
    "chambre-agriculture-hdf": "chambers of agriculture",
    "chambre-agriculture-somme": "chambers of agriculture",
    "pait-hdf": "PAIT",
    "formalites-entreprises": "guichet unique",
    "urssaf": "URSSAF",
    "impots-sie": "impots",
    "douane": "douane",
    "prefecture": "prefectures",
    "france-travail": "France Travail",
    "guid-asso": "associations",
    "service-public": "service-public",
    "bpifrance-creation": "Bpifrance",
    "cci-hdf": "CCI",
    "agefiph": "Agefiph",
}


@pytest.fixture(scope="module")
def referrals():
    return knowledge.load().referrals


def _searched_comment() -> str:
    text = REFERRALS_FILE.read_text(encoding="utf-8")
    return text[text.index("# searched, no usable page") :]


def _draft(tmp_path: Path, change) -> Path:
    entries = yaml.safe_load(REFERRALS_FILE.read_text(encoding="utf-8"))
    change({e["id"]: e for e in entries})
    path = tmp_path / "draft.yml"
    path.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    return path


def test_every_required_body_is_there_or_listed_as_searched(referrals) -> None:
    comment = _searched_comment()
    for body, word in REQUIRED.items():
        assert body in referrals.by_id or word.lower() in comment.lower(), body


def test_every_body_has_a_sourced_line_in_both_languages(referrals) -> None:
    for body in referrals:
        assert body.does and body.does_en and body.name and body.name_en, body.id
        assert body.sources, body.id
        for source in body.sources:
            assert re.match(r"https?://", source.page), (body.id, source.page)
            assert source.read_on == "2026-12-08" and len(source.quote) >= 10, (body.id, source.page)


def test_no_personal_contact(referrals) -> None:
    assert not re.search(r"[\w.-]+@[\w-]+\.", REFERRALS_FILE.read_text(encoding="utf-8"))  # no e-mail
    for body in referrals:
        for phone in body.phones:
            assert not re.sub(r"\D", "", phone.value).startswith(("06", "07")), body.id  # no mobile


def test_the_referral_for_a_regulated_trade_is_the_crafts_chamber(referrals) -> None:
    found = referrals.for_topic("regulated_trades", "62")
    assert found[0].id == "cma-hdf"
    assert "qualification" in found[0].does and "CAP" in found[0].does


def test_farmers_are_sent_to_the_chamber_of_their_department(referrals) -> None:
    somme = [r.id for r in referrals.for_topic("farming_installation", "80")]
    assert somme == ["chambre-agriculture-somme", "pait-hdf"]
    for department in ("02", "59", "60", "62"):
        found = [r.id for r in referrals.for_topic("farming_installation", department)]
        assert found == ["chambre-agriculture-hdf", "pait-hdf"], department
    everywhere = {r.id for r in referrals.for_topic("farming_installation")}
    assert everywhere == {"chambre-agriculture-hdf", "chambre-agriculture-somme", "pait-hdf"}


@pytest.mark.parametrize(
    ("topic", "body"),
    [
        ("formalities", "formalites-entreprises"),
        ("social_contributions", "urssaf"),
        ("tax", "impots-sie"),
        ("alcohol_tobacco", "douane"),
        ("residence_permit", "prefecture"),
        ("arce", "france-travail"),
        ("associations", "guid-asso"),
        ("disability", "agefiph"),
        ("drinks_licence", "mairie"),
    ],
)
def test_each_question_goes_to_the_body_that_handles_it(referrals, topic: str, body: str) -> None:
    assert body in [r.id for r in referrals.for_topic(topic, "59")]


def test_every_topic_has_a_body_in_every_department(referrals) -> None:
    for topic in TOPICS:
        for department in REGION:
            assert referrals.for_topic(topic, department), (topic, department)


def test_an_unknown_topic_is_refused(referrals) -> None:
    with pytest.raises(ValueError, match="unknown referral topic"):
        referrals.for_topic("plumbing")


def test_the_entry_points_are_the_ones_their_pages_give(referrals) -> None:
    assert (
        referrals.by_id["prefecture"].website.value
        == "https://administration-etrangers-en-france.interieur.gouv.fr/"
    )
    assert referrals.by_id["urssaf"].website.value == "https://autoentrepreneur.urssaf.fr/"
    somme = referrals.by_id["chambre-agriculture-somme"].places[0]
    assert "Amiens" in somme.towns and somme.source.departments == ("80",)


def test_the_audit_refuses_a_figure_its_quotes_lack(tmp_path: Path) -> None:
    def change(by_id: dict) -> None:
        by_id["cma-hdf"]["does"]["fr"] = by_id["cma-hdf"]["does"]["fr"].replace("3 années", "5 années")

    report = audit_referrals(_draft(tmp_path, change))
    assert [f.message for f in report.errors] == ["line (fr) states 5, which no quote contains"]
    assert audit_referrals(REFERRALS_FILE).errors == []


def test_the_audit_refuses_a_source_that_is_not_a_page(tmp_path: Path) -> None:
    def change(by_id: dict) -> None:
        by_id["urssaf"]["sources"][0]["page"] = "shared/knowledge-sources.md"

    messages = [f.message for f in audit_referrals(_draft(tmp_path, change)).errors]
    assert "source 1: source is not a page: shared/knowledge-sources.md" in messages


def test_the_loader_refuses_a_contact_its_quote_does_not_give(tmp_path: Path) -> None:
    def website(by_id: dict) -> None:
        by_id["agefiph"]["website"]["value"] = "https://www.agefiph-hdf.fr/"

    def town(by_id: dict) -> None:
        by_id["chambre-agriculture-somme"]["places"][0]["towns"].append("Péronne")

    with pytest.raises(KnowledgeError, match="referral 'agefiph', field 'website'"):
        load_referrals(_draft(tmp_path, website))
    with pytest.raises(KnowledgeError, match="'Péronne' is not in its quote"):
        load_referrals(_draft(tmp_path, town))


def test_the_command_fails_on_a_broken_referrals_draft(tmp_path: Path) -> None:
    def change(by_id: dict) -> None:
        by_id["formalites-entreprises"]["does"]["en"] += " It answers within 48 hours."

    result = subprocess.run(
        [sys.executable, "-m", "knowledge", "audit", "--referrals", str(_draft(tmp_path, change))],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "ERROR    formalites-entreprises: line (en) states 48, which no quote contains" in result.stdout
