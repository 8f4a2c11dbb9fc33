#!/usr/bin/env python3
"""Draws the Teams app icons with the standard library only (zlib + struct).

    color.png    192x192, accent background with a white check mark in a ring
    outline.png   32x32,  the same glyph in white on a transparent background

Teams requires exactly these sizes; the outline icon may use only white and transparency.
Run from anywhere: python3 deploymentTemplates/teams/make-icons.py [OUT_DIR]
The output is deterministic, so re-running it leaves the committed PNGs unchanged.
"""
import math
import os
import struct
import sys
import zlib

ACCENT = (0x1F, 0x6F, 0x8B)  # keep equal to accentColor in manifest.template.json
WHITE = (0xFF, 0xFF, 0xFF)
SUPERSAMPLE = 4


def segment_distance(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)
    t = max(0.0, min(1.0, t))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def glyph(u, v, ring):
    """True when the point (u, v) in unit coordinates (0..1, y down) is on the glyph."""
    if ring:
        r = math.hypot(u - 0.5, v - 0.5)
        if 0.36 <= r <= 0.43:
            return True
    stroke = 0.085 if ring else 0.13
    check = [(0.30, 0.52), (0.44, 0.66), (0.71, 0.36)] if ring else [(0.14, 0.52), (0.40, 0.78), (0.86, 0.24)]
    for (ax, ay), (bx, by) in zip(check, check[1:]):
        if segment_distance(u, v, ax, ay, bx, by) <= stroke / 2:
            return True
    return False


def coverage(x, y, size, ring):
    hits = 0
    for sy in range(SUPERSAMPLE):
        for sx in range(SUPERSAMPLE):
            u = (x + (sx + 0.5) / SUPERSAMPLE) / size
            v = (y + (sy + 0.5) / SUPERSAMPLE) / size
            hits += glyph(u, v, ring)
    return hits / (SUPERSAMPLE * SUPERSAMPLE)


def png(width, height, rows):
    """rows: list of bytes objects, RGBA, width*4 bytes each."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + row for row in rows)  # filter type 0 (None) on every row
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA, no interlace
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def color_icon(size=192):
    rows = []
    for y in range(size):
        row = bytearray()
        for x in range(size):
            c = coverage(x, y, size, ring=True)
            row += bytes(round(a * (1 - c) + w * c) for a, w in zip(ACCENT, WHITE)) + b"\xff"
        rows.append(bytes(row))
    return png(size, size, rows)


def outline_icon(size=32):
    rows = []
    for y in range(size):
        row = bytearray()
        for x in range(size):
            row += bytes(WHITE) + bytes([round(255 * coverage(x, y, size, ring=False))])
        rows.append(bytes(row))
    return png(size, size, rows)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(out, exist_ok=True)
    for name, data in (("color.png", color_icon()), ("outline.png", outline_icon())):
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
        print(f"wrote {os.path.join(out, name)} ({len(data)} bytes)")


if __name__ == "__main__":
    main()
