"""The hand-written site folder (`content/`, MkDocs' docs_dir) must not lead into private folders.

MkDocs publishes every file under docs_dir. A docs_dir that is, holds or sits inside
stories/, awards/, data/ or evidence/, or a link under it into one of them, would publish
drafts, contacts and private evidence (contract section 7): both are refused. Its photos are
published without their camera data, so one that cannot be decoded is refused too.
"""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

from generator import images
from generator.problems import Problem, Severity
from generator.project import Layout
from generator.sanitize import blank_code
from generator.story import default_slug


def private_folders(layout: Layout) -> dict[str, Path]:
    """The folders whose files only the rules of section 7 may publish, by their project path."""
    folders = (layout.stories, layout.awards, layout.data, layout.evidence)
    return {layout.relative(folder): folder.resolve() for folder in folders}


def content_problems(layout: Layout, slugs: dict[str, str] | None = None,
                     published: frozenset[str] = frozenset()) -> list[Problem]:
    """Where the content folder would publish a private file, and its pages' links to a
    story's file (`slugs`: each story's project path to its slug)."""
    content = layout.content.resolve()
    shown = layout.relative(layout.content) or "."
    for name, folder in private_folders(layout).items():
        if content == folder or folder.is_relative_to(content) or content.is_relative_to(folder):
            return [Problem("mkdocs.yml", None, "docs_dir",
                            f'"{shown}" overlaps {name}/, so MkDocs would publish its files as they '
                            "are: keep hand-written pages in their own folder, e.g. docs_dir: content")]
    if "docs_dir" in layout.site and not content.is_dir():  # the build stops on it; pack
        return [Problem("mkdocs.yml", None, "docs_dir",  # and export do not need it
                        f'"{layout.site["docs_dir"]}" is no folder, so the site cannot be built: '
                        "create it with the site's hand-written pages (index.md, the home page's "
                        "text, at least), or name the folder that holds them", Severity.WARNING)]
    return [*(_linked(layout, path, name) for path, name in _links_into_private(layout, content)),
            *_unreadable_photos(layout, content),
            *_story_file_links(layout, content, slugs or {}, published)]


_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)|^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S+?)>?(?:[ \t]|$)",
                   re.MULTILINE)


def _story_file_links(layout: Layout, content: Path, slugs: dict[str, str],
                      published: frozenset[str]) -> list[Problem]:
    """A hand-written page's Markdown link to a story's file (`../stories/x.md`): MkDocs
    cannot follow it out of the content folder and stops the build; a story is linked by its
    page's address. Said by check, with that address."""
    if not content.is_dir():
        return []
    found = []
    for page in sorted(content.rglob("*.md")):
        try:
            text = page.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        if ".md" not in text:
            continue
        text = blank_code(text)
        for match in _LINK.finditer(text):
            address = match.group(1) or match.group(2) or ""
            path = unquote(address.split("#", 1)[0].split("?", 1)[0])
            if not path.casefold().endswith(".md") or "://" in address:
                continue
            target = (page.parent / path).resolve()
            if not target.is_relative_to(layout.stories.resolve()):
                continue
            story = layout.relative(target)
            slug = slugs.get(story) or default_slug(story)
            # a Markdown link leads from the page's source file to the story page's (as MkDocs
            # checks and rewrites it), both under the content folder
            here = posixpath.dirname(page.relative_to(layout.content).as_posix()) or "."
            site_page = posixpath.relpath(f"stories/{slug}/index.md", here)
            line = text.count("\n", 0, match.start()) + 1
            said = f'link "{address}" names {story}, a story\'s file, which the site never publishes'
            if slug not in published:
                found.append(Problem(layout.relative(page), line, None,
                                     f"{said}; that story is not published, so it has no page "
                                     "yet: link to it once it is"))
                continue
            found.append(Problem(layout.relative(page), line, None, f"{said} by its name: link "
                                 f'to the story\'s page, "{site_page}{_fragment(address)}"'))
    return found


def _fragment(address: str) -> str:
    return "#" + address.split("#", 1)[1] if "#" in address else ""


def _unreadable_photos(layout: Layout, content: Path) -> list[Problem]:
    """The content folder's pictures (by their bytes or names) the build could not strip of
    their camera data (`images.published_bytes` would stop it: one cut short, or a TIFF or
    HEIF, whatever its name): said by check first."""
    found = []
    for directory, subdirs, files in os.walk(content):
        subdirs[:] = [d for d in subdirs if not d.startswith(".")]
        for name in sorted(files):
            path = Path(directory) / name
            if not name.startswith(".") and path.is_file():  # a picture by its bytes or name
                refused = images.refusal(path)
                if refused:
                    found.append(Problem(layout.relative(path), None, None, refused))
    return found


def _links_into_private(layout: Layout, content: Path) -> list[tuple[Path, str]]:
    """Links (at any depth, as MkDocs follows them) that lead into a private folder, or to a
    folder holding one (a link to the project, or to its parent): their files would be
    published as they are. Such a folder is not entered, so a loop ends there too."""
    if not content.is_dir():
        return []
    folders = private_folders(layout)
    found: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for directory, subdirs, files in os.walk(content, followlinks=True):
        here = Path(directory)
        seen.add(here.resolve())
        kept = []
        for entry in sorted([*subdirs, *files]):
            path = here / entry
            target = path.resolve()
            into = [f"into {name}/" for name, folder in folders.items()
                    if target == folder or target.is_relative_to(folder)]
            holding = [f"to a folder holding {name}/" for name, folder in folders.items()
                       if entry in subdirs and folder.is_relative_to(target)]
            if into or holding:
                found.append((path, (into or holding)[0]))
            elif entry in subdirs and target not in seen:
                kept.append(entry)
        subdirs[:] = [d for d in subdirs if d in kept]
    return sorted(found)


def _linked(layout: Layout, path: Path, where: str) -> Problem:
    return Problem(layout.relative(path), None, None,
                   f"is a link {where}, which would publish its files as they are: remove the "
                   "link (a story's public evidence and images are published by the story)")
