#!/usr/bin/env python3
"""Draw the Fovea kernelspec logos: an eye whose pupil is a 3x3 feature map.

Writes kernelspec/fovea/logo-32x32.png, logo-64x64.png (RGBA) and logo-svg.svg.
Uses only the standard library (zlib, struct): the shapes are tested point by
point on a 4x4 sub-pixel grid per pixel, which gives smooth edges.

    python3 tools/make_logos.py
    python3 tools/gen_logos.py    # then: the copies built into the binary
"""

from __future__ import annotations

import math
import struct
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "kernelspec" / "fovea"

# Geometry in a unit square, y pointing down.
CX, CY = 0.5, 0.5
IRIS_R = 0.225
GRID_HALF = 0.105          # the pupil: a 3x3 grid of cells
GRID_GAP = 0.018
HIGHLIGHT = (0.625, 0.395, 0.032)

NAVY = (0x1F, 0x2A, 0x44)
WHITE = (0xF7, 0xF9, 0xFC)
IRIS_IN = (0x35, 0xB7, 0x9B)
IRIS_OUT = (0x1A, 0x6E, 0x8E)
# Feature-map activations, shown on a dark-to-bright (viridis-like) ramp.
ACTIVATIONS = [[0.95, 0.35, 0.70],
               [0.20, 1.00, 0.50],
               [0.60, 0.10, 0.85]]
RAMP = [(0x44, 0x01, 0x54), (0x3B, 0x52, 0x8B), (0x21, 0x90, 0x8C), (0x5D, 0xC8, 0x63), (0xFD, 0xE7, 0x25)]


def almond(x0: float, top: float):
    """An almond (vesica) from x0 to 1 - x0 with its top edge at y = top:
    the intersection of two equal circles. Returns (R, c): radius and the
    vertical offset of each circle's centre from CY."""
    half = CX - x0
    h = CY - top                      # = R - c
    r_plus_c = half * half / h        # (R - c)(R + c) = half^2
    R = (h + r_plus_c) / 2
    return R, R - h


OUTER = almond(0.035, 0.215)
INNER = almond(0.095, 0.265)


def in_almond(x: float, y: float, shape) -> bool:
    R, c = shape
    return (x - CX) ** 2 + (y - (CY + c)) ** 2 <= R * R and (x - CX) ** 2 + (y - (CY - c)) ** 2 <= R * R


def lerp(a, b, t):
    return tuple(int(round(p + (q - p) * t)) for p, q in zip(a, b))


def ramp(v: float):
    v = min(max(v, 0.0), 1.0) * (len(RAMP) - 1)
    i = min(int(v), len(RAMP) - 2)
    return lerp(RAMP[i], RAMP[i + 1], v - i)


CELL = (2 * GRID_HALF - 2 * GRID_GAP) / 3


def grid_cell(x: float, y: float):
    """The (row, col) of the pupil cell at (x, y), or None in a gap or outside."""
    gx, gy = x - (CX - GRID_HALF), y - (CY - GRID_HALF)
    if not (0 <= gx <= 2 * GRID_HALF and 0 <= gy <= 2 * GRID_HALF):
        return None
    col, rx = divmod(gx, CELL + GRID_GAP)
    row, ry = divmod(gy, CELL + GRID_GAP)
    if rx > CELL or ry > CELL or col > 2 or row > 2:
        return None
    return int(row), int(col)


def in_pupil_frame(x: float, y: float) -> bool:
    pad = GRID_GAP
    return abs(x - CX) <= GRID_HALF + pad and abs(y - CY) <= GRID_HALF + pad


def color_at(x: float, y: float):
    """RGBA of the logo at one point (before anti-aliasing)."""
    if not in_almond(x, y, OUTER):
        return (0, 0, 0, 0)
    if not in_almond(x, y, INNER):
        return (*NAVY, 255)
    d = math.hypot(x - CX, y - CY)
    if d > IRIS_R:
        return (*WHITE, 255)
    hx, hy, hr = HIGHLIGHT
    if math.hypot(x - hx, y - hy) <= hr:
        return (255, 255, 255, 255)
    if in_pupil_frame(x, y):
        cell = grid_cell(x, y)
        if cell is None:
            return (*NAVY, 255)
        return (*ramp(ACTIVATIONS[cell[0]][cell[1]]), 255)
    if d > IRIS_R - 0.02:
        return (*NAVY, 255)          # a thin dark rim round the iris
    return (*lerp(IRIS_IN, IRIS_OUT, d / IRIS_R), 255)


def render(size: int, ss: int = 4) -> bytes:
    rows = []
    for py in range(size):
        row = bytearray([0])          # PNG filter type 0 (None)
        for px in range(size):
            acc = [0.0, 0.0, 0.0, 0.0]
            for sy in range(ss):
                for sx in range(ss):
                    r, g, b, a = color_at((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size)
                    acc[0] += r * a
                    acc[1] += g * a
                    acc[2] += b * a
                    acc[3] += a
            n = ss * ss
            alpha = acc[3] / n
            if alpha == 0:
                row += b"\0\0\0\0"
            else:                     # straight (not premultiplied) alpha
                row += bytes(int(round(c / acc[3])) for c in acc[:3]) + bytes([int(round(alpha))])
        rows.append(bytes(row))
    return b"".join(rows)


def png(size: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(render(size), 9)) + chunk(b"IEND", b""))


def svg() -> str:
    S = 64.0

    def f(v: float) -> str:
        return f"{v * S:.2f}".rstrip("0").rstrip(".")

    def almond_path(shape) -> str:
        R, c = shape
        half = math.sqrt(R * R - c * c)
        x0, x1 = CX - half, CX + half
        return f"M{f(x0)} {f(CY)}A{f(R)} {f(R)} 0 0 1 {f(x1)} {f(CY)}A{f(R)} {f(R)} 0 0 1 {f(x0)} {f(CY)}Z"

    hex_ = lambda c: "#%02x%02x%02x" % c
    cells = []
    for r in range(3):
        for c in range(3):
            x = CX - GRID_HALF + c * (CELL + GRID_GAP)
            y = CY - GRID_HALF + r * (CELL + GRID_GAP)
            cells.append(f'<rect x="{f(x)}" y="{f(y)}" width="{f(CELL)}" height="{f(CELL)}" '
                         f'fill="{hex_(ramp(ACTIVATIONS[r][c]))}"/>')
    frame = GRID_HALF + GRID_GAP
    hx, hy, hr = HIGHLIGHT
    return f"""<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
  <title>Fovea</title>
  <defs>
    <radialGradient id="iris" cx="{f(CX)}" cy="{f(CY)}" r="{f(IRIS_R)}" gradientUnits="userSpaceOnUse">
      <stop offset="0" stop-color="{hex_(IRIS_IN)}"/>
      <stop offset="1" stop-color="{hex_(IRIS_OUT)}"/>
    </radialGradient>
    <clipPath id="eye"><path d="{almond_path(INNER)}"/></clipPath>
  </defs>
  <path d="{almond_path(OUTER)}" fill="{hex_(NAVY)}"/>
  <path d="{almond_path(INNER)}" fill="{hex_(WHITE)}"/>
  <g clip-path="url(#eye)">
    <circle cx="{f(CX)}" cy="{f(CY)}" r="{f(IRIS_R - 0.01)}" fill="url(#iris)" stroke="{hex_(NAVY)}" stroke-width="{f(0.02)}"/>
    <rect x="{f(CX - frame)}" y="{f(CY - frame)}" width="{f(2 * frame)}" height="{f(2 * frame)}" fill="{hex_(NAVY)}"/>
    {"".join(cells)}
    <circle cx="{f(hx)}" cy="{f(hy)}" r="{f(hr)}" fill="#ffffff"/>
  </g>
</svg>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (32, 64):
        (OUT / f"logo-{size}x{size}.png").write_bytes(png(size))
    (OUT / "logo-svg.svg").write_text(svg())
    print(f"wrote logos to {OUT}")


if __name__ == "__main__":
    main()
