"""The CMS configuration (`admin/config.yml`) for a project, generated from the story schema."""

from __future__ import annotations

import re
from typing import Any

import yaml

from generator.cms.fields import CmsField, FieldRules, schema_fields
from generator.model import StoryMeta, Strategy
from generator.model.common import LANGUAGE, UK
from generator.model.story import Unit
from generator.project import MEDIA, Layout
from generator.schemas import schema_for

#: where a new story's file goes: the date it was created, then the title as a slug
STORY_SLUG = "{{year}}-{{month}}-{{day}}-{{slug}}"
#: written when mkdocs.yml has no GitHub `repo_url` to read the repository from
PLACEHOLDER_REPO = "OWNER/REPOSITORY"
_GITHUB = re.compile(r"https://github\.com/([\w.-]+/[\w.-]+?)(?:\.git)?/?$")
_LANGUAGE_PATTERN = [f"^{LANGUAGE.pattern}$", "A language tag, e.g. cy (Welsh) or ar (Arabic)"]
_SLUG_PATTERN = [r"^[a-z0-9]+(-[a-z0-9]+)*$", "Lowercase letters, digits and single hyphens, e.g. ai-webchat"]
#: the embargo is picked in UK time, whatever the computer's own zone, and saved with that time's
#: UTC offset, which check requires (Sveltia's `input_timezone`; without it the value has none)
_EMBARGO = {
    "input_timezone": UK.key,
    "hint": "Not public before this time. Pick it in UK time: it is saved with its UTC offset, "
            "e.g. 2026-12-01T09:00:00+00:00 in winter (GMT) or 2026-06-01T09:00:00+01:00 in summer (BST).",
}
#: an upload goes into media/ beside the story and is saved relative to the story file, as
#: `media/<file>`, which check wants: Sveltia writes the top-level `public_folder` with a leading
#: slash (`/media/<file>`, refused), but a field's own `media_folder` without one is a folder beside
#: the story, and its `public_folder` is then written relative to it. The field's folder, not the
#: collection's: with an entry-relative collection folder Sveltia counts every file below stories/
#: as each story's own and deletes them all with any one story.
#: an award result's `national` is yes, no or not said: not said (None) lets check remind the officer
#: when no award file says whether the award is national. A boolean switch cannot leave it unsaid
#: (Sveltia saves an untouched switch as `false`, and fills `false` into a story without it when
#: opened), so it is a choice of the YAML booleans true and false: an optional select gets Sveltia's
#: "(None)" option first, which a new result starts with and which is saved as nothing at all
#: (`omit_empty_optional_fields`); Yes and No are saved `national: true` and `national: false`
#: (tests/cms/test_editor_values.py runs Sveltia's own code on it)
_NATIONAL = {
    "widget": "select",
    "options": [{"label": "Yes", "value": True}, {"label": "No", "value": False}],
    "hint": "Leave it at (None) when the award has an award file, which says whether it is national, "
            "or when you are not sure: check then reminds you. Otherwise choose Yes for a nationally "
            "recognised award, No for one that is not.",
}
_IMAGE_SRC = {"widget": "image", "label": "Image file", "choose_url": False,
              "media_folder": MEDIA, "public_folder": MEDIA}


def repository(layout: Layout) -> str | None:
    """`owner/name` of the GitHub repository named by mkdocs.yml's `repo_url`, if any."""
    match = _GITHUB.match(str(layout.site.get("repo_url") or ""))
    return match.group(1) if match else None


def story_fields(layout: Layout, strategy: Strategy | None) -> list[CmsField]:
    """The CMS fields of a story: every front-matter field, then the body."""
    schema = schema_for(StoryMeta, "Story")
    fields = schema_fields(schema, _rules(layout, strategy))
    body = {"name": "body", "label": "Story", "widget": "markdown", "required": False,
            "hint": "Use level-2 headings for the sections: Challenge, What we did, Impact, What's next. "
                    "HTML comments are internal notes and are never published. A picture put into "
                    f"the text is saved in {layout.relative(layout.media)}/ and written "
                    f"![alt](/{MEDIA}/pic.png), which the site shows as it is."}
    # no media_folder here: Sveltia 0.221.1 reads none on a markdown field, and a picture put into
    # the text is written /media/<file>, which every output reads as stories/media/<file>
    # (`bodylinks.picture_file`; docs/cms.md)
    return [*fields, body]


def _rules(layout: Layout, strategy: Strategy | None) -> FieldRules:
    evidence = layout.relative(layout.evidence)
    return FieldRules(
        widgets={
            "summary": {"widget": "text"},
            "slug": {"pattern": _SLUG_PATTERN},
            "embargo": _EMBARGO,
            "image.src": _IMAGE_SRC,
            "image.alt": {"label": "Alt text",
                          "hint": "Describe what the image shows for people who cannot see it. "
                                  "Leave empty only for a purely decorative image."},
            "metrics.id": {"label": "Short name (optional)"},
            "quotes.text": {"widget": "text"},
            "quotes.by": {"label": "By"},
            "quotes.language": {"label": "Language (when not the story's)",
                                "pattern": _LANGUAGE_PATTERN},
            "evidence.id": {"label": "Short name (cited by metrics)"},
            "evidence.path": {"widget": "file", "label": "File", "choose_url": False,
                              "media_folder": f"/{evidence}", "public_folder": ""},
            "awards.year": {"value_type": "int"},
            "awards.national": _NATIONAL,
            "language": {"label": "Language (when not the site's)", "pattern": _LANGUAGE_PATTERN},
        },
        choices={
            "outcomes": _outcome_options(strategy),
            "metrics.unit": [{"label": unit.value, "value": unit.value} for unit in Unit],
        },
        defaults={"status": "draft"},
    )


def _outcome_options(strategy: Strategy | None) -> list[dict[str, str]]:
    outcomes = strategy.outcomes if strategy else []
    return [{"label": f"{outcome.title} ({outcome.id})", "value": outcome.id} for outcome in outcomes]


def cms_config(layout: Layout, strategy: Strategy | None, branch: str = "main") -> dict[str, Any]:
    """The whole CMS configuration: GitHub backend, editorial workflow, the stories collection."""
    stories = layout.relative(layout.stories)
    config: dict[str, Any] = {
        "backend": {"name": "github", "repo": repository(layout) or PLACEHOLDER_REPO, "branch": branch},
        "publish_mode": "editorial_workflow",
        "media_folder": layout.relative(layout.media),
        "public_folder": MEDIA,
        # an optional field left empty is left out of the story, not written `slug: ""`,
        # which check refuses (preview27 P2); Sveltia's default writes it
        "output": {"omit_empty_optional_fields": True},
        "collections": [_stories_collection(layout, strategy, stories)],
    }
    if layout.site.get("site_url"):
        config["site_url"] = layout.site["site_url"]
    return config


def _stories_collection(layout: Layout, strategy: Strategy | None, stories: str) -> dict[str, Any]:
    return {
        "name": "stories",
        "label": "Stories",
        "label_singular": "Story",
        "description": "Success stories. Only stories with status 'published' (and past any embargo) are public.",
        "folder": stories,
        "create": True,
        "extension": "md",
        "format": "frontmatter",
        "slug": STORY_SLUG,
        "identifier_field": "title",
        "summary": "{{title}} ({{status}}, {{date}})",
        "sortable_fields": ["date", "title", "status"],
        "fields": story_fields(layout, strategy),
    }


def config_text(config: dict[str, Any]) -> str:
    """The configuration as YAML, with a header saying it is generated."""
    header = ("# Generated by `showcase cms` from the story schema (generator/model/story.py).\n"
              "# Do not edit by hand: change the model or the strategy, then run `showcase cms`.\n")
    # libyaml's writer when PyYAML has it (a site build writes this file each time: about 2 ms
    # against 13 ms); the same text, but for a character beyond the Basic Multilingual Plane
    # (an emoji), which it writes as an escape that reads back the same
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return header + yaml.dump(config, Dumper=dumper, sort_keys=False, allow_unicode=True,
                              width=100)
