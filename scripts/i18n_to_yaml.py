"""Convert the old two-language UI catalogue (``CATALOGUE = {key: (German, English)}`` in a Python module) into
one YAML catalogue per language in ``centralasia/locales/`` — re-runnable.

    python scripts/i18n_to_yaml.py [OLD_I18N_PY ...]     # default: the tuples still in centralasia/i18n.py

Each run merges: keys new in the module are added to de.yaml/en.yaml, changed texts replace the old ones,
keys kept only in YAML stay. ru.yaml is never overwritten; the run lists keys that lack a Russian text and keys
whose English source changed since the last run (their Russian may need a look). Several modules may be given
(e.g. two branches' versions); later ones win.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "centralasia" / "locales"
HEADER = (
    "# Interface strings, {name}. One file per language; keys are stable ids used in the code as t(key, lang).\n"
    "# Placeholders in braces ({{n}}, {{date}} …) must be kept. A value may be a mapping of CLDR plural categories\n"
    "# (one, few, many, other), chosen by the number in {{n}}. tests/unit/test_i18n.py fails when a key is missing\n"
    "# in a language or a placeholder differs. Converted from the old catalogue by scripts/i18n_to_yaml.py.\n"
)
NAMES = {"de": "Deutsch", "en": "English", "ru": "русский"}


def read_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {} if path.exists() else {}


def write_yaml(path: Path, lang: str, data: dict) -> None:
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120, default_flow_style=False)
    path.write_text(HEADER.format(name=NAMES.get(lang, lang)) + body, encoding="utf-8")


def main(argv: list[str]) -> int:
    sources = [Path(a) for a in argv] or [ROOT / "centralasia" / "i18n.py"]
    catalogue: dict[str, tuple[str, str]] = {}
    for source in sources:
        found = runpy.run_path(str(source)).get("CATALOGUE")
        if not isinstance(found, dict) or not all(isinstance(v, tuple) for v in found.values()):
            print(f"{source}: no old-style CATALOGUE of (German, English) tuples; nothing to convert", file=sys.stderr)
            continue
        catalogue.update(found)
    if not catalogue:
        return 1
    LOCALES.mkdir(parents=True, exist_ok=True)
    old_en = read_yaml(LOCALES / "en.yaml")
    for index, lang in enumerate(("de", "en")):
        data = read_yaml(LOCALES / f"{lang}.yaml")
        for key, texts in catalogue.items():
            data[key] = texts[index]
        write_yaml(LOCALES / f"{lang}.yaml", lang, data)
    ru = read_yaml(LOCALES / "ru.yaml")
    missing = [k for k in catalogue if k not in ru]
    changed = [k for k in catalogue if k in ru and k in old_en and old_en[k] != catalogue[k][1]]
    print(f"wrote de.yaml and en.yaml ({len(catalogue)} keys from {len(sources)} module(s))")
    for key in missing:
        print(f"ru: missing  {key}: {catalogue[key][1]!r}")
    for key in changed:
        print(f"ru: English changed, check  {key}: {old_en[key]!r} -> {catalogue[key][1]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
