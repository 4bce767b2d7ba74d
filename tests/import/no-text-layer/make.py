#!/usr/bin/env python3
"""Writes the two PDFs of this folder, which tests/import.rs imports.

broken-font-map.pdf: one page of text whose font (the standard Type1
Helvetica, not embedded, no ToUnicode map) has an /Encoding /Differences
array giving every letter code a Cyrillic glyph name (afii10017 ...): the
codes spell a Vietnamese plan without its tone marks, and pdftotext reads
Cyrillic letters where Latin ones stood (a broken font map). Standard
library only.

scan.pdf: two pages that are only images (1-bit, 300 dpi) of a short
Vietnamese text set in DejaVu Sans, as a scanner leaves them: no text
layer at all. The images are drawn with Pillow (`pip install pillow`) and
the DejaVu fonts (Debian: fonts-dejavu-core); the PDF itself is written
by hand below.

broken-layer-over-scan.pdf: a page of scan.pdf's tasks as an image, with
an invisible text layer (render mode 3) in that Cyrillic-mapped font: a
scan whose text layer is mojibake; OCR reads the image.

blank-page.pdf: a page of text (plain ASCII in Helvetica) and a blank page.

Run it from anywhere: python3 tests/import/no-text-layer/make.py
"""

import os
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def pdf(objects, path):
    """Writes `objects` (bytes, numbered from 1; the first is the catalog)
    as a PDF with its cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    with open(path, "wb") as f:
        f.write(out)


def stream(dictionary, data):
    return b"<< %s /Length %d >>\nstream\n" % (dictionary, len(data)) + data + b"\nendstream"


# Cyrillic glyph names: afii10017..afii10048 are А..Я, afii10065..afii10096 а..я.
DIFFS = [b"65"] + [b"/afii%d" % (10017 + i) for i in range(26)]
DIFFS += [b"97"] + [b"/afii%d" % (10065 + i) for i in range(26)]
CYRILLIC_FONT = (
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding "
    b"<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [ "
    + b" ".join(DIFFS)
    + b" ] >> >>"
)


def broken_font_map():
    lines = [
        "DANG BO TINH THANH HOA",
        "KE HOACH",
        "trien khai cong tac tuyen truyen nam 2026",
        "1. Ban Tuyen giao chu tri thuc hien nhiem vu nay,",
        "hoan thanh truoc ngay 30 thang 6 nam 2026.",
        "2. Cac chi bo bao cao ket qua thuc hien hang quy",
        "ve Ban Thuong vu Dang uy de theo doi, chi dao.",
    ]
    content = bytearray(b"BT /F1 14 Tf 16 TL 72 760 Td\n")
    for line in lines:
        content += b"(%s) Tj T*\n" % line.encode("ascii")
    content += b"ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        CYRILLIC_FONT,
        stream(b"", bytes(content)),
    ]
    pdf(objects, os.path.join(HERE, "broken-font-map.pdf"))


SCAN = [
    [
        ("ĐẢNG BỘ TỈNH THANH HÓA", BOLD),
        ("Số 15-KH/TU", FONT),
        ("", FONT),
        ("KẾ HOẠCH", BOLD),
        ("triển khai công tác tuyên truyền năm 2026", BOLD),
        ("", FONT),
        ("Thực hiện chỉ đạo của Ban Thường vụ Tỉnh ủy,", FONT),
        ("Ban Tuyên giáo xây dựng kế hoạch như sau:", FONT),
    ],
    [
        ("1. Ban Tuyên giáo Tỉnh ủy chủ trì thực hiện,", FONT),
        ("hoàn thành trước ngày 30 tháng 6 năm 2026.", FONT),
        ("2. Các chi bộ báo cáo kết quả thực hiện hằng quý", FONT),
        ("về Ban Thường vụ để theo dõi, chỉ đạo.", FONT),
    ],
]


def image(lines):
    """A 1-bit image of `lines` at 300 dpi: (width, height, flate data)."""
    from PIL import Image, ImageDraw, ImageFont

    width, size, step = 1800, 46, 78
    height = 160 + step * len(lines)
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    y = 80
    for text, face in lines:
        draw.text((120, y), text, font=ImageFont.truetype(face, size), fill=0)
        y += step
    bits = img.point(lambda v: 255 if v > 140 else 0).convert("1", dither=Image.Dither.NONE)
    return width, height, zlib.compress(bits.tobytes(), 9)


def image_pages(pages, path, hidden=None):
    """A PDF of one image a page; `hidden`, lines of ASCII codes, is laid
    over the first page as invisible text (render mode 3) in the font whose
    codes are Cyrillic glyph names, as a scan with a broken text layer."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", None]
    kids = []
    for n, lines in enumerate(pages):
        width, height, data = image(lines)
        w, h = width * 72 / 300, height * 72 / 300
        page = len(objects) + 1
        kids.append(page)
        content = b"q %.2f 0 0 %.2f 0 0 cm /Im1 Do Q" % (w, h)
        font = b""
        if hidden and n == 0:
            content += b"\nBT 3 Tr /F1 11 Tf 19 TL 29 %.2f Td\n" % (h - 30)
            for line in hidden:
                content += b"(%s) Tj T*\n" % line.encode("ascii")
            content += b"ET"
            font = b"/Font << /F1 %d 0 R >>" % (page + 3)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] "
            b"/Resources << /XObject << /Im1 %d 0 R >> %s >> /Contents %d 0 R >>"
            % (w, h, page + 1, font, page + 2)
        )
        objects.append(
            stream(
                b"/Type /XObject /Subtype /Image /Width %d /Height %d "
                b"/ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /FlateDecode"
                % (width, height),
                data,
            )
        )
        objects.append(stream(b"", content))
        if font:
            objects.append(CYRILLIC_FONT)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    pdf(objects, path)


def scan():
    image_pages(SCAN, os.path.join(HERE, "scan.pdf"))
    # The tasks of the plan, shown as an image, with a text layer that reads
    # as Cyrillic: a scan whose text layer is broken.
    image_pages(
        [SCAN[1]],
        os.path.join(HERE, "broken-layer-over-scan.pdf"),
        hidden=[
            "1. Ban Tuyen giao Tinh uy chu tri thuc hien,",
            "hoan thanh truoc ngay 30 thang 6 nam 2026.",
            "2. Cac chi bo bao cao ket qua thuc hien hang quy",
            "ve Ban Thuong vu de theo doi, chi dao.",
        ],
    )


def blank_page():
    """Two pages: text (Helvetica, plain ASCII) and a blank one."""
    lines = [
        "Ban Tuyen giao Tinh uy chu tri thuc hien ke hoach nay,",
        "hoan thanh truoc ngay 30 thang 6 nam 2026.",
        "Cac chi bo bao cao ket qua thuc hien hang quy.",
    ]
    content = bytearray(b"BT /F1 12 Tf 16 TL 72 760 Td\n")
    for line in lines:
        content += b"(%s) Tj T*\n" % line.encode("ascii")
    content += b"ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        stream(b"", bytes(content)),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 7 0 R >>",
        stream(b"", b""),
    ]
    pdf(objects, os.path.join(HERE, "blank-page.pdf"))


if __name__ == "__main__":
    broken_font_map()
    scan()
    blank_page()
