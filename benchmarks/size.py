"""Size benchmark: the promised data sizes (README, "Data sizes") served warm, next to the shipped data measured
at the same time.

    python -m benchmarks.size [--records 5000] [--paragraphs 2000] [--releases 200] [--reruns 3]

Generates, in a temporary folder, (a) one large release with ``--records`` records and ``--paragraphs`` paragraphs
and (b) ``--releases`` small releases; starts one `streamlit run` per data set plus one on the shipped data (the
baseline), and prints per page the median warm rerun (request → script finished, over the websocket) and its ratio
to the baseline. A benchmark, not a test: it prints numbers and does not fail.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import sys
import tempfile
import time
from pathlib import Path

import yaml

from benchmarks.load import script_costs
from benchmarks.support import streamlit_server

# Invented text (no third-party sentences): numbered delegations meet in the registry's places.
PARAGRAPH = "Die Delegationen {names} trafen Vertreter aus Kasachstan und Turkmenistan in Aschgabat zu Gesprächen über Energie."


def _span(text: str, quote: str, after: int = 0) -> dict:
    start = text.index(quote, after)
    return {"quote": quote, "start": start, "end": start + len(quote)}


def write_large_release(root: Path, release_id: str, date: str, records: int, paragraphs: int) -> Path:
    """A valid release with about ``records`` records (institutions, sectors, initiatives, conflicts, countries,
    a person, a place, an event) mentioned across ``paragraphs`` paragraphs."""
    per = max(1, -(-records // max(1, paragraphs - 2)))
    names = [f"D{i:05d}" for i in range(records)]
    body = [f"Kasachstan und Turkmenistan: Bericht {release_id}", "Berlin/Astana (ots)"]
    for p in range(paragraphs - 2):
        chunk = names[p * per : (p + 1) * per] or [f"X{p:05d}"]
        body.append(PARAGRAPH.format(names=", ".join(chunk)))
    text = "\n\n".join(body) + "\n"
    s = lambda quote, after=0: _span(text, quote, after)  # noqa: E731
    out = [
        {"id": "kazakhstan", "entity": "kazakhstan", "mentions": [s("Kasachstan")]},
        {"id": "turkmenistan", "entity": "turkmenistan", "mentions": [s("Turkmenistan")]},
        {"id": "ashgabat", "entity": "ashgabat", "mentions": [s("Aschgabat")]},
        {"id": "meeting", "kind": "event", "label_de": "Treffen", "label_en": "Meeting", "date": date, "date_source": "release date",
         "place": "ashgabat", "mentions": [s("in Aschgabat")]},
    ]  # fmt: skip
    kinds = ("institution",) * 44 + ("sector",) * 2 + ("initiative",) * 2 + ("conflict",) * 2
    for i, name in enumerate(names[: max(0, records - len(out))]):
        kind = kinds[i % len(kinds)]
        record = {"id": f"r{i}", "kind": kind, "label_de": f"Delegation {name}", "label_en": f"Delegation {name}", "mentions": [s(name)]}
        if kind == "sector":
            record |= {
                "countries": ["kazakhstan", "turkmenistan"],
                "stance": "expand",
                "statement_de": "ausbauen",
                "statement_en": "expand",
            }
        elif kind == "initiative":
            record |= {"domain": "transport", "proposed_by": ["kazakhstan"], "supported_by": ["turkmenistan"], "status": "proposed",
                       "status_de": "vorgeschlagen", "status_en": "proposed"}  # fmt: skip
        elif kind == "conflict":
            record |= {
                "parties": ["turkmenistan"],
                "position": "engagement",
                "position_de": "verweist darauf",
                "position_en": "refers to it",
            }
        out.append(record)
    folder = root / release_id
    folder.mkdir(parents=True)
    raw = f" date {date} Benchmark Publisher\n\n{text}".encode()
    (folder / "release.de.txt").write_bytes(raw)
    (folder / "records.yaml").write_text(yaml.safe_dump(out, allow_unicode=True, sort_keys=False), encoding="utf-8")
    meta = {"id": release_id, "title": body[0], "title_en": f"Kazakhstan and Turkmenistan: report {release_id}", "date": date,
            "publisher": "Benchmark Publisher", "publisher_en": "Benchmark Publisher", "dateline": "Berlin", "language": "de",
            "channel": "benchmark", "text_file": "release.de.txt", "sha256": hashlib.sha256(raw).hexdigest(),
            "usage_de": "Für den Benchmark erzeugt.", "usage_en": "Generated for the benchmark.",
            "key_messages": [{"id": "msg", "summary_de": "Bericht", "summary_en": "Report", **s("Kasachstan und Turkmenistan")}]}  # fmt: skip
    (folder / "metadata.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def page_list() -> list[tuple[str, str]]:
    from centralasia.charts.registry import PAGES

    return [("" if p.default else p.url_path, "lang=en" + ("&chart=sectors" if p.hidden else "")) for p in PAGES]


def measure(env: dict[str, str] | None, reruns: int) -> dict[str, dict]:
    """Warm reruns per page: one pass over every page first (discarded), so the server's start-up warm-up and the
    first builds of every cache are over before anything is timed."""
    with streamlit_server(env=env) as server:
        asyncio.run(script_costs(server.port, page_list(), 1))
        return asyncio.run(script_costs(server.port, page_list(), reruns))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.size", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--paragraphs", type=int, default=2000)
    parser.add_argument("--releases", type=int, default=200)
    parser.add_argument("--reruns", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="centralasia-size-") as tmp:
        large, many = Path(tmp, "large"), Path(tmp, "many")
        started = time.perf_counter()
        write_large_release(large, "2031-01-01-large", "2031-01-01", args.records, args.paragraphs)
        for i in range(args.releases):
            write_large_release(
                many, f"2030-{1 + i // 28:02d}-{1 + i % 28:02d}-r{i:03d}", f"2030-{1 + i // 28:02d}-{1 + i % 28:02d}", 30, 8
            )
        print(f"generated in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        runs = {
            "shipped (baseline)": measure(None, args.reruns),
            f"{args.records:,} records, {args.paragraphs:,} paragraphs": measure({"CENTRALASIA_RELEASES": str(large)}, args.reruns),
            f"{args.releases} releases": measure({"CENTRALASIA_RELEASES": str(many)}, args.reruns),
        }
    base = runs["shipped (baseline)"]
    names = list(runs)
    print("| page | " + " | ".join(f"{n}: warm rerun ms (× baseline)" for n in names) + " | first run KB (largest) |")
    print("|---|" + "---:|" * len(names) + "---:|")
    for page in base:
        cells = []
        for n in names:
            r = runs[n][page]
            ratio = r["rerun_ms"] / base[page]["rerun_ms"] if base[page]["rerun_ms"] else float("nan")
            cells.append(f"{r['rerun_ms']:.0f} ({ratio:.1f}×){'' if r['first_run_ok'] else ' ERROR'}")
        largest = max(runs[n][page]["first_run_bytes"] for n in names) / 1024
        print(f"| {page or 'overview'} | " + " | ".join(cells) + f" | {largest:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
