"""Building blocks shared by every input model: ids, localized text, figures.

The model modules (here, models/, props/) do not postpone annotations (no ``from __future__ import
annotations``): pydantic would compile and evaluate every field's annotation string when each class is
made, about 10 ms of every build's start-up.
"""

import datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict as StrictType, StringConstraints
from pydantic_core import PydanticCustomError

MAX_TEXT = 600
"""Longest text a label or a cell may hold; longer text breaks layouts and is a mistake."""


class Strict(BaseModel):
    """Base of every input model: unknown fields are errors; field docstrings become the schema's
    descriptions when one is generated (pipeline.model_docs), not at every start-up."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        allow_inf_nan=False,
        str_strip_whitespace=True,
        defer_build=True,
    )


Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=64)]
"""Lower-case identifier, safe in file names: letters, digits, '.', '_' and '-'."""

ScenarioId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$", max_length=16)]
"""Short scenario id as printed on the page (A, B, C, ...)."""

LocaleId = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$", max_length=16)]
"""A site locale id, as Docusaurus names it (zh, en, ko, pt-BR)."""

Text = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT)]
"""Non-empty text of bounded length."""

HttpUrl = Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"]+$", max_length=MAX_TEXT)]
"""A web address starting with http:// or https:// (never javascript:, data:, file:)."""

HexColor = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
"""A colour as #rrggbb."""

LocalizedText = dict[LocaleId, Text]
"""The same text in every site locale: ``{zh: ..., en: ..., ko: ...}``."""

LARGEST = 1e9
"""No figure a report holds (a price, a latency, a throughput, a count, a percentage) comes near
it; 1e308 or 1e30 is a typo in the exponent, and derived figures from it could not be formatted."""
SMALLEST = 1e-6
"""The smallest positive figure: below it (a denormal 1e-320) a figure is a typo, and dividing by it
overflows."""


def _not_tiny(value: float) -> float:
    if 0 < value < SMALLEST:
        raise PydanticCustomError("greater_than_equal", "Input should be greater than or equal to {ge}",
                                  {"ge": SMALLEST})
    return value


# Strict numbers: YAML `true` or "12" must not turn into 1.0 or 12 without a word.
Number = Annotated[float, StrictType(), Field(ge=-LARGEST, le=LARGEST)]
"""Any finite number (integers accepted) within plus or minus :data:`LARGEST`; not a boolean, not text."""
WholeNumber = Annotated[int, StrictType()]
"""An integer; not a boolean, not text."""
Positive = Annotated[float, StrictType(), Field(gt=0, le=LARGEST), AfterValidator(_not_tiny)]
PositiveInt = Annotated[int, StrictType(), Field(gt=0, le=LARGEST)]


class FigureInput(Strict):
    """A number entered by an editor, with where it comes from."""

    value: Positive
    """The figure, in the unit of the metric it belongs to."""
    source: Id | None = None
    """Id of the source (data/catalog/sources.yaml) it comes from; defaults to the block's source."""
    approximate: bool = False
    """True when the source gives it as approximate ('~45'); shown with a '~'."""


def _number_as_figure(value: Any) -> Any:
    # Editors write `A: 120`; the long form `{value: 120, source: x}` is for exceptions.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return {"value": value}
    return value


Figure = Annotated[FigureInput, BeforeValidator(
    _number_as_figure, json_schema_input_type=Annotated[float, Field(gt=0, le=LARGEST)] | FigureInput)]
"""A positive number, or ``{value, source, approximate}``."""


def _date_not_number(value: Any) -> Any:
    # pydantic reads 0 or 1767225600 as a Unix timestamp; an editor who typed a number meant no date.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise PydanticCustomError("date_type", "Input should be a valid date")
    return value


IsoDate = Annotated[datetime.date, BeforeValidator(_date_not_number)]
"""A date written as YYYY-MM-DD (quoted or not); never a number."""
