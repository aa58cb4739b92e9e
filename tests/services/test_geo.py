"""Distance and walking-time rules. Assumed: 4 km/h (≈66.7 m/min) along a route 1.3 × the
straight line; the 15-minute circle; Bijiang District as 27.45–27.95°N, 108.95–109.45°E."""

import pytest

from services.geo import (
    ROUTE_FACTOR,
    WALKING_SPEED_KM_PER_HOUR,
    Coordinates,
    distance_m,
    distance_text,
    in_service_circle,
    inside_district,
    map_markers,
    rank_by_distance,
    walk,
    walking_minutes,
)

HUB = Coordinates(27.7190, 109.1950)
TONGREN_STATION_EAST = Coordinates(27.7190, 109.2050)  # 0.01° of longitude east of the hub
GUIYANG = Coordinates(26.6470, 106.6302)


def test_the_assumed_pace_is_4_km_an_hour_along_a_route_a_third_longer_than_the_line():
    assert WALKING_SPEED_KM_PER_HOUR == 4.0
    assert ROUTE_FACTOR == 1.3


def test_one_hundredth_of_a_degree_of_latitude_is_about_1112_metres():
    assert distance_m(Coordinates(27.71, 109.19), Coordinates(27.72, 109.19)) == pytest.approx(
        1112, abs=1
    )


def test_one_hundredth_of_a_degree_of_longitude_is_shorter_at_bijiangs_latitude():
    # 1112 m × cos(27.719°) ≈ 984 m
    assert distance_m(HUB, TONGREN_STATION_EAST) == pytest.approx(984, abs=2)


def test_the_distance_from_bijiang_to_guiyang_is_about_280_km():
    assert distance_m(HUB, GUIYANG) == pytest.approx(280_300, rel=0.01)


def test_the_same_point_is_zero_metres_and_zero_minutes_away():
    assert distance_m(HUB, HUB) == 0
    assert walking_minutes(0) == 0
    assert walk(HUB, HUB).in_circle is True


def test_no_coordinates_means_no_distance_and_no_walk():
    assert distance_m(None, HUB) is None
    assert distance_m(HUB, None) is None
    assert walking_minutes(None) is None
    assert walk(HUB, None) is None
    assert Coordinates.of(None, 109.19) is None


@pytest.mark.parametrize(
    "straight_line_m, minutes",
    [
        (100, 2),  # 130 m of route ÷ 66.7 m/min = 1.95 → 2
        (500, 10),  # 650 m ÷ 66.7 = 9.75 → 10
        (769, 15),  # 999.7 m ÷ 66.7 = 14.99 → 15, the edge of the circle
        (770, 16),  # 1001 m → 15.02 → 16
        (984, 20),  # 1279 m → 19.2 → 20
    ],
)
def test_walking_time_rounds_up_to_whole_minutes(straight_line_m, minutes):
    assert walking_minutes(straight_line_m) == minutes


def test_fifteen_minutes_is_inside_the_circle_and_sixteen_is_not():
    assert in_service_circle(15) is True
    assert in_service_circle(16) is False
    assert in_service_circle(None) is False
    assert in_service_circle(20, circle_minutes=20) is True


def test_a_walk_of_a_kilometre_in_the_city_is_outside_the_circle():
    result = walk(HUB, TONGREN_STATION_EAST)
    assert result.metres == 984
    assert result.minutes == 20
    assert result.in_circle is False


def test_a_resident_outside_the_district_gets_a_distance_but_no_walking_time():
    assert inside_district(HUB)
    assert not inside_district(GUIYANG)
    assert not inside_district(None)
    result = walk(GUIYANG, HUB)
    assert result.metres == pytest.approx(280_300, rel=0.01)
    assert result.minutes is None
    assert result.in_circle is False


class _Place:
    def __init__(self, lat, lng):
        self.coordinates = Coordinates.of(lat, lng)


def test_the_map_puts_north_up_and_west_left_inside_the_margins():
    north_west, south_east, nowhere = (
        _Place(27.73, 109.17),
        _Place(27.70, 109.21),
        _Place(None, None),
    )
    markers = {m.item: m for m in map_markers([north_west, south_east, nowhere], 600, 480, 50)}
    assert nowhere not in markers
    assert markers[north_west].x < markers[south_east].x
    assert markers[north_west].y < markers[south_east].y
    for marker in markers.values():
        assert 50 <= marker.x <= 550 and 50 <= marker.y <= 430


def test_a_map_of_one_point_puts_it_in_the_middle():
    (marker,) = map_markers([_Place(27.72, 109.19)], 600, 480, 50)
    assert (marker.x, marker.y) == (300, 240)


def test_ranking_puts_the_nearest_first_and_places_without_coordinates_last():
    far, near, unknown = _Place(27.73, 109.19), _Place(27.7195, 109.1950), _Place(None, None)
    ranked = rank_by_distance([unknown, far, near], HUB)
    assert [item for item, _ in ranked] == [near, far, unknown]
    assert ranked[0][1].in_circle is True
    assert ranked[2][1] is None


def test_ranking_without_a_location_keeps_the_given_order():
    first, second = _Place(27.73, 109.19), _Place(27.72, 109.19)
    assert [item for item, w in rank_by_distance([first, second], None)] == [first, second]


@pytest.mark.parametrize(
    "metres, text",
    [(0, "0米"), (650, "650米"), (1000, "1公里"), (1240, "1.2公里"), (280_292, "280公里")],
)
def test_distances_read_as_plain_words(metres, text):
    assert distance_text(metres) == text
