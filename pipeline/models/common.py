"""Building blocks shared by every input model: ids, localized text, figures."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict as StrictType, StringConstraints

MAX_TEXT = 600
"""Longest text a label or a cell may hold; longer text breaks layouts and is a mistake."""


class Strict(BaseModel):
    """Base of every input model: unknown fields are errors, docstrings become descriptions."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=True,
        allow_inf_nan=False,
        str_strip_whitespace=True,
    )


Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=64)]
"""Lower-case identifier, safe in file names: letters, digits, '.', '_' and '-'."""

ScenarioId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$", max_length=16)]
"""Short scenario id as printed on the page (A, B, C, ...)."""

LocaleId = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$", max_length=16)]
"""A site locale id, as Docusaurus names it (zh, en, ko, pt-BR)."""

Text = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT)]
"""Non-empty text of bounded length."""

HexColor = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
"""A colour as #rrggbb."""

LocalizedText = dict[LocaleId, Text]
"""The same text in every site locale: ``{zh: ..., en: ..., ko: ...}``."""

# Strict numbers: YAML `true` or "12" must not turn into 1.0 or 12 without a word.
Number = Annotated[float, StrictType()]
"""Any finite number (integers accepted); not a boolean, not text."""
WholeNumber = Annotated[int, StrictType()]
"""An integer; not a boolean, not text."""
Positive = Annotated[float, StrictType(), Field(gt=0)]
PositiveInt = Annotated[int, StrictType(), Field(gt=0)]


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


Figure = Annotated[FigureInput, BeforeValidator(_number_as_figure, json_schema_input_type=float | FigureInput)]
"""A positive number, or ``{value, source, approximate}``."""
