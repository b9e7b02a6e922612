"""The shared entity registry (data/entities.yaml) and the vocabularies (data/vocab.yaml): read once per file
version, and the one vocabulary label API (colours: ``charts.theme.vocab_colour``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from centralasia.i18n import t
from centralasia.release.reading import Problem, pydantic_problems, read_yaml, shown_path
from centralasia.release.shared_models import Entity, Vocabularies
from centralasia.settings import ENTITIES_PATH, VOCAB_PATH


@dataclass(frozen=True)
class EntityRegistry:
    """``data/entities.yaml``: the entities every release may refer to, by id."""

    entities: dict[str, Entity]
    problems: tuple[Problem, ...] = ()

    def get(self, entity_id: str) -> Entity | None:
        return self.entities.get(entity_id)

    def of_kind(self, kind: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.kind == kind]


def read_entities(path: Path | str = ENTITIES_PATH) -> EntityRegistry:
    """Read and check the registry: every entry valid, ids unique, every reference to another entry resolves."""
    path = Path(path)
    problems: list[Problem] = []
    raw = read_yaml(path, problems)
    file = shown_path(path)
    items = raw.get("entities") if isinstance(raw, dict) else None
    if raw is not None and not isinstance(items, list):
        problems.append(Problem(file, None, "entities", "must be a list of entities (each starting with '- id: …')"))
    entities: dict[str, Entity] = {}
    for index, item in enumerate(items or []):
        eid = str(item.get("id")) if isinstance(item, dict) and item.get("id") else f"#{index + 1}"
        try:
            entity = Entity.model_validate(item)
        except ValidationError as exc:
            problems.extend(pydantic_problems(file, eid, exc))
            continue
        if entity.id in entities:
            problems.append(Problem(file, entity.id, "id", "is used by more than one entity; ids must be unique"))
        entities[entity.id] = entity
    for entity in entities.values():
        for fld, target in entity.references():
            if target not in entities:
                problems.append(Problem(file, entity.id, fld, f"points to '{target}', which is not an entity id"))
    return EntityRegistry(entities, tuple(problems))


def read_vocabularies(path: Path | str = VOCAB_PATH) -> tuple[Vocabularies | None, tuple[Problem, ...]]:
    """Read and check ``data/vocab.yaml``; (None, problems) when it does not validate."""
    path = Path(path)
    problems: list[Problem] = []
    raw = read_yaml(path, problems)
    if raw is None:
        return None, tuple(problems)
    try:
        return Vocabularies.model_validate(raw), ()
    except ValidationError as exc:
        return None, tuple(pydantic_problems(shown_path(path), None, exc))


_shared_cache: dict[tuple[str, Path], tuple[float, Any]] = {}


def _cached(name: str, path: Path, read):
    # Re-read when the file changes (an editor saving vocab.yaml while the app runs), else reuse.
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = -1.0
    hit = _shared_cache.get((name, path))
    if hit is None or hit[0] != mtime:
        hit = (mtime, read(path))
        _shared_cache[(name, path)] = hit
    return hit[1]


def entity_registry() -> EntityRegistry:
    """The shared registry (``data/entities.yaml``), read once per change of the file."""
    return _cached("entities", ENTITIES_PATH, read_entities)


def vocabularies() -> Vocabularies | None:
    """The shared vocabularies (``data/vocab.yaml``), or None when the file does not validate."""
    return _cached("vocab", VOCAB_PATH, read_vocabularies)[0]


# Group names of the vocabulary file and the catalogue prefix of each (``stance.expand`` in locales/*.yaml).
VOCAB_GROUPS = {"stances": "stance", "domains": "domain", "statuses": "status", "positions": "position", "relations": "relation"}


def vocab_label(group: str, value: str | None, lang: str) -> str:
    """The label of a vocabulary value in ``lang`` — the one vocabulary API (colours: ``theme.vocab_colour``).

    ``group`` is named as in data/vocab.yaml ("stances", "domains", "statuses", "positions"; or "relations").
    The file's label wins, then the UI catalogue (``stance.expand``), then the value itself: a new value never fails.
    """
    if not value:
        return ""
    vocab = vocabularies()
    try:
        entry = vocab.group(group).get(value) if vocab else None
    except AttributeError:  # a group the file does not have (relations)
        entry = None
    if entry is not None:
        return entry.label(lang)

    try:
        return t(f"{VOCAB_GROUPS.get(group, group)}.{value}", lang)
    except KeyError:
        return value
