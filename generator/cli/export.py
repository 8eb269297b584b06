"""`showcase export`: the open data (stories.json, metrics.csv and their schemas)."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path

import click

from generator.awardbook import AwardBook
from generator.cli.common import OutFolder, failing_with, load, project_options, writing
from generator.clock import build_time
from generator.problems import ShowcaseError, UsageProblem
from generator.sharing import council, opendata, publisher
from generator.story import Story

DEFAULT_OUT = Path("dist") / "open-data"


@click.command(short_help="Write the public stories as open data (stories.json, metrics.csv).")
@project_options
@click.option("--out", "out_dir", type=OutFolder(file_okay=False),
              help="Folder to write into, relative to the project (default: dist/open-data).")
@click.option("--partner", metavar="NAME",
              help="Only the public stories whose partners name NAME (case ignored).")
@failing_with(1)
def export(project_dir: Path, now_text: str | None, out_dir: Path | None,
           partner: str | None) -> None:
    """Write the public stories as open data; exit 1 when the project has errors, or when
    --partner names no public story's partner (then nothing is written)."""
    if partner is not None and not partner.strip():
        raise UsageProblem("--partner is empty: give the partner's name as the stories list it "
                           "under partners, or leave --partner out to export every public story")
    catalogue, now = load(project_dir, now_text)
    if catalogue.errors:
        for problem in catalogue.errors:
            click.echo(str(problem), err=True)
        click.echo(f"showcase: {len(catalogue.errors)} error(s): fix them (showcase check), "
                   "then export again; nothing was written", err=True)
        raise SystemExit(1)
    site_url = catalogue.layout.site.get("site_url") or None
    public = catalogue.public_stories(now)
    stories = opendata.for_partner(public, partner)
    folder = catalogue.layout.root / (out_dir or DEFAULT_OUT)  # an absolute --out as it is
    if partner and not stories:  # a mistyped name must not empty the last good files
        raise ShowcaseError(f'no public story lists "{partner}" under partners.'
                            f"{_did_you_mean(partner, public)} Nothing was written (any files "
                            f"already in {folder}/ are kept)")
    if partner:  # the partner's name as the stories write it, not as typed
        partner = opendata.partner_as_written(stories, partner)
    # a body's link to any public story keeps its address, in the partner's set or not
    data = opendata.open_data(stories, publisher(catalogue), site_url, build_time(), partner,
                              public=catalogue.linkable(public, site_url or ""),
                              book=AwardBook(catalogue.awards), council=council(catalogue))
    with writing("choose a folder you can write to with --out"):
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in opendata.open_data_files(data).items():
            (folder / name).write_bytes(content)
    _report(folder, len(stories), partner, site_url)


def _report(folder: Path, count: int, partner: str | None, site_url: str | None) -> None:
    whose = f' naming the partner "{partner}"' if partner else ""
    click.echo(f"Wrote {count} public stor{'y' if count == 1 else 'ies'}{whose} to {folder}/ "
               "(stories.json, metrics.csv and their schemas).")
    if not site_url:
        click.echo("Note: mkdocs.yml has no site_url, so the stories' url fields are empty.")


def _did_you_mean(partner: str, public: Sequence[Story]) -> str:
    """The public stories' partners close to `partner`: the names holding it (part of a
    name), then the names spelt nearly alike (as check suggests); at most five."""
    names = {_fold(p): p for s in public for p in s.meta.partners}
    wanted = _fold(partner)
    holding = sorted(n for n in names if wanted in n)
    alike = difflib.get_close_matches(wanted, list(names), n=3, cutoff=0.6)
    close = [f'"{names[n]}"' for n in dict.fromkeys([*holding, *alike])][:5]
    if not close:
        return ""
    listed = close[0] if len(close) == 1 else f"{', '.join(close[:-1])} or {close[-1]}"
    return f" Did you mean {listed}?"


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()
