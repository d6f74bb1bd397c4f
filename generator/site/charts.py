"""Bar charts drawn at build time: geometry here, SVG markup in templates/site/chart.svg.j2."""

from __future__ import annotations

from markupsafe import Markup

from .templates import environment

WIDTH, LABEL_WIDTH, BAR_HEIGHT, GAP, VALUE_ROOM = 330, 110, 22, 8, 40  # drawn at about a phone's width: text stays 12 px or more


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, int]], unit: str = "条") -> Markup:
    """A horizontal bar chart of (label, value) rows, with a text description for screen readers."""
    top = max((value for _, value in rows), default=0) or 1
    span = WIDTH - LABEL_WIDTH - VALUE_ROOM
    bars = [
        {"label": label, "value": value, "y": GAP + i * (BAR_HEIGHT + GAP), "width": round(span * value / top, 1)}
        for i, (label, value) in enumerate(rows)
    ]
    desc = "；".join(f"{label}：{value} {unit}" for label, value in rows) or "暂无数据"
    return Markup(
        environment()
        .get_template("chart.svg.j2")
        .render(
            id=chart_id, title=title, desc=desc, bars=bars, width=WIDTH, label_width=LABEL_WIDTH,
            bar_height=BAR_HEIGHT, height=max(40, GAP + len(rows) * (BAR_HEIGHT + GAP)),
        )
        .strip()
    )
