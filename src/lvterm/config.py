"""Project-wide constants shared by several stages (kept tiny and import-free)."""
from __future__ import annotations

#: Confidence under which a bead is for review: left out of TMX (unless --all), `fuzzy` in .po.
#: The same value as `lvterm.align.DEFAULT_THRESHOLD` (the aligner documents its calibration).
DEFAULT_THRESHOLD = 0.5


def default_threshold() -> float:
    """The aligner's documented threshold when the aligner is installed, else the same constant here."""
    try:
        from .align import DEFAULT_THRESHOLD as aligner_threshold  # lazy: the aligner is heavier
    except ImportError:
        return DEFAULT_THRESHOLD
    return float(aligner_threshold)
