"""Sources a reader can check, scopes that fit, and no machine's paths in the repository.

- every URL under data/ names a page (it has a path) and no domain on the weak list (data/source_policy.yaml);
- a context figure is shown only under sectors its scope fits, and a corridor leg cites a source about its mode and
  countries (data/geo/corridor.yaml `source_covers`);
- no tracked file holds an absolute path of a machine (hostile-input fixtures aside).

The checks are functions first, each also tried on inputs written here, so a check that could never fail shows.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from centralasia.release import context
from centralasia.settings import PROJECT_ROOT

DATA = PROJECT_ROOT / "data"
URL = re.compile(r"""https?://[^\s'"<>)\]}|,]+""")
TEXT_SUFFIXES = {".yaml", ".yml", ".json", ".geojson", ".csv", ".md", ".txt", ".py", ".toml", ".cfg", ".ini", ".html", ".j2", ".css", ".sh"}
# An absolute path of a machine: /work/…, /tmp/…, /home/…, /Users/… (not ../tmp, not a URL's path), or C:\Users\….
_ROOTS = "|".join(["work", "tmp", "home", "root", "Users", "mnt", "opt", "srv", "private", "var/folders"])
MACHINE_PATH = re.compile(r"(?<![\w.:/%-])/(?:" + _ROOTS + r")/|\b[A-Za-z]:\\+(?:Users|work)\\")
# Files whose job is to hold hostile input (paths that must never leak or be followed), with the reason.
HOSTILE_FIXTURES = {
    "tests/browser/test_no_tracebacks.py": "a fake server path that must never reach the page",
    "tests/unit/test_sources.py": "the path check's own examples of what it must catch",
}


def weak_domains() -> dict[str, str]:
    """{domain: category} from data/source_policy.yaml."""
    policy = yaml.safe_load((DATA / "source_policy.yaml").read_text(encoding="utf-8"))
    return {d.lower(): category for category, domains in policy["weak_domains"].items() for d in domains}


def url_problem(url: str, weak: dict[str, str]) -> str | None:
    """Why ``url`` cannot be cited (a home page, a weak domain), or None."""
    parts = urlsplit(url.rstrip(".;"))
    host = (parts.hostname or "").lower()
    if not host:
        return "no host"
    for domain, category in weak.items():
        if host == domain or host.endswith("." + domain):
            return f"{domain} is on the weak list ({category})"
    if parts.path in ("", "/") and not parts.query:
        return "a home page, not the page itself"
    return None


def machine_paths(text: str) -> list[str]:
    return [text[max(0, m.start() - 20) : m.end() + 20] for m in MACHINE_PATH.finditer(text)]


def tracked_files() -> list[Path]:
    try:
        out = subprocess.run(["git", "ls-files", "-z"], cwd=PROJECT_ROOT, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return [PROJECT_ROOT / name for name in out.decode().split("\0") if name]


def _text(path: Path) -> str | None:
    if path.suffix.lower() not in TEXT_SUFFIXES and path.name not in ("Dockerfile", "Procfile"):
        return None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


# ---------------------------------------------------------------- the checks catch what they should


def test_the_url_check_catches_home_pages_and_weak_domains():
    weak = {"reprint.example": "reprint_sites", "wikipedia.org": "wikis_and_mirrors"}
    assert url_problem("https://ministry.example/", weak) == "a home page, not the page itself"
    assert url_problem("https://ministry.example", weak) == "a home page, not the page itself"
    assert "weak list" in url_problem("https://news.reprint.example/2022/05/06/item/", weak)
    assert "weak list" in url_problem("https://de.wikipedia.org/wiki/Kuryk", weak)
    assert url_problem("https://ministry.example/news/item-42", weak) is None
    assert url_problem("https://ministry.example/?id=42", weak) is None
    assert url_problem("https://notreprint.example/item", weak) is None  # a suffix of the name is not the domain


def test_the_path_check_catches_absolute_paths_only():
    for bad in ("see /work/research/notes.md", "file at /tmp/x.yaml", "C:\\Users\\me\\data", "home: /home/dev/shared"):
        assert machine_paths(bad), bad
    for fine in ("../shared/geo-sources/rail", "text_file: ../../tmp/x/evil.txt", "https://example.org/home/page", "m³/yr"):
        assert not machine_paths(fine), fine


# ---------------------------------------------------------------- the shipped repository


def test_every_url_in_the_data_names_a_page_off_the_weak_list():
    weak = weak_domains()
    assert {"aggregators", "reprint_sites", "wikis_and_mirrors", "blogs", "travel_sites", "telegram"} <= set(weak.values())
    found, problems = 0, []
    for path in sorted(DATA.rglob("*")):
        text = _text(path) if path.is_file() and path.name != "source_policy.yaml" else None
        for url in URL.findall(text or ""):
            found += 1
            if problem := url_problem(url, weak):
                problems.append(f"{path.relative_to(PROJECT_ROOT)}: {url}: {problem}")
    assert found >= 20, "the data cite their pages"
    assert not problems, "\n".join(problems)


def test_no_tracked_file_holds_a_machine_path():
    problems = []
    for path in tracked_files():
        rel = path.relative_to(PROJECT_ROOT).as_posix()
        if rel in HOSTILE_FIXTURES or not path.exists():
            continue
        text = _text(path)
        if text and (hits := machine_paths(text)):
            problems.append(f"{rel}: {hits[0]!r}")
    assert not problems, "\n".join(problems)


def test_context_figures_fit_the_sectors_they_are_shown_with():
    parsed, problem = context.read_file()
    assert problem is None and parsed.indicators
    for ind in parsed.indicators:
        assert ind.covers, f"{ind.id}: say what the figure covers"
        for sector in ind.sectors:
            assert ind.covers in parsed.sector_scopes[sector], f"{ind.id} under {sector}"


def test_a_figure_outside_its_sectors_scope_is_refused(tmp_path):
    bad = tmp_path / "indicators.yaml"
    bad.write_text(
        "scopes: {all-goods: all goods, farm-goods: agricultural goods}\n"
        "sector_scopes: {agriculture: [farm-goods], trade: [all-goods]}\n"
        "indicators:\n- id: x\n  sectors: [trade, agriculture]\n  covers: all-goods\n  label_de: a b\n  label_en: a b\n"
        "  period: '2024'\n  value: 1\n  unit_de: t\n  unit_en: t\n"
        "  source: {publisher: Amt, publisher_en: Office, date: 2024-01-01, url: 'https://office.example/item', scope_de: abc, scope_en: abc}\n",
        encoding="utf-8",
    )
    indicators, problem = context.read_indicators(bad)
    assert indicators == () and "'all-goods'" in problem and "'agriculture'" in problem
    bad.write_text(bad.read_text(encoding="utf-8").replace("sectors: [trade, agriculture]", "sectors: [trade]"), encoding="utf-8")
    assert context.read_indicators(bad)[1] is None


def leg_problems(spec: dict) -> list[str]:
    """Legs whose source is not about their mode or their end points' countries (``source_covers``)."""
    covers = spec.get("source_covers") or {}
    country = {n["id"]: n["iso3"] for n in spec["nodes"]}
    problems = []
    for leg in spec["segments"]:
        scope = covers.get(leg["source"])
        if scope is None:
            problems.append(f"{leg['id']}: source '{leg['source']}' has no source_covers entry")
            continue
        if leg["mode"] not in scope["modes"]:
            problems.append(f"{leg['id']}: a {leg['mode']} leg cites '{leg['source']}' ({', '.join(scope['modes'])})")
        outside = {country[leg["from"]], country[leg["to"]]} - set(scope["countries"])
        if outside:
            problems.append(f"{leg['id']}: '{leg['source']}' is not about {', '.join(sorted(outside))}")
    return problems


def test_every_leg_cites_a_source_about_its_mode_and_countries():
    spec = yaml.safe_load((DATA / "geo" / "corridor.yaml").read_text(encoding="utf-8"))
    assert not leg_problems(spec)


def test_the_leg_check_catches_a_ferry_item_on_a_rail_leg_and_a_page_about_another_country():
    spec = {
        "source_covers": {"ferry": {"modes": ["sea"], "countries": ["KAZ", "AZE"]}, "az-rail": {"modes": ["rail"], "countries": ["AZE"]}},
        "nodes": [{"id": "a", "iso3": "KAZ"}, {"id": "b", "iso3": "KAZ"}, {"id": "c", "iso3": "AZE"}, {"id": "d", "iso3": "GEO"}],
        "segments": [
            {"id": "a-b", "from": "a", "to": "b", "mode": "rail", "source": "ferry"},
            {"id": "c-d", "from": "c", "to": "d", "mode": "rail", "source": "az-rail"},
            {"id": "a-c", "from": "a", "to": "c", "mode": "sea", "source": "ferry"},
        ],
    }
    problems = leg_problems(spec)
    assert len(problems) == 2 and problems[0].startswith("a-b: a rail leg") and problems[1].startswith("c-d:") and "GEO" in problems[1]
