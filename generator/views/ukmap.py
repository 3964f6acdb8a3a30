"""The map on the Where page as data: the UK's nations and England's nine regions, each with its case studies.

The outlines are our own, drawn for this site: a few dozen points per area, placed by hand at approximate
longitudes and latitudes of coastal and boundary landmarks (Berwick, the Wash, Land's End...). They are
meant to be recognisable, not accurate; no map data was copied. Neighbouring areas share the points of their
common border (``_P``), so the shapes meet without gaps. Points are projected with a plain equirectangular
projection, longitude scaled by the cosine of 54.5°N, which is close enough at this size.

A case study counts in one area: Scotland, Wales or Northern Ireland by its nation; in England, the region its
record names when that is one of the nine (``canonical_region`` accepts common spellings). An English record
naming anything else ("South West, London and Ayrshire") is counted apart, as not in one region.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote_plus

from ..model.entities import Catalogue, CaseStudy
from ..words import slug

ENGLISH_REGIONS = ("North East", "North West", "Yorkshire and the Humber", "East Midlands", "West Midlands",
                   "East of England", "London", "South East", "South West")
_REGION_ALIASES = {slug(name): name for name in ENGLISH_REGIONS} | {
    "yorkshire-and-humber": "Yorkshire and the Humber", "yorkshire-humber": "Yorkshire and the Humber",
    "yorkshire": "Yorkshire and the Humber", "east": "East of England", "east-england": "East of England",
    "eastern": "East of England", "greater-london": "London"}


def canonical_region(case: CaseStudy) -> str | None:
    """One of ``ENGLISH_REGIONS`` for an English case study whose region names it, else None."""
    return _REGION_ALIASES.get(slug(case.region)) if case.nation == "England" else None


# Points (longitude, latitude). Names say roughly where each is; shared ones sit on a border.
_P: dict[str, tuple[float, float]] = {
    # Scotland - England border and the Scottish coast, clockwise from the Solway
    "solway": (-3.05, 54.98), "kielder": (-2.6, 55.2), "cheviot": (-2.2, 55.45), "berwick": (-2.02, 55.78),
    "dunbar": (-2.5, 56.0), "leith": (-3.2, 55.98), "forth": (-3.7, 56.05), "fife": (-2.6, 56.28),
    "tay": (-2.9, 56.45), "montrose": (-2.45, 56.7), "aberdeen": (-2.05, 57.15), "peterhead": (-1.78, 57.5),
    "fraserburgh": (-2.0, 57.7), "moray": (-3.3, 57.68), "inverness": (-4.2, 57.5), "tain": (-3.8, 57.85),
    "helmsdale": (-3.6, 58.1), "wick": (-3.1, 58.45), "duncansby": (-3.03, 58.65), "dunnet": (-3.4, 58.67),
    "cape-wrath": (-5.0, 58.62), "lochinver": (-5.3, 58.15), "ullapool": (-5.2, 57.9), "torridon": (-5.8, 57.55),
    "kyle": (-5.7, 57.28), "mallaig": (-5.85, 57.0), "ardnamurchan": (-6.2, 56.72), "oban": (-5.5, 56.4),
    "knapdale": (-5.6, 55.95), "kintyre": (-5.8, 55.3), "tarbert": (-5.4, 55.85), "greenock": (-4.8, 55.95),
    "ardrossan": (-4.82, 55.64), "ayr": (-4.63, 55.46), "girvan": (-4.86, 55.24), "galloway": (-4.86, 54.64),
    "wigtown": (-4.4, 54.85), "kirkcudbright": (-4.05, 54.82), "nith": (-3.6, 54.95),
    # North East and North West
    "amble": (-1.58, 55.33), "tyne": (-1.42, 55.02), "hartlepool": (-1.2, 54.69), "tees": (-1.15, 54.62),
    "staithes": (-0.79, 54.56), "alston": (-2.45, 54.85), "ne-nw-yh": (-2.17, 54.46), "teesdale": (-1.7, 54.5),
    "yarm": (-1.3, 54.48), "silloth": (-3.4, 54.87), "st-bees": (-3.63, 54.5), "barrow": (-3.23, 54.1),
    "morecambe": (-2.85, 54.15), "fleetwood": (-3.02, 53.93), "southport": (-3.02, 53.64), "liverpool": (-3.05, 53.43),
    "wirral": (-3.15, 53.37), "dee": (-3.05, 53.25), "dales": (-2.4, 54.2), "bowland": (-2.3, 53.95),
    "calder": (-2.05, 53.72), "saddleworth": (-1.98, 53.55), "nw-yh-em": (-1.85, 53.47), "peak": (-2.0, 53.3),
    "nw-em-wm": (-2.0, 53.12), "nw-wm-wales": (-2.72, 52.98), "chester": (-2.93, 53.12),
    # Yorkshire and the Humber, East Midlands
    "whitby": (-0.61, 54.49), "scarborough": (-0.4, 54.28), "flamborough": (-0.08, 54.12), "hornsea": (-0.15, 53.9),
    "spurn": (0.12, 53.58), "hull": (-0.35, 53.72), "goole": (-0.75, 53.7), "humber-s": (-0.45, 53.64),
    "grimsby": (-0.05, 53.56), "yh-em-coast": (0.05, 53.47), "caistor": (-0.45, 53.45), "axholme": (-0.9, 53.45),
    "bawtry": (-1.05, 53.4), "sheffield-s": (-1.3, 53.3), "ladybower": (-1.6, 53.33),
    "skegness": (0.35, 53.15), "gibraltar": (0.33, 53.08), "boston": (0.05, 52.9), "em-eoe-wash": (0.19, 52.79),
    "peterborough": (-0.2, 52.65), "rutland": (-0.45, 52.52), "kimbolton": (-0.5, 52.3), "em-eoe-se": (-0.7, 52.13),
    "brackley": (-1.1, 52.03), "em-wm-se": (-1.32, 52.1), "watling": (-1.2, 52.4), "ashby": (-1.55, 52.72),
    "dove": (-1.7, 52.82), "dovedale": (-1.85, 53.02),
    # West Midlands, Wales border, South West boundary
    "oswestry": (-3.08, 52.85), "welshpool": (-3.12, 52.58), "knighton": (-3.03, 52.35), "hay": (-3.12, 52.07),
    "monnow": (-2.9, 51.93), "wm-wales-sw": (-2.68, 51.82), "chepstow": (-2.66, 51.63), "ross": (-2.4, 51.95),
    "malvern": (-2.15, 52.0), "evesham": (-1.8, 52.05), "wm-sw-se": (-1.6, 52.05),
    # East of England and London
    "kings-lynn": (0.4, 52.76), "hunstanton": (0.5, 52.95), "cromer": (1.3, 52.93), "yarmouth": (1.75, 52.6),
    "lowestoft": (1.76, 52.47), "felixstowe": (1.35, 51.95), "clacton": (1.15, 51.78), "maldon": (0.9, 51.62),
    "southend": (0.72, 51.53), "eoe-ldn-se": (0.22, 51.48), "leighton": (-0.65, 51.9), "chilterns": (-0.55, 51.68),
    "eoe-ldn-se-w": (-0.5, 51.62), "enfield": (-0.1, 51.69), "havering": (0.22, 51.62), "ldn-kent": (0.1, 51.3),
    "ldn-surrey": (-0.15, 51.29), "kingston": (-0.45, 51.37), "heathrow": (-0.51, 51.47),
    # South East coast and the South West
    "grain": (0.7, 51.45), "whitstable": (1.0, 51.36), "foreland": (1.45, 51.38), "dover": (1.35, 51.12),
    "dungeness": (0.97, 50.92), "hastings": (0.6, 50.86), "beachy": (0.25, 50.74), "brighton": (-0.15, 50.82),
    "selsey": (-0.8, 50.72), "portsmouth": (-1.1, 50.8), "southampton": (-1.4, 50.85), "christchurch": (-1.75, 50.72),
    "cranborne": (-1.85, 50.95), "andover": (-1.6, 51.2), "kennet": (-1.55, 51.42), "lechlade": (-1.68, 51.65),
    "cotswold": (-1.7, 51.9), "poole": (-2.0, 50.68), "portland": (-2.45, 50.55), "lyme": (-2.95, 50.72),
    "exmouth": (-3.4, 50.62), "start": (-3.64, 50.22), "plymouth": (-4.15, 50.35), "lizard": (-5.2, 49.96),
    "lands-end": (-5.72, 50.07), "st-ives": (-5.48, 50.21), "newquay": (-5.08, 50.42), "hartland": (-4.53, 51.0),
    "bideford": (-4.2, 51.08), "minehead": (-3.47, 51.2), "bridgwater": (-3.05, 51.22), "weston": (-2.98, 51.35),
    "avonmouth": (-2.72, 51.5), "severn": (-2.6, 51.6),
    # Wales coast, south to north
    "newport": (-2.95, 51.55), "cardiff": (-3.17, 51.45), "porthcawl": (-3.7, 51.48), "swansea": (-3.95, 51.6),
    "gower": (-4.3, 51.55), "carmarthen": (-4.5, 51.72), "st-govans": (-4.95, 51.6), "st-davids": (-5.3, 51.88),
    "fishguard": (-5.0, 52.02), "cardigan": (-4.7, 52.12), "aberystwyth": (-4.08, 52.41), "aberdyfi": (-4.05, 52.55),
    "harlech": (-4.12, 52.85), "pwllheli": (-4.4, 52.88), "aberdaron": (-4.75, 52.79), "nefyn": (-4.55, 52.95),
    "caernarfon": (-4.3, 53.12), "bangor": (-4.12, 53.23), "llandudno": (-3.85, 53.33), "rhyl": (-3.5, 53.33),
    "point-of-ayr": (-3.3, 53.35),
}

_SHAPES: dict[str, tuple[tuple[str | tuple[float, float], ...], ...]] = {
    "scotland": (
        ("solway", "kielder", "cheviot", "berwick", "dunbar", "leith", "forth", "fife", "tay", "montrose", "aberdeen",
         "peterhead", "fraserburgh", "moray", "inverness", "tain", "helmsdale", "wick", "duncansby", "dunnet",
         "cape-wrath", "lochinver", "ullapool", "torridon", "kyle", "mallaig", "ardnamurchan", "oban", "knapdale",
         "kintyre", "tarbert", "greenock", "ardrossan", "ayr", "girvan", "galloway", "wigtown", "kirkcudbright", "nith"),
        # Outer Hebrides
        ((-6.2, 58.52), (-6.9, 58.2), (-7.45, 57.6), (-7.3, 57.05), (-7.15, 57.1), (-6.75, 57.7), (-6.3, 58.15)),
        ((-5.75, 57.1), (-6.3, 57.3), (-6.6, 57.55), (-6.3, 57.7), (-5.95, 57.5)),  # Skye
        ((-3.05, 58.75), (-3.4, 58.9), (-3.3, 59.1), (-2.8, 59.25), (-2.45, 59.1), (-2.8, 58.85)),  # Orkney
        ((-6.0, 56.3), (-6.4, 56.3), (-6.3, 56.6), (-5.8, 56.5)),  # Mull
    ),
    "north-east": (("kielder", "cheviot", "berwick", "amble", "tyne", "hartlepool", "tees", "staithes", "yarm",
                    "teesdale", "ne-nw-yh", "alston"),),
    "north-west": (("solway", "kielder", "alston", "ne-nw-yh", "dales", "bowland", "calder", "saddleworth", "nw-yh-em",
                    "peak", "nw-em-wm", "nw-wm-wales", "chester", "dee", "wirral", "liverpool", "southport", "fleetwood",
                    "morecambe", "barrow", "st-bees", "silloth"),),
    "yorkshire-and-the-humber": (("staithes", "whitby", "scarborough", "flamborough", "hornsea", "spurn", "hull", "goole",
                                  "humber-s", "grimsby", "yh-em-coast", "caistor", "axholme", "bawtry", "sheffield-s",
                                  "ladybower", "nw-yh-em", "saddleworth", "calder", "bowland", "dales", "ne-nw-yh",
                                  "teesdale", "yarm"),),
    "east-midlands": (("yh-em-coast", "skegness", "gibraltar", "boston", "em-eoe-wash", "peterborough", "rutland",
                       "kimbolton", "em-eoe-se", "brackley", "em-wm-se", "watling", "ashby", "dove", "dovedale",
                       "nw-em-wm", "peak", "nw-yh-em", "ladybower", "sheffield-s", "bawtry", "axholme", "caistor"),),
    "west-midlands": (("nw-em-wm", "dovedale", "dove", "ashby", "watling", "em-wm-se", "wm-sw-se", "evesham", "malvern",
                       "ross", "wm-wales-sw", "monnow", "hay", "knighton", "welshpool", "oswestry", "nw-wm-wales"),),
    "east-of-england": (("em-eoe-wash", "kings-lynn", "hunstanton", "cromer", "yarmouth", "lowestoft", "felixstowe",
                         "clacton", "maldon", "southend", "eoe-ldn-se", "havering", "enfield", "eoe-ldn-se-w",
                         "chilterns", "leighton", "em-eoe-se", "kimbolton", "rutland", "peterborough"),),
    "london": (("eoe-ldn-se-w", "enfield", "havering", "eoe-ldn-se", "ldn-kent", "ldn-surrey", "kingston", "heathrow"),),
    "south-east": (
        ("em-eoe-se", "leighton", "chilterns", "eoe-ldn-se-w", "heathrow", "kingston", "ldn-surrey", "ldn-kent",
         "eoe-ldn-se", "grain", "whitstable", "foreland", "dover", "dungeness", "hastings", "beachy", "brighton", "selsey",
         "portsmouth", "southampton", "christchurch", "cranborne", "andover", "kennet", "lechlade", "cotswold",
         "wm-sw-se", "em-wm-se", "brackley"),
        ((-1.1, 50.72), (-1.3, 50.77), (-1.55, 50.67), (-1.3, 50.57)),  # Isle of Wight
    ),
    "south-west": (("wm-sw-se", "cotswold", "lechlade", "kennet", "andover", "cranborne", "christchurch", "poole",
                    "portland", "lyme", "exmouth", "start", "plymouth", "lizard", "lands-end", "st-ives", "newquay",
                    "hartland", "bideford", "minehead", "bridgwater", "weston", "avonmouth", "severn", "chepstow",
                    "wm-wales-sw", "ross", "malvern", "evesham"),),
    "wales": (
        ("dee", "chester", "nw-wm-wales", "oswestry", "welshpool", "knighton", "hay", "monnow", "wm-wales-sw", "chepstow",
         "newport", "cardiff", "porthcawl", "swansea", "gower", "carmarthen", "st-govans", "st-davids", "fishguard",
         "cardigan", "aberystwyth", "aberdyfi", "harlech", "pwllheli", "aberdaron", "nefyn", "caernarfon", "bangor",
         "llandudno", "rhyl", "point-of-ayr"),
        ((-4.18, 53.2), (-4.55, 53.13), (-4.7, 53.3), (-4.55, 53.42), (-4.2, 53.4), (-4.05, 53.3)),  # Anglesey
    ),
    "northern-ireland": (((-6.1, 54.05), (-5.9, 54.22), (-5.45, 54.38), (-5.53, 54.66), (-5.9, 54.66), (-5.75, 54.86),
                          (-6.05, 55.2), (-6.6, 55.21), (-7.05, 55.15), (-7.3, 55.03), (-7.5, 54.8), (-7.9, 54.7),
                          (-8.15, 54.45), (-7.6, 54.15), (-7.1, 54.38), (-6.6, 54.05), (-6.3, 54.1)),),
}

_LABELS: dict[str, tuple[float, float]] = {
    "scotland": (-4.1, 56.9), "north-east": (-1.9, 55.05), "north-west": (-2.75, 54.45),
    "yorkshire-and-the-humber": (-1.2, 53.95),
    "east-midlands": (-0.75, 52.95), "west-midlands": (-2.3, 52.5), "east-of-england": (0.6, 52.35), "london": (-0.15, 51.5),
    "south-east": (-0.8, 51.2), "south-west": (-3.7, 50.8), "wales": (-3.75, 52.3), "northern-ireland": (-6.75, 54.6),
}
"""Where each area's count sits: a point well inside it."""

LON0, LAT_TOP, LAT_BOTTOM, LON_LEFT, LON_RIGHT = -2.5, 59.4, 49.8, -8.4, 1.95
SCALE = 62.0
"""Pixels per degree of latitude."""
_KX = math.cos(math.radians(54.5))
WIDTH = round((LON_RIGHT - LON_LEFT) * _KX * SCALE)
HEIGHT = round((LAT_TOP - LAT_BOTTOM) * SCALE)


def project(lon: float, lat: float) -> tuple[float, float]:
    """SVG coordinates of a point: x from the left edge, y down from the top."""
    return round((lon - LON_LEFT) * _KX * SCALE, 1), round((LAT_TOP - lat) * SCALE, 1)


@dataclass(frozen=True)
class MapArea:
    id: str
    """``england-north-west``-style for English regions (matching the Where page anchors), else the nation's slug."""
    name: str
    nation: str
    cases: tuple[CaseStudy, ...]
    paths: tuple[str, ...]
    """SVG path data, one per polygon (a mainland and its islands)."""
    label: tuple[float, float]
    where: str
    """Docs path and anchor of the area's section on the Where page."""
    finder: str
    """Docs path and query of the finder filtered to the area: ``?nation=Wales``, or in England ``?region=`` with the
    finder's id of each spelling its records use (``north-west``), as the finder's region facet holds them."""


@dataclass(frozen=True)
class UKMap:
    areas: tuple[MapArea, ...]
    unplaced: tuple[CaseStudy, ...]
    """English case studies whose region is not one of the nine (several regions, or another name)."""
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def max_count(self) -> int:
        return max((len(a.cases) for a in self.areas), default=0)


def _path(points: tuple[str | tuple[float, float], ...]) -> str:
    coords = [project(*(_P[p] if isinstance(p, str) else p)) for p in points]
    return "M" + " L".join(f"{x:g} {y:g}" for x, y in coords) + " Z"


def where_anchor(nation: str, region: str | None) -> str:
    """The Where page's anchor for a nation (``scotland``) or one of its regions (``region-england-london``)."""
    return f"region-{slug(nation)}-{slug(region)}" if region else slug(nation)


def uk_map(catalogue: Catalogue, where_page: str = "synthesis/where.md", finder_page: str = "explore.md",
           region_id: Callable[[str], str] = slug) -> UKMap:
    """The map's areas and their case studies; ``region_id`` is the finder's id of a region as a record writes it."""
    by_area: dict[str, list[CaseStudy]] = {}
    unplaced = []
    for case in catalogue.case_studies:
        if case.nation != "England":
            by_area.setdefault(slug(case.nation), []).append(case)
        elif (region := canonical_region(case)) is not None:
            by_area.setdefault(slug(region), []).append(case)
        else:
            unplaced.append(case)
    areas = []
    for key, polygons in _SHAPES.items():
        region = next((r for r in ENGLISH_REGIONS if slug(r) == key), None)
        nation = "England" if region else next(n for n in ("Scotland", "Wales", "Northern Ireland") if slug(n) == key)
        # an area with no case study has no region in the finder: its link (never shown) names the region's slug
        ids = [region_id(s) for s in sorted({c.region for c in by_area.get(key, ())})] or [slug(region or "")]
        query = "&".join(f"region={quote_plus(i)}" for i in ids) if region else f"nation={quote_plus(nation)}"
        areas.append(MapArea(id=f"england-{key}" if region else key, name=region or nation, nation=nation,
                             cases=tuple(by_area.get(key, ())), paths=tuple(_path(p) for p in polygons),
                             label=project(*_LABELS[key]), where=f"{where_page}#{where_anchor(nation, region)}",
                             finder=f"{finder_page}?{query}"))
    order = [f"england-{slug(r)}" for r in ENGLISH_REGIONS] + ["scotland", "wales", "northern-ireland"]
    return UKMap(tuple(sorted(areas, key=lambda a: order.index(a.id))), tuple(unplaced))
