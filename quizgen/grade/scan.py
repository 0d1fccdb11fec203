"""Reading scanned answer sheets: pages from PDF and image files, each page found, straightened and its bubbles measured.

A page is found by its QR code first (zxing-cpp reads it at any rotation and
says which corner is its top left), which tells the version and page and
roughly where the sheet lies; the four corner markers, looked for where the QR
code puts them, then give the exact homography from the sheet (millimetres)
to the scan (pixels). Every bubble is measured where that homography puts it:
how dark its inside is, and how much ink lies just outside it (a mark crossed
out with an X spills over its edge).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .key import Key
from .sheet import MARKER, QR_SIZE, RADIUS, Bubble, Page, lay_out

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Image = NDArray[np.uint8]

PDF_DPI = 150
"""PDF pages are rendered at this resolution: a bubble is then 22 pixels wide, plenty to measure it."""
WORKING_DPI = 210
"""Images scanned finer are scaled down to this first: more pixels tell nothing more about a bubble, and cost time."""
QR_SEARCH_PIXELS = 1400
"""The QR code is looked for in a copy of the page this many pixels tall."""
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
INSIDE = 0.6
"""Share of a bubble's radius measured for its darkness: clear of its printed circle, even a little misplaced."""
RING = (1.35, 1.75)
"""The ring just outside a bubble (in radii) where a crossing-out X leaves ink..."""
DIAGONAL = math.radians(22)
"""...looked at only within this angle of its diagonals, where an X's arms go and a neighbour's fill never reaches."""


@dataclass(frozen=True)
class ScanPage:
    """One page of a scan: its file, its number in the file (from 1), and its pixels in grey."""

    source: str
    index: int
    image: Image

    @property
    def name(self) -> str:
        return f"{self.source} page {self.index}"


@dataclass(frozen=True)
class Unreadable:
    """A page that could not be graded, and why: it is listed in the results, never dropped."""

    source: str
    index: int
    reason: str


@dataclass(frozen=True)
class Measure:
    """A bubble as read: where it is on the scan, how dark inside (0 paper to 1 ink), and the ink share around it."""

    bubble: Bubble
    x: float
    y: float
    darkness: float
    spill: float


@dataclass(frozen=True)
class Located:
    """A page found in a scan: its version, its sheet page, the homography sheet mm -> scan px, and its bubbles measured."""

    scan: ScanPage
    version: str
    page: Page
    homography: NDArray[np.float64]
    scale: float
    """Scan pixels per millimetre."""
    measures: tuple[Measure, ...]


def scan_pages(paths: list[Path]) -> Iterator[ScanPage | Unreadable]:
    """Every page of every file, in the order given; a file that cannot be read gives one Unreadable."""
    for path in paths:
        suffix = path.suffix.lower()
        if suffix == ".pdf":
            yield from pdf_pages(path)
        elif suffix in IMAGE_SUFFIXES:
            yield from image_pages(path)
        else:
            yield Unreadable(str(path), 1, f"not a scan: give PDF, PNG, JPEG or TIFF files ({path.suffix or 'no suffix'})")


def pdf_pages(path: Path) -> Iterator[ScanPage | Unreadable]:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(path)
    except (pdfium.PdfiumError, OSError) as error:
        yield Unreadable(str(path), 1, f"cannot open the PDF ({error})")
        return
    try:
        for index in range(len(document)):
            bitmap = document[index].render(scale=PDF_DPI / 72, grayscale=True)
            image = bitmap.to_numpy()
            yield ScanPage(str(path), index + 1, image.reshape(image.shape[0], image.shape[1]).copy())
    finally:
        document.close()


def image_pages(path: Path) -> Iterator[ScanPage | Unreadable]:
    import cv2
    import numpy as np

    ok, images = cv2.imreadmulti(str(path), flags=cv2.IMREAD_GRAYSCALE)
    if not ok or not images:
        yield Unreadable(str(path), 1, "cannot read the image")
        return
    for index, image in enumerate(images, 1):
        yield ScanPage(str(path), index, working_size(np.asarray(image, dtype=np.uint8)))


def working_size(image: Image) -> Image:
    """The image scaled down to WORKING_DPI if it is finer, judging its resolution by its longest side as a page's."""
    import cv2
    import numpy as np

    dpi = max(image.shape) / (297 / 25.4)
    if dpi <= WORKING_DPI:
        return image
    factor = WORKING_DPI / dpi
    return np.asarray(cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA), dtype=np.uint8)


def read_qr(image: Image) -> tuple[str, NDArray[np.float64]] | None:
    """The text of the page's quizgen QR code and its corners (top left, top right, bottom right, bottom left) in pixels."""
    import cv2
    import numpy as np
    import zxingcpp

    factor = min(1.0, QR_SEARCH_PIXELS / max(image.shape))
    small = image if factor == 1.0 else cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_LINEAR)
    for found in zxingcpp.read_barcodes(small, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)):
        if found.text.startswith("quizgen:"):
            p = found.position
            corners = [
                (p.top_left.x, p.top_left.y),
                (p.top_right.x, p.top_right.y),
                (p.bottom_right.x, p.bottom_right.y),
                (p.bottom_left.x, p.bottom_left.y),
            ]
            return found.text, np.array(corners, dtype=np.float64) / factor
    return None


def locate(scan: ScanPage, key: Key) -> Located | Unreadable:
    """The page's version and sheet page, and its bubbles measured; or why it cannot be read."""
    found = read_qr(scan.image)
    if found is None:
        return Unreadable(
            scan.source, scan.index, "no quizgen QR code (a blank page, a page that is not an answer sheet, or a scan too faint)"
        )
    text, corners = found
    parts = text.split(":")
    if len(parts) != 5 or parts[1] != "1" or not parts[4].isdigit():
        return Unreadable(scan.source, scan.index, f"QR code {text!r} is not one quizgen can read (made by another quizgen version?)")
    _, _, fingerprint, letter, number = parts
    if fingerprint != key.fingerprint:
        return Unreadable(
            scan.source, scan.index, f"a sheet of another bank or printing (its code is {fingerprint}, the key's is {key.fingerprint})"
        )
    version = key.version(letter)
    pages = lay_out(key, version) if version is not None else ()
    if version is None or not 1 <= int(number) <= len(pages):
        return Unreadable(scan.source, scan.index, f"version {letter} page {number} is not in the key")
    page = pages[int(number) - 1]
    homography = marker_homography(scan.image, page, corners)
    if isinstance(homography, str):
        return Unreadable(scan.source, scan.index, homography)
    matrix, scale = homography
    return Located(scan, letter, page, matrix, scale, measure(scan.image, page, matrix, scale))


def qr_corners_mm(page: Page) -> list[tuple[float, float]]:
    x, y = page.qr
    return [(x, y), (x + QR_SIZE, y), (x + QR_SIZE, y + QR_SIZE), (x, y + QR_SIZE)]


def marker_homography(image: Image, page: Page, qr: NDArray[np.float64]) -> tuple[NDArray[np.float64], float] | str:
    """Sheet mm -> scan px from the four corner markers, each looked for near where the QR code says it is."""
    import cv2
    import numpy as np

    # Only a turn, a scale and a shift from the QR code: its corners are too close together to extrapolate a perspective.
    # OpenCV returns None for points in a line; its stubs do not say so.
    rough: Any
    rough, _ = cv2.estimateAffinePartial2D(np.array(qr_corners_mm(page), dtype=np.float32), np.array(qr, dtype=np.float32))
    if rough is None:
        return "the QR code's corners do not make a square"
    scale = float(np.hypot(rough[0, 0], rough[1, 0]))
    expected = cv2.transform(np.array([page.markers], dtype=np.float32), rough)[0]
    names = ("top left", "top right", "bottom right", "bottom left")
    found = [find_marker(image, float(x), float(y), scale) for x, y in expected]
    missing = [name for name, centre in zip(names, found, strict=True) if centre is None]
    if len(missing) > 1:
        return f"the {' and '.join(missing)} corner markers are missing (the page is cut, folded or not flat)"
    matrix: Any
    if missing:
        # A copier may cut one corner off a shifted page: three markers still fix a turn, a scale, a skew and a shift.
        known = [(mm, centre) for mm, centre in zip(page.markers, found, strict=True) if centre is not None]
        affine = cv2.getAffineTransform(
            np.array([mm for mm, _ in known], dtype=np.float32), np.array([c for _, c in known], dtype=np.float32)
        )
        matrix = np.vstack([affine, [0.0, 0.0, 1.0]])
    else:
        matrix, _ = cv2.findHomography(np.array(page.markers, dtype=np.float32), np.array(found, dtype=np.float32))
    if matrix is None:
        return "the corner markers do not make a page"
    # The QR code must sit where the markers put it: a marker read from a stain would bend the page.
    drift = np.abs(cv2.perspectiveTransform(np.array([qr_corners_mm(page)], dtype=np.float32), matrix)[0] - qr).max() / scale
    if drift > 2.5:
        return f"the corner markers and the QR code disagree by {drift:.1f} mm (a stain near a corner, or a bent page)"
    return matrix.astype(np.float64), scale


def find_marker(image: Image, x: float, y: float, scale: float) -> tuple[float, float] | None:
    """The centre of the solid dark square nearest (x, y) within 10 mm, about the marker's size; None if there is none."""
    import cv2
    import numpy as np

    reach = int(10 * scale)
    left, top = max(0, int(x) - reach), max(0, int(y) - reach)
    window = image[top : int(y) + reach, left : int(x) + reach]
    if window.size == 0:
        return None
    _, ink = cv2.threshold(window, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    count, _, stats, centroids = cv2.connectedComponentsWithStats(ink)
    side = MARKER * scale
    best = None
    for label in range(1, count):
        width, height, area = stats[label, cv2.CC_STAT_WIDTH], stats[label, cv2.CC_STAT_HEIGHT], stats[label, cv2.CC_STAT_AREA]
        # Solid and square, as a marker is: the QR code's finder patterns nearby are hollow (half ink), a filled bubble
        # is round (at most 79 % of its box).
        squarish = 0.6 * side < width < 1.6 * side and 0.6 * side < height < 1.6 * side and area > 0.5 * side * side
        squarish = squarish and area > 0.87 * width * height
        # A marker cut by the edge of the scan has its centre elsewhere than its ink's: better none than a wrong one.
        x0, y0 = stats[label, cv2.CC_STAT_LEFT] + left, stats[label, cv2.CC_STAT_TOP] + top
        cut = x0 <= 0 or y0 <= 0 or x0 + width >= image.shape[1] or y0 + height >= image.shape[0]
        if squarish and not cut:
            cx, cy = centroids[label]
            distance = float(np.hypot(cx + left - x, cy + top - y))
            if best is None or distance < best[0]:
                best = (distance, (float(cx + left), float(cy + top)))
    return None if best is None else best[1]


def disc_offsets(inner: float, outer: float, diagonal: bool = False) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Pixel offsets from a centre between two radii; with `diagonal`, only those near the four diagonals."""
    import numpy as np

    reach = int(np.ceil(outer))
    ys, xs = np.mgrid[-reach : reach + 1, -reach : reach + 1]
    distance = np.hypot(xs, ys)
    keep = (distance >= inner) & (distance <= outer)
    if diagonal:
        angle = np.abs(np.arctan2(np.abs(ys), np.abs(xs)) - math.pi / 4)
        keep &= angle <= DIAGONAL
    return ys[keep], xs[keep]


def measure(image: Image, page: Page, homography: NDArray[np.float64], scale: float) -> tuple[Measure, ...]:
    """Every bubble's darkness and spill, on a scale set by the page itself: its paper, and its corner markers' ink."""
    import cv2
    import numpy as np

    centres = cv2.perspectiveTransform(np.array([[(b.x, b.y) for b in page.bubbles]], dtype=np.float32), homography)[0]
    markers = cv2.perspectiveTransform(np.array([page.markers], dtype=np.float32), homography)[0]
    radius = RADIUS * scale
    paper = float(np.percentile(image[::8, ::8], 90))
    ink = float(np.median([image[int(y), int(x)] for x, y in markers]))
    span = max(paper - ink, 40.0)
    height, width = image.shape
    xs = np.round(centres[:, 0]).astype(np.intp)
    ys = np.round(centres[:, 1]).astype(np.intp)

    def sample(inner: float, outer: float, diagonal: bool = False) -> NDArray[np.float32]:
        dy, dx = disc_offsets(inner * radius, outer * radius, diagonal)
        rows = np.clip(ys[:, None] + dy[None, :], 0, height - 1)
        columns = np.clip(xs[:, None] + dx[None, :], 0, width - 1)
        values: NDArray[np.float32] = np.clip((paper - image[rows, columns].astype(np.float32)) / span, 0.0, 1.0)
        return values

    inside = sample(0.0, INSIDE).mean(axis=1)
    ring = (sample(*RING, diagonal=True) > 0.5).mean(axis=1)
    return tuple(
        Measure(bubble, float(x), float(y), float(dark), float(spill))
        for bubble, (x, y), dark, spill in zip(page.bubbles, centres, inside, ring, strict=True)
    )
