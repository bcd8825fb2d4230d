"""A small progress bar for long commands: redrawn in place on a terminal, a line now and then
when the output is a file or a pipe (CI logs stay readable)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressBar:
    def __init__(self, label: str, *, stream: TextIO | None = None, width: int = 30) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self.interactive = self.stream.isatty()
        self.last_line_at = 0.0
        self.started_at = time.monotonic()

    def __call__(self, done: int, total: int, stage: str = "") -> None:
        total = max(total, 1)
        fraction = min(done / total, 1.0)
        filled = int(fraction * self.width)
        bar = "#" * filled + "-" * (self.width - filled)
        text = f"{self.label} [{bar}] {done}/{total} {stage}".rstrip()
        if self.interactive:
            self.stream.write("\r" + text)
            if done >= total:
                self.stream.write("\n")
            self.stream.flush()
        elif done >= total or time.monotonic() - self.last_line_at > 2:
            self.stream.write(text + "\n")
            self.last_line_at = time.monotonic()

    def elapsed(self) -> float:
        return time.monotonic() - self.started_at
