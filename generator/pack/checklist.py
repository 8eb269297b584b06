"""The pack's checklist: ready or not, every blocker and warning (contract section 6)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from generator.attachment_names import file_format, listed_format, matching
from generator.catalogue import Award
from generator.clock import deadline_passed, uk_time
from generator.pack.answers import (
    PDF_COLUMNS,
    PDF_WHOLE_COLUMNS,
    Answer,
    Drafted,
    HtmlLeftOut,
    ImageLeftOut,
    LinkReduced,
    MissingSection,
    RepeatedSection,
    WideTable,
    allowed,
    percent,
    total_words,
)
from generator.pack.files import Gathered, PackFile, answer_files
from generator.pack.selection import Chosen
from generator.reading.periods import (
    UNDERSTOOD,
    Span,
    is_reversed,
    overlaps,
    parse_period,
    starts_after,
)
from generator.story import Story

_MB = 1024 * 1024


@dataclass(frozen=True)
class Checklist:
    """What stops the entry being submitted (blockers) and what to look at (warnings)."""

    blockers: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return not self.blockers


def make_checklist(award: Award, chosen: Chosen, drafted: Drafted, gathered: Gathered,
                   now: datetime) -> Checklist:
    """Every blocker and warning for this pack at `now`."""
    stories = chosen.stories
    blockers = [f"story left out: {line}" for line in chosen.blocked]
    blockers += _answer_blockers(award, drafted.answers)
    blockers += gathered.missing
    attachment_blockers, attachment_warnings = _attachments(award, gathered)
    blockers += attachment_blockers
    blockers += _total_blockers(award, drafted.answers)
    if not stories:
        blockers.append("no stories: the award file selects no story in review or published")
    warnings = list(_dated_before(award, stories))
    warnings += _metric_warnings(award, stories, uk_time(now).date())
    warnings += [f"{q} left out (no consent: true)" for q in drafted.quotes_left_out]
    warnings += [_image_warning(image) for image in drafted.images_left_out]
    warnings += [_html_warning(markup) for markup in drafted.html_left_out]
    warnings += [_link_warning(reduced) for reduced in drafted.links_reduced]
    warnings += [_repeated_warning(repeated) for repeated in drafted.repeated_sections]
    warnings += [_missing_warning(missing) for missing in drafted.missing_sections]
    warnings += [_wide_table_warning(wide) for wide in drafted.wide_tables]
    warnings += [f"story left out: {line}" for line in chosen.left_out]
    warnings += [f"{line} is empty (0 bytes): a judge would get nothing, so it is not counted "
                 "as a file to attach; put the file itself there, or stop citing it"
                 for line in gathered.empty]
    warnings += attachment_warnings
    warnings += [f"file renamed: {line}" for line in gathered.renamed]
    warnings += [f"file renamed: {line}" for line in
                 answer_files([answer.question.id for answer in drafted.answers])[1]]
    warnings += [f"{line} is sent with its camera data (when and where it was taken, the camera): "
                 "its format keeps it; save it as JPEG or PNG to send it without"
                 for line in gathered.camera_data]
    warnings += [f"{line} is a file a browser runs (it may hold a script) when a judge opens "
                 "it: send a PDF or PNG of it instead" for line in gathered.active]
    deadline_blocker, deadline_warning = _deadline(award, now)
    blockers += deadline_blocker
    warnings += deadline_warning
    return Checklist(blockers, warnings)


def _answer_blockers(award: Award, answers: list[Answer]) -> Iterator[str]:
    tolerance = award.entry.tolerance
    for answer in answers:
        qid = answer.question.id
        if answer.markdown is None:
            yield f"{qid}: no answer yet: write {award.path.rsplit('.', 1)[0]}/{qid}.md"
        elif not answer.markdown.strip():
            yield f"{qid}: the answer is empty{_why_empty(answer)}"
        elif answer.over(tolerance):
            yield f"{qid}: {answer.usage}{answer.allowance(tolerance)}"


def _total_blockers(award: Award, answers: list[Answer]) -> Iterator[str]:
    """All answers' words against the award's `total_words`, with its tolerance."""
    limit, tolerance = award.entry.total_words, award.entry.tolerance
    if limit is None:
        return
    used, most = total_words(answers), allowed(limit, tolerance)
    if used > most:
        with_tolerance = f" ({most} allowed with the award's {percent(tolerance)} tolerance)" \
            if tolerance else ""
        across = "in its one answer" if len(answers) == 1 else f"across all {len(answers)} answers"
        yield (f"total: {used} words of {limit} {across}"
               f"{with_tolerance}: the award limits the entry's words in total")


def _why_empty(answer: Answer) -> str:
    """What an empty drafted answer was drafted from, so the fix is plain."""
    compose = answer.question.compose
    if answer.origin != "drafted" or compose is None:
        return ""
    if compose.kind == "section":
        return f': no story in the pack has text under the heading "{compose.heading}"'
    found = {"summary": "a summary", "metrics": "metrics", "quotes": "a quote with consent"}
    return f": no story in the pack has {found.get(compose.kind, compose.kind)}"


def _image_warning(image: ImageLeftOut) -> str:
    shown = (f'its alt text "[{image.alt}]" stands in and counts towards the limit'
             if image.alt else "it had no alt text")
    return (f"{image.question}: image left out of the answer ({image.path}): {shown}; "
            "use the lead image or evidence instead")


def _html_warning(markup: HtmlLeftOut) -> str:
    tags = ", ".join(tag.strip("<>") for tag in markup.tags)
    return (f"{markup.question}: raw HTML left out of the answer ({markup.path}): {tags}; "
            "an entry form takes text: write what it showed as text")


def _link_warning(reduced: LinkReduced) -> str:
    links = "a link keeps its words" if reduced.count == 1 \
        else f"{reduced.count} links keep their words"
    return (f"{reduced.question}: {links} only ({reduced.path}): it leads to a story or "
            "file not in the entry, or to nothing a judge can open (no public page on the "
            "site); name what it showed in words, or link a public page")


def _repeated_warning(repeated: RepeatedSection) -> str:
    return (f'{repeated.question}: {repeated.path} has {repeated.count} sections headed '
            f'"{repeated.heading}": the answer holds all {repeated.count}, in order; '
            "if one should have another heading, rename it")


def _missing_warning(missing: MissingSection) -> str:
    what = (f'nothing under its heading "{missing.heading}"' if missing.empty
            else f'no section headed "{missing.heading}"')
    return f"{missing.question}: {missing.path} has {what}: it adds nothing to this answer"


def _wide_table_warning(wide: WideTable) -> str:
    where = f'{wide.path}, section "{wide.heading}"' if wide.heading is not None else wide.path
    which = (f"{where}, table {wide.number} of {wide.tables}, has {wide.columns} columns"
             if wide.tables > 1 else
             f"{where}{',' if wide.heading is not None else ''} has a table of "
             f"{wide.columns} columns")
    if wide.columns > PDF_WHOLE_COLUMNS:
        shown = ("entry.pdf cannot show it readably: even in its smallest print (2 points, on "
                 "a landscape page) its figures are broken across lines (e.g. £12,34 / 5), as they "
                 f"are in any table of more than {PDF_WHOLE_COLUMNS} columns of figures like "
                 "£12,345")
    else:
        shown = ("entry.pdf prints it on a landscape page in print too small to read on paper "
                 f"(under 5 points), as it does any table of more than {PDF_COLUMNS} columns; "
                 f"figures like £12,345 stay whole up to {PDF_WHOLE_COLUMNS} columns, longer "
                 "ones may be broken in fewer")
    return (f"{wide.question}: {which}: {shown}; split "
            f"it into tables of at most {PDF_COLUMNS} columns, or attach it as a file (a CSV "
            "or spreadsheet) and refer to it in the answer")


def _attachments(award: Award, gathered: Gathered) -> tuple[list[str], list[str]]:
    """The files to attach (evidence and lead images) against the award's limits: number,
    format and size; blockers and warnings. All stay in the pack; only those to attach count.

    Without `send:`, every file is to attach except a 0-byte one and one in a format the
    award does not accept (a warning names it and how to send it). With `send:`, the files
    it names are those to attach: one the pack does not have, or in a format the award does
    not accept, is a blocker."""
    limits = award.entry.attachments
    if limits is None:
        return [], []
    files = gathered.evidence + gathered.images
    formats = {listed_format(f) for f in limits.formats}
    blockers: list[str] = []
    warnings: list[str] = []
    ambiguous: dict[str, list[str]] = {}
    if limits.send is not None:
        chosen, unknown, ambiguous = _named(limits.send, gathered)
        blockers += [f'attachments: send: "{name}" is no file in the pack (give an evidence id, '
                     "a file name the stories cite, or a lead image's file name)"
                     for name in unknown]
        warnings += [_ambiguous(name, members) for name, members in ambiguous.items()]
        empty = _empty_members(gathered)
        blockers += [f"attachments: send: {member} is empty (0 bytes): a judge would get "
                     "nothing; put the file itself there, or take it out of send:"
                     for member in sorted(chosen & empty)]
        to_send = [item for item in files if item.member in chosen and item.member not in empty]
        blockers += [_not_accepted(item, limits.formats, sent=True) for item in to_send
                     if not _accepted(item, formats)]
        to_send = [item for item in to_send if _accepted(item, formats)]  # never listed to attach
    else:
        empty = _empty_members(gathered)
        to_send = [item for item in files if item.member not in empty]
        warnings += [_not_accepted(item, limits.formats) for item in to_send
                     if not _accepted(item, formats)]
        to_send = [item for item in to_send if _accepted(item, formats)]
    if limits.max_files is not None and len(to_send) > limits.max_files:
        blockers.append(_too_many(to_send, gathered, limits.max_files, limits.send is not None,
                                  ambiguous))
    blockers += [f"attachments: {item.member}: {over_size(item.size, limits.max_mb_each)}"
                 for item in to_send
                 if limits.max_mb_each is not None and item.size > limits.max_mb_each * _MB]
    if len(to_send) < len(files):
        warnings.append(_to_attach(to_send, len(files)))
    return blockers, warnings


def _not_accepted(item: PackFile, formats: list[str], *, sent: bool = False) -> str:
    """A file (evidence or a lead image, worded alike) in a format the award does not take:
    what it may be saved as, or, when the award takes no format of its kind, that it cannot.
    `sent`: the award file's send: names it (a blocker, to be taken out of send: or replaced)."""
    line = (f"attachments: {item.member}: .{_suffix(item)} files are not accepted "
            f"(accepted: {', '.join(formats)})" if sent else
            f"attachments: {item.member} is not to attach: the award does not accept "
            f".{_suffix(item)} files (accepted: {', '.join(formats)})")
    save_as = _save_as(item, formats)
    if save_as is None:
        leave = "take it out of send:" if sent else "leave it out of the entry"
        return (f"{line}, and none of those is a format {_kind_of(item)} can be saved in: "
                f"{leave} (say what it shows in an answer if it matters), or ask the organiser "
                "how to send it")
    if sent:
        return f"{line}: save a copy as {save_as}, cite that copy as evidence and name it in send:"
    return f"{line}; to send it, save a copy as {save_as} and cite that copy as evidence"


def _named(send: list[str], gathered: Gathered
           ) -> tuple[set[str], list[str], dict[str, list[str]]]:
    """The members `send` names, the names that are no file of the pack, and the names
    that name several files (each with those files)."""
    chosen: set[str] = set()
    unknown: list[str] = []
    ambiguous: dict[str, list[str]] = {}
    for name in send:
        found = matching(name, gathered.called)
        chosen.update(found)
        if not found:
            unknown.append(name)
        elif len(found) > 1:
            ambiguous.setdefault(name, found)
    return chosen, unknown, ambiguous


def _ambiguous(name: str, members: list[str]) -> str:
    return (f'attachments: send: "{name}" names {_count(len(members), "file")}, so all are to attach: '
            f"{', '.join(members)} (evidence ids belong to one story, and two stories may use "
            f"the same id or file name); to send one, name it by its path, e.g. {members[0]}")


def _empty_members(gathered: Gathered) -> set[str]:
    return {line.rsplit(": ", 1)[-1] for line in gathered.empty}


def _too_many(to_send: list[PackFile], gathered: Gathered, allowed: int, named: bool,
              ambiguous: dict[str, list[str]]) -> str:
    evidence = len([item for item in to_send if item in gathered.evidence])
    parts = f"{_count(evidence, 'evidence file')}, {_count(len(to_send) - evidence, 'lead image')}"
    shared = "; ".join(f'"{name}" names {_count(len(members), "file")}'
                       for name, members in ambiguous.items())
    fix = (f"{shared}: name the one to send by its path, e.g. "
           f"{next(iter(ambiguous.values()))[0]}" if ambiguous else
           "name fewer in send:" if named else
           "list the ones to send in the award file's attachments, as send: with their "
           "evidence ids or file names")
    return (f"attachments: {_count(len(to_send), 'file')} to attach ({parts}), the award allows "
            f"{allowed}: {fix}")


def _to_attach(to_send: list[PackFile], offered: int) -> str:
    if not to_send and offered == 1:
        return ("attachments: the pack's one file is not to attach: it is in the pack for you, "
                "not for the entry form")
    if not to_send:
        return (f"attachments: none of the pack's {offered} files is to attach: they are in "
                "the pack for you, not for the entry form")
    names = ", ".join(item.member for item in to_send)
    rest = "the other is" if offered - len(to_send) == 1 else "the others are"
    return (f"attachments: attach {_count(len(to_send), 'file')} of the pack's {offered}: "
            f"{names}; {rest} in the pack for you, not for the entry form")


def _suffix(item: PackFile) -> str:
    name = item.member.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _accepted(item: PackFile, formats: set[str]) -> bool:
    return not formats or file_format(item.member) in formats


#: formats by kind of file, as `listed_format` writes them: what a file may be saved as
#: without changing what it is (a photo is not saved as a spreadsheet)
_PICTURES = frozenset({"jpg", "png", "gif", "webp", "tiff", "bmp", "heic", "heif", "avif", "svg"})
_DOCUMENTS = frozenset({"pdf", "docx", "doc", "odt", "rtf", "txt", "md", "html", "htm", "pptx",
                        "ppt", "odp"})
_TABLES = frozenset({"csv", "xlsx", "xls", "ods", "tsv"})
#: for each kind, the formats to suggest in order of preference: the first group the award
#: accepts any of is suggested (a picture: its picture formats, else PDF, else a document
#: a picture can be put in)
_SAVE_AS: tuple[tuple[frozenset[str], tuple[frozenset[str], ...]], ...] = (
    (_PICTURES, (_PICTURES, frozenset({"pdf"}), frozenset({"docx", "doc", "odt", "pptx", "odp"}))),
    (_DOCUMENTS, (_DOCUMENTS,)),
    (_TABLES, (_TABLES, _DOCUMENTS)),
)


#: each kind of file, as the checklist names it
_KINDS = ((_PICTURES, "a picture"), (_DOCUMENTS, "a document"), (_TABLES, "a table"))


def _kind_of(item: PackFile) -> str:
    found = file_format(item.member)
    return next((name for members, name in _KINDS if found in members), "this file")


def _save_as(item: PackFile, formats: list[str]) -> str | None:
    """The accepted formats that suit the file's kind, e.g. 'PNG' for a JPEG photo when the
    award takes pdf, docx, csv, png and xlsx; None when none suits it (a photo is never to
    be saved as CSV); all the accepted ones for a file of no known kind."""
    kind = file_format(item.member)
    for members, preferred in _SAVE_AS:
        if kind in members:
            for group in preferred:
                suited = [f for f in formats if listed_format(f) in group]
                if suited:
                    return _one_of(suited)
            return None
    return _one_of(formats)


def _one_of(formats: list[str]) -> str:
    shown = [f.upper().lstrip(".") for f in formats]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} or {shown[-1]}"


def over_size(size: int, limit_mb: float) -> str:
    """A file's size against a limit in MB, each shown precisely enough to tell them apart,
    e.g. '2.3 KB, over the 0.001 MB limit (1.0 KB)' or '5.01 MB, over the 5 MB limit'."""
    limit = limit_mb * _MB
    unit, name = (_MB, "MB") if size >= _MB else (1024, "KB") if size >= 1024 else (1, "bytes")
    for digits in (0,) if unit == 1 else (1, 2, 3):
        if round(size / unit, digits) > limit / unit:
            beside = "" if name == "MB" else f" ({limit / unit:,.{digits}f} {name})"
            shown = _count(size, "byte") if unit == 1 else f"{size / unit:,.{digits}f} {name}"
            return f"{shown}, over the {limit_mb:g} MB limit{beside}"
    # a few bytes over: only the bytes tell them apart
    return (f"{_count(size, 'byte')}, over the {limit_mb:g} MB limit "
            f"({_count(math.floor(limit), 'byte')})")


def _count(number: int, noun: str) -> str:
    """e.g. '1 file', '2 files', '1,024 bytes'."""
    return f"{number:,} {noun}{'s' * (number != 1)}"


def _period_inside(start: date, end: date) -> str:
    """An example of `period:` that lies inside the qualifying period (officer30: "2025-26"
    for a period from July 2025 was itself partly outside): ', e.g. period: 2025-26'."""
    example = _example_inside(start, end)
    return f", e.g. period: {example}" if example else \
        ", the months or year the figure was measured in"


def _example_inside(start: date, end: date) -> str | None:
    """The latest financial year, else calendar year, else month wholly inside the period
    from `start` to `end`, as `period:` writes it; None when none is."""
    for year in range(end.year, start.year - 1, -1):
        if start <= date(year, 4, 1) and date(year + 1, 3, 31) <= end:
            return f"{year}-{(year + 1) % 100:02d}"
        if start <= date(year, 1, 1) and date(year, 12, 31) <= end:
            return str(year)
    month = date(end.year, end.month, 1)
    while month >= start:
        last = date(month.year + month.month // 12, month.month % 12 + 1, 1) - timedelta(days=1)
        if last <= end:
            return f"{month:%Y-%m}"
        month = date(month.year - (month.month == 1), (month.month - 2) % 12 + 1, 1)
    return None


def _dated_before(award: Award, stories: list[Story]) -> Iterator[str]:
    """A warning for each story dated before the award's qualifying period (judges may rule
    its work out: an award's rules most often ask for work done within the period)."""
    period = award.entry.period
    if period is None:
        return
    for story in stories:
        if story.date < period.start:
            yield (f"{story.path} is dated {_day(story.date)}, before the qualifying period "
                   f"{period.start.isoformat()} to {period.end.isoformat()}: check that the "
                   "work it describes was done within the period, or leave the story out")


def _metric_warnings(award: Award, stories: list[Story], today: date) -> Iterator[str]:
    period = award.entry.period
    qualifying = (period.start, period.end) if period else None
    for story in stories:
        for metric in story.meta.metrics:
            name = f"{story.path}: metric {metric.key}"
            if not metric.source:
                yield f"{name} has no source"
            if not metric.verified:
                yield f"{name} is not verified"
            if qualifying is None:
                continue
            if metric.period is None:
                yield (f"{name} has no period: judges cannot tell whether it falls in the "
                       f"qualifying period {qualifying[0].isoformat()} to "
                       f"{qualifying[1].isoformat()} (add period:{_period_inside(*qualifying)})")
                continue
            span = parse_period(metric.period, today)
            if span is None and is_reversed(metric.period):
                yield (f'{name}: period "{metric.period}" ends before it starts: its ends are '
                       "swapped; write the earlier first")
            elif span is None and (begins := starts_after(metric.period, today)):
                yield (f'{name}: period "{metric.period}" has not started yet at the pack\'s '
                       f"clock ({_day(today)}): it begins on {_day(begins)}")
            elif span is None:
                inside = _example_inside(*qualifying)
                yield (f'{name}: period "{metric.period}" could not be checked against the '
                       f"award's period: write it in one of these forms: {UNDERSTOOD}"
                       + (f" (inside the qualifying period, e.g. {inside})" if inside else ""))
            elif not overlaps(span, qualifying):
                yield (f'{name}: period "{metric.period}" is outside the qualifying period '
                       f"{qualifying[0].isoformat()} to {qualifying[1].isoformat()}")
            elif past := _beyond(span, qualifying):
                yield (f'{name}: period "{metric.period}" is partly outside the qualifying '
                       f"period {qualifying[0].isoformat()} to {qualifying[1].isoformat()} "
                       f"({past}): judges may count only the part inside; give the figure "
                       "for the qualifying period if you have it")


def _beyond(span: Span, qualifying: Span) -> str:
    """Where a period that overlaps the qualifying period runs past it, in words, e.g.
    'it runs past 31 March 2026'; empty when it lies within."""
    before, after = span[0] < qualifying[0], span[1] > qualifying[1]
    start, end = _day(qualifying[0]), _day(qualifying[1])
    if before and after:
        return f"it starts before {start} and runs past {end}"
    if before:
        return f"it starts before {start}"
    return f"it runs past {end}" if after else ""


def _day(day: date) -> str:
    return f"{day.day} {day:%B} {day.year}"


def _deadline(award: Award, now: datetime) -> tuple[list[str], list[str]]:
    deadline = award.entry.deadline
    if deadline is None:
        return [], ["no deadline in the award file"]
    local = uk_time(deadline)  # as `showcase awards` shows it
    shown = f"{local.day} {local:%B} {local.year} {local:%H:%M} {local.tzname() or ''}".strip()
    if deadline_passed(deadline, now):
        return [f"deadline passed: {shown}"], []
    days = days_left(deadline, now)
    if days < 2:
        return [], [f"the deadline is {'today' if days == 0 else 'tomorrow'} ({shown})"]
    return [], [f"{days} days to the deadline ({shown})"]


def days_left(deadline: datetime, now: datetime) -> int:
    """Calendar days in UK time from `now` to a deadline that has not passed: 0 on the
    deadline's own date, 1 the day before (whatever the hours), as `showcase awards` says."""
    return max(0, (uk_time(deadline).date() - uk_time(now).date()).days)
