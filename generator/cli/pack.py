"""`showcase pack <award-id>`: the award's evidence pack; `--verify <zip>` checks one."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from generator import clock
from generator.cli.common import OutFolder, failing_with, load, project_options, terminal
from generator.pack import BuiltPack, build_pack, verify_pack
from generator.pack.answers import total_words
from generator.pack.views import total_view
from generator.paths import pack_name_problem
from generator.problems import UsageProblem, one_line
from generator.project import Layout

READY, NOT_READY, FAILED = 0, 1, 2


@click.command(short_help="Build an award's evidence pack (dist/<award>.zip), or check one with --verify.")
@project_options
@click.argument("award_id", required=False)
@click.option("--out", "out_dir", default="dist", show_default=True,
              type=OutFolder(),  # checked below, where it is used
              help="Folder to write <award-id>.zip into (relative to the project).")
@click.option("--verify", "verify_zip", type=click.Path(dir_okay=False, path_type=Path),
              help="Instead of building, check that a pack's files are exactly those its "
                   "manifest.json lists (the path of the .zip, here or under the project).")
@failing_with(FAILED)
def pack(project_dir: Path, now_text: str | None, award_id: str | None, out_dir: Path,
         verify_zip: Path | None) -> None:
    """Build the evidence pack for AWARD_ID: exit 0 ready, 1 not ready, 2 could not build.

    AWARD_ID is the award file's name in awards/ without .yml (showcase awards lists them).
    The pack's CHECKLIST.md says what stops it being ready.
    """
    if verify_zip is not None:
        if award_id:
            raise click.UsageError(f'give an award id to build its pack, or --verify to check a '
                                   f'pack, not both (showcase pack --verify '
                                   f'{one_line(str(verify_zip))})')
        inside = project_dir / verify_zip  # as --out is: relative to the project, if not here
        found = verify_zip if verify_zip.exists() or verify_zip.is_absolute() or not inside.exists() \
            else inside
        raise SystemExit(_verify(found))
    if not award_id:
        raise click.UsageError("give an award id (the file name in awards/ without .yml)")
    catalogue, now = load(project_dir, now_text)
    target = out_dir if out_dir.is_absolute() else project_dir / out_dir
    if target.exists() and not target.is_dir():  # relative to the project, as it is used
        raise click.UsageError(f"--out: {one_line(str(target))} is a file, not a folder")
    _private_out(catalogue.layout, target)
    built = build_pack(catalogue, award_id, now, clock.build_time(), target)
    _summary(built)
    raise SystemExit(READY if built.plan.checklist.ready else NOT_READY)


def _private_out(layout: Layout, target: Path) -> None:
    """Refuse an --out that is, or lies inside, a folder the site is built from or into, or
    one of the project's own folders: a pack holds private evidence and stories not yet
    published, and `showcase build` would publish a zip left in docs_dir (as `build
    --site-dir` refuses such folders)."""
    where = target.resolve()
    site = Path(str(layout.site.get("site_dir") or "site"))
    published = {layout.content: "the site's pages (docs_dir), which showcase build publishes",
                 layout.root / site: "the built site (site_dir), which is published"}
    if layout.theme_folder is not None:  # MkDocs copies its other files into the site
        published[layout.theme_folder] = "the theme's own folder (custom_dir), whose files " \
                                         "showcase build publishes"
    own = {folder: "the project's own files" for folder in
           (layout.stories, layout.evidence, layout.awards, layout.data)}
    # a link in a published folder leads MkDocs on into the folder it names
    linked = {link.resolve(): f"a folder {one_line(layout.relative(link))} leads to, which "
                              "showcase build publishes"
              for folder in published for link in _links_in(folder)}
    refused = {**published, **own, **linked}
    found = _refused_by(where, refused)
    if found is not None:
        folder, what = found
        place = "" if where == folder.resolve() else "inside "
        raise UsageProblem(f"refusing to write the pack into {one_line(str(where))}: it is "
                           f"{place}{one_line(layout.relative(folder))}, {what}, and a pack "
                           f"holds private evidence; choose a folder of its own, "
                           f"{_free_folder(layout, refused)}")


def _links_in(folder: Path) -> list[Path]:
    """The links in `folder` (at any depth, not followed), to a folder or not (yet)."""
    if not folder.is_dir():
        return []
    try:
        return [path for path in folder.rglob("*") if path.is_symlink()]
    except OSError:  # a loop, a folder that cannot be read: the build would stop on it anyway
        return []


def _refused_by(where: Path, refused: dict[Path, str]) -> tuple[Path, str] | None:
    """The refused folder `where` is, or lies inside, and why; None when it is free."""
    for folder, what in refused.items():
        if where.is_relative_to(folder.resolve()):
            return folder, what
    return None


def _free_folder(layout: Layout, refused: dict[Path, str]) -> str:
    """Advice naming a folder of the project that is not refused (dist may be a link into
    docs_dir, so the advice is not the folder just refused)."""
    for name in ("dist", "packs", "award-packs"):
        if _refused_by((layout.root / name).resolve(), refused) is None:
            return f"e.g. --out {name}"
    return "outside the site's folders"


def _verify(path: Path) -> int:
    verification = verify_pack(path)
    shown = one_line(str(path))  # a control character in a name is shown as a code
    for line in verification.lines:
        click.echo(f"{shown}: {one_line(line)}")
    click.echo(f"{shown}: {verification.summary}")
    return 0 if verification.ok else 1


def _summary(built: BuiltPack) -> None:
    plan = built.plan
    tolerance = plan.award.entry.tolerance
    table = Table(title=f"{one_line(plan.award.entry.name)}: "
                        f"{_count(len(plan.stories), 'story', 'stories')}")
    for column in ("question", "used", "limit", "status"):
        table.add_column(column)
    for answer in plan.drafted.answers:
        table.add_row(one_line(answer.question.id), answer.counted,
                      str(answer.limit or "-"), answer.status(tolerance))
    total = total_view(plan)
    if total is not None:  # the award's limit on all answers together
        table.add_row("total", f"{total_words(plan.drafted.answers)} words",
                      str(plan.award.entry.total_words), total.status)
    terminal().print(table)
    checklist = plan.checklist
    for line in checklist.blockers:
        click.echo(f"blocker: {one_line(line)}")
    for line in built.notes:  # about the zip itself, so not in its CHECKLIST.md
        click.echo(f"warning: {one_line(line)}")
    renamed = pack_name_problem(plan.award.id)
    if renamed is not None and built.path.name != f"{plan.award.id}.zip":
        click.echo(f"note: the pack is named {one_line(built.path.name)}, not "
                   f"{one_line(plan.award.id)}.zip, which Windows cannot save ({renamed})")
    blockers, warnings = len(checklist.blockers), len(checklist.warnings)
    verdict = "READY" if checklist.ready else f"NOT READY ({_count(blockers, 'blocker')})"
    click.echo(f"{verdict}: wrote {one_line(str(built.path))} "
               f"({_count(warnings, 'warning')} in CHECKLIST.md)")


def _count(number: int, noun: str, plural: str = "") -> str:
    return f"{number} {noun if number == 1 else plural or noun + 's'}"
