"""Domain packs: what only a domain knows, added to a benchmark report by ``packs: [...]``.

A pack declares derived metrics (one function each, named after what it computes) and
plausibility rules. The core stays domain-free: it asks the packs a report names for both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable

from pipeline.derive.figures import Figure, FigureKey

if TYPE_CHECKING:
    from pipeline.derive.benchmark import Deployment, MetricView


@dataclass(frozen=True)
class Derivation:
    """A metric a pack computes from other figures of the same scenario and coordinates.

    ``compute`` takes the input figures' numbers (in the inputs' catalogue units) in ``inputs``
    order, plus the scenario's hourly price when ``needs_price``; its result is in the metric's unit.
    """

    metric: str
    """The derived metric's id (metrics.yaml, ``derived: true``)."""
    inputs: tuple[str, ...]
    """Metric ids it reads; the first decides where the derived figures sit."""
    compute: Callable[..., float | None]
    formula: str
    """Catalogue msgid of the formula in words (formula.<metric>)."""
    needs_price: bool = False

    def apply(self, figures: dict[FigureKey, Figure], view: "MetricView",
              deployments: dict[str, "Deployment"]) -> dict[FigureKey, Figure]:
        """The derived figures for every place the first input has a figure (and the others too)."""
        found = {}
        for key, first in list(figures.items()):
            if key.metric != self.inputs[0] or first.number is None:
                continue
            inputs = [first] + [_companion(figures, key, metric) for metric in self.inputs[1:]]
            if any(f is None or f.number is None for f in inputs):
                continue
            args = [f.number for f in inputs]
            if self.needs_price:
                deployment = deployments.get(key.scenario)
                if deployment is None or deployment.hourly is None:
                    continue
                args.append(deployment.hourly.value)
                inputs.append(deployment.hourly)
            value = self.compute(*args)
            if value is None:
                continue
            target = FigureKey(self.metric, key.statistic, key.scenario, key.at)
            found[target] = Figure(target, value, "derived", view.decimals,
                                   approximate=any(f.approximate for f in inputs), formula=self.formula,
                                   inputs=tuple(inputs), location=first.location, path=first.path)
        return found


def _companion(figures: dict[FigureKey, Figure], key: FigureKey, metric: str) -> Figure | None:
    # The same scenario and coordinates; a single reading ('value') or the same statistic.
    for statistic in (key.statistic, "value", "mean", "median"):
        found = figures.get(key.moved(metric=metric, statistic=statistic))
        if found is not None:
            return found
    return None


def derivations_for(packs: Iterable[str]) -> list[Derivation]:
    """The derived metrics of the named packs."""
    from pipeline.packs import llm_serving, networking

    known = {"networking": networking.DERIVATIONS, "llm-serving": llm_serving.DERIVATIONS}
    return [d for pack in packs for d in known.get(pack, ())]
