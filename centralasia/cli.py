"""Command line: validate the data, export it, and find quote offsets (``python -m centralasia``).

Every error is one line on stderr. Exit codes: 0 done, 1 the data (or an output file) is at fault,
2 the command line is (unknown option, output path that cannot be written). ``-o -`` writes to stdout.
Set CENTRALASIA_DEBUG=1 to see the traceback of an unexpected failure.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from centralasia import settings
from centralasia.publish import exports
from centralasia.release.loader import METADATA_FILE, Catalog, guarded_read, load_catalog, split_header
from centralasia.release.reading import MAX_TEXT_BYTES, Problem, read_bytes
from centralasia.route.geocheck import GEO_DIR


class CliError(Exception):
    """A one-line error for the user, with its exit code (1 data, 2 usage)."""

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code


def _check_output(output: str) -> None:
    """Refuse an output path that cannot be written, before anything is built."""
    if output == "-":
        return
    if not output.strip():
        raise CliError("-o/--output is empty; give a file name, or '-' for stdout", 2)
    path = Path(output)
    if path.is_dir():
        raise CliError(f"{output}: is a folder; give a file name inside it, e.g. {path / 'briefing.html'}", 2)
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise CliError(f"{output}: the folder {parent} does not exist", 2)
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise CliError(f"{output}: not writable", 2)


def _write_output(output: str, data: bytes) -> str:
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return "stdout"
    try:
        Path(output).write_bytes(data)
    except OSError as exc:
        raise CliError(f"{output}: cannot write ({exc.strerror or type(exc).__name__})", 1) from None
    return output


def _report_stream(args: argparse.Namespace):
    """The 'wrote …' line goes to stderr when the document itself goes to stdout."""
    return sys.stderr if args.output == "-" else sys.stdout


def _catalog(path: Path) -> Catalog:
    if (path / METADATA_FILE).exists() or (path / METADATA_FILE).is_symlink():
        release, problems = guarded_read(path)
        return Catalog((release,) if release else (), tuple(problems))
    return load_catalog(path, max_problems_per_release=None)


def _valid_catalog(path: str) -> Catalog | None:
    """The catalog at ``path``, or None after printing its problems to stderr."""
    catalog = _catalog(Path(path))
    if catalog.problems or not catalog.releases:
        for problem in catalog.problems:
            print(problem, file=sys.stderr)
        if not catalog.problems:
            print(f"{path}: no release found", file=sys.stderr)
        return None
    return catalog


def cmd_validate(args: argparse.Namespace) -> int:
    catalog = _catalog(Path(args.path))
    for problem in catalog.problems:
        print(problem, file=sys.stderr)
    if catalog.problems or not catalog.releases:
        if not catalog.problems:
            print(f"{args.path}: no release found", file=sys.stderr)
        return 1
    for release in catalog.releases:
        mentions = sum(len(r.mentions) for r in release.records)
        pending = sum(r.pending for r in release.all_records)
        note = f", {pending} records awaiting review (review: pending)" if pending else ""
        mentions = sum(len(r.mentions) for r in release.all_records)
        print(
            f"ok  {release.id}: {len(release.all_records)} records, {mentions} mentions, {len(release.meta.key_messages)} key messages{note}"
        )
    return 0


def cmd_validate_all(args: argparse.Namespace) -> int:
    """`validate`: the releases, then the map's geodata layers (unless --geo none)."""
    releases = cmd_validate(args)
    if args.geo == "none":
        return releases
    from centralasia.route.geocheck import check_geodata

    failed = False
    for layer, problems in check_geodata(args.geo).items():
        for problem in problems:
            print(problem, file=sys.stderr)
        failed |= bool(problems)
        if not problems:
            print(f"ok  geodata layer {layer}")
    return 1 if releases or failed else 0


def cmd_export(args: argparse.Namespace) -> int:
    from centralasia.publish import api

    if args.format == "geojson":
        from centralasia.route.geoexport import corridor_geojson_text

        sys.stdout.write(corridor_geojson_text())
        return 0
    if args.format in ("context-json", "context-csv"):
        try:
            out = api.context_json() if args.format == "context-json" else api.context_csv()
        except api.ContextUnavailable as exc:
            raise CliError(str(exc), 1) from None
        sys.stdout.write(out)
        return 0
    # The folders that load are exported; each broken one is named on stderr and the exit status is 1.
    catalog = _catalog(Path(args.path))
    for problem in catalog.problems:
        print(problem, file=sys.stderr)
    if not catalog.releases:
        if not catalog.problems:
            print(f"{args.path}: no release found", file=sys.stderr)
        return 1
    if args.format == "index":
        sys.stdout.write(api.index_json(catalog))
        return 0
    releases = (_release(catalog, args.release),) if args.release else catalog.releases
    if args.format == "json":
        out = exports.to_json(releases, include_pending=not args.reviewed_only)
    else:
        out = exports.to_csv(releases)
    # The app's /api/v1/releases/<id>.json and .csv serve these very bytes (centralasia.publish.api).
    sys.stdout.write(out if out.endswith("\n") else out + "\n")
    if catalog.problems:
        print(f"exported {len(catalog.releases)} release(s); the folders named above were left out", file=sys.stderr)
        return 1
    return 0


def cmd_locate(args: argparse.Namespace) -> int:
    if args.release:
        folder = Path(args.release)
    else:
        root = settings.releases_root()
        folders = sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
        if not folders:
            raise CliError(f"{root}: no release folder found; name one with --release", 1)
        folder = folders[0]
    if not folder.is_dir():
        raise CliError(f"{folder}: no such release folder", 1)
    texts = sorted(folder.glob("release.*.txt"))
    if not texts:
        raise CliError(f"{folder}: no release text (release.<language>.txt) in this folder", 1)
    text_file = texts[0]
    problems: list[Problem] = []
    data = read_bytes(text_file, problems, MAX_TEXT_BYTES, folder)
    if data is None:
        raise CliError(str(problems[0]), 1)
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CliError(f"{text_file}: not valid UTF-8 (byte {exc.start})", 1) from None
    # Offsets count characters of the normalised text, as the loader does (no BOM, LF line endings).
    _, text = split_header(decoded.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
    start, found = 0, 0
    while (i := text.find(args.quote, start)) >= 0:
        found += 1
        print(f"- quote: {args.quote!r}\n  start: {i}\n  end: {i + len(args.quote)}")
        start = i + 1
    if not found:
        print(f"not found in {text_file}", file=sys.stderr)
        return 1
    return 0


def _release(catalog: Catalog, release_id: str | None):
    if release_id:
        release = catalog.get(release_id)
        if release is None:
            raise CliError(f"no release '{release_id}'; available: {', '.join(r.id for r in catalog.releases)}", 1)
        return release
    return catalog.releases[0]


def _chosen_release(args: argparse.Namespace):
    """The release named by --release (default: the newest) at --path, or None after reporting problems."""
    catalog = _valid_catalog(args.path)
    return None if catalog is None else _release(catalog, args.release)


def cmd_briefing(args: argparse.Namespace) -> int:
    from centralasia.publish.briefing import build_briefing
    from centralasia.route.geo import project_layers, read_layers
    from centralasia.route.mapstyle import VIEWS

    _check_output(args.output)
    release = _chosen_release(args)
    if release is None:
        return 1
    layers = read_layers()
    document = build_briefing(release, args.lang, args.sections, (layers, project_layers(layers, views=VIEWS)))
    written = _write_output(args.output, document.encode("utf-8"))
    print(f"wrote {written} ({len(document.encode('utf-8')):,} bytes; sections: {', '.join(args.sections)})", file=_report_stream(args))
    return 0


def cmd_bundle(args: argparse.Namespace) -> int:
    from centralasia.publish.briefing import build_bundle

    _check_output(args.output)
    release = _chosen_release(args)
    if release is None:
        return 1
    data = build_bundle(release, args.lang)
    written = _write_output(args.output, data)
    print(f"wrote {written} ({len(data):,} bytes)", file=_report_stream(args))
    return 0


def cmd_draft(args: argparse.Namespace) -> int:
    from centralasia.release.draft import DraftError, draft_release

    try:
        result = draft_release(args.text_file, args.out, release_id=args.id, lang=args.lang, date=args.date, publisher=args.publisher)
    except DraftError as exc:
        print(f"draft: {exc}", file=sys.stderr)
        return exc.code
    g = result.guessed
    print(f"wrote {result.folder}: {result.records} pre-filled records ({result.mentions} mentions) and {result.topics} proposed "
          f"topics, all review: pending; {result.candidates} candidates in candidates.yaml")  # fmt: skip
    print(
        f"guessed: title {g['title']!r}, date {g['date']}, publisher {g['publisher']!r}, dateline {g['dateline']!r}, language {g['language']}"
    )
    print(f"next: review {result.folder}/metadata.yaml and records.yaml, then: python -m centralasia validate {result.folder}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m centralasia", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check every release folder (exit 0 valid, 1 with the problems)")
    v.add_argument("path", nargs="?", default=str(settings.releases_root()), help="a release folder or the folder of releases")
    v.add_argument("--geo", default=str(GEO_DIR), help="folder of the map's GeoJSON layers to check too ('none' to skip)")
    v.set_defaults(func=cmd_validate_all)
    e = sub.add_parser("export", help="write all records to stdout")
    e.add_argument("--format", choices=["json", "csv", "geojson", "index", "context-json", "context-csv"], default="json",
                   help="geojson: the corridor legs as a FeatureCollection (not the records); index: the list of releases "
                        "with their data URLs; context-json/context-csv: the context figures with their sources")  # fmt: skip
    e.add_argument("--path", default=str(settings.releases_root()))
    e.add_argument("--release", help="only this release id (json, csv)")
    e.add_argument("--reviewed-only", action="store_true", help="json: leave out records awaiting review (what the app's URLs serve)")
    e.set_defaults(func=cmd_export)
    loc = sub.add_parser("locate", help="print the offsets of every occurrence of a quote")
    loc.add_argument("quote")
    loc.add_argument("--release", help="release folder (default: the first)")
    loc.set_defaults(func=cmd_locate)
    from centralasia.i18n import LANGUAGES
    from centralasia.publish.briefing import SECTIONS

    b = sub.add_parser("briefing", help="write the one-file offline briefing (HTML)")
    b.add_argument("-o", "--output", required=True, help="file to write, or '-' for stdout")
    b.add_argument("--lang", choices=LANGUAGES, default="en")
    b.add_argument("--sections", nargs="+", choices=SECTIONS, default=list(SECTIONS), metavar="SECTION",
                   help=f"any of: {' '.join(SECTIONS)} (default: all)")  # fmt: skip
    b.add_argument("--release", help="release id (default: the newest)")
    b.add_argument("--path", default=str(settings.releases_root()))
    b.set_defaults(func=cmd_briefing)
    z = sub.add_parser("bundle", help="write the data bundle (ZIP: CSV per kind, JSON, text, README)")
    z.add_argument("-o", "--output", required=True, help="file to write, or '-' for stdout")
    z.add_argument("--lang", choices=LANGUAGES, default="en")
    z.add_argument("--release")
    z.add_argument("--path", default=str(settings.releases_root()))
    z.set_defaults(func=cmd_bundle)
    d = sub.add_parser("draft", help="draft a release folder from a press-release text (needs the extra 'draft')")
    d.add_argument("text_file", help="the press release as received (UTF-8 text)")
    d.add_argument("--out", required=True, help="folder of releases to write <id>/ into")
    d.add_argument("--id", help="release id (default: date and the first words of the title)")
    d.add_argument("--lang", choices=["de", "en", "ru"], help="language of the text (default: guessed)")
    d.add_argument("--date", help="release date YYYY-MM-DD (default: guessed from the text)")
    d.add_argument("--publisher", help="publisher (default: guessed from the text)")
    d.set_defaults(func=cmd_draft)
    return parser


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (and exit code 2)."""

    def error(self, message: str):
        raise CliError(f"{self.prog}: {message} (see --help)", 2)


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return args.func(args)
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 1
    except Exception as exc:  # noqa: BLE001 - one line for the user; the traceback on request
        if settings.debug():
            raise
        print(f"error: {type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''} "
              "(set CENTRALASIA_DEBUG=1 for the traceback)", file=sys.stderr)  # fmt: skip
        return 1
