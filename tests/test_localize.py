"""Number formats and messages per locale, including the Babel pitfalls DESIGN.md lists."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.localize import Catalog, Localizer, babel_locale
from pipeline.models.site import SiteLocale

LOCALES = {
    "zh": SiteLocale(id="zh", babel="zh_Hans_CN", name="简体中文"),
    "en": SiteLocale(id="en", babel="en_US", name="English"),
    "ko": SiteLocale(id="ko", babel="ko_KR", name="한국어"),
}


def localizer(locale_id: str, messages: dict[str, str] | None = None) -> Localizer:
    site = LOCALES[locale_id]
    catalog = Catalog(f"i18n/{locale_id}/LC_MESSAGES/site-data.po", messages or {}, {})
    return Localizer(site, babel_locale(site), catalog)


@pytest.mark.parametrize("locale_id", LOCALES)
def test_usd_is_shown_with_a_plain_dollar_sign_everywhere(locale_id):
    loc = localizer(locale_id, {"format.approx": "~{{ value }}"})
    assert loc.usd(0.85) == "$0.85"
    assert loc.usd(98.32) == "$98.32"
    assert loc.usd(1234.5) == "$1,234.50"
    assert loc.usd(45, approximate=True) == "~$45.00"


@pytest.mark.parametrize("locale_id", LOCALES)
def test_signed_percentages(locale_id):
    loc = localizer(locale_id)
    assert loc.signed_percent(1.3333) == "+133%"
    assert loc.signed_percent(-0.5714) == "-57%"  # not Babel's '-+57%'
    assert loc.signed_percent(0.0) == "0%"
    assert loc.signed_percent(-0.004) == "0%"  # rounds to zero: no sign
    assert loc.percent(0.8333) == "83%"


def test_rounding_is_half_up_like_published_figures():
    loc = localizer("en")
    assert loc.number(2.745, 2) == "2.75"  # Babel alone gives 2.74 (half-even)
    assert loc.number(0.125, 2) == "0.13"
    assert loc.number(4200) == "4,200"


def test_compact_counts_keep_a_fraction_digit():
    assert localizer("en").compact(430_000) == "430K"
    assert localizer("en").compact(1_250_000) == "1.2M"
    assert localizer("zh").compact(128_000) == "12.8万"  # Babel's default would say 13万
    assert localizer("ko").compact(10_000_000) == "1000만"


def test_missing_message_is_reported_not_replaced_by_english():
    loc = localizer("ko", {})
    assert loc.text("chart.ttft.title") == "[chart.ttft.title]"
    assert [p.code for p in loc.missing] == ["E060"]
    assert loc.missing[0].format() == (
        "i18n/ko/LC_MESSAGES/site-data.po: error[E060] no 'ko' translation for message 'chart.ttft.title'\n"
        "  hint: add  msgid \"chart.ttft.title\"  with a non-empty msgstr (and no fuzzy flag) to this catalogue")


def test_templates_fill_placeholders_and_reject_broken_ones():
    loc = localizer("en", {"ok": "{{ a }} and {{ b }}", "broken": "{{ a }", "unknown": "{{ c }}"})
    assert loc.text("ok", a="x", b="y") == "x and y"
    assert loc.text("broken", a="x") == "{{ a }"  # refused at validate (E063); never evaluated
    assert loc.missing == []
    loc.text("unknown", a="x")
    assert [p.code for p in loc.missing] == ["E063"]


def test_messages_and_editors_text_are_never_evaluated():
    """Only the named slots are filled in; expressions, statements and comments stay as written."""
    hostile = ["{{ 7*7 }}", "{{ a * 5000 }}", "{% raw %}{{ a }}{% endraw %}", "{# c #}", "{{ a.__class__ }}",
               "{{ cycler.__init__.__globals__ }}", "{%- for x in range(9) %}x{% endfor %}"]
    loc = localizer("en", {f"m{i}": text for i, text in enumerate(hostile)})
    for i, text in enumerate(hostile):
        expected = text.replace("{{ a }}", "x")
        assert loc.text(f"m{i}", a="x") == expected
        assert loc.pick({"en": text}, figure="9") == text
    assert loc.pick({"en": "{{ figure }} of {{ 7*7 }}"}, figure="9") == "9 of {{ 7*7 }}"


def test_list_join_follows_the_locale():
    assert localizer("en").join(["A", "B", "C"]) == "A, B, and C"
    assert localizer("zh").join(["A", "B", "C"]) == "A、B和C"


@given(st.floats(min_value=-100, max_value=100, allow_nan=False))
def test_signed_percent_has_exactly_one_sign(ratio):
    text = localizer("en").signed_percent(ratio)
    assert text.count("+") + text.count("-") <= 1
    assert text.endswith("%")


def test_unknown_babel_locale_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown Babel locale 'xx_YY'"):
        babel_locale(SiteLocale(id="xx", babel="xx_YY", name="?"))


@given(st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-10**7, max_value=10**7),
       st.sampled_from([0, 1, 2, 3]))
def test_cached_number_formats_are_babels(amount, decimals):
    # The formats are cached by the amount's text: -0 and 0, 1.5 and 1.50 must each read as Babel writes them.
    from babel.numbers import format_decimal as babel_format

    from pipeline.localize import _pattern, format_decimal

    for site in LOCALES.values():
        locale = babel_locale(site)
        for value in (amount, -amount, amount.quantize(1) if amount.is_finite() else amount):
            assert format_decimal(value, _pattern(decimals), locale) == babel_format(value, _pattern(decimals),
                                                                                     locale=locale)


def test_negative_zero_keeps_its_sign_whatever_was_formatted_first():
    import decimal

    from babel.numbers import format_decimal as babel_format

    from pipeline.localize import format_decimal

    locale = babel_locale(LOCALES["en"])
    for text in ("0", "-0", "0.0", "-0.0"):
        amount = decimal.Decimal(text)
        assert format_decimal(amount, "#,##0", locale) == babel_format(amount, "#,##0", locale=locale)


@given(st.lists(st.tuples(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.integers(0, 3)),
                max_size=30))
def test_a_figure_formatted_again_reads_as_it_did_the_first_time(figures):
    # The localizer keeps each figure's text; another localizer, asked each figure once, is the reference.
    loc = localizer("en")
    for value, decimals in figures + figures[::-1]:
        fresh = localizer("en")
        assert loc.number(value, decimals) == fresh.number(value, decimals)
        assert loc.usd(value, decimals) == fresh.usd(value, decimals)


def test_zero_and_negative_zero_keep_their_own_texts_whichever_comes_first():
    loc = localizer("en")
    assert [loc.number(0.0), loc.number(-0.0), loc.number(0.0)] == ["0", "-0", "0"]
    assert [loc.usd(-0.0), loc.usd(0.0)] == ["-$0.00", "$0.00"]


def _filled_by_substitution(template: str, params: dict) -> str:
    """The reference filling: each ``{{ name }}`` replaced in one regex pass (what _compile did before it
    split templates once)."""
    from pipeline.localize import _PLAIN_SLOT, TemplateError

    def slot(match):
        if match.group(1) not in params:
            raise TemplateError(f"'{match.group(1)}' is undefined")
        return str(params[match.group(1)])
    return _PLAIN_SLOT.sub(slot, template)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet="ab {}%#*7 \n", max_size=6),
                          st.sampled_from(["{{ a }}", "{{b}}", "{{  c  }}", "{{ missing }}", "{{ 7*7 }}", "{{a"])),
                max_size=8).map("".join))
def test_a_compiled_template_fills_as_one_substitution_pass_would(template):
    from pipeline.localize import TemplateError, _compile

    params = {"a": 1, "b": "{{ a }}", "c": 2.5}
    try:
        expected = _filled_by_substitution(template, params)
    except TemplateError as error:
        with pytest.raises(TemplateError, match=re.escape(str(error))):
            _compile(template)(**params)
    else:
        assert _compile(template)(**params) == expected
