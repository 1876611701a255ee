"""The hostile-input table: what an attacker or a careless editor might feed the pipeline.

Each case changes one thing in a throwaway copy of a base project and expects an exit status and
the exact first line of what the command prints (expected.json, written by
``python -m tests.hostile.regenerate`` and reviewed like code). Three base projects: ``demo`` (the
small typed report of tests/bad_inputs/), ``sweep`` (the shipped report measured from raw files) and
``cni`` (a general ``kind: benchmark`` report read from raw files through a field map).

Edits, applied in order:
- ``("sub", path, old, new)``: replace the first ``old`` in a text file (it must be there);
- ``("write", path, text or bytes)``, ``("append", path, text)``, ``("delete", path)``;
- ``("symlink", path, target)``: target as written (``{root}`` is the project root);
- ``("mkdir", path)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

REPORT = "data/reports/demo.yaml"
SWEEP = "data/reports/llama31-8b-gpu-sweep.yaml"
PO = "i18n/{}/LC_MESSAGES/site-data.po"
TEMPLATE = "templates/mdx/table.mdx.j2"
RAW = "data/raw/llama31-8b-gpu-sweep/g5.xlarge/vllm/"
RUN1 = RAW + "vllm-infqps-concurrency1-Llama-3.1-8B-Instruct-20260310-110000.json"
CNI = "data/reports/cni-performance-comparison.yaml"
CNI_RAW = "data/raw/cni-performance-comparison/scenario-a-vpccni.json"
FIELD_MAP = "data/formats/cni-bench-v1.yaml"


@dataclass(frozen=True)
class Case:
    klass: str
    name: str
    edits: tuple
    base: str = "demo"
    command: tuple = ("validate",)
    build: bool = True
    """Also run ``build --no-charts``: the same status and first line, and site-data/ unchanged."""


CASES: list[Case] = []


def case(klass: str, name: str, *edits, **options) -> None:
    CASES.append(Case(klass, name, tuple(edits), **options))


# -- numbers: absurd, denormal, non-finite, negative, zero, not numbers ------------------------------
_NUMBER_FIELDS = {
    "price": ("hourly: 98.32", "hourly: {}"),
    "ttft": ("ttft: {A: 100", "ttft: {{A: {}"),
    "itl": ("itl: {A: 10", "itl: {{A: {}"),
    "throughput": ("output_throughput: {A: 93", "output_throughput: {{A: {}"),
    "sweep": ("{concurrency: 4, values: {A: 360", "{{concurrency: 4, values: {{A: {}"),
}
_NUMBER_VALUES = {
    "1e308-dotted": "1.0e+308", "1e30-dotted": "1.0e+30", "denormal": "1.0e-320", "tiny": "1.0e-9",
    "1e308": "1e308", "1e30": "1e30", "huge-int": "1" + "0" * 30, "negative": "-45", "zero": "0",
    "nan": ".nan", "inf": ".inf", "minus-inf": "-.inf", "bool": "true", "quoted": '"12"', "units": "120ms",
    "thousands": '"1,234.5"',
}
for field_name, (old, new) in _NUMBER_FIELDS.items():
    for value_name, value in _NUMBER_VALUES.items():
        case("numbers", f"{field_name}-{value_name}", ("sub", REPORT, old, new.format(value)))
for name, (old, new) in {
    "runs-per-point-huge": ("runs_per_point: 3", "runs_per_point: 10000000000"),
    "input-tokens-zero": ("input_tokens: 512", "input_tokens: 0"),
    "output-tokens-float": ("output_tokens: 128", "output_tokens: 128.5"),
    "concurrency-huge": ("concurrency: 8,", "concurrency: 100000000000,"),
    "concurrency-zero": ("concurrency: 8,", "concurrency: 0,"),
    "stated-percent-huge": ("stated: {low: 45, high: 45}", "stated: {low: 45, high: 1.0e+300}"),
}.items():
    case("numbers", name, ("sub", REPORT, old, new))
case("numbers", "accelerator-memory-huge",
     ("sub", "data/catalog/accelerators.yaml", "memory_gb: 80", "memory_gb: 1.0e+200"))

# -- YAML read as editors mean it ------------------------------------------------------------------
for name, value in {"octal": "0120", "octal-9": "0129", "base60": "1:30", "base60-float": "1:30.5",
                    "signed-octal": "+0120", "yes": "yes", "no": "no", "on": "on", "off": "off", "null": "~"}.items():
    case("yaml", f"ttft-{name}", ("sub", REPORT, "ttft: {A: 100", f"ttft: {{A: {value}"))
case("yaml", "version-octal", ("sub", REPORT, "  region: us-east-1", "  region: 0777"))
case("yaml", "label-base60", ("sub", REPORT, "short_label: trn2", "short_label: 2:30"))
case("yaml", "approximate-yes", ("sub", REPORT, "as_of: 2026-02-10}", "as_of: 2026-02-10, approximate: yes}"))
for name, value in {"zero": "0", "timestamp": "1767225600", "float": "2026.03", "bad-day": "2026-02-30",
                    "words": "March 2026", "datetime": "2026-03-01 10:00:00", "bool": "true"}.items():
    case("yaml", f"date-{name}", ("sub", REPORT, "date: 2026-03-01", f"date: {value}"))
case("yaml", "as-of-integer", ("sub", REPORT, "as_of: 2026-02-10}", "as_of: 20260210}"))
case("yaml", "unclosed-quote", ("sub", REPORT, "short_label: trn2", 'short_label: "trn2'))
case("yaml", "unclosed-flow", ("sub", REPORT, "ttft: {A: 100, D: 130}", "ttft: {A: 100, D: 130"))
case("yaml", "tab-indent", ("sub", REPORT, "  - id: D", "\t- id: D"))
case("yaml", "duplicate-key", ("sub", REPORT, "baseline: A", "baseline: A\nbaseline: D"))
case("yaml", "python-tag", ("sub", REPORT, "baseline: A", "baseline: !!python/object:os.system A"))
case("yaml", "second-document", ("append", REPORT, "---\nid: other\n"))
case("yaml", "not-utf8", ("write", REPORT, "id: demo\ntitle: caf\xe9\n".encode("latin-1")))
case("yaml", "empty-file", ("write", REPORT, ""))
case("yaml", "raw-nul", ("sub", REPORT, "en: Demo report", "en: Demo\x00report"))
case("yaml", "raw-bell", ("sub", REPORT, "en: Demo report", "en: Demo\x07report"))
case("yaml", "alias-bomb", ("write", REPORT, "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(8))))
case("yaml", "deep-nesting", ("write", REPORT, "id: " + "[" * 200 + "]" * 200 + "\n"))

# -- text is text: editors' strings never evaluated, control characters refused, URLs http(s) ------
_JINJA = {"expression": "{{ 7*7 }}", "repeat": '{{ "x" * 5000 }}', "raw": "{% raw %}x{% endraw %}",
          "comment": "{# hidden #}", "sandbox": "{{ ''.__class__.__mro__ }}", "for": "{% for i in range(3) %}x{% endfor %}",
          "unclosed": "{{ figure", "figure-elsewhere": "{{ figure }}"}
for name, text in _JINJA.items():
    case("text", f"title-{name}", ("sub", REPORT, "en: Demo report", f"en: '{text}'"))
    case("text", f"role-{name}", ("sub", REPORT, "en: GPU baseline", f"en: '{text}'"))
for name, escape in {"nul": "\\0", "bell": "\\a", "escape": "\\e", "del": "\\x7f", "c1": "\\x85",
                     "line-separator": "\\u2028", "backspace": "\\b", "vertical-tab": "\\v"}.items():
    case("text", f"title-control-{name}", ("sub", REPORT, "en: Demo report", f'en: "Demo {escape} report"'))
case("text", "label-control-nul", ("sub", REPORT, "short_label: trn2", 'short_label: "trn2\\0"'))
case("text", "title-too-long", ("sub", REPORT, "en: Demo report", "en: " + "x" * 700))
case("text", "title-mdx-hostile-accepted", ("sub", REPORT, "en: Demo report", "en: 'a <b> {x} | <!-- c --> </script>'"),
     build=False)
case("text", "title-single-braces-accepted", ("sub", REPORT, "en: Demo report", "en: 'a {b} c}'"), build=False)
_SOURCES = "data/catalog/sources.yaml"
for name, url in {"javascript": "javascript:alert(1)", "data": "data:text/html,<script>x</script>",
                  "file": "file:///etc/passwd", "relative": "/pricing", "ftp": "ftp://example.com/x",
                  "spaces": "https://exa mple.com", "vbscript": "vbscript:msgbox", "no-scheme": "aws.amazon.com/ec2"}.items():
    case("text", f"url-{name}", ("sub", _SOURCES, "url: https://aws.amazon.com/ec2/pricing/on-demand/", f"url: '{url}'"))

# -- translations (.po): never evaluated, control characters at their line --------------------------
_MSG = 'msgstr "{{ metric }} ({{ unit }})"'
for name, text in {"expression": "{{ metric }} ({{ 7*7 }})", "raw": "{% raw %}{{ metric }}{% endraw %} ({{ unit }})",
                   "comment": "{{ metric }} {# x #}({{ unit }})", "attribute": "{{ metric.__class__ }} ({{ unit }})",
                   "paren-dropped-accepted": "{{ metric }} ({{ unit }}", "filter": "{{ metric | upper }} ({{ unit }})",
                   "dropped": "{{ metric }}", "renamed": "{{ metric }} ({{ units }})"}.items():
    case("translations", f"po-{name}", ("sub", PO.format("en"), _MSG, f'msgstr "{text}"'))
for name, char in {"nul": "\x00", "bell": "\x07", "escape": "\x1b", "del": "\x7f", "line-separator": "\u2028"}.items():
    case("translations", f"po-control-{name}", ("sub", PO.format("ko"), 'msgstr "동시 요청 수"',
                                                f'msgstr "동시 {char}요청 수"'))
case("translations", "po-not-utf8", ("write", PO.format("zh"), b'msgid "axis.concurrency"\nmsgstr "\xff\xfe"\n'))
case("translations", "po-missing-file", ("delete", PO.format("ko")))
case("translations", "po-syntax", ("sub", PO.format("en"), _MSG, 'msgstr {{ metric }}'))
case("translations", "po-empty-translation", ("sub", PO.format("en"), _MSG, 'msgstr ""'))
case("translations", "po-fuzzy", ("sub", PO.format("en"), 'msgid "axis.metric_with_unit"',
                                  '#, fuzzy\nmsgid "axis.metric_with_unit"'))

# -- templates under templates/ are inputs ----------------------------------------------------------
for name, (old, new) in {
    "unclosed-for": ("{% endfor %}{% for note in notes %}", "{% for note in notes %}"),
    "unclosed-if": ("{{ banner }}", "{% if banner %}{{ banner }}"),
    "undefined-name": ("{{ banner }}", "{{ banner2 }}"),
    "unknown-filter": ("{{ banner }}", "{{ banner | shout }}"),
    "division-by-zero": ("{{ banner }}", "{{ 1 / 0 }}"),
    "syntax-brace": ("{{ banner }}", "{{ banner }"),
    "bad-tag": ("{{ banner }}", "{% frobnicate %}"),
    "undefined-attribute": ("{{ banner }}", "{{ banner.nothing.deeper }}"),
    "include-missing": ("{{ banner }}", "{% include 'nowhere.j2' %}"),
}.items():
    case("templates", name, ("sub", TEMPLATE, old, new))
case("templates", "missing", ("delete", TEMPLATE))
case("templates", "not-utf8", ("write", TEMPLATE, b"{{ banner }}\n\xff\n"))
case("templates", "empty-accepted", ("write", TEMPLATE, ""), build=False)
case("templates", "extra-broken-template", ("write", "templates/mdx/extra.mdx.j2", "{% if %}"))

# -- raw benchmark files ---------------------------------------------------------------------------
_S = {"base": "sweep"}
for name, (old, new) in {"zero-throughput": ('"output_throughput": 28.369648', '"output_throughput": 0'),
                         "negative-throughput": ('"output_throughput": 28.369648', '"output_throughput": -28.4'),
                         "negative-ttft": ('"median_ttft_ms": 119.366581', '"median_ttft_ms": -119.4'),
                         "zero-ttft": ('"median_ttft_ms": 119.366581', '"median_ttft_ms": 0'),
                         "huge-ttft": ('"median_ttft_ms": 119.366581', '"median_ttft_ms": 1e308'),
                         "denormal-tpot": ('"median_tpot_ms": 34.535319', '"median_tpot_ms": 1e-320'),
                         "concurrency-zero-falls-back-accepted": ('"max_concurrency": 1', '"max_concurrency": 0'),
                         "nan-literal-missing-accepted": ('"median_ttft_ms": 119.366581', '"median_ttft_ms": NaN'),
                         "truncated": ('"median_ttft_ms": 119.366581', '"median_ttft_ms": 119.3'),
                         }.items():
    edits = ("sub", RUN1, old, new) if name != "truncated" else ("write", RUN1, '{"median_ttft_ms": 1')
    case("raw", name, edits, **_S)
case("raw", "symlink-loop", ("symlink", RAW + "loop.json", "loop.json"), **_S)
case("raw", "symlink-dangling", ("symlink", RAW + "gone.json", "nowhere.json"), **_S)
case("raw", "symlink-dev-zero", ("symlink", RAW + "zero.json", "/dev/zero"), **_S)
case("raw", "symlink-outside", ("write", "../outside.json", "{}"), ("symlink", RAW + "outside.json", "{root}/../outside.json"),
     **_S)
case("raw", "symlink-etc-passwd", ("symlink", RAW + "passwd.json", "/etc/passwd"), **_S)
case("raw", "double-dot-loop-accepted", ("symlink", "data/raw/llama31-8b-gpu-sweep/g6.xlarge/aiperf/a", "."),
     ("symlink", "data/raw/llama31-8b-gpu-sweep/g6.xlarge/aiperf/b", "."), **_S)
case("raw", "folder-symlink-outside-not-followed-accepted", ("mkdir", "../elsewhere"),
     ("symlink", "data/raw/llama31-8b-gpu-sweep/g6.xlarge/aiperf/x", "{root}/../elsewhere"), **_S)
case("raw", "not-json", ("write", RUN1, "hello\n"), **_S)
case("raw", "empty", ("write", RUN1, ""), **_S)
case("raw", "binary", ("write", RUN1, b"\x00\xff" * 100), **_S)
case("raw", "pattern-outside", ("sub", SWEEP, "files: [raw/llama31-8b-gpu-sweep/g5.xlarge/vllm/*.json]",
                                 "files: [../../etc/*.json]"), **_S)
case("raw", "pattern-absolute", ("sub", SWEEP, "files: [raw/llama31-8b-gpu-sweep/g5.xlarge/vllm/*.json]",
                                  "files: [/etc/*]"), **_S)
case("raw", "pattern-matches-nothing", ("sub", SWEEP, "files: [raw/llama31-8b-gpu-sweep/g5.xlarge/vllm/*.json]",
                                         "files: [raw/nothing/*.json]"), **_S)
case("raw", "deep-json", ("write", RUN1, "[" * 100000 + "]" * 100000), **_S)

# -- locales ---------------------------------------------------------------------------------------
_LOCALES = "i18n/locales.yaml"
case("locales", "case-fold-collision", ("append", _LOCALES, "  - {id: pt-BR, babel: pt_BR, name: a}\n"
                                                            "  - {id: pt-br, babel: pt_BR, name: b}\n"))
case("locales", "duplicate", ("append", _LOCALES, "  - {id: en, babel: en_US, name: again}\n"))
case("locales", "unknown-babel", ("sub", _LOCALES, "babel: en_US", "babel: xx_YY"))
case("locales", "upper-case-id", ("sub", _LOCALES, "{id: en,", "{id: EN,"))
case("locales", "path-id", ("sub", _LOCALES, "{id: en,", "{id: ../en,"))
case("locales", "nul-name", ("sub", _LOCALES, "name: English", 'name: "Eng\\0lish"'))
case("locales", "emoji-name-accepted", ("sub", _LOCALES, "name: English", "name: English 🙂"), build=False)
case("locales", "emoji-in-label-named-at-its-field", ("sub", REPORT, "short_label: trn2", 'short_label: "trn2 🙂"'),
     command=("build",), build=False)
case("locales", "emoji-in-translation-named-at-its-line", ("sub", PO.format("ko"), 'msgstr "동시 요청 수"',
                                                            'msgstr "동시 요청 수 🙂"'), command=("build",), build=False)
case("locales", "no-locales", ("write", _LOCALES, "locales: []\n"))

# -- the output folder -----------------------------------------------------------------------------
case("output", "file-symlink-to-itself-replaced-accepted", ("symlink", "site-data/demo/en/TtftChart.json.tmp", "TtftChart.json.tmp"),
     command=("build", "--no-charts"), build=False)
case("output", "folder-symlink-outside", ("delete", "site-data/demo/ko"), ("mkdir", "../out"),
     ("symlink", "site-data/demo/ko", "{root}/../out"), command=("build", "--no-charts"), build=False)

# -- benchmark reports (kind: benchmark): figures, coordinates, references, cells, raw files, field maps --
_C = {"base": "cni"}
_NAT = "values: {A: 10059}}"
for name, value in {"1e308": "1.0e+308", "negative": "-5", "nan": ".nan", "yes": "yes", "units": "10059 rules",
                    "octal": "0120", "not-applicable-with-value": "{not_applicable: true, value: 3}",
                    "range-backwards": "{low: 9, high: 3}", "range-one-end": "{low: 3}"}.items():
    case("benchmark", f"figure-{name}", ("sub", CNI, _NAT, f"values: {{A: {value}}}}}"), **_C)
case("benchmark", "figure-unknown-scenario", ("sub", CNI, _NAT, "values: {Z: 10059}}"), **_C)
case("benchmark", "figure-unknown-dimension", ("sub", CNI, "{metric: nat_rules, at: {services: 1000}",
                                               "{metric: nat_rules, at: {nodes: 1000}"), **_C)
case("benchmark", "figure-undeclared-level", ("sub", CNI, "{metric: nat_rules, at: {services: 1000}",
                                              "{metric: nat_rules, at: {services: 999}"), **_C)
case("benchmark", "figure-unknown-metric", ("sub", CNI, "{metric: nat_rules, at: {services: 1000}",
                                            "{metric: nat_rulez, at: {services: 1000}"), **_C)
case("benchmark", "figure-twice", ("sub", CNI, "  - {metric: nat_rules, at: {services: 1000}",
                                   "  - {metric: nat_rules, at: {services: 1000}, basis: measured, source: "
                                   "cni-benchmark-page, values: {A: 1}}\n  - {metric: nat_rules, at: {services: 1000}"), **_C)
case("benchmark", "comparison-unknown-scenario", ("sub", CNI, "from: A, to: E, stated: -36}", "from: A, to: Q, stated: -36}"),
     **_C)
case("benchmark", "comparison-stated-huge", ("sub", CNI, "from: A, to: E, stated: -36}", "from: A, to: E, stated: 1.0e+300}"),
     **_C)
case("benchmark", "comparison-unknown-measure", ("sub", CNI, "from: A, to: E, stated: -36}",
                                                 "from: A, to: E, measure: percent}"), **_C)
case("benchmark", "component-unknown-kind", ("sub", CNI, "  - name: ThroughputChart\n    kind: bars",
                                             "  - name: ThroughputChart\n    kind: pie"), **_C)
case("benchmark", "component-name-path", ("sub", CNI, "  - name: ThroughputChart\n", "  - name: ../ThroughputChart\n"),
     **_C)
case("benchmark", "component-title-expression", ("sub", CNI, "en: Network throughput,", "en: '{{ 7*7 }}',"), **_C)
case("benchmark", "cell-slot-undeclared", ("sub", CNI, 'en: "{{ figure1 }} in every scenario"',
                                           'en: "{{ figure2 }} in every scenario"'), **_C)
case("benchmark", "cell-slot-expression", ("sub", CNI, 'en: "{{ figure1 }} in every scenario"',
                                           'en: "{{ figure1 * 2 }} in every scenario"'), **_C)
case("benchmark", "short-label-missing-locale", ("sub", CNI, "short_label: {zh: ENI+调优, en: ENI+Tuning, ko: ENI+튜닝}",
                                                 "short_label: {zh: ENI+调优, en: ENI+Tuning}"), **_C)
case("benchmark", "short-label-nul", ("sub", CNI, "short_label: VPC CNI", 'short_label: "VPC\\0CNI"'), **_C)
case("benchmark", "baseline-unknown", ("sub", CNI, "baseline: A", "baseline: Q"), **_C)
case("benchmark", "pack-unknown", ("sub", CNI, "packs: [networking]", "packs: [networking, quantum]"), **_C)
case("benchmark", "planned-with-figures", ("sub", CNI, "  basis: measured\n  runs_per_point", "  basis: planned\n  runs_per_point"),
     **_C)
for name, (old, new) in {"negative": ('"tcp_throughput_gbps": 12.41', '"tcp_throughput_gbps": -12.41'),
                         "huge": ('"tcp_throughput_gbps": 12.41', '"tcp_throughput_gbps": 1e308'),
                         "zero-is-missing-accepted": ('"tcp_throughput_gbps": 12.41', '"tcp_throughput_gbps": 0'),
                         "text-ignored-accepted": ('"tcp_throughput_gbps": 12.41', '"tcp_throughput_gbps": "fast"'),
                         "zero-loss-accepted": ('"udp_loss_percent": 20.39', '"udp_loss_percent": 0'),
                         "negative-loss": ('"udp_loss_percent": 20.39', '"udp_loss_percent": -1'),
                         "loss-above-100": ('"udp_loss_percent": 20.39', '"udp_loss_percent": 120'),
                         "denormal": ('"tcp_throughput_gbps": 12.41', '"tcp_throughput_gbps": 1e-320'),
                         "unquoted-na": ('"tcp_throughput_gbps": 12.41', '"tcp_throughput_gbps": N/A'),
                         "field-missing": ('"tcp_throughput_gbps": 12.41,', '')}.items():
    case("benchmark", f"raw-{name}", ("sub", CNI_RAW, old, new), **_C)
case("benchmark", "raw-symlink-outside", ("delete", CNI_RAW), ("write", "../outside.json", "{}"),
     ("symlink", CNI_RAW, "{root}/../outside.json"), **_C)
case("benchmark", "raw-missing", ("delete", CNI_RAW), **_C)
case("benchmark", "field-map-bad-path", ("sub", FIELD_MAP, "  - path: network.udp_loss_percent",
                                         "  - path: network..udp_loss_percent"), **_C)
case("benchmark", "field-map-unknown-unit", ("sub", FIELD_MAP, "    unit: Gbps\n    zero_is_missing: true\n  - path: "
                                             "network.udp_throughput_gbps", "    unit: Gbit per fortnight\n    "
                                             "zero_is_missing: true\n  - path: network.udp_throughput_gbps"), **_C)
case("benchmark", "field-map-duplicate-id", ("write", "data/formats/copy.yaml", "id: cni-bench-v1\ndescription: a copy\nrecognise: "
                                             "{required: [x]}\nfields: [{path: x, metric: tcp_throughput}]\n"), **_C)
