"""A place name for a GPS position, offline.

The bundled ``resources/geo/province-seats.csv`` holds the town centre of each
of Thailand's 77 provinces.  A position is named after the nearest one: within
:data:`SEAT_RADIUS_KM` of it, with the seat district too (``อ.เมืองน่าน
จ.น่าน``); otherwise the province alone (``จ.น่าน``).  Positions farther than
:data:`MAX_DISTANCE_KM` from every town centre are taken to be abroad and get
no name.  Nearest-centre is an approximation near provincial borders; the
result is a suggestion the lecturer can edit."""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from functools import lru_cache

from ..resources import resource_path

SEAT_RADIUS_KM = 5.0
MAX_DISTANCE_KM = 200.0
EARTH_RADIUS_KM = 6371.0088
BANGKOK = "10"


@dataclass(frozen=True)
class Seat:
    province_code: str
    province_th: str
    province_en: str
    seat_th: str
    seat_en: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Place:
    seat: Seat
    distance_km: float

    @property
    def in_seat_district(self) -> bool:
        return bool(self.seat.seat_th) and self.distance_km <= SEAT_RADIUS_KM

    def label(self, lang: str = "th") -> str:
        s = self.seat
        if lang == "th":
            province = s.province_th if s.province_code == BANGKOK else f"จ.{s.province_th}"
            return f"อ.{s.seat_th} {province}" if self.in_seat_district else province
        return f"{s.seat_en}, {s.province_en}" if self.in_seat_district else s.province_en


@lru_cache(maxsize=1)
def seats() -> tuple[Seat, ...]:
    path = resource_path("geo", "province-seats.csv")
    with open(path, encoding="utf-8", newline="") as handle:
        return tuple(
            Seat(row["province_code"], row["province_th"], row["province_en"], row["seat_th"], row["seat_en"],
                 float(row["latitude"]), float(row["longitude"]))
            for row in csv.DictReader(handle)
        )


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def nearest_place(latitude: float | None, longitude: float | None) -> Place | None:
    if latitude is None or longitude is None:
        return None
    best = min(seats(), key=lambda s: distance_km(latitude, longitude, s.latitude, s.longitude))
    km = distance_km(latitude, longitude, best.latitude, best.longitude)
    if km > MAX_DISTANCE_KM:
        return None
    return Place(best, km)


def place_name(latitude: float | None, longitude: float | None, lang: str = "th") -> str:
    """``"อ.เมืองน่าน จ.น่าน"``, ``"จ.น่าน"``, or ``""`` when unknown or abroad."""
    place = nearest_place(latitude, longitude)
    return place.label(lang) if place else ""
