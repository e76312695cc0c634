"""Shared by the benchmarks: write one named section of docs/benchmarks.md, leaving the others alone.

A section lives between `<!-- bench:NAME:start -->` and `<!-- bench:NAME:end -->`.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

REPORT = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
HEADER = (
    "# Benchmarks\n\n"
    "Written by `make bench` (`bench/*.py`); every section is replaced by the benchmark that owns it. "
    "Benchmarks are not tests: figures depend on the machine, which each section names.\n"
)


def markers(name: str) -> tuple[str, str]:
    return f"<!-- bench:{name}:start -->", f"<!-- bench:{name}:end -->"


def write_section(name: str, markdown: str, path: Path = REPORT) -> Path:
    """Replace the content between the markers of section `name` (create the file or markers if missing)."""
    if not re.fullmatch(r"[a-z0-9_-]+", name):
        raise ValueError(f"bad section name {name!r}")
    start, end = markers(name)
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    block = f"{start}\n{markdown.strip()}\n{end}"
    if start in text and end in text and text.index(start) < text.index(end):
        before, rest = text.split(start, 1)
        after = rest.split(end, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    # Atomic replace: another benchmark may write its own section at about the same time.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".benchmarks.", suffix=".md")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, path)
    return path
