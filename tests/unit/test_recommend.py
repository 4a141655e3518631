"""The recommender ranks the schemes that fit a profile, seed schemes first."""

from __future__ import annotations

import pytest

import knowledge
from knowledge import Profile


@pytest.fixture(scope="module")
def kb() -> knowledge.Knowledge:
    return knowledge.load()


def ids(kb: knowledge.Knowledge, **profile: object) -> list[str]:
    return [r.scheme.id for r in kb.recommend(Profile(**profile))]


def test_student_in_the_somme_gets_the_crei_and_pepite(kb: knowledge.Knowledge) -> None:
    found = ids(kb, department="80", audience="student")
    assert found[:2] == ["crei-upjv", "pepite-picardie"]
    assert "la-suite-dans-les-idees" not in found


def test_student_in_the_aisne_gets_pepite_not_the_somme_crei(kb: knowledge.Knowledge) -> None:
    found = ids(kb, department="02", audience="student")
    assert found[0] == "pepite-picardie" and "crei-upjv" not in found


def test_creator_in_the_oise_gets_the_workshop_then_the_pack(kb: knowledge.Knowledge) -> None:
    found = ids(kb, department="60", audience="creator", stage="creation")
    assert found[:2] == ["cci-oise-atelier", "cci-oise-pack-creation"]


def test_already_created_in_the_oise_gets_crea60_not_the_workshop(kb: knowledge.Knowledge) -> None:
    found = ids(kb, department="60", audience="creator", stage="created")
    assert found[0] == "crea60" and "cci-oise-atelier" not in found


@pytest.mark.parametrize("audience", ["teacher", "pupil"])
def test_school_in_the_oise_gets_dessine_moi_un_entrepreneur(kb: knowledge.Knowledge, audience: str) -> None:
    assert ids(kb, department="60", audience=audience)[0] == "dessine-moi-un-entrepreneur"


@pytest.mark.parametrize(
    ("department", "audience", "project_kind"),
    [
        ("59", "creator", "association"),
        ("62", "woman", None),
        ("59", "young_out_of_school", None),
        ("62", "pupil", None),
        ("59", "teacher", None),
    ],
)
def test_a_scheme_with_no_sign_of_activity_is_never_recommended(
    kb: knowledge.Knowledge, department: str, audience: str, project_kind: str | None
) -> None:
    """« La suite dans les idées » shows no sign of activity: described when asked, never
    recommended (issue 22), for the profiles it was made for too."""
    assert kb.scheme("la-suite-dans-les-idees").inactive_checked_on
    assert "la-suite-dans-les-idees" not in ids(
        kb, department=department, audience=audience, project_kind=project_kind
    )


def test_association_gets_no_business_scheme(kb: knowledge.Knowledge) -> None:
    assert ids(kb, department="59", audience="creator", project_kind="association") == []


def test_profiles_the_seed_does_not_cover_get_sourced_complements(kb: knowledge.Knowledge) -> None:
    employee = ids(kb, department="80", audience="employee")
    assert "cci-amiens-picardie-formations" in employee and "bge" in employee
    job_seeker = ids(kb, department="02", audience="job_seeker")
    assert "arce" in job_seeker and all(kb.scheme(i).departments != ("60",) for i in job_seeker)


def test_craft_project_gets_the_chamber_of_crafts_first(kb: knowledge.Knowledge) -> None:
    assert ids(kb, department="80", audience="creator", project_kind="craft")[0] == "cma-hdf"
    assert "cma-hdf" not in ids(kb, department="80", audience="creator")


def test_nothing_local_is_offered_from_another_department(kb: knowledge.Knowledge) -> None:
    assert ids(kb, department="02", audience="teacher") == []
    for rec in kb.recommend(Profile(department="59", audience="creator")):
        assert "59" in rec.scheme.departments


def test_outside_the_region_only_national_schemes(kb: knowledge.Knowledge) -> None:
    found = kb.recommend(Profile(outside_region=True, audience="student"))
    assert found and all(r.scheme.national for r in found)
    assert found[0].scheme.id == "snee"


@pytest.mark.parametrize("department", ["59", "60", "80"])
def test_a_running_business_gets_no_creation_scheme(kb: knowledge.Knowledge, department: str) -> None:
    found = ids(kb, department=department, audience="creator", stage="created")
    assert "conseillers-entreprises" in found and "cci-hdf" in found
    assert not {"cci-oise-atelier", "cci-oise-pack-creation", "adie", "bge", "initiative-somme"} & set(found)


@pytest.mark.parametrize("audience", ["young_out_of_school", "job_seeker", "employee", "pupil", "creator"])
def test_only_students_and_graduates_get_pepite(kb: knowledge.Knowledge, audience: str) -> None:
    for department in ("59", "60"):
        found = ids(kb, department=department, audience=audience)
        assert not {"pepite-lille-hdf", "pepite-picardie", "snee"} & set(found)


def test_a_researcher_with_an_innovative_project_gets_the_regions_aid(kb: knowledge.Knowledge) -> None:
    found = ids(kb, department="02", audience="higher_ed_staff", project_kind="innovation")
    assert "region-start-up" in found
