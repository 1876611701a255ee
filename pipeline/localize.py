"""Everything that depends on the reader's language lives here.

A :class:`Localizer` is built per site locale from an explicit Babel ``Locale`` and
that locale's gettext catalogue. Renderers ask it for strings and formatted numbers;
they never see a locale id's meaning. A message missing from a catalogue is an
error (collected, then reported all at once), never an English fallback.
"""

from __future__ import annotations

import datetime
import decimal
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import NumberPattern, format_compact_decimal, parse_pattern

from pipeline.errors import Location, Problem
from pipeline.models.site import SiteLocale

DOMAIN = "site-data"
"""gettext domain: i18n/<locale>/LC_MESSAGES/site-data.po."""

# Messages and editors' texts are text with named slots, never templates: only ``{{ name }}`` for a
# name the caller passes is filled in; anything else (``{{ 7*7 }}``, ``{% raw %}``) is kept as written
# (and refused earlier, at validate, with its file and line). Translators' and editors' strings are
# thus never evaluated.
_PLAIN_SLOT = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


class TemplateError(Exception):
    """A message names a placeholder the caller does not provide."""


def plain_placeholders(template: str) -> set[str] | None:
    """The names of a template made only of text and ``{{ name }}`` slots; None if it holds other
    template syntax (``{{ 7*7 }}``, ``{% ... %}``, ``{# ... #}``), which is refused at validate."""
    rest = _PLAIN_SLOT.sub("", template)
    if "{{" in rest or "{%" in rest or "{#" in rest:
        return None
    return set(_PLAIN_SLOT.findall(template))


@functools.lru_cache(maxsize=4096)
def _compile(template: str):
    """A callable filling ``template``'s ``{{ name }}`` slots from keyword arguments."""
    # Split once into text, name, text, name, ..., text: filling is then a join, not a regex search
    # with a callback per slot on every call (a site's pages fill some 1,800 messages a report).
    pieces = _PLAIN_SLOT.split(template)
    first, slots = pieces[0], list(zip(pieces[1::2], pieces[2::2]))

    def fill(**params: Any) -> str:
        filled = [first]
        for name, text in slots:
            if name not in params:
                raise TemplateError(f"'{name}' is undefined")
            filled += (str(params[name]), text)
        return "".join(filled)
    return fill


@dataclass(frozen=True)
class Catalog:
    """One locale's messages: msgid -> msgstr, and where each entry sits."""

    file: str
    messages: dict[str, str]
    lines: dict[str, int]
    plurals: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """msgid -> its plural forms (msgstr[0], msgstr[1], ...), for entries with a msgid_plural."""


PLURAL_ORDER = ("zero", "one", "two", "few", "many", "other")
"""CLDR plural categories in the order a catalogue's msgstr[0], msgstr[1], ... give them."""


def plural_categories(locale: Locale) -> list[str]:
    """The plural categories of ``locale`` (en: one, other; ko, zh: other), one msgstr[i] each."""
    return [c for c in PLURAL_ORDER if c in locale.plural_form.tags or c == "other"]


def catalog_path(i18n_dir: Path, locale_id: str) -> Path:
    """Where the catalogue of ``locale_id`` lives (Babel's layout)."""
    return i18n_dir / locale_id / "LC_MESSAGES" / f"{DOMAIN}.po"


def babel_locale(site_locale: SiteLocale) -> Locale:
    """The Babel locale that formats numbers for a site locale (raises ValueError if unknown)."""
    try:
        return Locale.parse(site_locale.babel)
    except (UnknownLocaleError, ValueError) as exc:
        raise ValueError(f"unknown Babel locale '{site_locale.babel}': {exc}") from None


def _quantize(value: float, decimals: int) -> decimal.Decimal:
    # Round half up, as readers and the published figures do (Babel would round half-even: 2.745 -> 2.74).
    quantum = decimal.Decimal(1).scaleb(-decimals)
    return decimal.Decimal(repr(float(value))).quantize(quantum, rounding=decimal.ROUND_HALF_UP)


def _pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals else "")


@functools.lru_cache(maxsize=64)
def _parsed(pattern: str) -> NumberPattern:
    """Babel's parse of a number pattern: the same few patterns format every figure of every report,
    and parsing one costs more than applying it."""
    return parse_pattern(pattern)


@functools.lru_cache(maxsize=16384)
def _formatted(amount: str, pattern: str, locale: Locale) -> str:
    # Keyed by the Decimal's text, not the Decimal: Decimal('-0') == Decimal('0'), and Babel writes
    # the first as '-0'; a cache keyed by equality would answer with whichever came first.
    return _parsed(pattern).apply(decimal.Decimal(amount), locale)


def format_decimal(amount: decimal.Decimal, pattern: str, locale: Locale) -> str:
    """``amount`` (already rounded) in ``pattern`` for ``locale``, as Babel's ``format_decimal`` writes it.

    A 100-report build formats the same figures thousands of times: each distinct one is formatted once.
    """
    return _formatted(str(amount), pattern, locale)


@dataclass
class Localizer:
    """Strings and number formats for one site locale."""

    site_locale: SiteLocale
    locale: Locale
    catalog: Catalog
    missing: list[Problem] = field(default_factory=list)
    """Messages asked for but absent from the catalogue; the build fails if any."""
    _grouped: dict[tuple[float, int, str], str] = field(default_factory=dict, repr=False, compare=False)
    """(value, decimals, prefix) -> :meth:`number` or :meth:`usd` text: a site shows the same figures on
    many pages (and rounding and formatting cost more than a look-up)."""

    @property
    def id(self) -> str:
        """The site's locale id (folder name)."""
        return self.site_locale.id

    # -- strings ---------------------------------------------------------------

    def text(self, msgid: str, **params: Any) -> str:
        """The translation of ``msgid``, its ``{{ placeholders }}`` filled from ``params``."""
        template = self.catalog.messages.get(msgid)
        if template is None:
            self._report_missing(msgid)
            return f"[{msgid}]"
        if not params and "{" not in template:
            return template
        try:
            return _compile(template)(**params)
        except TemplateError as exc:
            line = self.catalog.lines.get(msgid)
            self.missing.append(Problem(
                "E063", f"translation of '{msgid}' is not a valid template: {exc}",
                Location(self.catalog.file, line), hint=f"placeholders available here: {', '.join(sorted(params)) or 'none'}"))
            return f"[{msgid}]"

    def plural(self, msgid: str, count: float, **params: Any) -> str:
        """The form of a plural message (a ``msgid_plural`` entry) that ``count`` takes in this language:
        'at least 1 run', 'at least 3 runs'; ``params`` fill its ``{{ placeholders }}``."""
        forms = self.catalog.plurals.get(msgid)
        index = plural_categories(self.locale).index(self.locale.plural_form(count))
        if forms is None or index >= len(forms):
            self._report_missing(msgid)
            return f"[{msgid}]"
        try:
            return _compile(forms[index])(**params)
        except TemplateError as exc:
            self.missing.append(Problem(
                "E063", f"translation of '{msgid}' is not a valid template: {exc}",
                Location(self.catalog.file, self.catalog.lines.get(msgid)),
                hint=f"placeholders available here: {', '.join(sorted(params)) or 'none'}"))
            return f"[{msgid}]"

    def pick(self, localized: Mapping[str, str], **params: Any) -> str:
        """This locale's entry of an editor's ``{zh: ..., en: ..., ko: ...}`` text (validated complete)."""
        text = localized[self.id]
        if params and "{{" in text:
            # Only the slots of ``params`` ({{ figure }}); any other braces stay as written.
            return _PLAIN_SLOT.sub(lambda m: str(params[m.group(1)]) if m.group(1) in params else m.group(0), text)
        return text

    def merge_missing(self, problems: list[Problem]) -> None:
        """Add what rendering other reports in another process found missing, as if found here: a
        message without translation (E060) once, anything else each time."""
        for problem in problems:
            if problem.code != "E060" or problem not in self.missing:
                self.missing.append(problem)

    def _report_missing(self, msgid: str) -> None:
        problem = Problem("E060", f"no '{self.id}' translation for message '{msgid}'",
                          Location(self.catalog.file),
                          hint=f'add  msgid "{msgid}"  with a non-empty msgstr (and no fuzzy flag) to this catalogue')
        if problem not in self.missing:
            self.missing.append(problem)

    # -- numbers ---------------------------------------------------------------

    def number(self, value: float, decimals: int = 0) -> str:
        """A grouped decimal: ``4,200``, ``0.85``."""
        return self._grouped_decimal(value, decimals, "")

    def _grouped_decimal(self, value: float, decimals: int, prefix: str) -> str:
        key = (value, decimals, prefix)
        text = self._grouped.get(key)
        if text is None:
            text = format_decimal(_quantize(value, decimals), prefix + _pattern(decimals), locale=self.locale)
            if value != 0:  # -0.0 == 0.0 as a key, but Babel writes the first '-0'
                self._grouped[key] = text
        return text

    def date(self, day: datetime.date) -> str:
        """A calendar date in the locale's medium form: ``Feb 10, 2026``, ``2026年2月10日``, ``2026. 2. 10.``."""
        return format_date(day, format="medium", locale=self.locale)

    def usd(self, value: float, decimals: int = 2, approximate: bool = False) -> str:
        """US dollars as the site shows them in every locale: ``$0.85`` (``~$45.00`` if approximate)."""
        # A literal '$' in the pattern: Babel's currency symbol is 'US$' in zh and ko.
        text = self._grouped_decimal(value, decimals, "$")
        return self.approx(text) if approximate else text

    def percent(self, ratio: float, decimals: int = 0) -> str:
        """A share: 0.833 -> ``83%``."""
        return self._percent(ratio, decimals, signed=False)

    def signed_percent(self, ratio: float, decimals: int = 0) -> str:
        """A change: 1.333 -> ``+133%``, -0.571 -> ``-57%``; a change that rounds to zero -> ``0%``."""
        return self._percent(ratio, decimals, signed=True)

    def _percent(self, ratio: float, decimals: int, signed: bool) -> str:
        amount = _quantize(ratio * 100, decimals)
        # Babel's '+#,##0%' pattern turns -0.57 into '-+57%'; so the sign is placed here,
        # and the locale's own percent pattern (where '%' goes, which sign character) is kept.
        digits = format_decimal(abs(amount), _pattern(decimals), locale=self.locale)
        before, after = self._percent_affixes
        body = before + digits + after
        if amount == 0:
            return body
        if amount < 0:
            return "-" + body
        return "+" + body if signed else body

    @functools.cached_property
    def digit_symbols(self) -> tuple[str, str]:
        """The thousands separator and the decimal mark this locale writes figures with (``(",", ".")``)."""
        symbols = self.locale.number_symbols["latn"]
        return symbols["group"], symbols["decimal"]

    @functools.cached_property
    def _percent_affixes(self) -> tuple[str, str]:
        """What the locale writes before and after a percentage's digits (``("", "%")``, ``("%", "")``)."""
        pattern = self.locale.percent_formats[None].pattern.split(";")[0]
        symbol = self.locale.number_symbols["latn"]["percentSign"]
        before, after = re.split(r"[#,0.]+", pattern, maxsplit=1)
        return before.replace("%", symbol), after.replace("%", symbol)

    def ratio(self, value: float, decimals: int = 1) -> str:
        """A multiple: 4.565 -> ``4.6×``."""
        return self.text("format.ratio", value=self.number(value, decimals))

    def compact(self, value: float) -> str:
        """A large count in the locale's short form: 1,000,000 -> ``1M`` / ``100万``."""
        return format_compact_decimal(value, locale=self.locale, fraction_digits=1)

    def approx(self, formatted: str) -> str:
        """Mark a formatted figure as approximate: ``~45.00``."""
        return self.text("format.approx", value=formatted)

    def range(self, low: str, high: str, approximate: bool = False) -> str:
        """Two formatted figures as a range: ``$0.28–$0.35``; one figure when both ends read the same.

        An approximate range (``low`` and ``high`` without their marks) is marked once, in the locale's
        own form (``~$0.28–$0.35``, ``약 $0.28–$0.35``): a mark on each end reads, where '~' also
        separates a range (ko), as a range of ranges.
        """
        if low == high:
            return self.approx(low) if approximate else low
        return self.text("format.approx_range" if approximate else "format.range", low=low, high=high)

    def percent_range(self, low: str, high: str) -> str:
        """Two formatted numbers as a percentage range: ``67-83%``; ``83%`` when both ends read the same."""
        if low == high:
            return self.text("format.percent", value=low)
        return self.text("format.percent_range", low=low, high=high)

    def quantity(self, value: float, unit: str, decimals: int = 0, approximate: bool = False) -> str:
        """A number with its unit, in the catalogue's word order: ``120 ms``, ``80 GB``."""
        if unit == "usd_per_mtok" or unit == "usd":
            return self.usd(value, decimals, approximate)
        text = self.text(f"unit.{unit}.value", value=self.number(value, decimals))
        return self.approx(text) if approximate else text

    def unit_label(self, unit: str) -> str:
        """The unit as a column or axis label: ``ms``, ``tokens/sec``, ``$/1M tokens``."""
        return self.text(f"unit.{unit}.label")

    def join(self, items: list[str]) -> str:
        """A list in the locale's style: ``A, B and C``."""
        from babel.lists import format_list
        return format_list(items, locale=self.locale) if items else ""

    # -- figures of benchmark reports (units from data/catalog/units.yaml) ------------------

    def measure(self, value: float, unit_id: str, unit_format: str, decimals: int = 0,
                approximate: bool = False) -> str:
        """A figure with its unit as the units catalogue says to write it: ``12.40 Gbps``, ``20.39%``, ``$0.85``."""
        if unit_format == "usd":
            return self.usd(value, decimals, approximate)
        if unit_format == "percent":
            text = self.percent(value / 100, decimals)
        else:
            text = self.text(f"unit.{unit_id}.value", value=self.number(value, decimals))
        return self.approx(text) if approximate else text

    def bare(self, value: float, unit_format: str, decimals: int = 0, approximate: bool = False) -> str:
        """A figure without its unit, for a cell under a unit heading: ``12.40``, ``$0.85``."""
        text = self.usd(value, decimals) if unit_format == "usd" else self.number(value, decimals)
        return self.approx(text) if approximate else text

    def change(self, fraction: float) -> str:
        """A relative change: -0.359 -> ``-36%``; below 10 % one decimal is kept (+0.6%, -9.4%)."""
        return self.signed_percent(fraction, 0 if abs(fraction) >= 0.095 else 1)
