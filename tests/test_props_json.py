"""Props files are written by pydantic's serializer: byte for byte what the standard library writes."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from pipeline.render.context import props_json


class _Holder(BaseModel):
    value: Any
    text: str = "한국어 \"quoted\" | 中文 \\ end"
    ratio: float = 0.1 + 0.2


_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.text()
    | st.floats(min_value=-1e15, max_value=1e15, allow_nan=False, allow_infinity=False).filter(
        lambda f: abs(f) > 1e-4 or f == 0),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(_values)
def test_props_json_is_the_standard_librarys_json_of_the_dumped_props(value):
    props = _Holder(value=value)
    dumped = props.model_dump(mode="json")
    assert props_json(props) == (json.dumps(dumped, ensure_ascii=False, indent=2) + "\n").encode()
