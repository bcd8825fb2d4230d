"""The range chart as a PNG, for the Word investment case (Word cannot show SVG everywhere)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from PIL import Image, ImageDraw, ImageFont

from civictalent.core.money import thousands_of_pounds_text

WIDTH, ROW_HEIGHT, LEFT, RIGHT, TOP = 1200, 70, 330, 60, 60
BLUE, BLACK, GREY, WHITE = (29, 112, 184), (11, 12, 12), (80, 90, 95), (255, 255, 255)


def _ticks(low: int, high: int) -> list[int]:
    span = max(high - low, 1)
    step = next(
        s for s in (100_000, 200_000, 500_000, 1_000_000, 2_000_000, 5_000_000) if span / s <= 6
    )
    first = (low // step) * step
    return list(range(first, high + step, step))


def range_chart_png(title: str, rows: Sequence[tuple[str, dict[str, int | None]]]) -> bytes:
    """rows: (label, {"p10".."p90": pence or None}); None means the row is hidden."""
    shown = [values for _, values in rows if values.get("p50") is not None]
    height = TOP + ROW_HEIGHT * len(rows) + 110
    image = Image.new("RGB", (WIDTH, height), WHITE)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=22)
    small = ImageFont.load_default(size=18)
    draw.text((20, 15), title, fill=BLACK, font=font)
    if not shown:
        draw.text(
            (20, TOP + 10), "All figures are hidden: too few salaries.", fill=BLACK, font=font
        )
    else:
        low = min(v["p10"] or 0 for v in shown)
        high = max(v["p90"] or 0 for v in shown)
        ticks = _ticks(low, high)
        lo, hi = ticks[0], ticks[-1]

        def x(pence: int) -> float:
            return LEFT + (pence - lo) / max(hi - lo, 1) * (WIDTH - LEFT - RIGHT)

        axis_y = TOP + ROW_HEIGHT * len(rows) + 10
        draw.line([(LEFT, axis_y), (WIDTH - RIGHT, axis_y)], fill=GREY, width=2)
        for tick in ticks:
            draw.line([(x(tick), axis_y), (x(tick), axis_y + 8)], fill=GREY, width=2)
            # Pillow's built-in font has no pound sign: the axis says "thousand pounds" instead.
            draw.text(
                (x(tick) - 20, axis_y + 14), thousands_of_pounds_text(tick), fill=GREY, font=small
            )
        draw.text((LEFT, axis_y + 40), "Thousand pounds a year", fill=GREY, font=small)
        for index, (label, values) in enumerate(rows):
            middle = TOP + ROW_HEIGHT * index + ROW_HEIGHT // 2
            draw.text((20, middle - 12), label, fill=BLACK, font=font)
            if values.get("p50") is None:
                draw.text((LEFT, middle - 12), "Hidden: too few salaries", fill=GREY, font=font)
                continue
            p10, p25, p50, p75, p90 = (values[k] or 0 for k in ("p10", "p25", "p50", "p75", "p90"))
            draw.line([(x(p10), middle), (x(p90), middle)], fill=BLACK, width=3)
            draw.rectangle([(x(p25), middle - 16), (x(p75), middle + 16)], fill=BLUE, outline=BLACK)
            draw.line([(x(p50), middle - 22), (x(p50), middle + 22)], fill=BLACK, width=5)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
