"""The small markup body texts may use, and nothing else, turned into reportlab paragraphs.

    blank line        a new paragraph (a single line break stays a line break)
    **bold**          bold
    *italic*          italic
    - item            a bullet list (also "* item" and "• item" at the start of a line)
    [text](https://…) a link; a bare https:// address is a link too

Everything else prints as typed: the text is escaped before the markup is read, so `<b>`, `&`, `<para>`
or an unbalanced tag in a title, a summary or a return's text never reaches reportlab's own tag parser.
Emphasis markers pair only when they nest properly; a stray or crossing one prints as itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import ListFlowable, ListItem, Paragraph

LINK = re.compile(r"\[([^\]\n]+)\]\(((?:https?://|mailto:)[^\s)]+)\)|(https?://[^\s<>\"]+[^\s<>\".,;:!?)\]])")
EMPHASIS = re.compile(r"\*\*|\*")
BULLET = re.compile(r"^\s*(?:[-*•])\s+(.*)$")
LINK_COLOUR = "#0b4f8a"


@dataclass(frozen=True)
class Block:
    kind: str  # "paragraph" or "bullets"
    items: tuple[str, ...]  # reportlab paragraph markup: one for a paragraph, one per bullet


def plain(value: str | None) -> str:
    """Text that allows no markup at all (titles, names, codes) as paragraph markup that prints it literally."""
    return escape(value or "").replace("\n", "<br/>")


def inline(value: str) -> str:
    """One line or paragraph of user text as paragraph markup: emphasis and links read, everything else escaped."""
    parts: list[str] = []
    position = 0
    for match in LINK.finditer(value):
        parts.append(_emphasis(value[position:match.start()]))
        label, target, bare = match.group(1), match.group(2), match.group(3)
        target = target or bare
        parts.append(f"<a href={quoteattr(target)} color=\"{LINK_COLOUR}\">{escape(label or bare)}</a>")
        position = match.end()
    parts.append(_emphasis(value[position:]))
    return "".join(parts)


def _emphasis(value: str) -> str:
    """`**` and `*` pairs as <b> and <i>, properly nested; unpaired markers stay literal."""
    tokens = list(EMPHASIS.finditer(value))
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for index, token in enumerate(tokens):
        before = value[token.start() - 1] if token.start() > 0 else " "
        after = value[token.end()] if token.end() < len(value) else " "
        if stack and tokens[stack[-1]].group() == token.group() and not before.isspace():
            opener = stack.pop()
            pairs[opener], pairs[index] = index, opener
        elif not after.isspace():
            stack.append(index)
    out: list[str] = []
    position = 0
    for index, token in enumerate(tokens):
        out.append(escape(value[position:token.start()]))
        position = token.end()
        if index not in pairs:
            out.append(token.group())
            continue
        tag = "b" if token.group() == "**" else "i"
        out.append(f"<{tag}>" if pairs[index] > index else f"</{tag}>")
    out.append(escape(value[position:]))
    return "".join(out)


def blocks(value: str | None) -> list[Block]:
    """The paragraphs and bullet lists of a body text, as paragraph markup."""
    result: list[Block] = []
    for chunk in re.split(r"\n\s*\n", (value or "").replace("\r\n", "\n").strip()):
        lines: list[str] = []
        bullets: list[str] = []

        def flush_lines():
            if lines:
                result.append(Block("paragraph", ("<br/>".join(inline(line.strip()) for line in lines),)))
                lines.clear()

        def flush_bullets():
            if bullets:
                result.append(Block("bullets", tuple(inline(item.strip()) for item in bullets)))
                bullets.clear()

        for line in chunk.split("\n"):
            item = BULLET.match(line)
            if item:
                flush_lines()
                bullets.append(item.group(1))
            elif bullets and line.startswith((" ", "\t")) and line.strip():
                bullets[-1] += " " + line.strip()  # a wrapped bullet goes on
            elif line.strip():
                flush_bullets()
                lines.append(line)
        flush_lines()
        flush_bullets()
    return result


def paragraph(markup: str, style: ParagraphStyle, fallback: str | None = None) -> Paragraph:
    """A paragraph of markup made here; should reportlab still refuse it, the text prints escaped instead."""
    try:
        return Paragraph(markup, style)
    except ValueError:
        return Paragraph(escape(fallback if fallback is not None else markup), style)


def flowables(value: str | None, style: ParagraphStyle, *, bullet_colour=None) -> list:
    """A body text as paragraphs and bullet lists in `style`."""
    flow: list = []
    for block in blocks(value):
        if block.kind == "paragraph":
            flow.append(paragraph(block.items[0], style, value))
            continue
        item_style = ParagraphStyle(f"{style.name}_item", parent=style, spaceAfter=style.spaceAfter / 3)
        items = [ListItem(paragraph(item, item_style, value), leftIndent=10) for item in block.items]
        flow.append(ListFlowable(items, bulletType="bullet", start="•", leftIndent=10, bulletFontName=style.fontName,
                                 bulletFontSize=style.fontSize, bulletColor=bullet_colour or style.textColor,
                                 spaceAfter=style.spaceAfter))
    return flow
