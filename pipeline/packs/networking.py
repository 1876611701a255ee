"""The networking pack: derived figures and plausibility rules of network benchmarks (iperf3, fortio)."""

from __future__ import annotations

from pipeline.packs import Derivation


def udp_delivered(sent: float, loss_percent: float) -> float:
    """UDP rate that reached the receiver: sending rate x (1 - loss).

    iperf3's client summary is the *sending* rate for UDP (esnet/iperf #584), so a sender
    that keeps 10 Gbit/s at 20 % loss delivers no more than one that sends 7.9 at 0.7 %.
    """
    return sent * (1 - loss_percent / 100)


DERIVATIONS = (
    Derivation("udp_delivered", ("udp_throughput", "udp_loss"), udp_delivered, "formula.udp_delivered"),
)
"""Derived metrics of the pack."""

THROUGHPUT_METRICS = ("tcp_throughput", "udp_throughput", "udp_delivered", "udp_received")
"""Rates of one flow between two instances: bounded by the instances' network bandwidth (L080)."""
