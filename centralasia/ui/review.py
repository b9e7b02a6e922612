"""The Review page (curators only): paste, upload or pick a draft, run the draft, decide on every proposed record in
a table beside its sentence, see the `validate` problems live, then write the release folder or download a ZIP.

Off by default: :func:`curation_on` is the one switch (environment ``CENTRALASIA_CURATE=1`` or the secret
``curate = true``); without it the page is not registered, so its URL does not exist, and ``?review=1`` shows
nothing pending. The logic is in ``centralasia/release/review.py``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import streamlit as st

from centralasia.i18n import t
from centralasia.release import review
from centralasia.safe_text import html_text

WB_KEY = "review-workbench"
EDITOR_KEY = "review-editor"
MESSAGE_KEY = "review-message"  # (kind, text) of the last action, shown once
READY_KEY = "review-ready"  # (release id, files) of the last valid state on screen: what "write" writes


def curation_on() -> bool:
    """The curation switch, read on every run (an edited environment or secret takes effect at once)."""
    secret = None
    try:
        secret = st.secrets.get(review.CURATE_SECRET)
    except Exception:  # noqa: BLE001 - no secrets file is the normal case
        secret = None
    return review.curation_enabled(os.environ, secret)


def _releases_root() -> Path:
    from centralasia import settings

    return settings.releases_root()


def _draft_folders(root: Path) -> list[str]:
    """Folders of the releases root that hold a draft (candidates.yaml, or `review: pending` in its files)."""
    out = []
    try:
        folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
    except OSError:
        return []
    for folder in folders:
        if (folder / "candidates.yaml").is_file():
            out.append(folder.name)
    return out


def _source(lang: str) -> None:
    """Step 1: the text (pasted, uploaded) or a draft folder, and the draft run."""
    from centralasia.release.draft import DRAFT_LANGUAGES

    st.subheader(t("review.step_source", lang), anchor=False)
    options = ["paste", "upload", "folder"]
    how = st.radio(
        t("review.source", lang), options, format_func=lambda o: t(f"review.source_{o}", lang), horizontal=True, key="review-how"
    )
    if how == "folder":
        folders = _draft_folders(_releases_root())
        if not folders:
            st.info(t("review.no_drafts", lang))
            return
        st.selectbox(t("review.folder", lang), folders, key="review-folder")
        st.button(t("review.open", lang), key="review-open", on_click=_open_folder)
        return
    raw: bytes | None = None
    if how == "paste":
        text = st.text_area(t("review.paste", lang), height=200, key="review-text")
        raw = text.encode("utf-8") if text.strip() else None
    else:
        upload = st.file_uploader(t("review.upload", lang), type=["txt"], key="review-upload")
        raw = upload.getvalue() if upload else None
    c1, c2, c3 = st.columns(3)
    release_id = c1.text_input(t("review.id", lang), key="review-id", help=t("review.id_help", lang)).strip()
    date = c2.text_input(t("review.date", lang), key="review-date", placeholder="YYYY-MM-DD").strip()
    text_lang = c3.selectbox(t("review.language", lang), ["", *DRAFT_LANGUAGES], key="review-lang",
                             format_func=lambda v: v or t("review.language_guess", lang))  # fmt: skip
    st.button(t("review.run", lang), disabled=raw is None, key="review-run", on_click=_run_draft,
              args=(raw, release_id, date, text_lang))  # fmt: skip


# Actions run as button callbacks: before the script, so a rerun of the page never loses a click.
def _new_workbench(wb: review.Workbench) -> None:
    st.session_state[WB_KEY] = wb
    for key in (EDITOR_KEY, "review-release-id", "review-show", "review-meta-checked", READY_KEY):
        st.session_state.pop(key, None)
    for key in [k for k in st.session_state if str(k).startswith("review-meta-")]:
        st.session_state.pop(key, None)


def _run_draft(raw: bytes | None, release_id: str, date: str, text_lang: str) -> None:
    from centralasia.release.draft import DraftError, draft_files

    if raw is None:
        return
    try:
        draft = draft_files(raw, "text", release_id=release_id or None, lang=text_lang or None, date=date or None)
    except DraftError as exc:
        st.session_state[MESSAGE_KEY] = ("error", str(exc))
        return
    _new_workbench(review.Workbench.from_draft(draft))


def _open_folder() -> None:
    name = st.session_state.get("review-folder")
    if not name or name not in _draft_folders(_releases_root()):
        return
    wb, problems = review.Workbench.from_folder(_releases_root() / name)
    if wb is None:
        st.session_state[MESSAGE_KEY] = ("error", "\n".join(problems))
        return
    _new_workbench(wb)


def _write() -> None:
    from centralasia.release.draft import DraftError

    ready = st.session_state.get(READY_KEY)
    if not ready:
        return
    release_id, files, replace = ready
    try:
        folder = review.write(_releases_root(), release_id, files, replace_draft=replace)
    except DraftError as exc:
        st.session_state[MESSAGE_KEY] = ("error", str(exc))
        return
    st.session_state[MESSAGE_KEY] = ("success", folder.name)


def _highlight(wb: review.Workbench, record: dict) -> str:
    """The sentence(s) of a record's mentions with every mention marked; text escaped."""
    from centralasia.release.draft_cues import sentences

    mentions = sorted(record.get("mentions") or [], key=lambda m: m["start"])
    if not mentions:
        return ""
    spans = sentences(wb.text)
    parts = []
    for s, e in spans:
        inside = [m for m in mentions if s <= m["start"] < e]
        if not inside:
            continue
        pos, out = s, []
        for m in inside:
            start, end = max(m["start"], pos), min(m["end"], e)
            out.append(html_text(wb.text[pos:start]))
            out.append(f"<mark>{html_text(wb.text[start:end])}</mark>")
            pos = end
        out.append(html_text(wb.text[pos:e]))
        parts.append("<p style='margin:0 0 .6em 0'>" + "".join(out) + "</p>")
    return "".join(parts[:4])


def _table(wb: review.Workbench, lang: str, registry) -> list[dict]:
    import pandas as pd

    from centralasia.release.vocab import vocabularies

    vocab = vocabularies()
    values = sorted({v for g in ("stances", "statuses", "positions") for v in (vocab.group(g) if vocab else {})})
    domains = sorted(vocab.group("domains")) if vocab else []
    rows = review.editor_rows(wb, registry)
    frame = pd.DataFrame(rows, columns=["decision", "id", "kind", "label_de", "label_en", "value", "domain", "countries", "quote"])
    col = st.column_config
    edited = st.data_editor(
        frame,
        key=EDITOR_KEY,
        hide_index=True,
        width="stretch",
        num_rows="fixed",
        disabled=["id", "quote"],
        column_config={
            "decision": col.SelectboxColumn(t("review.col.decision", lang), options=list(review.DECISIONS), required=True),
            "id": col.TextColumn(t("col.id", lang)),
            "kind": col.SelectboxColumn(t("col.kind", lang), options=list(review.kinds()), required=True),
            "label_de": col.TextColumn(t("review.col.label_de", lang)),
            "label_en": col.TextColumn(t("review.col.label_en", lang)),
            "value": col.SelectboxColumn(t("review.col.value", lang), options=["", *values], help=t("review.col.value_help", lang)),
            "domain": col.SelectboxColumn(t("review.col.domain", lang), options=["", *domains]),
            "countries": col.TextColumn(t("review.col.countries", lang), help=t("review.col.countries_help", lang)),
            "quote": col.TextColumn(t("col.quote", lang)),
        },
    )
    return edited.fillna("").to_dict("records")


def render(lang: str) -> None:
    from centralasia.release.draft import check_release_id
    from centralasia.release.vocab import entity_registry

    st.title(t("review.title", lang), anchor=False)
    st.caption(t("review.intro", lang))
    _source(lang)
    message = st.session_state.pop(MESSAGE_KEY, None)
    if message and message[0] == "error":
        st.error(message[1])
    wb: review.Workbench | None = st.session_state.get(WB_KEY)
    if wb is None:
        return
    registry = entity_registry()
    st.subheader(t("review.step_records", lang, n=len(wb.records)), anchor=False)
    left, right = st.columns([3, 2], gap="medium")
    with left:
        rows = _table(wb, lang, registry)
    with right:
        # proposals first: they are what needs a reader's judgement
        topics = [r["id"] for r in wb.records if r.get("kind") in review.TOPIC_KINDS]
        ids = [*topics, *(r["id"] for r in wb.records if r["id"] not in topics)]
        kinds = {row["id"]: row["kind"] for row in rows}
        chosen = st.selectbox(t("review.show", lang), ids, key="review-show",
                              format_func=lambda i: f"{t(f'kind.{kinds[i]}', lang) if kinds.get(i) in review.kinds() else '?'} · {i}")  # fmt: skip
        record = next((r for r in wb.records if r["id"] == chosen), None)
        if record is not None:
            st.html(f"<div class='review-sentence'>{_highlight(wb, record)}</div>")
            cue = next((c for c in wb.candidates if c.get("record") == chosen), None)
            if cue:
                st.caption(t("review.cue", lang, cue=cue.get("cue", ""), certainty=cue.get("certainty", ""), why=cue.get("why", "")))
                for note in cue.get("notes") or []:
                    st.caption(f"· {note}")
    with st.expander(t("review.metadata", lang)):
        fields = ("title", "title_en", "date", "publisher", "publisher_en", "dateline", "channel")
        meta_edits = {f: st.text_input(f, value=str(wb.meta.get(f) or ""), key=f"review-meta-{f}") for f in fields}
        meta_checked = st.checkbox(t("review.meta_checked", lang), key="review-meta-checked")
    new_id = st.text_input(t("review.release_id", lang), value=wb.release_id, key="review-release-id").strip()
    meta, records = review.apply_edits(wb, rows, meta_edits, meta_checked, registry)
    st.session_state.pop(READY_KEY, None)
    problems: list[str] = []
    try:
        check_release_id(new_id)
    except Exception as exc:  # noqa: BLE001 - DraftError: shown as the one-line problem it is
        problems.append(str(exc).replace("--id", t("review.release_id", lang), 1))
    if not problems:
        meta["id"] = new_id
        files = review.release_files(wb, meta, records)
        problems = review.validate(new_id, files, _releases_root())
    st.subheader(t("review.step_output", lang), anchor=False)
    accepted = sum(1 for r in rows if r.get("decision") == "accept")
    rejected = sum(1 for r in rows if r.get("decision") == "reject")
    st.caption(t("review.counts", lang, accepted=accepted, rejected=rejected, pending=len(rows) - accepted - rejected))
    if problems:
        st.error(t("review.problems", lang, n=len(problems)))
        st.code("\n".join(problems), language=None, wrap_lines=True)
        return
    st.success(t("review.valid", lang))
    if message and message[0] == "success":
        st.success(t("review.written", lang, folder=message[1]))
    exists = (_releases_root() / new_id).exists()
    c1, c2 = st.columns(2)
    c2.download_button(t("review.zip", lang), review.zip_bytes(new_id, files), file_name=f"{new_id}.zip", mime="application/zip",
                       key="review-zip", on_click="ignore")  # fmt: skip
    own_draft = exists and wb.origin == new_id and review.is_draft_folder(_releases_root() / new_id)
    if exists and not own_draft:
        if not (message and message[0] == "success"):
            c1.warning(t("review.exists", lang, id=new_id))
    elif _writable(_releases_root()):
        # the draft folder the reviewer opened may be replaced, but only by an explicit choice (never silently)
        replace = own_draft and c1.checkbox(t("review.replace_draft", lang, id=new_id), key="review-replace")
        if not own_draft or replace:
            st.session_state[READY_KEY] = (new_id, files, new_id if replace else None)
            c1.button(t("review.write", lang), key="review-write", on_click=_write)
    else:
        c1.info(t("review.not_writable", lang))
    st.caption(t("review.zip_note", lang))


def _writable(root: Path) -> bool:
    return (
        root.is_dir()
        and os.access(root, os.W_OK)
        and not re.match(r"^(0|false|no|off)$", os.environ.get("CENTRALASIA_CURATE_WRITE", ""), re.I)
    )
