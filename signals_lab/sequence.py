"""Sequence diagrams as standalone SVG, in pure Python.

Caveats first:

- Text is set in the reader's own monospace font (no font is embedded or
  fetched), and widths are estimated from the number of characters, so a
  very wide font can make a label overrun its box a little.
- Output is deterministic: the same diagram gives the same bytes, so a
  committed file can be compared with a fresh drawing. Nothing that changes
  from run to run (times, ids, addresses) belongs in a label.
- No script, no external reference: the file works inline, as an ``<img>``,
  and offline.
"""

from dataclasses import dataclass, field
from xml.sax.saxutils import escape

CHAR_WIDTH = 7.3  # of a 12px monospace glyph, rounded up
LINE_HEIGHT = 15
MARGIN = 16
HEAD_HEIGHT = 34
MIN_GAP = 120
ROW = 26
COLORS = {
    "line": "#444",
    "head": "#e8eef7",
    "note": "#fff7d6",
    "group": "#7a869a",
    "return": "#666",
}


@dataclass
class Participant:
    key: str
    label: str


@dataclass
class Message:
    """An arrow from one participant to another (or to itself, when source == target)."""

    source: str
    target: str
    label: str
    reply: bool = False  # drawn dashed: a return, or something that happens later


@dataclass
class Note:
    """A note over one participant, or spanning from `over[0]` to `over[-1]`."""

    over: tuple
    text: str


@dataclass
class Group:
    """A labelled box around steps: one branch of an alt, a loop, a phase."""

    label: str
    steps: list = field(default_factory=list)


@dataclass
class Diagram:
    title: str
    participants: list
    steps: list = field(default_factory=list)

    def index(self, key):
        for position, participant in enumerate(self.participants):
            if participant.key == key:
                return position
        raise KeyError(f"no participant {key!r} in {self.title!r}")


def text_width(text):
    return max((len(line) for line in text.split("\n")), default=0) * CHAR_WIDTH


def _lines(text):
    return text.split("\n")


def _walk(steps, depth=0):
    """Every step, depth first, with its group nesting depth."""
    for step in steps:
        yield step, depth
        if isinstance(step, Group):
            yield from _walk(step.steps, depth + 1)


def _gaps(diagram):
    """The distance between each participant's lifeline and the next one's."""
    count = len(diagram.participants)
    halves = [text_width(participant.label) / 2 + 40 for participant in diagram.participants]
    gaps = [max(MIN_GAP, halves[i], halves[i + 1]) for i in range(count - 1)]
    for step, _ in _walk(diagram.steps):
        if isinstance(step, Message):
            first, last = sorted((diagram.index(step.source), diagram.index(step.target)))
            need = text_width(step.label) + 24
            if first == last:  # a self-message writes its label to the right
                if first < count - 1:
                    gaps[first] = max(gaps[first], need + 30)
                continue
            share = need / (last - first)
            for position in range(first, last):
                gaps[position] = max(gaps[position], share)
        elif isinstance(step, Note) and len(step.over) > 1:
            first, last = sorted(diagram.index(key) for key in step.over)
            share = (text_width(step.text) + 16) / max(last - first, 1)
            for position in range(first, max(last, first + 1)):
                if position < count - 1:
                    gaps[position] = max(gaps[position], share)
    return gaps


def _text(x, y, text, anchor="middle", weight=None, size=12, fill="#111"):
    attrs = f'x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" fill="{fill}"'
    if weight:
        attrs += f' font-weight="{weight}"'
    lines = _lines(text)
    if len(lines) == 1:
        return f"<text {attrs}>{escape(text)}</text>"
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else LINE_HEIGHT}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f"<text {attrs}>{spans}</text>"


class _Canvas:
    def __init__(self, diagram):
        self.diagram = diagram
        gaps = _gaps(diagram)
        first_half = text_width(diagram.participants[0].label) / 2 + 12
        left = MARGIN + max(first_half, 40) + 8
        self.x = [left]
        for gap in gaps:
            self.x.append(self.x[-1] + gap)
        last_half = text_width(diagram.participants[-1].label) / 2 + 12
        self.width = self.x[-1] + max(last_half, 40) + MARGIN + 8
        for step, _ in _walk(diagram.steps):  # room for a last participant's self-message
            if isinstance(step, Message) and step.source == step.target:
                x = self.x[diagram.index(step.source)]
                self.width = max(self.width, x + 40 + text_width(step.label) + MARGIN)
        self.body = []
        self.y = MARGIN + 22 + HEAD_HEIGHT + 14

    def heads(self, y):
        for participant, x in zip(self.diagram.participants, self.x, strict=True):
            w = max(text_width(participant.label) + 20, 70)
            self.body.append(
                f'<rect x="{x - w / 2:.1f}" y="{y:.1f}" width="{w:.1f}" height="{HEAD_HEIGHT}" '
                f'rx="4" fill="{COLORS["head"]}" stroke="{COLORS["line"]}"/>'
            )
            self.body.append(_text(x, y + 21, participant.label, weight="bold"))

    def steps(self, steps, depth):
        for step in steps:
            if isinstance(step, Group):
                self.group(step, depth)
            elif isinstance(step, Note):
                self.note(step)
            else:
                self.message(step)

    def group(self, group, depth):
        top = self.y
        self.y += 26
        self.steps(group.steps, depth + 1)
        inset = 8 + depth * 6
        left, right = MARGIN + inset - 8, self.width - MARGIN - inset + 8
        label_width = text_width(group.label) + 14
        self.body.append(
            f'<rect x="{left:.1f}" y="{top:.1f}" width="{right - left:.1f}" '
            f'height="{self.y - top + 4:.1f}" fill="none" stroke="{COLORS["group"]}" '
            f'stroke-dasharray="2 2"/>'
        )
        self.body.append(
            f'<path d="M{left:.1f},{top + 18:.1f} h{label_width:.1f} l6,-6 v-12" '
            f'fill="#eef0f4" stroke="{COLORS["group"]}"/>'
        )
        self.body.append(_text(left + 6, top + 13, group.label, anchor="start", weight="bold"))
        self.y += 14

    def note(self, note):
        positions = [self.diagram.index(key) for key in note.over]
        first, last = self.x[min(positions)], self.x[max(positions)]
        lines = _lines(note.text)
        w = max(text_width(note.text) + 16, last - first + 40)
        h = len(lines) * LINE_HEIGHT + 10
        cx = (first + last) / 2
        self.body.append(
            f'<rect x="{cx - w / 2:.1f}" y="{self.y:.1f}" width="{w:.1f}" height="{h}" '
            f'fill="{COLORS["note"]}" stroke="#b59f3b"/>'
        )
        self.body.append(_text(cx, self.y + 16, note.text, size=11))
        self.y += h + 10

    def message(self, message):
        x1 = self.x[self.diagram.index(message.source)]
        x2 = self.x[self.diagram.index(message.target)]
        lines = _lines(message.label)
        label_y = self.y + 10
        line_y = self.y + 14 + (len(lines) - 1) * LINE_HEIGHT
        color = COLORS["return"] if message.reply else COLORS["line"]
        dash = ' stroke-dasharray="5 3"' if message.reply else ""
        if x1 == x2:
            self.body.append(_text(x1 + 34, label_y + 6, message.label, anchor="start"))
            top, bottom = line_y - 6, line_y + 12
            self.body.append(
                f'<path d="M{x1:.1f},{top:.1f} h26 v{bottom - top:.1f} h-22" fill="none" '
                f'stroke="{color}"{dash} marker-end="url(#arrow)"/>'
            )
            self.y = bottom + 10
            return
        self.body.append(_text((x1 + x2) / 2, label_y, message.label))
        end = x2 - 2 if x2 > x1 else x2 + 2
        self.body.append(
            f'<line x1="{x1:.1f}" y1="{line_y:.1f}" x2="{end:.1f}" y2="{line_y:.1f}" '
            f'stroke="{color}"{dash} marker-end="url(#arrow)"/>'
        )
        self.y = line_y + ROW - 12


def render_svg(diagram, inline=False):
    """The diagram as a standalone SVG document (a str); `inline` leaves out the XML
    declaration, for an ``<svg>`` written straight into an HTML page."""
    canvas = _Canvas(diagram)
    canvas.heads(MARGIN + 22)
    canvas.steps(diagram.steps, 0)
    bottom = canvas.y + 6
    lifelines = [
        f'<line x1="{x:.1f}" y1="{MARGIN + 22 + HEAD_HEIGHT:.1f}" x2="{x:.1f}" '
        f'y2="{bottom:.1f}" stroke="#9aa" stroke-dasharray="4 4"/>'
        for x in canvas.x
    ]
    body = canvas.body
    canvas.body = []
    canvas.heads(bottom)
    width, height = round(canvas.width), round(bottom + HEAD_HEIGHT + MARGIN)
    title = escape(diagram.title)
    label = escape(diagram.title, {'"': "&quot;"})
    parts = [
        *([] if inline else ['<?xml version="1.0" encoding="UTF-8"?>']),
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{label}" '
        'font-family="ui-monospace, SFMono-Regular, Menlo, Consolas, monospace">',
        f"<title>{title}</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="#444"/></marker></defs>',
        f'<rect width="{width}" height="{height}" fill="#fff"/>',
        _text(MARGIN, MARGIN + 8, diagram.title, anchor="start", weight="bold", size=13),
        *lifelines,
        *body,
        *canvas.body,
        "</svg>",
        "",
    ]
    return "\n".join(parts)
