"""The names an award file's `attachments: send:` may give a pack's files, and how a name
is matched: one rule for `showcase check` (a warning) and `showcase pack` (a blocker)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import PurePosixPath

from generator.problems import one_line
from generator.story import Story

_SAME_FORMAT = {"jpeg": "jpg", "tif": "tiff"}
#: characters no file name may hold on Windows, besides the control characters
_NOT_ON_WINDOWS = '<>:"|?*\\'
#: names Windows keeps for devices, with any suffix (nul.csv, CON.tar.gz)
_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"{kind}{n}" for kind in ("com", "lpt")
                                                    for n in "0123456789\u00b9\u00b2\u00b3")})
#: what a lead image's name gets when its story's slug cannot name a file on Windows
IMAGE_MARK = "image"


def _control(c: str) -> bool:
    return ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0


def windows_problem(name: str) -> str | None:
    """Why Windows cannot extract a file or folder called `name` (a control character,
    `< > : " | ? * \\`, a device's name such as NUL or CON.csv, a trailing dot or space), in
    words that say it of the name: "it holds the character :"; None when it can."""
    controls = [c for c in name if _control(c)]
    if controls:
        return f"it holds a control character, {shown(controls[0])}"
    held = [c for c in _NOT_ON_WINDOWS if c in name]
    if held:
        return f"it holds the character{'s' * (len(held) > 1)} {' '.join(held)}"
    device = name.split(".", 1)[0].rstrip(" ")
    if device.casefold() in _DEVICES:
        return f"{device.upper()} is the name of a device on Windows"
    if name.endswith((".", " ")):
        return f"it ends in a {'dot' if name.endswith('.') else 'space'}"
    return "it is empty" if name == "" else None


def windows_safe(name: str) -> bool:
    """True when Windows can extract a file or folder called `name` (`windows_problem`)."""
    return windows_problem(name) is None


def shown(text: str) -> str:
    """`text` as a message shows it: control characters (a tab too) as codes."""
    return one_line(text).replace("\t", "\\t")


def fold(name: str) -> str:
    """A name as it is compared: trimmed, NFC, ignoring case, with forward slashes and no
    leading ./ (Windows' a\\note.pdf and ./evidence/a.pdf name the files they look like)."""
    text = unicodedata.normalize("NFC", name.strip()).replace("\\", "/")
    while text.startswith("./"):
        text = text[2:]
    return text.casefold()


def device_marked(name: str, mark: str, suffix: str = "") -> str:
    """`name` and `suffix` with -`mark` added where Windows no longer reads a device's name:
    after the part before the first dot when that part is a device's (trailing spaces aside:
    con.2027 -> con-pack.2027, as Windows reads CON.2027.zip as CON), else after `name`
    (con -> con-pack, as before)."""
    head, dot, rest = name.partition(".")
    if dot and head.rstrip(" ").casefold() in _DEVICES:
        return f"{head}-{mark}{dot}{rest}{suffix}"
    return f"{name}-{mark}{suffix}"


def case_key(name: str) -> str:
    """`name` as Windows and macOS match letter case: character by character, each one
    upper-cased and lower-cased only where that gives one character (Con is con, ς is σ, the
    Kelvin sign is k), not folded in full as str.casefold does (ß is not ss, the ligature ﬁ
    is not fi: straße.zip and strasse.zip are two files there)."""
    return "".join(_one_case(c) for c in name)


def _one_case(character: str) -> str:
    upper = character.upper()
    upper = upper if len(upper) == 1 else character
    lower = upper.lower()
    return lower if len(lower) == 1 else upper


def same_name(name: str) -> str:
    """`name` as a file system that ignores letter case and how an accent is written
    compares it (macOS's; Windows' ignores case only): é as one character (NFC) or as e and a
    combining accent (NFD) alike, letter case aside (`case_key`). Two names with one
    `same_name` are one file there, so a pack never holds both."""
    return unicodedata.normalize("NFD", case_key(unicodedata.normalize("NFD", name)))


def accents_shown(name: str) -> str:
    """How `name` writes what looks like another name, for telling two such names apart:
    ' (é written as e + U+0301)' for an accent written as a combining character, ' (K
    written as U+212A KELVIN SIGN)' for a look-alike character; '' for neither."""
    notes: list[str] = []
    cluster = ""
    for character in [*name, ""]:
        if character and unicodedata.combining(character) and cluster:
            cluster += character
            continue
        if len(cluster) > 1:
            parts = " + ".join([cluster[0], *(f"U+{ord(c):04X}" for c in cluster[1:])])
            notes.append(f"{unicodedata.normalize('NFC', cluster)} written as {parts}")
        elif cluster and unicodedata.normalize("NFC", cluster) != cluster:
            notes.append(f"{unicodedata.normalize('NFC', cluster)} written as "
                         f"U+{ord(cluster):04X} {unicodedata.name(cluster, 'a character')}")
        cluster = character
    unique = list(dict.fromkeys(notes))
    return f" ({', '.join(unique)})" if unique else ""


def clash_reason(name: str, holder: str, holder_said: str | None = None) -> str:
    """Why `name` is taken by `holder`, whose `same_name` it shares, in plain words, whichever
    of the two came first: "has the same name (ignoring case)", or, for names whose accents
    are written with other characters (é as one character or as e and a combining accent)
    or with a character that looks like another (K as the Kelvin sign), that, and letter case
    too where it differs. `holder_said` shows the holder (with its evidence id), else
    `holder`."""
    said = holder_said or holder
    composed, held = unicodedata.normalize("NFC", name), unicodedata.normalize("NFC", holder)
    other_case = composed != held
    marks, alike = _written_apart(name, holder)
    if other_case and not marks and not alike:
        return f"{said} has the same name (ignoring case)"
    plural = "s" if "," in alike else ""
    ways = [way for way, differs in (("other accent characters", marks),
                                     (f"the look-alike character{plural} {alike}", alike))
            if differs]
    if not ways:  # the very same name (a file linked twice under another folder's name)
        return f"{said} has the same name"
    case = " and letter case" if other_case else ""
    return (f"it is the same name as {said} written with {' and '.join(ways)}{case} (a Mac "
            "keeps only one of two such files)")


def _written_apart(name: str, holder: str) -> tuple[bool, str]:
    """How two names `same_name` takes as one are written apart, letter case aside: whether
    one writes an accent as a combining character where the other does not, and the
    characters that Unicode writes as another (`U+212A KELVIN SIGN for K`), '' for none."""
    def odd(text: str) -> list[str]:
        return sorted(c for c in text if unicodedata.combining(c)
                      or unicodedata.normalize("NFC", c) != c)

    ours, theirs = odd(name), odd(holder)
    if ours == theirs:
        return False, ""
    different = set(ours) ^ set(theirs)
    marks = any(unicodedata.combining(c) for c in different)
    alike = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'a character')} for "
                      f"{unicodedata.normalize('NFC', c)}"
                      for c in sorted(different) if not unicodedata.combining(c))
    return marks, alike


def names_of(path: str, *more: str) -> set[str]:
    """A file's names as `send:` may give them: the path, its last part and `more` (an
    evidence id), folded."""
    return {fold(name) for name in (path, path.rsplit("/", 1)[-1], *more) if name.strip()}


def evidence_member(path: str) -> str:
    """The pack's name for an evidence file a story cites as `path`, before a clash renames
    it, e.g. evidence/a/note.pdf: its accents written as single characters (NFC), as
    Windows, Linux and the web write them (a Mac's NFD name shows the same)."""
    parts = [p for p in PurePosixPath(unicodedata.normalize("NFC", path.strip())).parts
             if p not in ("", ".", "..")]
    return str(PurePosixPath("evidence", *parts))


def image_member(story: Story) -> str | None:
    """The pack's name for a story's lead image, e.g. images/ai-repairs-triage.jpg: its
    story's slug, and -image after it where Windows keeps the slug for a device
    (images/con-image.jpg), before a clash renames it."""
    if story.meta.image is None:
        return None
    suffix = PurePosixPath(story.meta.image.src).suffix.lower()
    name = story.slug + suffix
    return f"images/{name if windows_safe(name) else device_marked(story.slug, IMAGE_MARK, suffix)}"


def cited_names(stories: Iterable[Story]) -> dict[str, set[str]]:
    """Each file the stories cite or show (evidence, lead images) by its pack name, with
    the names `send:` may give it: as `pack.files.gather` names them, without reading a file."""
    called: dict[str, set[str]] = {}
    for story in stories:
        for item in story.meta.evidence:
            member = evidence_member(item.path)
            called.setdefault(member, names_of(member)).update(names_of(item.path, item.id))
        image = image_member(story)
        if image is not None and story.meta.image is not None:
            called.setdefault(image, names_of(image)).update(names_of(story.meta.image.src))
    return called


def matching(name: str, called: Mapping[str, set[str]]) -> list[str]:
    """The files (pack names, in `called`'s order) that `name` names: one, none, or several
    when an evidence id or a file name is shared (ids are per story)."""
    wanted = fold(name)
    return [member for member, names in called.items() if wanted in names]


def listed_format(name: str) -> str:
    """A format as an award lists it (PDF, .pdf, jpeg): lower case, no dot; jpeg is jpg,
    tif is tiff."""
    name = name.strip().lower().lstrip(".")
    return _SAME_FORMAT.get(name, name)


def file_format(path: str) -> str:
    """A file's format as `listed_format` gives it, from its suffix ('' without one)."""
    last = path.rsplit("/", 1)[-1]
    return listed_format(last.rsplit(".", 1)[-1]) if "." in last else ""
