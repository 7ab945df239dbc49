"""Build the bundled CJK font: Noto Sans CJK SC cut down to what the dashboard needs.

Government intranets have no internet, so the font is served by the app itself (ui/static, exposed as
/app/static through the `static` link next to dashboard.py). Characters kept: ASCII and common punctuation,
GB2312 level-1 hanzi (the 3,755 most used), every character of the app's labels (ui/i18n.py) and every
character of the shipped reports and their source records (the Bold face only the labels and source
records: it is used for headings and metric values). Anything else falls back to the system font
named after it in the CSS font stack.

    python -m ui.font_subset            # rewrites ui/static/NotoSansSC-*.woff
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATIC = Path(__file__).resolve().parent / "static"
SOURCES = {
    "Regular": Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    "Bold": Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),
}
SC_FONT_NUMBER = 2  # index of "Noto Sans CJK SC" inside the collection


def gb2312_level1() -> str:
    """The 3,755 level-1 hanzi: GB2312 rows 16-55 (bytes 0xB0A1-0xD7F9)."""
    chars = []
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.append(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(chars)


def basic_chars() -> str:
    ascii_chars = "".join(chr(c) for c in range(0x20, 0x7F))
    punctuation = "，。、；：？！“”‘’（）《》〈〉【】〔〕…—·～％＋－×÷≤≥≈±→←↑↓●○■□▲△※・「」『』"
    fullwidth = "".join(chr(c) for c in range(0xFF01, 0xFF5F))
    return ascii_chars + punctuation + fullwidth + "０１２３４５６７８９"


def app_chars(include_report_text: bool = True) -> str:
    from ui.i18n import STRINGS

    texts = [z + e for z, e in STRINGS.values()]
    patterns = ["data/reports/**/*.yml", "pages/*.py", "ui/*.py", "dashboard.py"]
    if include_report_text:
        patterns.append("data/reports/**/*.txt")
    for pattern in patterns:
        texts.extend(p.read_text(encoding="utf-8", errors="ignore") for p in ROOT.glob(pattern))
    return "".join(sorted({c for text in texts for c in text if ord(c) > 0x7F}))


def wanted_chars(weight: str) -> str:
    """Regular carries everything; Bold (headings, metric values, labels) only the app's own text."""
    if weight == "Bold":
        return "".join(sorted(set(basic_chars() + app_chars(include_report_text=False))))
    return "".join(sorted(set(basic_chars() + gb2312_level1() + app_chars())))


def build() -> list[Path]:
    STATIC.mkdir(parents=True, exist_ok=True)
    chars_file = STATIC / ".subset-chars.txt"
    outputs = []
    try:
        for weight, source in SOURCES.items():
            chars_file.write_text(wanted_chars(weight), encoding="utf-8")
            out = STATIC / f"NotoSansSC-{weight}.woff"
            subprocess.run(
                [
                    sys.executable, "-m", "fontTools.subset", str(source), f"--font-number={SC_FONT_NUMBER}",
                    f"--text-file={chars_file}", "--flavor=woff", "--layout-features=*",
                    "--no-hinting", "--desubroutinize", f"--output-file={out}",
                ],
                check=True,
            )
            outputs.append(out)
    finally:
        chars_file.unlink(missing_ok=True)
    return outputs


if __name__ == "__main__":
    for path in build():
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size / 1e6:.2f} MB")
