"""A horizontal bar chart laid out on the server, drawn as SVG by the template.

No JavaScript and no styles: only SVG presentation attributes, so the strict
Content-Security-Policy holds. Every figure is also given in a table next to the chart.
"""

from dataclasses import dataclass

WIDTH = 720
LABEL_WIDTH = 300
VALUE_WIDTH = 56
BAR_HEIGHT = 22
GAP = 8
INDENT = 16
LABEL_CHARS = 40
# Bars of a top-level region, then of the level below it (both at least 3:1 against white).
FILLS = ("#1d4e89", "#4f7fbf")


@dataclass
class Bar:
    label: str  # shortened to fit; the full name is in `name`
    name: str
    value: int
    level: int
    y: int
    text_y: int
    label_x: int
    width: int
    value_x: int
    fill: str


@dataclass
class BarChart:
    width: int
    height: int
    bar_x: int
    bar_height: int
    bars: list[Bar]


def _shorten(text: str, level: int) -> str:
    room = LABEL_CHARS - 2 * level
    return text if len(text) <= room else text[: room - 1].rstrip() + "…"


def bar_chart(rows: list[tuple[str, int, int]]) -> BarChart:
    """Rows of (name, value, level): level 0 bars full left, level 1 indented and lighter."""
    largest = max((value for _, value, _ in rows), default=0) or 1
    room = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = []
    for index, (name, value, level) in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        width = max(round(room * value / largest), 1 if value else 0)
        bars.append(
            Bar(
                label=_shorten(name, level),
                name=name,
                value=value,
                level=level,
                y=y,
                text_y=y + BAR_HEIGHT - 6,
                label_x=INDENT * level,
                width=width,
                value_x=LABEL_WIDTH + width + 6,
                fill=FILLS[min(level, len(FILLS) - 1)],
            )
        )
    height = GAP + len(rows) * (BAR_HEIGHT + GAP)
    return BarChart(WIDTH, height, LABEL_WIDTH, BAR_HEIGHT, bars)
