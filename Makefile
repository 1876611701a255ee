# site-data: two commands on a fresh machine: `make site-data` then `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: site-data test test-quick validate check diff lint schema goldens bench clean help node-deps bytecode
.PHONY: system-deps fonts apt-install site-deps site site-serve types locales

help:
	@echo "make site-data   create the environment if missing, install, build every shipped report"
	@echo "make test        run the whole test suite (what CI runs)"
	@echo "make test-quick  the suite without the example site's builds and browser tests (tests/site/)"
	@echo "make validate    check data/ (structure, references, translations); writes nothing"
	@echo "make lint        check the numbers for contradictions"
	@echo "make check       fail if site-data/ or schemas/ are stale (for CI)"
	@echo "make diff        list the shown figures the last commit changes (site-data diff --against HEAD~1)"
	@echo "make schema      regenerate schemas/ from the models"
	@echo "make goldens     regenerate tests/golden/ after an intended output change"
	@echo "make bench       measure build and ingest speed (not part of make test)"
	@echo "make node-deps   install the MDX compiler the tests check tables with (tools/mdx-check, npm ci)"
	@echo "make system-deps install the Debian packages charts and the browser test need, if missing"
	@echo "make site        build the example Docusaurus site (examples/site) in ko, en and zh"
	@echo "make site-serve  build it and serve it on http://127.0.0.1:3300/"
	@echo "make types       regenerate types/site-data.d.ts and types/general.d.ts from schemas/props/"

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	$(MAKE) --no-print-directory bytecode
	touch $@

# An editable install leaves pipeline/ without byte-code, and where PYTHONDONTWRITEBYTECODE is set
# nothing ever writes it: every command would compile the package again (about 70 ms). compileall
# skips files whose byte-code is current, so running it again after an edit costs little.
bytecode:
	@test -x $(PY) && $(PY) -m compileall -q pipeline bench

site-data: $(STAMP) fonts bytecode
	$(PY) -m pipeline build

# Debian packages: a CJK font for the charts' Chinese and Korean labels, Chromium for the browser
# test. Only what is missing is installed (apt-get update first); elsewhere, say what to install.
CHROMIUM ?= /usr/bin/chromium

fonts: $(STAMP)
	@$(PY) -c "from pipeline.render.charts_fonts import find_font_files as f; f()" 2>/dev/null \
	  || $(MAKE) --no-print-directory apt-install PACKAGES=fonts-noto-cjk

system-deps: fonts locales
	@test -x $(CHROMIUM) || $(MAKE) --no-print-directory apt-install PACKAGES=chromium

# The system locales the two-environment determinism test builds under (Debian: the `locales`
# package, then generate them). The test fails, rather than skips, when they are missing.
TEST_LOCALES := ko_KR.UTF-8 zh_CN.UTF-8

locales:
	@missing=; for l in $(TEST_LOCALES); do \
	  locale -a 2>/dev/null | grep -qix "$$(echo $$l | sed 's/UTF-8/utf8/')" || missing="$$missing $$l"; done; \
	test -z "$$missing" || { \
	  command -v localedef >/dev/null || $(MAKE) --no-print-directory apt-install PACKAGES=locales; \
	  sudo=$$(test "$$(id -u)" = 0 || echo sudo); \
	  for l in $$missing; do echo "generating locale $$l"; \
	    $$sudo localedef -i $${l%%.*} -c -f UTF-8 -A /usr/share/locale/locale.alias $$l; done; }

apt-install:
	@command -v apt-get >/dev/null || { echo "install $(PACKAGES) with your package manager" \
	  "(for fonts, or point SITE_DATA_CJK_FONT at NotoSansCJK-Regular.ttc)"; exit 1; }
	@sudo=$$(test "$$(id -u)" = 0 || echo sudo); \
	  echo "installing $(PACKAGES)"; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $(PACKAGES)

# The example site (examples/site): Docusaurus 3, its TypeScript components, the browser test.
SITE       := examples/site
SITE_STAMP := $(SITE)/node_modules/.installed-stamp

$(SITE_STAMP): $(SITE)/package.json $(SITE)/package-lock.json
	cd $(SITE) && npm ci --no-audit --no-fund
	touch $@

site-deps: $(SITE_STAMP)

types: $(SITE_STAMP)
	cd $(SITE) && node scripts/generate-types.mjs ../../types/site-data.d.ts
	cd $(SITE) && node scripts/generate-types.mjs ../../types/general.d.ts ../../schemas/props/general kinds

site: site-data $(SITE_STAMP)
	cd $(SITE) && npm run build

site-serve: site
	cd $(SITE) && npm run serve

# The MDX 3 compiler (Node) the test suite compiles every generated table with.
MDX_CHECK  := tools/mdx-check
NODE_STAMP := $(MDX_CHECK)/node_modules/.installed-stamp

$(NODE_STAMP): $(MDX_CHECK)/package.json $(MDX_CHECK)/package-lock.json
	cd $(MDX_CHECK) && npm ci --no-audit --no-fund
	touch $@

node-deps: $(NODE_STAMP)

# `make test` is the full suite CI runs (the example site's build, browser and live-preview tests
# included); `make test-quick` leaves out tests/site/ (the Docusaurus builds), for the edit-test loop.
test: $(STAMP) bytecode node-deps system-deps site-deps
	$(PY) -m pytest

test-quick: $(STAMP) node-deps fonts
	$(PY) -m pytest --ignore=tests/site

# VALIDATE_FLAGS: e.g. --strict, or --format github for annotations in GitHub Actions.
validate: $(STAMP) fonts
	$(PY) -m pipeline validate $(VALIDATE_FLAGS)

# What the last commit changes on the pages (DIFF_FLAGS: e.g. --format github, --against main).
diff: $(STAMP)
	@if git rev-parse -q --verify HEAD~1 >/dev/null; then $(PY) -m pipeline diff --against HEAD~1 $(DIFF_FLAGS); \
	else echo "diff: no earlier revision to compare with"; fi

lint: $(STAMP)
	$(PY) -m pipeline lint

check: $(STAMP) fonts
	$(PY) -m pipeline build --check
	$(PY) -m pipeline schema --check

schema: $(STAMP)
	$(PY) -m pipeline schema

goldens: $(STAMP) fonts
	$(PY) -m tests.regenerate_goldens

bench: $(STAMP) bytecode
	$(PY) -m bench

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
	rm -rf $(SITE)/build $(SITE)/.docusaurus $(SITE)/site-data
