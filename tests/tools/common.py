"""What the hand-run document generators share: exact decimals, Chinese numerals and the
LibreOffice conversion. Run a generator as a script (``python tests/tools/office_juesuan.py``):
its own folder is then on the import path."""

from __future__ import annotations

import shutil
import subprocess
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

D = Decimal
ZERO = D("0")
CENT = D("0.01")
CN_NUM = "一二三四五六七八九十"


def d(x) -> Decimal:
    return D(str(x)).quantize(CENT)


def pct(a, b) -> Decimal:
    return (D(a) / D(b) * 100).quantize(CENT, ROUND_HALF_UP) if D(b) else ZERO


def fmt(x, sep=True) -> str:
    x = d(x)
    return f"{x:,.2f}" if sep else f"{x:.2f}"


def cn(n: int) -> str:
    if n <= 10:
        return CN_NUM[n - 1]
    if n < 20:
        return "十" + CN_NUM[n - 11]
    t, u = divmod(n, 10)
    return CN_NUM[t - 1] + "十" + (CN_NUM[u - 1] if u else "")


def to_pdf(src: Path, outdir: Path, profile: Path) -> Path:
    """``src`` (.docx/.xlsx) converted to PDF by LibreOffice with its own user profile."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("LibreOffice (soffice) not found")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    out = outdir / (src.stem + ".pdf")
    if not out.is_file():
        raise SystemExit(f"conversion of {src} failed")
    return out
