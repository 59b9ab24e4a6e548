"""The API's JSON is byte for byte what REST framework's own renderer writes."""

import datetime
import decimal

from django.utils.functional import lazy
from rest_framework.renderers import JSONRenderer

from meetings.api.renderers import FastJSONRenderer

PAYLOAD = {
    "name": "Ghana–Togo Joint Commission",
    "sentence": "The line\u2028and the paragraph\u2029separators are escaped.",
    "quote": 'She said "</script>" and left',
    "count": 12,
    "ratio": 0.25,
    "virtual": False,
    "next": None,
    "published": datetime.date(2019, 11, 14),
    "updated_at": datetime.datetime(2019, 11, 14, 9, 30, 5, 123456, tzinfo=datetime.UTC),
    "budget": decimal.Decimal("1.5"),
    "label": lazy(lambda: "Lomé", str)(),
    "values": {1: "first", "b": ["Accra", "Lomé"]},
}


def test_same_bytes_as_the_standard_renderer():
    assert FastJSONRenderer().render(PAYLOAD) == JSONRenderer().render(PAYLOAD)


def test_an_integer_beyond_64_bits_is_still_written():
    assert FastJSONRenderer().render({"n": 2**70}) == b'{"n":1180591620717411303424}'


def test_indented_on_request():
    body = FastJSONRenderer().render({"a": 1}, "application/json; indent=2")
    assert body == b'{\n  "a": 1\n}'


def test_nothing_for_no_data():
    assert FastJSONRenderer().render(None) == b""
