"""site-data: build a Docusaurus site's benchmark data (props JSON, MDX tables, charts) from YAML."""

__version__ = "0.1.0"
