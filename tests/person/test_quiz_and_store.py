"""The questionnaire's items and answers, and the local store that keeps them."""

from __future__ import annotations

import sqlite3

import pytest

from careerlens.errors import InputError, StoreError, UnknownIdError
from careerlens.profile.models import Profile, SkillEvidence, merge_profiles
from careerlens.profile.quiz import item, items, parse_answer, profile_from_answers, read_answers
from careerlens.store import open_store
from tests.conftest import FIXTURES


def test_48_riasec_items_eight_per_type_then_field_skill_and_constraint_items():
    riasec = [i for i in items() if i.kind == "riasec"]
    assert len(riasec) == 48
    assert {t: sum(i.riasec == t for i in riasec) for t in "RIASEC"} == dict.fromkeys("RIASEC", 8)
    kinds = {i.kind for i in items()}
    assert kinds == {"riasec", "field", "skill", "hours", "degree", "phd", "location"}
    assert len({i.id for i in items()}) == len(items())


@pytest.mark.parametrize(
    ("item_id", "raw", "value"),
    [
        ("R1", "4", 4),
        ("field.llm_products", 5, 5),
        ("skill.python", "0", 0),
        ("hours", " 12 ", 12),
        ("degree", "Masters", "master"),
        ("open_to_phd", "no", False),
        ("location", "Berlin", "Berlin"),
    ],
)
def test_answers_are_parsed(item_id, raw, value):
    assert parse_answer(item(item_id), raw) == value


@pytest.mark.parametrize(
    ("item_id", "raw"),
    [("R1", "6"), ("R1", "lots"), ("skill.python", 4), ("hours", 0), ("degree", "diploma"), ("open_to_phd", "maybe")],
)
def test_bad_answers_say_what_is_expected(item_id, raw):
    with pytest.raises(InputError, match="expected"):
        parse_answer(item(item_id), raw)


def test_answers_file_errors(tmp_path):
    bad_id = tmp_path / "a.yaml"
    bad_id.write_text("skill.pyton: 3\n")
    with pytest.raises(UnknownIdError, match="Did you mean"):
        read_answers(bad_id)
    not_a_map = tmp_path / "b.yaml"
    not_a_map.write_text("- 1\n- 2\n")
    with pytest.raises(InputError, match="map question ids"):
        read_answers(not_a_map)
    with pytest.raises(InputError, match="no such file"):
        read_answers(tmp_path / "missing.yaml")


def test_partial_answers_still_make_a_profile():
    p = profile_from_answers({"I1": 5, "I2": 4, "R1": 1, "skill.sql": 3, "hours": 6})
    assert p.interests is not None and p.interests.riasec == {"I": 4.5, "R": 1.0}
    assert p.skills["sql"].strength == "claimed" and p.holds("sql")  # a self-rating counts for planning...
    assert p.weight("sql") == 0.25  # ...but in matching it is a claim, like a keyword in a list
    assert p.hours_per_week == 6


def test_merge_keeps_the_stronger_evidence_and_the_self_rating():
    resume = Profile(skills={"sql": SkillEvidence(id="sql", name="SQL", category="language", strength="used")})
    quiz = profile_from_answers(read_answers(FIXTURES / "quiz" / "analytics_minded.yaml"))
    merged = merge_profiles(resume, quiz)
    assert merged.skills["sql"].strength == "used" and merged.skills["sql"].self_rating == 3
    assert merged.interests == quiz.interests and merged.hours_per_week == 6


def test_store_roundtrip_and_delete(private_store):
    store = open_store()
    assert store.path == private_store
    store.save_profile(Profile(name="ana", hours_per_week=5))
    store.save_answers("ana", {"R1": 3})
    store.save_plan("ana", {"target": "analytics"})
    assert store.profile("ana").hours_per_week == 5 and store.answers("ana") == {"R1": 3}
    assert [n for n, _ in store.profiles()] == ["ana"]
    assert (
        store.delete("ana")
        and store.profile("ana") is None
        and store.answers("ana") == {}
        and store.plan("ana") is None
    )
    assert not store.delete("ana")


def test_a_damaged_store_is_reported_and_left_untouched(private_store):
    private_store.parent.mkdir(parents=True)
    private_store.write_bytes(b"this is not a database, it is someone's notes" * 100)
    before = private_store.read_bytes()
    with pytest.raises(StoreError, match="left untouched"):
        open_store().save_profile(Profile(name="x"))
    assert private_store.read_bytes() == before


def test_a_store_from_a_newer_version_is_not_touched(private_store):
    open_store().save_profile(Profile(name="x"))
    with sqlite3.connect(private_store) as conn:
        conn.execute("INSERT INTO migrations (number, name, applied) VALUES (99, 'from the future', 'later')")
    before = private_store.read_bytes()
    with pytest.raises(StoreError, match="newer careerlens"):
        open_store().profile("x")
    assert private_store.read_bytes() == before


def test_a_saved_profile_this_version_cannot_read_is_reported(private_store):
    store = open_store()
    store.save_profile(Profile(name="x"))
    with sqlite3.connect(private_store) as conn:
        conn.execute("UPDATE profiles SET data = ? WHERE name = 'x'", ('{"name": "x", "skills": 5}',))
    with pytest.raises(StoreError, match="left untouched"):
        store.profile("x")


def test_migrations_are_numbered_and_recorded(private_store):
    from careerlens.store import MIGRATIONS

    open_store()
    with sqlite3.connect(private_store) as conn:
        rows = conn.execute("SELECT number FROM migrations ORDER BY number").fetchall()
    assert [r[0] for r in rows] == sorted(MIGRATIONS) == list(range(1, len(MIGRATIONS) + 1))


def test_records_export_import_and_delete_all():
    store = open_store(":memory:")
    store.save_profile(Profile(name="ana", hours_per_week=5))
    store.save_answers("ana", {"R1": 3})
    store.put_record("posting", "p1", {"title": "Data Scientist"}, profile="ana")
    store.put_record("posting", "p2", {"title": "ML Engineer"})
    assert store.record("posting", "p1") == {"title": "Data Scientist"}
    assert [r[0] for r in store.records("posting", profile="ana")] == ["p1"]
    dump = store.export_all()
    assert store.delete_all() == 4 and store.records("posting") == [] and store.profile("ana") is None
    other = open_store(":memory:")
    assert other.import_all(dump) == 4
    assert other.profile("ana").hours_per_week == 5 and other.answers("ana") == {"R1": 3}
    assert {r[0] for r in other.records("posting")} == {"p1", "p2"}
    with pytest.raises(StoreError, match="not a careerlens export"):
        other.import_all({"profiles": {}})
    assert other.delete("ana") and other.records("posting", profile="ana") == []
