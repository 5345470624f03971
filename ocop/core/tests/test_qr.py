"""QR helper: the symbol follows ISO/IEC 18004 and decodes back to the URL.

No QR decoder is installed, so the test reads the symbol itself for a small version (1-3, one
error-correction block, no interleaving): the format information gives the error-correction level
and the mask, and the data modules, unmasked and read in the standard zig-zag order, give the
byte-mode payload. Everything is computed from the standard, not from segno.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from django.template import engines

from ocop.core.documents.qr import qr_code, qr_png, qr_svg

URL = "https://ocop.example.vn/c/GCN-2026-0001"  # 39 bytes: version 3 at level M

# ISO/IEC 18004: byte-mode capacity at level M of versions 1-3, and each version's
# total codewords (one block each at level M).
_BYTE_CAPACITY_M = {1: 14, 2: 26, 3: 42}
_TOTAL_CODEWORDS = {1: 26, 2: 44, 3: 70}
_ALIGNMENT_CENTRE = {1: None, 2: 18, 3: 22}

_MASKS = {
    0: lambda i, j: (i + j) % 2 == 0,
    1: lambda i, j: i % 2 == 0,
    2: lambda i, j: j % 3 == 0,
    3: lambda i, j: (i + j) % 3 == 0,
    4: lambda i, j: (i // 2 + j // 3) % 2 == 0,
    5: lambda i, j: (i * j) % 2 + (i * j) % 3 == 0,
    6: lambda i, j: ((i * j) % 2 + (i * j) % 3) % 2 == 0,
    7: lambda i, j: ((i + j) % 2 + (i * j) % 3) % 2 == 0,
}


def _format_bits(level_bits: int, mask: int) -> int:
    """The 15-bit format information: BCH(15,5) with generator 0x537, XOR 0x5412 (§7.9)."""
    data = (level_bits << 3) | mask
    remainder = data << 10
    for shift in range(14, 9, -1):
        if remainder & (1 << shift):
            remainder ^= 0x537 << (shift - 10)
    return ((data << 10) | remainder) ^ 0x5412


def _read_format(matrix) -> int:
    """The format bits beside the top-left finder, most significant first (§7.9.1)."""
    positions = [(8, c) for c in (0, 1, 2, 3, 4, 5, 7, 8)] + [(r, 8) for r in (7, 5, 4, 3, 2, 1, 0)]
    value = 0
    for row, col in positions:
        value = (value << 1) | (1 if matrix[row][col] else 0)
    return value


def _is_function_module(row: int, col: int, size: int, version: int) -> bool:
    if row <= 8 and col <= 8:  # top-left finder, separator, format
        return True
    if row <= 8 and col >= size - 8:  # top-right finder, separator, format
        return True
    if row >= size - 8 and col <= 8:  # bottom-left finder, separator, format, dark module
        return True
    if row == 6 or col == 6:  # timing patterns
        return True
    centre = _ALIGNMENT_CENTRE[version]
    return centre is not None and abs(row - centre) <= 2 and abs(col - centre) <= 2


def _decode(matrix) -> tuple[str, int]:
    """(payload, mask) of a version 1-3, level M symbol in byte mode."""
    size = len(matrix)
    version = (size - 17) // 4
    assert version in _TOTAL_CODEWORDS
    format_value = _read_format(matrix)
    candidates = [m for m in range(8) if _format_bits(0b00, m) == format_value]  # M is 00
    assert len(candidates) == 1, "format information is not level M with a valid mask"
    mask = _MASKS[candidates[0]]
    bits: list[int] = []
    col = size - 1
    upward = True
    while col > 0:
        if col == 6:
            col -= 1
        rows = range(size - 1, -1, -1) if upward else range(size)
        for row in rows:
            for c in (col, col - 1):
                if not _is_function_module(row, c, size, version):
                    bit = 1 if matrix[row][c] else 0
                    bits.append(bit ^ (1 if mask(row, c) else 0))
        upward = not upward
        col -= 2
    assert len(bits) >= _TOTAL_CODEWORDS[version] * 8

    def take(count: int, start: int) -> int:
        value = 0
        for bit in bits[start : start + count]:
            value = (value << 1) | bit
        return value

    assert take(4, 0) == 0b0100, "not byte mode"
    length = take(8, 4)
    payload = bytes(take(8, 12 + 8 * i) for i in range(length))
    return payload.decode("utf-8"), candidates[0]


def test_symbol_decodes_back_to_the_url():
    matrix = qr_code(URL).matrix
    assert len(matrix) == 17 + 4 * 3  # version 3: 39 bytes exceed version 2's 26 at level M
    assert len(URL.encode()) <= _BYTE_CAPACITY_M[3]
    payload, _mask = _decode(matrix)
    assert payload == URL


def test_finder_and_timing_patterns():
    matrix = qr_code(URL).matrix
    size = len(matrix)
    finder = [
        [1, 1, 1, 1, 1, 1, 1],
        [1, 0, 0, 0, 0, 0, 1],
        [1, 0, 1, 1, 1, 0, 1],
        [1, 0, 1, 1, 1, 0, 1],
        [1, 0, 1, 1, 1, 0, 1],
        [1, 0, 0, 0, 0, 0, 1],
        [1, 1, 1, 1, 1, 1, 1],
    ]
    for top, left in ((0, 0), (0, size - 7), (size - 7, 0)):
        block = [[1 if matrix[top + r][left + c] else 0 for c in range(7)] for r in range(7)]
        assert block == finder
    timing = [1 if matrix[6][c] else 0 for c in range(8, size - 8)]
    assert timing == [1 - (i % 2) for i in range(len(timing))]
    assert matrix[size - 8][8]  # the dark module (§7.9.1)


def test_same_url_same_symbol_different_url_different_symbol():
    assert qr_code(URL).matrix == qr_code(URL).matrix
    assert qr_code(URL).matrix != qr_code(URL.replace("0001", "0002")).matrix
    assert _decode(qr_code(URL.replace("0001", "0002")).matrix)[0].endswith("0002")


def test_svg_is_well_formed_with_a_quiet_zone_and_no_xml_declaration():
    svg = qr_svg(URL, scale=4, title="Mã QR xác minh")
    assert svg.startswith("<svg")
    root = ET.fromstring(str(svg))  # noqa: S314 - segno output, not untrusted input
    assert root.tag == "svg"
    modules = 17 + 4 * 3
    assert root.get("width") == root.get("height") == str((modules + 2 * 4) * 4)
    assert root.find("title").text == "Mã QR xác minh"
    strokes = [path.get("stroke") for path in root.iter("path") if path.get("stroke")]
    assert strokes == ["#000"]


def test_svg_is_not_escaped_in_templates():
    template = engines["django"].from_string("<div>{{ qr }}</div>")
    html = template.render({"qr": qr_svg(URL)})
    assert html.startswith("<div><svg")


def test_svg_title_is_escaped():
    svg = qr_svg(URL, title='<script>alert("x")</script>')
    assert "<script>" not in svg
    ET.fromstring(str(svg))  # noqa: S314 - segno output, not untrusted input


def test_png_is_a_png_of_the_expected_size():
    data = qr_png(URL, scale=2, border=4)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    # IHDR: width and height as big-endian 32-bit integers at bytes 16-24.
    width = int.from_bytes(data[16:20], "big")
    height = int.from_bytes(data[20:24], "big")
    assert width == height == (29 + 8) * 2
    assert io.BytesIO(data).getbuffer().nbytes == len(data)


def test_empty_url_is_refused():
    with pytest.raises(ValueError, match="URL"):
        qr_svg("")
