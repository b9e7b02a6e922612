"""The JSON and CSV exports hold every record and mention, verbatim, and round-trip."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from centralasia.publish import exports
from centralasia.release.models import RECORD_MODELS
from centralasia.settings import PROJECT_ROOT

REQUIRED = {"id", "kind", "label_de", "label_en", "quote", "start", "end"}


def test_json_export_round_trips_to_the_same_records(release):
    payload = json.loads(exports.to_json([release]))
    (data,) = payload["releases"]
    assert {"id", "title", "date", "publisher", "language", "text"} <= set(data)
    assert data["text"] == release.text
    assert len(data["records"]) == len(release.records)
    for item, record in zip(data["records"], release.records, strict=True):
        assert REQUIRED <= set(item)
        assert data["text"][item["start"] : item["end"]] == item["quote"]
        rebuilt = RECORD_MODELS[item["kind"]].model_validate({k: v for k, v in item.items() if k not in {"quote", "start", "end"}})
        assert rebuilt == record


def test_csv_export_has_one_row_per_mention(release):
    rows = list(csv.DictReader(io.StringIO(exports.to_csv([release]))))
    assert len(rows) == sum(len(r.mentions) for r in release.records)
    assert REQUIRED <= set(rows[0])
    for row in rows:
        assert release.text[int(row["start"]) : int(row["end"])] == row["quote"]


@pytest.mark.slow
def test_cli_export_writes_json_and_csv_to_stdout(release):
    def run(fmt: str, *more: str) -> str:
        cmd = [sys.executable, "-m", "centralasia", "export", "--format", fmt, *more]
        return subprocess.run(cmd, cwd=PROJECT_ROOT, capture_output=True, text=True, check=True).stdout

    exported = {r["id"]: r for r in json.loads(run("json"))["releases"]}
    assert len(exported[release.id]["records"]) == len(release.records)
    assert run("csv", "--release", release.id).count("\n") == 1 + sum(len(r.mentions) for r in release.records)


@pytest.mark.slow
def test_cli_locate_prints_offsets_that_fit(release_copy):
    from centralasia.release.loader import read_release

    out = subprocess.run(
        [sys.executable, "-m", "centralasia", "locate", "--release", str(release_copy), "Aschgabat"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    start = read_release(release_copy).text.index("Aschgabat")
    assert f"start: {start}" in out and f"end: {start + len('Aschgabat')}" in out


def test_frame_csv_opens_in_spreadsheets_with_umlauts():
    import pandas as pd

    data = exports.frame_to_csv(pd.DataFrame({"Land": ["Kasachstan"], "Zitat": ["Stärkung"]}))
    assert data.startswith(b"\xef\xbb\xbf") and "Stärkung".encode() in data
