"""The same store behaviour on every engine: SQLite in memory, a SQLite file, PostgreSQL."""

from __future__ import annotations

import pytest

from careerlens.errors import StoreError
from careerlens.profile.models import Profile, SkillEvidence
from careerlens.store import MIGRATIONS, Store


def test_migrations_recorded(store: Store):
    with store.db.transaction() as tx:
        assert [r[0] for r in tx.all("SELECT number FROM migrations ORDER BY number")] == sorted(MIGRATIONS)


def test_profiles_answers_plans(store: Store):
    skill = SkillEvidence(id="sql", name="SQL", category="language", strength="used", where=["Wrote SQL — “quoted” ✓"])
    store.save_profile(Profile(name="ana", skills={"sql": skill}, hours_per_week=5))
    store.save_profile(Profile(name="ana", skills={"sql": skill}, hours_per_week=7))  # an update, not a second row
    assert store.profile("ana").hours_per_week == 7 and store.profile("ana").skills["sql"].where[0].endswith("✓")
    assert [n for n, _ in store.profiles()] == ["ana"]
    store.save_answers("ana", {"R1": 3, "location": "Zürich"})
    store.save_plan("ana", {"target": "analytics"})
    assert store.answers("ana")["location"] == "Zürich" and store.plan("ana") == {"target": "analytics"}
    store.clear_answers("ana")
    assert store.answers("ana") == {}


def test_records_export_import_delete(store: Store):
    store.save_profile(Profile(name="ana"))
    store.put_record("posting", "p1", {"title": "Data Scientist"}, profile="ana")
    store.put_record("posting", "p1", {"title": "Data Scientist II"}, profile="ana")
    store.put_record("practice", "s1", {"turns": []})
    assert store.record("posting", "p1") == {"title": "Data Scientist II"}
    assert [r[0] for r in store.records("posting", profile="ana")] == ["p1"]
    dump = store.export_all()
    assert store.delete("ana") and store.records("posting") == [] and store.record("practice", "s1") is not None
    assert store.delete_all() == 1
    assert store.import_all(dump) == 3
    assert store.profile("ana") is not None and store.record("posting", "p1")["title"] == "Data Scientist II"
    assert store.delete_record("practice", "s1") and not store.delete_record("practice", "s1")


def test_a_failed_import_changes_nothing(store: Store):
    store.save_profile(Profile(name="kept"))
    bad = {"careerlens_export": 1, "profiles": {"x": {"name": "x", "skills": 5}}}
    with pytest.raises(StoreError, match="nothing was imported"):
        store.import_all(bad)
    assert [n for n, _ in store.profiles()] == ["kept"]


def test_a_failed_write_rolls_back(store: Store):
    store.save_profile(Profile(name="kept"))
    with pytest.raises(RuntimeError), store.db.transaction() as tx:
        tx.run("DELETE FROM profiles")
        raise RuntimeError("interrupted half-way")
    assert [n for n, _ in store.profiles()] == ["kept"]
