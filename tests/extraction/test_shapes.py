"""Every head shape's example sentence is its test case: the person in it heads the
side the row names."""

import pytest

from meetings.extraction.people import find_people
from meetings.extraction.shapes import AFTER_NAME, BEFORE_NAME


@pytest.mark.parametrize(
    "shape", BEFORE_NAME + AFTER_NAME, ids=[s.name for s in BEFORE_NAME + AFTER_NAME]
)
def test_head_shape_example_names_the_side(shape):
    sides = [m.lead_party for m in find_people(shape.example)]

    assert shape.side in sides


def test_gapped_list_needs_a_list_that_began_with_led_by():
    sides = [m.lead_party for m in find_people("Asked about it, China by Wang Lei.")]

    assert sides == [None]
