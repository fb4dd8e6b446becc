#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""pixels.py - count pixels of a colour or a brightness in a region of a
PNG (8-bit RGB or RGBA, as Chromium's screenshots are) or a PPM (P6, as
pdftoppm writes), for the report rendering tests.  Standard library only.

  pixels.py color FILE RRGGBB TOL X0 Y0 X1 Y1   pixels within TOL of RRGGBB
  pixels.py light FILE MINLUM X0 Y0 X1 Y1       pixels at least that bright
  pixels.py dark FILE MAXLUM X0 Y0 X1 Y1        pixels at most that bright
  pixels.py size FILE                           "WIDTH HEIGHT"

The region is in fractions of the image (0 0 1 1: all of it).  Prints the
count; exit status 2 for an image it cannot read.
"""
import struct
import sys
import zlib


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def read_png(data):
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = \
                struct.unpack(">IIBBBBB", body)
            if depth != 8 or ctype not in (2, 6) or interlace:
                raise ValueError("only 8-bit RGB/RGBA, not interlaced")
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        ftype, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if ftype == 1:
                line[x] = (line[x] + a) & 255
            elif ftype == 2:
                line[x] = (line[x] + b) & 255
            elif ftype == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif ftype == 4:
                line[x] = (line[x] + paeth(a, b, c)) & 255
        rows.append([tuple(line[x:x + 3]) for x in range(0, stride, bpp)])
        prev = line
    return rows


def read_ppm(data):
    fields, pos = [], 2
    while len(fields) < 3:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(int(data[pos:end]))
        pos = end
    width, height, _ = fields
    pos += 1
    return [[tuple(data[pos + 3 * (y * width + x):pos + 3 * (y * width + x) + 3])
             for x in range(width)] for y in range(height)]


def load(path):
    data = open(path, "rb").read()
    if data.startswith(b"\x89PNG"):
        return read_png(data)
    if data.startswith(b"P6"):
        return read_ppm(data)
    raise ValueError("not a PNG or P6 PPM")


def region(rows, args):
    h, w = len(rows), len(rows[0])
    x0, y0, x1, y1 = (float(v) for v in args)
    for y in range(int(y0 * h), int(y1 * h)):
        for x in range(int(x0 * w), int(x1 * w)):
            yield rows[y][x]


def lum(p):
    return 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2]


def main(argv):
    try:
        rows = load(argv[2])
    except (OSError, ValueError, zlib.error, IndexError) as e:
        print("pixels.py: %s: %s" % (argv[2], e), file=sys.stderr)
        return 2
    cmd = argv[1]
    if cmd == "size":
        print(len(rows[0]), len(rows))
    elif cmd == "color":
        want = bytes.fromhex(argv[3])
        tol = int(argv[4])
        print(sum(1 for p in region(rows, argv[5:9])
                  if all(abs(p[i] - want[i]) <= tol for i in range(3))))
    elif cmd == "light":
        print(sum(1 for p in region(rows, argv[4:8]) if lum(p) >= float(argv[3])))
    elif cmd == "dark":
        print(sum(1 for p in region(rows, argv[4:8]) if lum(p) <= float(argv[3])))
    else:
        print("pixels.py: unknown command " + cmd, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
