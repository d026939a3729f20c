"""Numbers and names from URLs, query strings and forms, refused before they reach the database.

A row id past the largest 64-bit integer, or a name with a NUL in it, is bad input: SQLite
refuses a Python int it can't hold, PostgreSQL a string with a NUL and a bigint past its range,
and either refusal would surface as a 500. Routes name their parameters with the converters
below (a value they refuse is simply no match: a 404), and views read numbers from query strings
and forms through `bounded_int`.

Importing this module registers the converters, so every urls module that uses them imports it.
"""

import re

from django.urls import register_converter

# The largest id a row can have: PostgreSQL's bigint and SQLite's INTEGER stop here.
ID_MAX = 2**63 - 1

# Whole numbers as people and our own links write them: optional minus, ASCII digits. int() also
# reads "1_000", " 7 " and other scripts' digits, and spends quadratic time on 4,000 digits.
_WHOLE_NUMBER = re.compile(r"-?[0-9]{1,20}")


def bounded_int(value: str | None, *, low: int, high: int) -> int:
    """`value` (from a query string or a form) as a whole number from `low` to `high`.

    Raises ValueError for anything else (missing, garbage, out of range), so a view answers a
    number it can't use the way it answers garbage.
    """
    if value is None or not _WHOLE_NUMBER.fullmatch(value):
        raise ValueError(f"not a whole number: {value!r:.40}")
    number = int(value)
    if not low <= number <= high:
        raise ValueError(f"{number} is not from {low} to {high}")
    return number


class IdConverter:
    """`<id:pk>`: a row id, 1 to ID_MAX. Django's `<int:>` takes any number of digits."""

    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        return bounded_int(value, low=1, high=ID_MAX)

    def to_url(self, value: int | str) -> str:
        # As `<int:>` does: reversing any number gives its URL, which then answers 404.
        return str(value)


class NameConverter:
    """`<name:handle>`: one path segment, like `<str:>`, without control characters (a NUL can't
    even be compared with a PostgreSQL column)."""

    regex = r"[^/\x00-\x1f\x7f-\x9f]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(IdConverter, "id")
register_converter(NameConverter, "name")
