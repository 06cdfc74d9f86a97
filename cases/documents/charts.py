"""Small SVG charts drawn in Python and placed inline in the PDF (no images, no JavaScript)."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

FONT = 'font-family="Noto Serif CJK SC" font-size="11"'
COLORS = ["#b22222", "#1f5f99", "#c27c0e", "#2e7d32", "#6a1b9a", "#00838f", "#5d4037"]


def _number(value):
    return f"{value:g}" if isinstance(value, float) else str(value)


def bar_chart(items, *, unit="", width=440, height=220):
    """Vertical bars: items = [(label, value)]."""
    if not items:
        return ""
    top, bottom, left, right = 24, 40, 36, 10
    peak = max((value for _label, value in items), default=0) or 1
    plot_w, plot_h = width - left - right, height - top - bottom
    slot = plot_w / len(items)
    bar = min(48, slot * 0.6)
    parts = [
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" '
        'stroke="#000" stroke-width="0.8"/>'
    ]
    for index, (label, value) in enumerate(items):
        h = plot_h * value / peak
        x = left + slot * index + (slot - bar) / 2
        y = top + plot_h - h
        color = COLORS[index % len(COLORS)]
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{color}"/>'
        )
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" {FONT}>'
            f"{escape(_number(value))}{escape(unit)}</text>"
        )
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{top + plot_h + 16}" text-anchor="middle" {FONT}>'
            f"{escape(label)}</text>"
        )
    return _svg(width, height, parts)


def hbar_chart(items, *, unit="", width=440, label_width=90, row=26):
    """Horizontal bars, one row per item: items = [(label, value)]."""
    if not items:
        return ""
    height = row * len(items) + 12
    peak = max((value for _label, value in items), default=0) or 1
    plot_w = width - label_width - 70
    parts = []
    for index, (label, value) in enumerate(items):
        y = 6 + row * index
        w = plot_w * value / peak
        parts.append(
            f'<text x="{label_width - 6}" y="{y + row * 0.62:.1f}" text-anchor="end" {FONT}>'
            f"{escape(label)}</text>"
        )
        parts.append(
            f'<rect x="{label_width}" y="{y + 4}" width="{max(w, 0.5):.1f}" height="{row - 10}" '
            f'fill="{COLORS[1]}"/>'
        )
        parts.append(
            f'<text x="{label_width + w + 5:.1f}" y="{y + row * 0.62:.1f}" {FONT}>'
            f"{escape(_number(value))}{escape(unit)}</text>"
        )
    return _svg(width, height, parts)


def share_bar(done, total, *, width=440, height=34, label=""):
    """One bar showing done/total as a share."""
    share = done / total if total else 0
    inner = (width - 2) * share
    parts = [
        f'<rect x="1" y="4" width="{width - 2}" height="18" fill="#eee" stroke="#000" stroke-width="0.6"/>',
        f'<rect x="1" y="4" width="{inner:.1f}" height="18" fill="{COLORS[3]}"/>',
        f'<text x="{width / 2:.1f}" y="17" text-anchor="middle" {FONT}>'
        f"{escape(label)}{share:.0%}（{done}/{total}）</text>",
    ]
    return _svg(width, height, parts)


def _svg(width, height, parts):
    return mark_safe(  # noqa: S308 - built here from escaped text and numbers only
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">' + "".join(parts) + "</svg>"
    )
