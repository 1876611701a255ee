"""What a YAML merge (<<: *anchor) brings into a mapping: flags are reported (E053), other values are
validated where they are typed, at the anchor, like any value (yaml-language-server does not see them)."""

from __future__ import annotations

from pipeline.cli import main
from tests.project import GOLDEN_REPORTS, make_project

DEMO = GOLDEN_REPORTS / "consistent-demo.yaml"
FILE = "data/reports/consistent-demo.yaml"
A_PRICE = ("    price: {hourly: 98.32, pricing_model: on-demand, region: us-east-1, source: aws-ec2-on-demand-pricing, "
           "as_of: 2026-02-10}")
D_PRICE = A_PRICE.replace("98.32", "45.00")
E_PRICE = A_PRICE.replace("98.32", "12.89")


def _validate(tmp_path, capsys, replacements: list[tuple[str, str]], *flags: str) -> tuple[int, str]:
    text = DEMO.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    tmp_path.mkdir(parents=True, exist_ok=True)
    report = tmp_path / "consistent-demo.yaml"
    report.write_text(text, encoding="utf-8")
    root = make_project(tmp_path / "project", [report])
    code = main(["--root", str(root), "validate", *flags])
    return code, capsys.readouterr().err


def _anchored(a_price: str) -> list[tuple[str, str]]:
    return [(A_PRICE, a_price), (D_PRICE, "    price: {<<: *on-demand, hourly: 45.00}"),
            (E_PRICE, "    price: {<<: *on-demand, hourly: 12.89, approximate: false}")]


def test_a_flag_reaching_other_prices_through_a_merge_is_reported_where_it_is_merged(tmp_path, capsys):
    flagged = A_PRICE.replace("price: {", "price: &on-demand {approximate: true, ")
    code, err = _validate(tmp_path, capsys, _anchored(flagged))
    assert code == 0  # a warning; E's own 'approximate: false' overrides the flag, so only D is reported
    assert err.splitlines()[:2] == [
        f"{FILE}:32:13: warning[E053] scenarios.D.price.approximate: 'approximate: true' reaches this mapping "
        "through the merge on this line, from line 26; it is not typed here",
        "  hint: type approximate: true only in the mapping it concerns, not in the anchored one ('&'), or write "
        "approximate: false here if this one is not"]
    assert "scenarios.E" not in err
    code, _ = _validate(tmp_path / "strict", capsys, _anchored(flagged), "--strict")
    assert code == 1


def test_shared_values_are_not_reported(tmp_path, capsys):
    code, err = _validate(tmp_path, capsys, _anchored(A_PRICE.replace("price: {", "price: &on-demand {")))
    assert (code, "E053" in err) == (0, False)


def test_a_wrong_value_typed_in_the_anchor_is_reported_at_the_anchor_for_every_price(tmp_path, capsys):
    wrong = A_PRICE.replace("price: {", "price: &on-demand {").replace("pricing_model: on-demand",
                                                                        "pricing_model: on-demnad")
    code, err = _validate(tmp_path, capsys, _anchored(wrong))
    assert code == 1
    first = err.splitlines()[0]
    assert first.startswith(f"{FILE}:26:54: error[E028] scenarios.A.price.pricing_model: ")
    assert "also used by scenarios.D.price.pricing_model, scenarios.E.price.pricing_model" in err


def test_a_wrong_value_typed_beside_a_merge_is_reported_on_its_line(tmp_path, capsys):
    code, err = _validate(tmp_path, capsys, [(A_PRICE, A_PRICE.replace("price: {", "price: &on-demand {")),
                                             (D_PRICE, "    price: {<<: *on-demand, hourly: -45}")])
    assert code == 1
    assert err.splitlines()[0].startswith(f"{FILE}:32:37: error[E023] scenarios.D.price.hourly: must be greater "
                                          "than 0 (got -45)")
