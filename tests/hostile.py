"""Hostile and broken release folders for the robustness tests (issue 13), written next to a real release.

``make_markup_release`` is valid data whose every free-text field carries Markdown, HTML, KaTeX,
Streamlit colour/icon directives, bare URLs and spreadsheet formulas, all pointing at one hostile host;
``BROKEN_FOLDERS`` are the broken-file cases, each a function that turns a copy of a good release into
a broken one.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import yaml

from .fixtures import make_release

HOSTILE_HOST = "evil.example"
MARKUP = (
    f"![p](https://{HOSTILE_HOST}/pixel.png) [Official](https://{HOSTILE_HOST}/x) https://{HOSTILE_HOST}/bare "
    f"www.{HOSTILE_HOST} spy@{HOSTILE_HOST} :red[rot] :material/home: $x^2$ `tick <img src=https://{HOSTILE_HOST}/i.png>"
)
FORMULA = f'=HYPERLINK("https://{HOSTILE_HOST}/f","click")'
MARKUP_ID = "2030-01-01-markup"


def alias_bomb(depth: int = 9, field: str = "id") -> bytes:
    """A valid records.yaml of ~600 bytes whose last record's ``field`` expands to 9**(depth+1) strings."""
    lines = ["- id: holder", "  kind: country", '  a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"  a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, depth + 1)]
    return ("\n".join(lines) + f"\n- id: bomb\n  {field}: *a{depth}\n").encode()


def make_markup_release(folder: Path) -> Path:
    """A valid release whose labels, notes, channel, dateline, publisher and first line are hostile markup."""
    make_release(folder, release_id=MARKUP_ID)
    meta_path, records_path, text_path = folder / "metadata.yaml", folder / "records.yaml", folder / "release.de.txt"
    meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
    records = yaml.safe_load(records_path.read_text(encoding="utf-8"))
    publisher = f"Publisher [link](https://{HOSTILE_HOST}/pub)"
    body = text_path.read_bytes().decode("utf-8").split("\n", 1)[1]
    raw = f" date 2030-01-01 {publisher} `backtick` ![h](https://{HOSTILE_HOST}/h.png)\n{body}".encode()
    text_path.write_bytes(raw)
    meta.update(
        channel=MARKUP,
        dateline=f"[Berlin](https://{HOSTILE_HOST}/d)",
        publisher=publisher,
        publisher_en=publisher,
        title_en=f"Fixture {MARKUP}",
        usage_en=MARKUP,
        usage_de=MARKUP,
        sha256=hashlib.sha256(raw).hexdigest(),
    )
    for message in meta["key_messages"]:
        message.update(summary_en=f"{MARKUP} {FORMULA}", summary_de=MARKUP)
    for record in records:
        record.update(label_en=f"{FORMULA} {MARKUP}", label_de=f"@SUM(1) {MARKUP}", note_en=MARKUP, note_de=MARKUP)
        for field in ("statement_en", "status_en", "region_en", "position_en", "role_en"):
            if field in record:
                record[field] = MARKUP
        if record.get("coordinates"):
            record["coordinates"]["source"] = MARKUP
    meta_path.write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
    records_path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def copy_with_id(good: Path, target: Path, release_id: str) -> Path:
    """A copy of the release folder ``good`` at ``target`` whose metadata names it ``release_id``."""
    shutil.copytree(good, target)
    meta = target / "metadata.yaml"
    meta.write_text(
        "\n".join(f"id: {release_id}" if line.startswith("id: ") else line for line in meta.read_text(encoding="utf-8").split("\n")),
        encoding="utf-8",
    )
    return target


def _replace_dir(path: Path) -> None:
    path.unlink()
    path.mkdir()


BROKEN_FOLDERS: dict[str, tuple[Callable[[Path], None], str]] = {
    "2031-01-01-deep-nesting": (lambda f: (f / "records.yaml").write_bytes(b"[" * 100_000), "nesting depth"),
    "2031-01-02-alias-bomb": (lambda f: (f / "records.yaml").write_bytes(alias_bomb()), "more than 100,000 nodes"),
    "2031-01-03-yaml-folder": (lambda f: _replace_dir(f / "records.yaml"), "is a folder, not a file"),
    "2031-01-04-huge": (lambda f: (f / "records.yaml").write_bytes(b"#" * (33 * 1024 * 1024) + b"\n"), "the limit is 5.0 MB"),
    "2031-01-05-truncated": (
        lambda f: (f / "metadata.yaml").write_bytes((f / "metadata.yaml").read_bytes()[: len((f / "metadata.yaml").read_bytes()) // 3]),
        "looks cut off",
    ),
    "2031-01-06-empty-records": (lambda f: (f / "records.yaml").write_bytes(b""), "is empty: a release needs at least one record"),
    "2031-01-07-escaping-path": (
        lambda f: (f / "metadata.yaml").write_text(
            (f / "metadata.yaml").read_text(encoding="utf-8").replace("text_file: release.de.txt", "text_file: ../../tmp/x/evil.txt"),
            encoding="utf-8",
        ),
        "must be a plain file name",
    ),
}


def make_broken_folders(good: Path, root: Path) -> dict[str, str]:
    """Write every broken case under ``root`` as a copy of ``good``; returns {folder name: expected message part}."""
    expected = {}
    for name, (breaker, message) in BROKEN_FOLDERS.items():
        breaker(copy_with_id(good, root / name, name))
        expected[name] = message
    return expected


def make_hostile_catalog(shipped: Path, root: Path) -> dict[str, str]:
    """A folder of releases: the shipped one, the markup release and the broken folders beside them.

    Returns what ``make_broken_folders`` returns: the message expected for each broken folder.
    """
    shutil.copytree(shipped, root / shipped.name)
    make_markup_release(root / MARKUP_ID)
    return make_broken_folders(shipped, root)
