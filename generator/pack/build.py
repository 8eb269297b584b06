"""Building a pack: plan, render every member, archive, write atomically."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from generator import __version__
from generator.catalogue import Catalogue
from generator.pack.archive import (
    MANIFEST,
    Members,
    manifest,
    write_atomically,
    write_zip,
    zip_date_note,
)
from generator.pack.charts import Chart, story_charts
from generator.pack.documents import render_checklist, render_entry_html
from generator.pack.docx_entry import render_docx
from generator.pack.files import answer_files
from generator.pack.metrics_csv import metrics_csv
from generator.pack.pdf import render_pdf
from generator.pack.plan import PackPlan, make_plan
from generator.pack.views import chart_member, chart_views
from generator.paths import pack_file_name
from generator.problems import ShowcaseError, one_line


@dataclass(frozen=True)
class BuiltPack:
    """A pack written to `path`, with the plan it came from."""

    plan: PackPlan
    path: Path
    members: list[str]
    notes: tuple[str, ...] = ()
    """Warnings about the zip itself, for the terminal: its file dates held at the nearest
    date a zip can hold (`archive.zip_date_note`)."""


def assemble(plan: PackPlan, built: datetime) -> Members:
    """Every member of the pack, manifest last (it lists all the others)."""
    members = Members()
    files = answer_files([answer.question.id for answer in plan.drafted.answers])[0]
    for answer in plan.drafted.answers:
        if answer.markdown is not None:
            members.add(f"{files[answer.question.id]}.md", (answer.markdown + "\n").encode())
            # the text the limit is counted in: what a plain text box receives when pasted
            members.add(f"{files[answer.question.id]}.txt", (answer.plain + "\n").encode())
    for item in plan.gathered.evidence:  # copied in chunks as the zip is written
        if item.data is not None:  # a photo without its metadata
            members.add(item.member, item.data)
        else:
            members.add_file(item.member, item.source)
    for item in plan.gathered.images:  # photos without EXIF/GPS, as on the site
        members.add(item.member, item.data if item.data is not None else item.source.read_bytes())
    charts = story_charts(plan.stories)  # drawn once, for the three entry documents
    html = render_entry_html(plan, built, charts=chart_views(charts, inline=True))
    members.add("entry.html", html.encode())
    printed = render_entry_html(plan, built, charts=chart_views(charts, inline=False),
                                decorative_images=False)
    members.add("entry.pdf", render_pdf(printed, _printed_resources(members, charts)))
    members.add("entry.docx", render_docx(plan, built, charts))
    members.add("metrics.csv", metrics_csv(plan.stories, plan.gathered.cited))
    members.add("CHECKLIST.md", render_checklist(plan).encode())
    facts = {"award": plan.award.id, "stories": [s.slug for s in plan.stories],
             "version": __version__, "built": built.strftime("%Y-%m-%dT%H:%M:%SZ"),
             "ready": plan.checklist.ready}
    members.add(MANIFEST, manifest(members, facts))
    return members


def _printed_resources(members: Members, charts: Mapping[str, Chart]) -> dict[str, bytes]:
    """What entry.pdf's printer may fetch: the lead images and the charts."""
    return {**{n: members[n] for n in members if n.startswith("images/")},
            **{chart_member(slug): chart.png for slug, chart in charts.items()}}


def build_pack(catalogue: Catalogue, award_id: str, now: datetime, built: datetime,
               out_dir: Path) -> BuiltPack:
    """Plan, render and write `<out_dir>/<award_id>.zip` (`paths.pack_file_name`: con-pack.zip
    for an id Windows keeps for a device); ShowcaseError when it cannot.

    Every member is made (evidence files summed) before the zip is written beside the
    target and moved over it, so a failed run leaves the last pack whole, and says it is
    from an earlier run. Evidence files are copied into the zip in chunks, never read whole.
    """
    target = out_dir / pack_file_name(award_id)  # con-pack.zip: Windows cannot save con.zip
    try:
        plan = make_plan(catalogue, award_id, now)
        members = _assembled(plan, built)
        _write(target, members, built)
    except CannotWrite:
        raise
    except ShowcaseError as exc:
        if target.parent == out_dir and target.exists():  # not for ids like '../x'
            exc.args = (f"{exc} ({target} was not replaced: it is from an earlier run)",)
        raise
    why = ("from SOURCE_DATE_EPOCH" if os.environ.get("SOURCE_DATE_EPOCH", "").strip()
           else "from this computer's clock")
    note = zip_date_note(built, why)
    return BuiltPack(plan, target, list(members), (note,) if note else ())


def _assembled(plan: PackPlan, built: datetime) -> Members:
    """`assemble`, a RecursionError (an answer nested too deeply for the PDF printer or the
    Word writer, past what check refuses) said in plain words, naming the answer."""
    try:
        return assemble(plan, built)
    except RecursionError:
        deepest = deepest_answer(plan)
        which = f"the answer {deepest}" if deepest else "an answer"
        raise TooDeep(f"the entry documents cannot be made: {which} nests lists, quotes or "
                      "HTML elements too deeply inside one another; bring the deepest parts "
                      "up a level or more (showcase check names the line)") from None


class TooDeep(ShowcaseError):
    """An answer is nested too deeply for the entry documents to be made."""


#: the characters a line's lists and quotes open with, as `nesting` counts them
_NESTING_RUN = re.compile(r"^[ \t>*+\-.)\d]*", re.MULTILINE)
_TAG_OPENED = re.compile(r"<[A-Za-z]")


def deepest_answer(plan: PackPlan) -> str | None:
    """The file of the answer most deeply nested (its hand-written file, or answers/<id>.md
    for a drafted one), judged by the longest run of list and quote markers that opens a
    line and by the tags it opens; None when there are no answers."""
    folder = plan.award.path.rsplit(".", 1)[0]

    def depth(markdown: str) -> int:
        runs = max((len(m.group()) for m in _NESTING_RUN.finditer(markdown)), default=0)
        return max(runs, len(_TAG_OPENED.findall(markdown)))

    written = [a for a in plan.drafted.answers if a.markdown]
    if not written:
        return None
    answer = max(written, key=lambda a: depth(a.markdown or ""))
    files = answer_files([a.question.id for a in plan.drafted.answers])[0]
    return (f"{folder}/{answer.question.id}.md" if answer.origin == "hand-written"
            else f"{files[answer.question.id]}.md (drafted from the stories)")


class CannotWrite(ShowcaseError):
    """The pack's folder or file cannot be written."""


def _write(target: Path, members: Members, built: datetime) -> None:
    try:
        write_atomically(target, lambda stream: write_zip(stream, members.items(), built))
    except OSError as exc:
        raise CannotWrite(f"cannot write {one_line(str(target))}: {_why(target, exc)}") from None


def _why(target: Path, exc: OSError) -> str:
    """Why the zip cannot be written, in plain words where the system's are not."""
    link = next((p for p in [*reversed(target.parents), target]
                 if p.is_symlink() and not p.exists()), None)
    if link is not None:  # e.g. dist linked to a drive that is not there
        return (f"{link} is a link to {os.readlink(link)}, which does not exist (make that "
                "folder, or remove the link)")
    if target.is_dir():
        return "a folder of that name is where the pack goes (rename or remove the folder)"
    return str(exc.strerror or exc)
