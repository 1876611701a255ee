"""The ticks a chart places itself read as the reader's locale writes the figures beside them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.localize import Catalog, Localizer, babel_locale
from pipeline.models.site import SiteLocale
from pipeline.props.models import DigitsProps
from pipeline.render.charts_axis import tick_decimals
from pipeline.render.charts_plot import auto_ticks, grouped, plain_labels
from pipeline.render.context import digits_props

LOCALES = [SiteLocale(id="zh", babel="zh_Hans_CN", name="简体中文"), SiteLocale(id="en", babel="en_US", name="English"),
           SiteLocale(id="ko", babel="ko_KR", name="한국어"), SiteLocale(id="de", babel="de_DE", name="Deutsch"),
           SiteLocale(id="fr", babel="fr_FR", name="Français")]
"""The site's locales, and two that write numbers otherwise (1.000,5 and 1 000,5)."""


def localizer(site: SiteLocale) -> Localizer:
    return Localizer(site, babel_locale(site), Catalog(f"i18n/{site.id}/LC_MESSAGES/site-data.po", {}, {}))


@given(st.floats(min_value=0.001, max_value=1e9, allow_nan=False), st.floats(min_value=1.0, max_value=8.0),
       st.booleans())
def test_ticks_are_written_as_the_localizer_writes_the_same_numbers(high, length, horizontal):
    ticks = auto_ticks(high, length, 9, horizontal)
    decimals = tick_decimals(ticks)
    for site in LOCALES:
        loc = localizer(site)
        assert [label for _, label in plain_labels(ticks, digits_props(loc))] == \
               [loc.number(t, decimals) for t in ticks], site.id


@pytest.mark.parametrize(("site", "symbols"), [(LOCALES[1], (",", ".")), (LOCALES[3], (".", ",")),
                                               (LOCALES[4], ("\u202f", ","))])
def test_each_locale_says_how_it_writes_numbers(site, symbols):
    assert localizer(site).digit_symbols == symbols


def test_ticks_of_the_shipped_sizes():
    english, german = DigitsProps(group=",", decimal="."), DigitsProps(group=".", decimal=",")
    assert [label for _, label in plain_labels([0.0, 2500.0, 5000.0], english)] == ["0", "2,500", "5,000"]
    assert [label for _, label in plain_labels([0.0, 0.5, 1.0], german)] == ["0,0", "0,5", "1,0"]
    assert grouped("-1234567.25", ",", ".") == "-1,234,567.25"
    assert grouped("999", ",", ".") == "999"
