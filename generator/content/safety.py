"""What must never reach the public site: personal data, active HTML, unsafe links, escaping paths.

`check` reports each construct so the contributor learns why; the renderer
(`generator.render`) sanitizes as well, so a bypass of `check` still publishes
nothing active.
"""

from __future__ import annotations

import html
import os
import re
import stat
from functools import lru_cache
from pathlib import Path

from ..characters import HIDDEN, code_point
from ..messages import character_name
from ..problems import Problem, problem
from .images import MAX_PIXELS, pixel_size

# --- personal data

ID_CARD = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<![0-9])(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?![0-9])")
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
URL_SPAN = re.compile(r"https?://[^\s)<>\]]+")
LONG_NUMBER = re.compile(r"\d\d\d[- ]?\d{4}[- ]?\d{4}")  # \d\d\d, not \d{3}: re then skips to digits quickly
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def id_card_valid(number: str) -> bool:
    total = sum(int(d) * w for d, w in zip(number[:17], ID_WEIGHTS))
    return ID_CHECK[total % 11] == number[17].upper()


def find_private_data(path: str, text: str, first_line: int = 1) -> list[Problem]:
    """Resident ID numbers (valid check digit), mobile numbers and e-mail addresses, by line."""
    found = []
    if "@" not in text and not LONG_NUMBER.search(text):
        return found  # the common case: no run of digits long enough, no @
    for offset, line in enumerate(text.split("\n")):
        lineno = first_line + offset
        scan = URL_SPAN.sub(lambda m: " " * len(m.group(0)), line)  # numbers inside links are ids, not phones
        for match in ID_CARD.finditer(scan):
            if id_card_valid(match.group(1)):
                found.append(problem(path, (lineno, match.start() + 1), "private-id-card"))
        scan = ID_CARD.sub(lambda m: " " * len(m.group(0)), scan)
        for match in MOBILE.finditer(scan):
            found.append(problem(path, (lineno, match.start() + 1), "private-mobile"))
        for match in EMAIL.finditer(scan):
            found.append(problem(path, (lineno, match.start() + 1), "private-email", found=match.group(0)))
    return found


# --- characters nobody can see (generator.characters)


def hidden_params(char: str) -> dict:
    """What a message says of a hidden character: its code point and name."""
    zh, en = character_name(char)
    return {"char": code_point(char), "name": zh, "name_en": en}


def hidden_in_value(value: str) -> dict | None:
    """The params of a field-hidden-character problem for the first hidden character of a value, or None."""
    match = HIDDEN.search(value)
    return None if match is None else {**hidden_params(match.group(0)), "position": match.start() + 1}


def hidden_at(path: str, text: str, first_line: int, pattern: re.Pattern = HIDDEN) -> list[Problem]:
    """The first hidden character of each line of `text` that has one (callers cap how many are listed)."""
    found = []
    line, counted = first_line, 0  # the line number at offset `counted`
    match = pattern.search(text)
    while match:
        at = match.start()
        line += text.count("\n", counted, at)
        counted = at
        column = at - text.rfind("\n", 0, at)
        found.append(problem(path, (line, column), "hidden-character", **hidden_params(match.group(0))))
        line_end = text.find("\n", at)
        match = pattern.search(text, line_end + 1) if line_end >= 0 else None
    return found


CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});")


def hidden_references(path: str, text: str, first_line: int) -> list[Problem]:
    """HTML character references that stand for a hidden character (&#8203;, &#x202E;, &zwj; …), each at its line."""
    if "&" not in text:
        return []
    found = []
    for offset, line in enumerate(text.split("\n")):
        if "&" not in line:
            continue
        for match in CHARACTER_REFERENCE.finditer(line):
            char = html.unescape(match.group(0))
            if len(char) == 1 and HIDDEN.match(char):
                found.append(problem(path, (first_line + offset, match.start() + 1), "hidden-reference",
                                     found=match.group(0), **hidden_params(char)))  # fmt: skip
    return found


# --- links and schemes

SAFE_SCHEMES = {"http", "https", "mailto"}
MAX_URL = 2048  # characters of one address: what browsers and servers reliably accept
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]+")
DANGEROUS_ANYWHERE = re.compile(r"(?:java|vb|live)script:|data:[a-z-]+/[a-z0-9.+-]+")


def _normalize_url(url: str) -> str:
    text = url
    for _ in range(3):  # entity-encoding may be nested: &amp;#106;
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return CONTROL.sub("", text).lower()


@lru_cache(maxsize=4096)  # the same links recur across entries
def url_scheme(url: str) -> str | None:
    match = SCHEME.match(_normalize_url(url))
    return match.group(1) if match else None


def is_safe_link(url: str) -> bool:
    scheme = url_scheme(url)
    return scheme is None or scheme in SAFE_SCHEMES


def dangerous_scheme(text: str) -> str | None:
    """A script or data URL anywhere in a plain-text value, as written."""
    if ":" not in text and "&" not in text:
        return None  # no colon, and none hidden in an entity
    match = DANGEROUS_ANYWHERE.search(_normalize_url(text))
    return match.group(0) if match else None


# --- raw HTML in Markdown bodies

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "dl", "dt", "em", "figcaption",
    "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "kbd", "li", "mark", "ol", "p", "pre", "q",
    "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
}
URL_ATTRIBUTES = {"href", "src"}
REASONS = {
    "tag": ("标签不在允许列表中", "the tag is not on the allowlist"),
    "event": ("事件属性会执行脚本", "event attributes run script"),
    "attribute": ("属性不在允许列表中", "the attribute is not on the allowlist"),
    "url": ("链接协议不安全", "the link scheme is unsafe"),
}

AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*)>")
MD_LINK = re.compile(r"\]\(\s*<?([^\s)>]+)")
MD_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
MD_IMAGE = re.compile(r"!\[((?:[^\[\]]|\[[^\[\]]*\])*+)\]\(\s*<?([^\s)>]+)")  # alt text: brackets one level deep


# A start tag as html.parser reads it, found without its quadratic rescans: the name, then attributes up to
# the `>` (quoted values may hold `<` and `>`). A run stops at the next `<` outside quotes, so no text is
# scanned twice however many tags are left open; `<![` (CDATA and the like) is named as a tag.
START_TAG = re.compile(r"""<(?:([a-zA-Z][^\t\n\r\f />\x00<]*)((?:[^<>"']++|"[^"]*+"|'[^']*+')*+)|(!\[))""")
ATTRIBUTE = re.compile(r"""((?<=['"\s/])[^\s/>][^\s/=>]*)(?:\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?""")


def _tags(text: str):
    """(offset, tag, attributes) of every start tag, lowercased as html.parser gives them; (offset, "<![…", None)
    for a declaration. A `<` with no `>` anywhere after it opens no tag (html.parser leaves it as text)."""
    last_close = text.rfind(">")
    for match in START_TAG.finditer(text):
        if match.group(3):
            yield match.start(), "<![" + text[match.end() : match.end() + 20], None
            continue
        if match.end() > last_close:
            break
        attributes = {}
        for attr in ATTRIBUTE.finditer(text, match.start(2), match.end(2)):
            value = attr.group(2) or ""
            if value[:1] in ("'", '"'):
                value = value[1:-1]
            attributes.setdefault(attr.group(1).lower(), html.unescape(value))
        yield match.start(), match.group(1).lower()[:40], attributes


def _unsafe_html(path: str, body: str, first_line: int) -> list[Problem]:
    text = AUTOLINK.sub(lambda m: " " * len(m.group(0)), body)
    found = []
    line, counted, line_start = first_line, 0, 0  # newlines are counted once, from one tag to the next
    for offset, tag, attrs in _tags(text):
        newline = text.rfind("\n", counted, offset)
        if newline >= 0:
            line += text.count("\n", counted, offset)
            line_start = newline + 1
        counted = offset
        where = (line, offset - line_start + 1)
        if attrs is None:
            found.append(_html_problem(path, where, f"<{tag}>", "tag"))
            continue
        if tag not in ALLOWED_TAGS:
            found.append(_html_problem(path, where, f"<{tag}>", "tag"))
            continue
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(_html_problem(path, where, f"<{tag} {name[:40]}>", "event"))
            elif name not in ALLOWED_ATTRIBUTES.get(tag, ()):
                found.append(_html_problem(path, where, f"<{tag} {name[:40]}>", "attribute"))
            elif name in URL_ATTRIBUTES and not is_safe_link(value):
                found.append(_html_problem(path, where, f"<{tag} {name}={value[:40]}>", "url"))
    return found


def _html_problem(path, where, found, reason) -> Problem:
    zh, en = REASONS[reason]
    return problem(path, where, "unsafe-html", found=found, why=zh, why_en=en)


def _unsafe_links(path: str, body: str, first_line: int) -> list[Problem]:
    found = []
    for offset, line in enumerate(body.split("\n")):
        if "](" not in line and "<" not in line and "]:" not in line:
            continue  # none of the three patterns can match
        for pattern in (MD_LINK, AUTOLINK, MD_REFERENCE):
            for match in pattern.finditer(line):
                url, where = match.group(1), (first_line + offset, match.start(1) + 1)
                if len(url) > MAX_URL:
                    found.append(problem(path, where, "url-too-long", found=len(url), limit=MAX_URL))
                elif not is_safe_link(url):
                    found.append(problem(path, where, "unsafe-url", found=url[:60]))
    return found


# --- images and attachments

IMAGE_FORMATS = (".png", ".jpg", ".jpeg", ".webp", ".gif")
MAX_IMAGE_BYTES = 2_000_000
CONTENT_ROOT = "cases"
DRIVE = re.compile(r"^[A-Za-z]:")


def local_target(entry_path: str, url: str) -> str | None:
    """The project-relative path a relative link points to, or None if it leaves cases/."""
    clean = url.split("#", 1)[0].split("?", 1)[0]
    if not clean or clean.startswith(("/", "\\")) or DRIVE.match(clean) or "\\" in clean:
        return None
    parts = [part for part in entry_path.split("/")[:-1] if part not in ("", ".")]
    for part in clean.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if len(parts) <= 1:
                return None
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts) if parts and parts[0] == CONTENT_ROOT else None


def file_state(root: Path, target: str) -> tuple[str, int]:
    """('ok', size), or the reason a target path cannot be used ('missing', 'symlink')."""
    current = root
    for part in target.split("/"):
        current = current / part
        try:
            info = os.lstat(current)
        except OSError:
            return "missing", 0
        if stat.S_ISLNK(info.st_mode):
            return "symlink", 0
    return ("ok", info.st_size) if stat.S_ISREG(info.st_mode) else ("missing", 0)


class _Targets:
    """The files one body links to, each looked at once however often it is linked."""

    def __init__(self, root: Path):
        self.root = root
        self.states: dict[str, tuple[str, int]] = {}
        self.sizes: dict[str, tuple[int, int] | None] = {}

    def state(self, target: str) -> tuple[str, int]:
        if target not in self.states:
            self.states[target] = file_state(self.root, target)
        return self.states[target]

    def pixels(self, target: str) -> tuple[int, int] | None:
        if target not in self.sizes:
            self.sizes[target] = pixel_size(self.root / target)
        return self.sizes[target]


def _images_and_files(root: Path | None, path: str, body: str, first_line: int) -> list[Problem]:
    found = []
    targets = _Targets(root) if root is not None else None
    for offset, line in enumerate(body.split("\n")):
        if "](" not in line:
            continue  # no link or image on this line
        lineno = first_line + offset
        images = {m.start(2): (m.group(1), m.group(2)) for m in MD_IMAGE.finditer(line)}
        links = {m.start(1): m.group(1) for m in MD_LINK.finditer(line)}
        for start, url in links.items():
            where = (lineno, start + 1)
            is_image = start in images
            if url_scheme(url) is not None or url.startswith("#"):
                if is_image:  # images come from the site itself, never from elsewhere
                    found.append(problem(path, where, "path-escape", found=url[:60]))
                continue
            target = local_target(path, url)
            if target is None:
                found.append(problem(path, where, "path-escape", found=url[:60]))
                continue
            if is_image:
                found += _image_problems(targets, path, where, images[start], target)
            elif targets is not None and not target.endswith(".md"):
                state, _ = targets.state(target)
                if state != "ok":
                    rule = "image-symlink" if state == "symlink" else "image-missing"
                    found.append(problem(path, where, rule, found=url))
    return found


def _image_problems(targets: _Targets | None, path, where, image, target) -> list[Problem]:
    alt, url = image
    found = []
    if not alt.strip():
        found.append(problem(path, where, "image-alt", found=url))
    if not target.lower().endswith(IMAGE_FORMATS):
        found.append(problem(path, where, "image-format", found=url, expected=" ".join(IMAGE_FORMATS)))
    elif targets is not None:
        state, size = targets.state(target)
        if state == "symlink":
            found.append(problem(path, where, "image-symlink", found=url))
        elif state == "missing":
            found.append(problem(path, where, "image-missing", found=url))
        elif size > MAX_IMAGE_BYTES:
            found.append(problem(path, where, "image-too-large", found=url, size=size, limit=MAX_IMAGE_BYTES))
        else:
            pixels = targets.pixels(target)
            if pixels and pixels[0] * pixels[1] > MAX_PIXELS:
                found.append(problem(path, where, "image-too-many-pixels", found=url, width=pixels[0], height=pixels[1],
                                     limit=MAX_PIXELS // 1_000_000))  # fmt: skip
    return found


def check_body(root: Path | None, path: str, body: str, first_line: int) -> list[Problem]:
    """Every unsafe construct in a Markdown body, each at its line."""
    if "<" not in body and "](" not in body and "]:" not in body:
        return []  # no HTML, no links, no images
    return (
        (_unsafe_html(path, body, first_line) if "<" in body else [])
        + _unsafe_links(path, body, first_line)
        + _images_and_files(root, path, body, first_line)
    )
