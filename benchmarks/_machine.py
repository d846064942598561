"""The machine a benchmark ran on, in one line for BENCHMARKS.md (shared by the bench scripts)."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo, else what ``platform`` knows."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def ram_gib() -> float | None:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError, AttributeError):
        return None


def machine(load: bool = False) -> str:
    """"CPU model, N logical CPUs, R GiB RAM, OS release, Python version" and, with
    ``load``, the load average at start (the cores are shared with other processes)."""
    ram = ram_gib()
    parts = [cpu_model(), f"{os.cpu_count()} logical CPUs"]
    if ram is not None:
        parts.append(f"{ram:.1f} GiB RAM")
    parts += [f"{platform.system()} {platform.release()}", f"Python {platform.python_version()}"]
    if load:
        parts.append(f"load average at start {os.getloadavg()[0]:.1f}")
    return ", ".join(parts)
