"""Back-of-the-envelope numbers for the estimation phase, with units."""

from __future__ import annotations

from dataclasses import dataclass

SECONDS_PER_DAY = 86_400
_UNITS = ("B", "KB", "MB", "GB", "TB", "PB", "EB")


@dataclass(frozen=True)
class Estimate:
    average_qps: float
    peak_qps: float
    storage_bytes: float
    bandwidth_bytes_per_s: float

    def lines(self) -> list[str]:
        return [
            f"Average: {self.average_qps:,.1f} requests/s",
            f"Peak: {self.peak_qps:,.1f} requests/s",
            f"Storage: {human_bytes(self.storage_bytes)}",
            f"Bandwidth at peak: {human_bytes(self.bandwidth_bytes_per_s)}/s",
        ]


def estimate(
    users_per_day: float,
    actions_per_user: float,
    *,
    peak_factor: float = 3.0,
    write_share: float = 0.1,
    bytes_per_write: float = 1_000,
    bytes_per_request: float = 10_000,
    years: float = 5.0,
    replication: int = 3,
) -> Estimate:
    """QPS from daily actions; storage of the writes kept for ``years`` with replication;
    bandwidth of the peak traffic."""
    if min(users_per_day, actions_per_user, peak_factor, bytes_per_write, years) < 0:
        raise ValueError("estimates need non-negative numbers")
    if not 0 <= write_share <= 1:
        raise ValueError("the share of writes is between 0 and 1")
    requests_per_day = users_per_day * actions_per_user
    average = requests_per_day / SECONDS_PER_DAY
    storage = requests_per_day * write_share * bytes_per_write * 365 * years * replication
    return Estimate(
        average, average * peak_factor, storage, average * peak_factor * bytes_per_request
    )


def human_bytes(value: float) -> str:
    """Decimal units, as estimates are quoted: 1.5 TB, 300 GB."""
    size, unit = float(value), 0
    while abs(size) >= 1000 and unit < len(_UNITS) - 1:
        size /= 1000
        unit += 1
    return f"{size:,.1f} {_UNITS[unit]}" if unit else f"{size:,.0f} B"
