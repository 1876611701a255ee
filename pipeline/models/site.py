"""The site's locales: i18n/locales.yaml."""

from pydantic import Field, StringConstraints
from typing import Annotated

from pipeline.models.common import LocaleId, Strict, Text

BabelId = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(_[A-Za-z0-9]+)*$")]


class SiteLocale(Strict):
    """One locale of the Docusaurus site."""

    id: LocaleId
    """Docusaurus locale id (zh, en, ko); names the output folder."""
    babel: BabelId
    """Babel/CLDR locale used to format numbers (zh_Hans_CN, en_US, ko_KR)."""
    name: Text
    """The locale's name in itself (简体中文)."""


class SiteLocales(Strict):
    """All locales the site publishes, in output order."""

    locales: list[SiteLocale] = Field(min_length=1)
    """Each locale once; the first is listed first everywhere."""
