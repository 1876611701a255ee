"""iperf3 ``-J`` results (3.1 to current): TCP and UDP, parallel streams, reverse mode.

Only the ``end`` summary is read; the per-interval arrays are not needed. What each
figure means depends on the protocol and on which side wrote the file:

- TCP: ``end.sum_received`` is what the receiver got (the goodput people quote),
  ``end.sum_sent`` what the sender wrote, with its retransmits. The smoothed RTT is
  known only on the sending host: in reverse mode a client's ``streams[].sender`` block
  carries ``"sender": false`` and zero RTTs, which are not measurements.
- UDP: the client's ``end.sum.bits_per_second`` is the **sending** rate (esnet/iperf #584)
  while its loss and jitter come from the receiver. Later 3.x builds add ``sum_sent`` and
  ``sum_received``; there ``sum_sent`` has zero loss and jitter placeholders, so loss and
  jitter are read from ``sum_received`` when it exists.

``--bidir`` runs (``sum_sent_bidir_reverse``...) are read for the forward direction only.
"""

from __future__ import annotations

from typing import Any

from pipeline.ingest.readings import Collector, dimension_value

BPS, US, MS, PERCENT, COUNT = "bps", "us", "ms", "percent", "count"


def is_iperf3(obj: Any) -> bool:
    """Whether a parsed document is an iperf3 ``-J`` result."""
    if not isinstance(obj, dict) or not isinstance(obj.get("start"), dict):
        return False
    start = obj["start"]
    return "test_start" in start or str(start.get("version", "")).startswith("iperf 3")


def read_iperf3(data: dict, out: Collector) -> None:
    """Every figure of one iperf3 result into ``out``."""
    start = data["start"]
    test = start.get("test_start") if isinstance(start.get("test_start"), dict) else {}
    version = start.get("version")
    out.tool_version = version.removeprefix("iperf ").strip() if isinstance(version, str) else None
    protocol = str(test.get("protocol", "")).lower() or None
    reverse = bool(test.get("reverse"))
    _dimensions(out, start, test, protocol, reverse)
    if isinstance(data.get("error"), str):
        out.source.warn("E113", f"iperf3 reported an error: {data['error']}", path=out.path("error"),
                        hint="the test did not complete; re-run it, or leave this file out")
    end = data.get("end")
    if not isinstance(end, dict):
        return
    client = isinstance(start.get("connecting_to"), dict)
    if protocol == "udp":
        _udp(end, out, client)
    else:
        _tcp(end, out, client, reverse)


def _dimensions(out: Collector, start: dict, test: dict, protocol: str | None, reverse: bool) -> None:
    dims = {"protocol": protocol, "streams": dimension_value(test.get("num_streams")),
            "reverse": "true" if reverse else "false"}
    duration = dimension_value(test.get("duration"))
    if isinstance(duration, float) and duration > 0:  # 0 when the test ran for -n bytes or -k blocks
        dims["duration"] = duration
    target = dimension_value(test.get("target_bitrate", start.get("target_bitrate")))
    # 0 means unlimited (TCP's default), which is no target.
    if isinstance(target, float) and target > 0:
        dims["target_bitrate"] = target
    if test.get("bidir"):
        dims["bidir"] = "true"
    out.dimensions.update({k: v for k, v in dims.items() if v is not None})


def _tcp(end: dict, out: Collector, client: bool, reverse: bool) -> None:
    received, sent = _block(end, "sum_received"), _block(end, "sum_sent")
    out.add("tcp_throughput", "mean", received.get("bits_per_second"), BPS, "end.sum_received.bits_per_second")
    out.add("tcp_throughput_sent", "mean", sent.get("bits_per_second"), BPS, "end.sum_sent.bits_per_second")
    out.add("tcp_retransmits", "value", sent.get("retransmits"), COUNT, "end.sum_sent.retransmits")
    _rtt(end, out, local_sender=client != reverse)


def _rtt(end: dict, out: Collector, local_sender: bool) -> None:
    """Mean of the streams' mean RTTs, min of their minimums, max of their maximums (µs)."""
    streams = end.get("streams") if isinstance(end.get("streams"), list) else []
    found: dict[str, list[float]] = {"mean_rtt": [], "min_rtt": [], "max_rtt": []}
    for index, stream in enumerate(streams):
        sender = stream.get("sender") if isinstance(stream, dict) else None
        if not isinstance(sender, dict):
            continue
        # Newer builds say whether this host sent; older ones are known from the role.
        if not sender.get("sender", local_sender):
            continue
        for key, values in found.items():
            value = out.number(sender.get(key), f"end.streams[{index}].sender.{key}")
            if value:  # 0 µs is iperf3's "not measured" (no TCP_INFO on this host)
                values.append(value)
    where = "end.streams[0].sender" if len(streams) == 1 else "end.streams[*].sender"
    if found["mean_rtt"]:
        out.put("tcp_rtt", "mean", sum(found["mean_rtt"]) / len(found["mean_rtt"]), US, f"{where}.mean_rtt")
    if found["min_rtt"]:
        out.put("tcp_rtt", "min", min(found["min_rtt"]), US, f"{where}.min_rtt")
    if found["max_rtt"]:
        out.put("tcp_rtt", "max", max(found["max_rtt"]), US, f"{where}.max_rtt")


def _udp(end: dict, out: Collector, client: bool) -> None:
    total, sent, received = _block(end, "sum"), _block(end, "sum_sent"), _block(end, "sum_received")
    if sent:
        out.add("udp_throughput", "mean", sent.get("bits_per_second"), BPS, "end.sum_sent.bits_per_second")
    elif total.get("sender", client):
        # Before sum_sent existed, the client's sum held the sender's rate (esnet/iperf #584).
        out.add("udp_throughput", "mean", total.get("bits_per_second"), BPS, "end.sum.bits_per_second")
    if received:
        out.add("udp_throughput_received", "mean", received.get("bits_per_second"), BPS,
                "end.sum_received.bits_per_second")
    # The receiver's loss and jitter: sum_received where present, else the client's sum.
    name, block = ("sum_received", received) if received else ("sum", total)
    out.add("udp_loss", "value", block.get("lost_percent"), PERCENT, f"end.{name}.lost_percent")
    out.add("udp_lost_packets", "value", block.get("lost_packets"), COUNT, f"end.{name}.lost_packets")
    out.add("udp_packets", "value", block.get("packets"), COUNT, f"end.{name}.packets")
    out.add("udp_jitter", "value", block.get("jitter_ms"), MS, f"end.{name}.jitter_ms")


def _block(end: dict, name: str) -> dict:
    value = end.get(name)
    return value if isinstance(value, dict) else {}
