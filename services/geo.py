"""Distances and walking times for the "15-minute social-work service circle" (15分钟社工服务圈).

Rules chosen where the guide is silent (stated on the find page and in the README):

* Distance is the straight-line (great-circle) distance on a sphere of radius 6,371 km.
* Streets are not straight: the walking route is taken as 1.3 × the straight line
  (ROUTE_FACTOR, a common planning allowance for a city street grid).
* Walking speed is 4 km/h (about 67 m a minute), a pace most older residents manage;
  the usual adult figure of 5 km/h would flatter the network.
* A point is inside the 15-minute circle when that estimated walk takes at most 15 minutes.
* Bijiang District is taken as the box 27.45–27.95°N, 108.95–109.45°E; a location outside it
  gets distances but no walking times (nobody walks from another county).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

EARTH_RADIUS_M = 6_371_000
WALKING_SPEED_KM_PER_HOUR = 4.0
WALKING_METRES_PER_MINUTE = WALKING_SPEED_KM_PER_HOUR * 1000 / 60
ROUTE_FACTOR = 1.3
SERVICE_CIRCLE_MINUTES = 15
DISTRICT_BOUNDS = {"south": 27.45, "north": 27.95, "west": 108.95, "east": 109.45}

Number = float | Decimal | int


@dataclass(frozen=True)
class Coordinates:
    latitude: float
    longitude: float

    @classmethod
    def of(cls, latitude: Number | None, longitude: Number | None) -> Coordinates | None:
        """Coordinates from two possibly-missing numbers (as stored on a ServicePoint)."""
        if latitude is None or longitude is None:
            return None
        return cls(float(latitude), float(longitude))


@dataclass(frozen=True)
class Walk:
    """How far a point is from a resident and whether it lies inside the service circle."""

    metres: int
    minutes: int | None  # None when the resident is outside the district
    in_circle: bool

    @property
    def distance_text(self) -> str:
        return distance_text(self.metres)


def distance_text(metres: int) -> str:
    """Plain words for a distance: 650米 under a kilometre, 1.2公里 from there, 280公里 far away."""
    if metres < 1000:
        return f"{metres}米"
    if metres < 100_000:
        return f"{metres / 1000:.1f}公里".replace(".0公里", "公里")
    return f"{round(metres / 1000)}公里"


def distance_m(a: Coordinates | None, b: Coordinates | None) -> float | None:
    """Straight-line distance in metres (haversine); None when either end has no coordinates."""
    if a is None or b is None:
        return None
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    d_lat = lat2 - lat1
    d_lng = math.radians(b.longitude - a.longitude)
    h = math.sin(d_lat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(d_lng / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def walking_minutes(straight_line_m: float | None) -> int | None:
    """Estimated minutes on foot for a straight-line distance, rounded up to whole minutes."""
    if straight_line_m is None:
        return None
    return math.ceil(round(straight_line_m * ROUTE_FACTOR / WALKING_METRES_PER_MINUTE, 6))


def in_service_circle(minutes: int | None, circle_minutes: int = SERVICE_CIRCLE_MINUTES) -> bool:
    return minutes is not None and minutes <= circle_minutes


def inside_district(place: Coordinates | None) -> bool:
    if place is None:
        return False
    return (
        DISTRICT_BOUNDS["south"] <= place.latitude <= DISTRICT_BOUNDS["north"]
        and DISTRICT_BOUNDS["west"] <= place.longitude <= DISTRICT_BOUNDS["east"]
    )


def walk(
    origin: Coordinates | None,
    destination: Coordinates | None,
    circle_minutes: int = SERVICE_CIRCLE_MINUTES,
) -> Walk | None:
    """The walk from origin to destination; None when either has no coordinates.

    From outside the district only the distance is given (minutes=None, not in the circle).
    """
    metres = distance_m(origin, destination)
    if metres is None:
        return None
    minutes = walking_minutes(metres) if inside_district(origin) else None
    return Walk(round(metres), minutes, in_service_circle(minutes, circle_minutes))


def rank_by_distance(
    items: Iterable[Any],
    origin: Coordinates | None,
    circle_minutes: int = SERVICE_CIRCLE_MINUTES,
) -> list[tuple[Any, Walk | None]]:
    """Items that have `.coordinates`, each with its walk from origin, nearest first.

    Items without coordinates (or every item, when origin is None) keep their order at the end.
    """
    walks = [(item, walk(origin, item.coordinates, circle_minutes)) for item in items]
    return sorted(walks, key=lambda pair: math.inf if pair[1] is None else pair[1].metres)


@dataclass(frozen=True)
class Marker:
    item: Any
    x: float
    y: float


def map_markers(
    items: Iterable[Any],
    width: int = 600,
    height: int = 480,
    margin: int = 50,
) -> list[Marker]:
    """Place items that have `.coordinates` on a width × height drawing (north up).

    A simple equirectangular projection scaled so that the items fill the drawing with
    `margin` on every side and east-west and north-south keep the same scale. Items without
    coordinates are left out (they still appear in the text list beside the map).
    """
    placed = [(item, item.coordinates) for item in items if item.coordinates is not None]
    if not placed:
        return []
    lats: Sequence[float] = [c.latitude for _, c in placed]
    lngs: Sequence[float] = [c.longitude for _, c in placed]
    mid_lat = math.radians((min(lats) + max(lats)) / 2)
    x_span = (max(lngs) - min(lngs)) * math.cos(mid_lat)
    y_span = max(lats) - min(lats)
    usable_w, usable_h = width - 2 * margin, height - 2 * margin
    scale = min(
        usable_w / x_span if x_span else math.inf,
        usable_h / y_span if y_span else math.inf,
    )
    if scale == math.inf:  # every item at the same place
        scale = 0
    x_offset = margin + (usable_w - x_span * scale) / 2
    y_offset = margin + (usable_h - y_span * scale) / 2
    return [
        Marker(
            item,
            round(x_offset + (c.longitude - min(lngs)) * math.cos(mid_lat) * scale, 1),
            round(y_offset + (max(lats) - c.latitude) * scale, 1),
        )
        for item, c in placed
    ]
