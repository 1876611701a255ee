"""Value-axis ticks: round numbers from zero to at least the largest value.

Used by the props renderer (which formats each tick for the locale) so that neither the
static charts nor the site's components compute or format numbers themselves.
"""

from __future__ import annotations

import math

_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)


def axis_ticks(high: float, target: int = 5) -> list[float]:
    """Ticks ``0, s, 2s, ...`` with a round step ``s`` (1, 2, 2.5 or 5 x 10^k), the last >= ``high``.

    About ``target`` intervals; ``[0.0, 1.0]`` when ``high`` is not positive.
    """
    if not high > 0:
        return [0.0, 1.0]
    step = round_step(high / target)
    count = math.ceil(high / step - 1e-9)
    return [round(i * step, 10) for i in range(count + 1)]


def round_step(raw: float) -> float:
    """The smallest round step (1, 2, 2.5 or 5 x 10^k) at least ``raw`` (> 0)."""
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in _STEPS if m * magnitude >= raw - 1e-12 * magnitude)


def tick_decimals(ticks: list[float]) -> int:
    """Fraction digits that show every tick exactly (0 for 0, 10,000, 20,000; 1 for 0, 0.5, 1.0)."""
    for decimals in range(4):
        if all(abs(t * 10 ** decimals - round(t * 10 ** decimals)) < 1e-6 for t in ticks):
            return decimals
    return 4
