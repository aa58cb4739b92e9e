"""Fuzzing the rest of the public site: any query string on any public page (?page=, ?q=,
?station= and whatever else), and any value in the parts of an address that name something
(a street, a station, a category, a year, a training session)."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.strategies import form_data, fuzz, fuzz_lightly, nasty_value, raw_query

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    ("overview", []),
    ("services:index", []),
    ("services:street", ["huanbei"]),
    ("services:rural-visits", []),
    ("services:rural-visits-ics", []),
    ("services:apply", []),
    ("services:apply-receipt", []),
    ("recruitment:index", []),
    ("recruitment:round", [2024]),
    ("recruitment:results", [2024]),
    ("careers:index", []),
    ("careers:training", []),
    ("healthz", []),
]
COMMON_NAMES = ["page", "q", "station", "sort", "lang", "next", "format", "year", "id"]

any_params = form_data({name: nasty_value for name in COMMON_NAMES})


@fuzz
@given(page=st.sampled_from(PUBLIC_PAGES), params=any_params, query=raw_query(COMMON_NAMES))
def test_no_public_page_fails_whatever_is_in_its_query_string(client, guide, page, params, query):
    name, args = page
    url = reverse(name, args=args)
    assert client.get(url, params).status_code < 500
    assert client.get(url, QUERY_STRING=query).status_code < 500


slug_like = st.one_of(
    st.from_regex(r"\A[-a-zA-Z0-9_]{1,300}\Z"),
    st.sampled_from(["huanbei", "minsheng-doudi", "0", "-", "_" * 300, "a" * 5000]),
)
huge_or_odd_int = st.one_of(
    st.integers(min_value=0),
    st.integers(min_value=2**31 - 2, max_value=2**64 + 2),
    st.sampled_from([0, 1, 2024, 9999, 10**20, 10**100]),
)


@fuzz_lightly
@given(slug=slug_like, number=huge_or_odd_int)
def test_any_name_or_number_in_an_address_is_a_page_or_a_404(client, guide, slug, number):
    for name, arg in [
        ("services:street", slug),
        ("services:station", slug),
        ("services:apply-form", slug),
        ("recruitment:round", number),
        ("recruitment:eligibility", number),
        ("recruitment:score", number),
        ("recruitment:results", number),
        ("careers:sign-up", number),
    ]:
        response = client.get(reverse(name, args=[arg]))
        assert response.status_code in {200, 404}, (name, arg)
