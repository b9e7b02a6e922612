"""The release at a glance (centralasia/release/summary.py): plain rows that agree with the DataFrames built on them."""

from __future__ import annotations

import dataclasses

from centralasia.charts import tables
from centralasia.release import summary
from centralasia.release.loader import load_catalog

from ..fixtures import release_series


def _newest(tmp_path):
    release_series(tmp_path)
    return load_catalog(tmp_path).releases[0]


def test_people_kinds_and_countries_come_from_the_records(tmp_path):
    release = _newest(tmp_path)
    people = summary.people(release, "en")
    assert [p.id for p in people] == [r.id for r in release.of_kind("person")]
    assert all(p.mentions == len(release.record(p.id).mentions) for p in people)
    counts = {c.kind: c for c in summary.kind_counts(release, "de")}
    for kind, count in counts.items():
        assert count.records == len(release.of_kind(kind))
        assert count.mentions == sum(len(r.mentions) for r in release.of_kind(kind))
    countries = summary.countries(release, "en")
    assert {c.id for c in countries} == {r.id for r in release.of_kind("country")}
    # Partners (their people speak) come first; the fixture's only speaker is Kazakh.
    assert countries[0].id == "kazakhstan" and countries[0].partner
    assert [c.id for c in countries if c.partner] == summary.partner_country_ids(release)


def test_frames_wrap_the_same_rows(tmp_path):
    release = _newest(tmp_path)
    for rows, frame in (
        (summary.people(release, "en"), tables.people_frame(release, "en")),
        (summary.kind_counts(release, "ru"), tables.kind_counts(release, "ru")),
        (summary.countries(release, "de"), tables.countries_frame(release, "de")),
    ):
        assert list(frame.columns) == list(type(rows[0])._fields)
        assert [tuple(r) for r in frame.itertuples(index=False)] == [tuple(r) for r in rows]


def test_a_release_without_people_or_events_has_empty_rows(tmp_path):
    release = _newest(tmp_path)
    kept = tuple(r for r in release.records if r.kind not in {"person", "event"})
    bare = dataclasses.replace(release, records=kept, all_records=kept)
    assert summary.people(bare, "en") == []
    assert summary.main_event(bare) is None
    assert tables.people_frame(bare, "en").columns.tolist() == list(summary.PersonRow._fields)


def test_paragraph_numbers_count_the_headline_as_the_first(tmp_path):
    release = _newest(tmp_path)
    starts = [a for a, _ in release.paragraphs()]
    assert [summary.paragraph_number(release, a) for a in starts] == list(range(1, len(starts) + 1))
    assert summary.paragraph_number(release, 0) == 1
