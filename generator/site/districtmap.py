"""The district map: Chongqing's districts as tiles placed by geography (a tile-grid cartogram), drawn at build time.

Positions are data (`tile: [column, row]` in cases/districts.yml); this module turns
them and the entry counts into geometry, and templates/site/district_map.svg.j2 into
SVG. No boundary is drawn: a schematic of tiles needs no map review (审图号), and a
small urban district shows as clearly as a large rural one. Districts without a tile
(functional areas, 全市, 未注明) are listed beside the map; a table is the accessible
alternative on the districts page.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from .templates import environment

TILE, GAP, PAD = 52, 4, 2
SHADES = 4  # colour steps for counts above zero


@dataclass(frozen=True)
class Tile:
    name: str  # 万州区
    short: str  # 万州: the shortest name people use
    count: int
    url: str | None  # site-relative; None without entries (no page)
    x: int
    y: int
    shade: int  # 0 for no entry, 1..SHADES by count


@dataclass(frozen=True)
class DistrictMap:
    svg: Markup | None  # None when no district has a tile
    others: tuple[Tile, ...]  # districts without a tile, with entries: listed beside the map
    shades: int = SHADES


def short_name(district) -> str:
    return min((district.name, *district.aliases), key=len)


def shade(count: int, top: int) -> int:
    return 0 if count <= 0 else max(1, -(-SHADES * count // max(top, 1)))


def district_map(districts, counts: dict[str, int], urls: dict[str, str], link) -> DistrictMap:
    """The map of `districts` (vocabulary order), with each one's entry count and page (`urls`, site-relative).

    `link(url)` makes a site URL relative to the page the map is on.
    """
    top = max(counts.values(), default=0)
    step = TILE + GAP
    tiles, others = [], []
    for district in districts:
        count = counts.get(district.name, 0)
        if district.tile is None:
            if count:
                others.append(Tile(district.name, short_name(district), count, urls.get(district.name), 0, 0,
                                   shade(count, top)))  # fmt: skip
            continue
        column, row = district.tile
        tiles.append(Tile(district.name, short_name(district), count, urls.get(district.name),
                          PAD + column * step, PAD + row * step, shade(count, top)))  # fmt: skip
    if not tiles:  # a vocabulary without positions: the districts are listed, not drawn
        return DistrictMap(None, tuple(others))
    width = PAD + max(t.x for t in tiles) + TILE
    height = PAD + max(t.y for t in tiles) + TILE
    svg = environment().get_template("district_map.svg.j2").render(
        tiles=tiles, width=width, height=height, tile=TILE, link=link, with_entries=sum(1 for t in tiles if t.count))
    return DistrictMap(Markup(svg.strip()), tuple(others))
