"""Read the raw files a benchmark report's ``measurements`` name into observations of its metrics.

Each entry's patterns are expanded under data/, each file is read by the networking formats
(iperf3, fortio, k6) or the entry's declared field map, and every observation that fills one of
the report's figures is kept with its file and run. Problems point at the entry's ``files:`` line
and name the raw file.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.derive.benchmark import Observed, convert
from pipeline.derive.figures import coords
from pipeline.errors import Problem
from pipeline.load.measurements import expand_entry_files, implausible
from pipeline.load.yaml_source import SourceDocument
from pipeline.models.benchmark import Measurement, Report
from pipeline.models.common import LARGEST


def read_observed(report: Report, document: SourceDocument, root: Path, units: dict, metrics: dict,
                  formats: dict) -> tuple[list[Observed], list[Problem]]:
    """Observations of every measurements entry of ``report``, and the problems met on the way."""
    from pipeline.ingest.observations import read_observations  # only reports with raw files pay for it

    found: list[Observed] = []
    problems: list[Problem] = []
    unit_of = _unit_index(units)
    report_metrics = {m.metric for m in report.metrics}
    dimensions = {d.id for d in report.dimensions}
    for index, entry in enumerate(report.measurements):
        here = document.locate(("measurements", index, "files"))
        shown = document.shown(("measurements", index, "files"))
        field_maps = [formats[entry.format].value] if entry.format in formats else []
        taken = 0
        files, found_problems = expand_entry_files(document, root, index, entry)
        problems += found_problems
        for file in files:
            observations, read_problems = read_observations(file.path, file.shown, field_maps)
            for p in read_problems:
                problems.append(Problem(p.code, f"{p.location or file.shown}: {p.message}", here,
                                        shown, p.hint, p.severity))
            for obs in observations:
                for metric, at in _fills(entry, obs, report_metrics & set(metrics), dimensions):
                    unit = unit_of.get(obs.unit.casefold())
                    target = units.get(metrics[metric].unit)
                    if unit is None or target is None or unit.dimension != target.dimension:
                        problems.append(Problem(
                            "E076", f"{obs.file}: {obs.where} is in '{obs.unit}', which does not convert to "
                                    f"{metric}'s unit '{metrics[metric].unit}'", here, shown,
                            "map the field to a metric of its dimension, or add the unit to units.yaml", "warning"))
                        continue
                    metric_def = metrics[metric]
                    refused = implausible(convert(obs.value, unit, target), metric_def.values, metric_def.maximum,
                                          f"a {metric}")
                    if refused:
                        problems.append(Problem(
                            "E037", f"{obs.file}: {obs.where} reports {obs.value:g} ({refused}); it is left out of "
                                    f"{metric}, and the build fails", here, shown,
                            f"{metric} figures are {metrics[metric].values} and at most {LARGEST:g}: a broken or "
                            "misconfigured run; rerun it, or leave its file out of files:"))
                        continue
                    found.append(Observed(index, metric, obs.statistic, obs.value, unit.id, at, obs.file, obs.run))
                    taken += 1
        if taken == 0:
            problems.append(Problem("E077", "the files of this entry hold none of the report's metrics", here, shown,
                                    "check the files, the format and take:", "warning"))
    return found, problems


def _unit_index(units: dict) -> dict:
    index = {}
    for unit in units.values():
        for name in [unit.id] + list(unit.aliases):
            index.setdefault(name.casefold(), unit)
    return index


def _fills(entry: Measurement, obs, report_metrics: set[str], dimensions: set[str]):
    """(report metric, coordinates) pairs an observation fills; only the report's dimensions are kept."""
    own = dict(obs.dimensions)
    at = coords({k: v for k, v in own.items() if k in dimensions})
    if entry.take is None:
        if obs.metric in report_metrics:
            yield obs.metric, at
        return
    for take in entry.take:
        if (take.observed or take.metric) != obs.metric:
            continue
        if take.statistic is not None and take.statistic != obs.statistic:
            continue
        if any(coords({k: own.get(k)}) != coords({k: v}) for k, v in take.where.items()):
            continue
        yield take.metric, coords({k: v for k, v in own.items() if k in dimensions and k not in take.where})
