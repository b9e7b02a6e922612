"""Command line: validate the data, export it, and find quote offsets (``python -m centralasia``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from centralasia import exports
from centralasia.loader import METADATA_FILE, RELEASES_ROOT, Catalog, DataError, load_catalog, read_release, split_header


def _catalog(path: Path) -> Catalog:
    if (path / METADATA_FILE).exists():
        try:
            return Catalog((read_release(path),))
        except DataError as exc:
            return Catalog((), tuple(exc.problems))
    return load_catalog(path)


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
        print(f"ok  {release.id}: {len(release.all_records)} records, {mentions} mentions, {len(release.meta.key_messages)} key messages{note}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    catalog = _valid_catalog(args.path)
    if catalog is None:
        return 1
    out = exports.to_json(catalog.releases, include_pending=True) if args.format == "json" else exports.to_csv(catalog.releases)
    sys.stdout.write(out if out.endswith("\n") else out + "\n")
    return 0


def cmd_locate(args: argparse.Namespace) -> int:
    folder = Path(args.release) if args.release else next(p for p in sorted(Path(RELEASES_ROOT).iterdir()) if p.is_dir())
    text_file = next(folder.glob("release.*.txt"))
    _, text = split_header(text_file.read_text(encoding="utf-8"))
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
            raise SystemExit(f"no release '{release_id}'; available: {', '.join(r.id for r in catalog.releases)}")
        return release
    return catalog.releases[0]


def _chosen_release(args: argparse.Namespace):
    """The release named by --release (default: the newest) at --path, or None after reporting problems."""
    catalog = _valid_catalog(args.path)
    return None if catalog is None else _release(catalog, args.release)


def cmd_briefing(args: argparse.Namespace) -> int:
    from centralasia.briefing import build_briefing
    from centralasia.geo import project_layers, read_layers
    from centralasia.mapfig import VIEWS

    release = _chosen_release(args)
    if release is None:
        return 1
    layers = read_layers()
    document = build_briefing(release, args.lang, args.sections, (layers, project_layers(layers, views=VIEWS)))
    Path(args.output).write_bytes(document.encode("utf-8"))
    print(f"wrote {args.output} ({len(document.encode('utf-8')):,} bytes; sections: {', '.join(args.sections)})")
    return 0


def cmd_bundle(args: argparse.Namespace) -> int:
    from centralasia.briefing import build_bundle

    release = _chosen_release(args)
    if release is None:
        return 1
    data = build_bundle(release, args.lang)
    Path(args.output).write_bytes(data)
    print(f"wrote {args.output} ({len(data):,} bytes)")
    return 0


def cmd_draft(args: argparse.Namespace) -> int:
    from centralasia.draft import DraftError, draft_release

    try:
        result = draft_release(args.text_file, args.out, release_id=args.id, lang=args.lang, date=args.date, publisher=args.publisher)
    except DraftError as exc:
        print(f"draft: {exc}", file=sys.stderr)
        return 1
    g = result.guessed
    print(f"wrote {result.folder}: {result.records} pre-filled records ({result.mentions} mentions), all review: pending; "
          f"{result.candidates} candidates in candidates.yaml")  # fmt: skip
    print(f"guessed: title {g['title']!r}, date {g['date']}, publisher {g['publisher']!r}, dateline {g['dateline']!r}, language {g['language']}")
    print(f"next: review {result.folder}/metadata.yaml and records.yaml, then: python -m centralasia validate {result.folder}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m centralasia", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check every release folder (exit 0 valid, 1 with the problems)")
    v.add_argument("path", nargs="?", default=str(RELEASES_ROOT), help="a release folder or the folder of releases")
    v.set_defaults(func=cmd_validate)
    e = sub.add_parser("export", help="write all records to stdout")
    e.add_argument("--format", choices=["json", "csv"], default="json")
    e.add_argument("--path", default=str(RELEASES_ROOT))
    e.set_defaults(func=cmd_export)
    loc = sub.add_parser("locate", help="print the offsets of every occurrence of a quote")
    loc.add_argument("quote")
    loc.add_argument("--release", help="release folder (default: the first)")
    loc.set_defaults(func=cmd_locate)
    from centralasia.briefing import SECTIONS

    b = sub.add_parser("briefing", help="write the one-file offline briefing (HTML)")
    b.add_argument("-o", "--output", required=True)
    b.add_argument("--lang", choices=["en", "de"], default="en")
    b.add_argument("--sections", nargs="+", choices=SECTIONS, default=list(SECTIONS), metavar="SECTION",
                   help=f"any of: {' '.join(SECTIONS)} (default: all)")  # fmt: skip
    b.add_argument("--release", help="release id (default: the newest)")
    b.add_argument("--path", default=str(RELEASES_ROOT))
    b.set_defaults(func=cmd_briefing)
    z = sub.add_parser("bundle", help="write the data bundle (ZIP: CSV per kind, JSON, text, README)")
    z.add_argument("-o", "--output", required=True)
    z.add_argument("--lang", choices=["en", "de"], default="en")
    z.add_argument("--release")
    z.add_argument("--path", default=str(RELEASES_ROOT))
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


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
