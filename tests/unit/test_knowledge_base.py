"""The knowledge base: every seed scheme and fact is there, and loading validates it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import knowledge
from knowledge.loader import SCHEMES_FILE, KnowledgeError, load_schemes
from knowledge.text import fold
from tests.support.seed import seed_article


@pytest.fixture(scope="module")
def kb() -> knowledge.Knowledge:
    return knowledge.load()


@pytest.mark.parametrize(
    ("scheme_id", "facts"),
    [
        ("cci-oise-pack-creation", ["120 heures", "accompagnement individuel", "conseiller"]),
        ("cci-oise-atelier", ["êtes-vous prêt à créer", "Pack Création"]),
        ("crea60", ["chaque année", "saluer les créations de projets"]),
        ("dessine-moi-un-entrepreneur", ["collèges", "lycées", "BTS", "métier de chef d'entreprise"]),
        ("crei-upjv", ["Université de Picardie Jules Verne", "formations diplômantes", "reprise"]),
        ("pepite-picardie", ["7 sites", "étudiants et jeunes diplômés", "personnels"]),
        (
            "la-suite-dans-les-idees",
            [
                "trentaine d'acteurs",
                "associatifs",
                "public féminin",
                "jeunes sortis du système éducatif",
                "serious game",
                "primaire",
            ],
        ),
    ],
)
def test_every_seed_scheme_has_its_facts(kb: knowledge.Knowledge, scheme_id: str, facts: list[str]) -> None:
    scheme = kb.scheme(scheme_id)
    assert scheme.source.is_seed and scheme.source.quote
    text = " ".join([scheme.name, scheme.description, scheme.next_step, *(f.text for f in scheme.facts)])
    for fact in facts:
        assert fold(fact) in fold(text), f"{scheme_id} lacks «{fact}»"


def test_seed_quotes_come_from_the_seed(kb: knowledge.Knowledge) -> None:
    seed = fold(seed_article())
    for scheme in kb.schemes:
        if scheme.source.is_seed:
            assert fold(scheme.source.quote) in seed, scheme.id


def test_seed_departments_and_audiences(kb: knowledge.Knowledge) -> None:
    assert kb.scheme("cci-oise-pack-creation").departments == ("60",)
    assert kb.scheme("la-suite-dans-les-idees").departments == ("59", "62")
    assert {"02", "80"} <= set(kb.scheme("pepite-picardie").departments)
    assert {"woman", "young_out_of_school", "pupil"} <= set(kb.scheme("la-suite-dans-les-idees").audiences)
    assert kb.scheme("cci-oise-atelier").leads_to == "cci-oise-pack-creation"


def test_complementary_schemes_cite_a_page_read_with_a_quote(kb: knowledge.Knowledge) -> None:
    complements = [s for s in kb.schemes if not s.source.is_seed]
    assert len(complements) >= 10
    for scheme in complements:
        assert scheme.verify_with, scheme.id
        for source in [scheme.source, *(f.source for f in scheme.facts)]:
            assert source.is_seed or source.page.startswith("https://"), scheme.id
            assert source.is_seed or (source.read_on >= "2026-11-28" and source.quote and source.publisher)


def test_no_source_names_an_internal_file(kb: knowledge.Knowledge) -> None:
    texts = [
        f"{s.page} {s.publisher} {s.quote}"
        for scheme in kb.schemes
        for s in [scheme.source, *(f.source for f in scheme.facts)]
    ]
    assert not any("knowledge-sources" in t or "shared/" in t or ".md" in t for t in texts)


def test_seed_sources_name_the_article_page(kb: knowledge.Knowledge) -> None:
    seed = kb.settings.seed
    assert seed.page.endswith("/Blog/Actualites/L-esprit-d-entreprendre-de-Paris-jusqu-a-Roubaix")
    assert all(s.source.page == seed.page for s in kb.schemes if s.source.is_seed)


def _write(tmp_path: Path, mutate) -> Path:
    entries = yaml.safe_load(SCHEMES_FILE.read_text(encoding="utf-8"))
    mutate(entries)
    path = tmp_path / "schemes.yml"
    path.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda e: e[0].update(departments=["60", "75"]), "scheme 'cci-oise-atelier', field 'departments.1'"),
        (lambda e: e[1].pop("next_step"), "scheme 'cci-oise-pack-creation', field 'next_step'"),
        (lambda e: e[2].update(id=e[3]["id"]), "scheme 'dessine-moi-un-entrepreneur', field 'id': duplicate"),
        (lambda e: e[0].update(audiences=["astronaut"]), "field 'audiences': unknown value 'astronaut'"),
        (lambda e: e[0].update(leads_to="nowhere"), "field 'leads_to': unknown scheme 'nowhere'"),
        (lambda e: e[4]["source"].pop("quote"), "scheme 'crei-upjv', field 'source'"),
    ],
)
def test_invalid_knowledge_base_is_refused_with_a_clear_message(tmp_path: Path, mutate, message: str) -> None:
    path = _write(tmp_path, mutate)
    with pytest.raises(KnowledgeError) as error:
        load_schemes(path)
    assert "schemes.yml" in str(error.value)
    assert message in str(error.value)


def test_action_server_refuses_to_start_on_an_invalid_knowledge_base(tmp_path: Path) -> None:
    path = _write(tmp_path, lambda e: e[1].pop("next_step"))
    result = subprocess.run(
        [sys.executable, "-m", "actions", "--port", "0"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "HDF_SCHEMES_FILE": str(path)},
    )
    assert result.returncode != 0
    assert "Invalid knowledge base" in result.stderr
    assert "cci-oise-pack-creation" in result.stderr and "next_step" in result.stderr


def test_generated_nlu_data_is_in_sync() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "knowledge.nlu_export", "--check"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


def test_generated_nlu_data_covers_schemes_and_places() -> None:
    from knowledge.nlu_export import render

    content = render()
    assert "- lookup: place" in content and "- Saint-Quentin" in content and "- Compiègne" in content
    assert "- lookup: scheme" in content and "- Créa60" in content
    assert "- synonym: crei-upjv" in content


def _complement(entries: list[dict]) -> dict:
    return next(e for e in entries if e["id"] == "adie")


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        # a scheme source that is not a page: a text, an internal file, a plain http address
        (
            lambda e: _complement(e)["source"].update(page="lagazettefrance.fr (articles de la CCI)"),
            "'source'",
        ),
        (lambda e: _complement(e)["source"].update(page="shared/knowledge-sources.md"), "'source'"),
        (lambda e: _complement(e)["source"].update(page="http://www.adie.org/"), "'source'"),
        (lambda e: _complement(e)["source"].pop("quote"), "'source'"),
        (lambda e: _complement(e)["source"].update(read_on="2026-11"), "'source'"),
        (lambda e: _complement(e)["source"].update(origin="memory"), "'source'"),
        # the old form, a free-text reference
        (
            lambda e: _complement(e).update(
                source={"origin": "complement", "reference": "x.fr", "read_on": "2026-11"}
            ),
            "'source'",
        ),
        # a fact source that is not a page
        (
            lambda e: _complement(e)["facts"][0]["source"].update(page="DREETS, janvier 2025"),
            "'facts.0.source.page'",
        ),
        (
            lambda e: _complement(e)["facts"][0].update(
                source={"origin": "seed", "quote": "quoted from memory"}
            ),
            "'facts.0.source",
        ),
    ],
)
def test_schema_refuses_a_source_that_is_not_a_page_or_the_seed(tmp_path: Path, mutate, message: str) -> None:
    path = _write(tmp_path, mutate)
    with pytest.raises(KnowledgeError) as error:
        load_schemes(path)
    assert "scheme 'adie'" in str(error.value) and message in str(error.value)


def test_an_unknown_scheme_to_point_to_instead_is_refused(tmp_path: Path) -> None:
    def mutate(entries: list[dict]) -> None:
        next(e for e in entries if e["id"] == "la-suite-dans-les-idees")["no_sign_of_activity"]["instead"] = [
            "x"
        ]

    with pytest.raises(KnowledgeError, match="no_sign_of_activity.instead': unknown scheme 'x'"):
        load_schemes(_write(tmp_path, mutate))


def test_contact_places_are_communes_of_the_schemes_departments(kb: knowledge.Knowledge) -> None:
    from knowledge.geography import fold_place

    with_contact = [s for s in kb.schemes if s.contact]
    assert {"pepite-picardie", "adie", "cma-hdf", "initiative-oise"} <= {s.id for s in with_contact}
    for scheme in with_contact:
        for place in scheme.contact.places:
            assert place.source.page.startswith("https://") and place.source.read_on == "2026-11-28"
            for town in place.towns:
                departments = {c.department for c in kb.places.communes_by_name[fold_place(town)]}
                assert departments & set(scheme.departments), (scheme.id, town)
    assert kb.scheme("adie").contact.phones[0].value == "09 69 32 81 10"
    assert kb.scheme("cma-hdf").contact.website.value == "https://cma-hautsdefrance.fr/"


def _contact_of(entries: list[dict], scheme_id: str) -> dict:
    return next(e for e in entries if e["id"] == scheme_id)["contact"]


def _phone(value: str, quote: str) -> dict:
    return {
        "value": value,
        "page": "https://www.example.fr/adie",
        "publisher": "example.fr",
        "read_on": "2026-11-28",
        "quote": quote,
    }


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda e: _contact_of(e, "cma-hdf")["website"].update(value="http://cma-hautsdefrance.fr/"),
            "field 'contact.website.value'",
        ),
        (
            lambda e: _contact_of(e, "adie").update(phones=[_phone("01 23", "appelez le 01 23")]),
            "not a 'fr-phone'",
        ),
        (
            lambda e: _contact_of(e, "adie").update(
                phones=[_phone("+44 20 7946 0958", "call +44 20 7946 0958")]
            ),
            "'contact",
        ),
        (
            lambda e: _contact_of(e, "adie").update(emails=[_phone("adie.org", "écrivez à adie.org")]),
            "'contact",
        ),
        (
            lambda e: _contact_of(e, "adie").update(
                phones=[_phone("03 22 00 00 00", "un numéro de téléphone")]
            ),
            "field 'contact.phones.0': '03 22 00 00 00' is not in its quote",
        ),
        (
            lambda e: _contact_of(e, "adie")["places"][0]["towns"].append("Arras"),
            "field 'contact.places.0': 'Arras' is not in its quote",
        ),
        (
            lambda e: _contact_of(e, "adie")["places"][0].update(page="lagazettefrance.fr"),
            "'contact.places.0.page'",
        ),
    ],
)
def test_contacts_are_checked(tmp_path: Path, mutate, message: str) -> None:
    with pytest.raises(KnowledgeError) as error:
        load_schemes(_write(tmp_path, mutate))
    assert message in str(error.value)


def test_a_valid_french_phone_and_e_mail_are_accepted(tmp_path: Path) -> None:
    def mutate(entries: list[dict]) -> None:
        contact = _contact_of(entries, "adie")
        contact["phones"].append(_phone("+33 3 22 71 10 10", "tél. +33 3 22 71 10 10"))
        contact["emails"] = [_phone("contact@exemple.fr", "écrivez à contact@exemple.fr")]

    adie = next(s for s in load_schemes(_write(tmp_path, mutate)) if s.id == "adie")
    assert [c.value for c in adie.contact.emails] == ["contact@exemple.fr"] and len(adie.contact.phones) == 2


def test_a_key_given_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "schemes.yml"
    text = SCHEMES_FILE.read_text(encoding="utf-8")
    twice = text.replace("  operator: Adie\n", "  operator: Adie\n  operator: Adie France\n")
    path.write_text(twice, encoding="utf-8")
    with pytest.raises(KnowledgeError, match="not valid YAML: .*'operator' given twice"):
        load_schemes(path)
