"""The shared entity registry, the open vocabularies and per-language labels: checked at load, with fallbacks."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from centralasia.charts.theme import vocab_colour
from centralasia.publish import exports
from centralasia.release.languages import FALLBACK_LANGUAGE, LABEL_LANGUAGES
from centralasia.release.loader import read_release
from centralasia.release.models import RECORD_MODELS, Country
from centralasia.release.reading import DataError
from centralasia.release.vocab import entity_registry, read_entities, read_vocabularies, vocab_label
from centralasia.settings import ENTITIES_PATH, VOCAB_PATH
from tests.fixtures import make_release, span, write_release


def test_registry_and_vocabularies_validate():
    registry = read_entities()
    assert not registry.problems, registry.problems
    vocab, problems = read_vocabularies()
    assert vocab is not None and not problems, problems


def test_every_registry_label_and_vocabulary_value_has_every_language():
    raw = yaml.safe_load(ENTITIES_PATH.read_text(encoding="utf-8"))["entities"]
    for entity in raw:
        for field in ("labels", "role", "note"):
            if entity.get(field):
                assert set(LABEL_LANGUAGES) <= set(entity[field]), (entity["id"], field)
    for group, values in yaml.safe_load(VOCAB_PATH.read_text(encoding="utf-8")).items():
        for value, entry in values.items():
            assert set(LABEL_LANGUAGES) <= set(entry["labels"]), (group, value)


def test_a_registry_label_missing_a_language_is_reported(tmp_path: Path):
    raw = yaml.safe_load(ENTITIES_PATH.read_text(encoding="utf-8"))
    del raw["entities"][0]["labels"]["ru"]
    raw["entities"][1]["country"] = "atlantis"
    path = tmp_path / "entities.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    messages = [str(p) for p in read_entities(path).problems]
    first, second = raw["entities"][0]["id"], raw["entities"][1]["id"]
    assert any(f"record '{first}'" in m and "label_ru" in m and "Field required" in m for m in messages), messages
    assert any(f"record '{second}'" in m and "'atlantis'" in m for m in messages), messages


def test_a_vocabulary_value_without_a_colour_or_language_is_reported(tmp_path: Path):
    raw = yaml.safe_load(VOCAB_PATH.read_text(encoding="utf-8"))
    stance = next(iter(raw["stances"]))
    del raw["stances"][stance]["colour"]
    path = tmp_path / "vocab.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    vocab, problems = read_vocabularies(path)
    assert vocab is None and any("colour" in str(p) for p in problems)


def test_labels_fall_back_to_the_declared_language():
    record = Country.model_validate(
        {
            "id": "x",
            "kind": "country",
            "iso3": "KAZ",
            "labels": {"en": "Kazakhstan", "de": "Kasachstan"},
            "mentions": [{"quote": "K", "start": 0, "end": 1}],
        }  # fmt: skip
    )
    assert record.label("ru") == record.label(FALLBACK_LANGUAGE) == "Kazakhstan"
    assert record.label("de") == "Kasachstan" and record.label("ru") == "Kazakhstan"


def test_flat_and_mapped_labels_are_the_same_thing_and_must_agree():
    base = {"id": "x", "kind": "country", "iso3": "KAZ", "mentions": [{"quote": "K", "start": 0, "end": 1}]}
    a = Country.model_validate({**base, "label_de": "Kasachstan", "label_en": "Kazakhstan"})
    b = Country.model_validate({**base, "labels": {"de": "Kasachstan", "en": "Kazakhstan"}})
    assert a == b
    # Flat keys are an input shape only: texts are read through the explicit API, never as generated attributes.
    assert a.localised("label", "de") == "Kasachstan" and not hasattr(a, "label_de")
    with pytest.raises(ValueError, match="contradicts"):
        Country.model_validate({**base, "labels": {"de": "Kasachstan", "en": "Kazakhstan"}, "label_de": "Anders"})


def _entity_release(tmp_path: Path, extra: list[dict], text: str = "Kasachstan und Turkmenistan in Aschgabat.\n") -> Path:
    records = [
        {"id": "kazakhstan", "entity": "kazakhstan", "mentions": [span(text, "Kasachstan")]},
        {"id": "ashgabat", "entity": "ashgabat", "mentions": [span(text, "Aschgabat")]},
        *extra,
    ]
    return write_release(tmp_path / "r", text, records)


def test_records_referring_to_entities_inherit_labels_codes_and_coordinates(tmp_path: Path):
    release = read_release(_entity_release(tmp_path, []))
    registry = entity_registry()
    kz, city = release.record("kazakhstan"), release.record("ashgabat")
    assert kz.labels == registry.get("kazakhstan").labels and kz.iso3 == registry.get("kazakhstan").iso3
    assert city.coordinates == registry.get("ashgabat").coordinates
    # Ashgabat's country (Turkmenistan) has no record in this release: the link is not inherited.
    assert city.country is None


def test_unknown_entity_and_vocabulary_value_are_reported_by_record_and_field(tmp_path: Path):
    sector = {"id": "energy", "kind": "sector", "label_de": "Energie", "label_en": "Energy", "countries": ["kazakhstan"],
              "stance": "hesitate", "statement_de": "x", "statement_en": "x", "mentions": [{"quote": "und", "start": 11, "end": 14}]}  # fmt: skip
    ghost = {"id": "ghost", "entity": "no-such-entity", "mentions": [{"quote": "in", "start": 28, "end": 30}]}
    with pytest.raises(DataError) as info:
        read_release(_entity_release(tmp_path, [sector, ghost]))
    messages = [str(p) for p in info.value.problems]
    assert any("record 'energy'" in m and "field 'stance'" in m and "'hesitate'" in m and "vocab.yaml" in m for m in messages), messages
    assert any("record 'ghost'" in m and "field 'entity'" in m and "entities.yaml" in m for m in messages), messages


def test_vocabulary_labels_and_colours_come_from_data():
    vocab, _ = read_vocabularies()
    value, entry = next(iter(vocab.stances.items()))
    assert vocab_label("stances", value, "ru") == entry.labels["ru"]
    assert vocab_colour("stances", value) == entry.colour
    assert vocab_label("stances", "not-a-value", "de") == "not-a-value"


# ---------------------------------------------------------------- the JSON export and its published schema


def test_published_schema_is_the_generated_one():
    assert exports.SCHEMA_PATH.read_text(encoding="utf-8") == exports.schema_text(), "run: python -m centralasia.release.schema"


def test_json_export_validates_against_the_schema_and_carries_labels(tmp_path: Path):
    release = read_release(_entity_release(tmp_path, []))
    payload = json.loads(exports.to_json([release]))
    jsonschema.validate(payload, json.loads(exports.SCHEMA_PATH.read_text(encoding="utf-8")))
    item = next(r for r in payload["releases"][0]["records"] if r["id"] == "kazakhstan")
    assert item["labels"] == dict(release.record("kazakhstan").labels) and set(LABEL_LANGUAGES) <= set(item["labels"])
    assert (item["label_de"], item["label_en"]) == (item["labels"]["de"], item["labels"]["en"])
    assert item["entity"] == "kazakhstan"


def test_json_export_keeps_every_model_field(tmp_path: Path):
    release = read_release(make_release(tmp_path / "r", hostile_labels=False))
    for item, record in zip(json.loads(exports.to_json([release]))["releases"][0]["records"], release.records, strict=True):
        assert set(RECORD_MODELS[record.kind].model_fields) <= set(item)
        assert RECORD_MODELS[item["kind"]].model_validate({k: v for k, v in item.items() if k not in {"quote", "start", "end"}}) == record


def test_an_event_date_derivation_is_shown_only_in_the_languages_it_is_written_in():
    from centralasia.release.models import Event

    event = Event.model_validate(
        {
            "id": "e",
            "kind": "event",
            "label_de": "E",
            "label_en": "E",
            "date": "2030",
            "date_source": "release",
            "date_note": {"de": "laut Mitteilung"},
            "mentions": [{"quote": "E", "start": 0, "end": 1}],
        }  # fmt: skip
    )
    assert event.date_note_in("de") == "laut Mitteilung" and event.date_note_in("en") is None and event.date_note_in("ru") is None
