"""spaCy, imported without torch.

spaCy's machine-learning library, thinc, tries `import torch` when it is first imported, only to
learn whether torch layers are available. lvterm's pipelines are blank ones with rule-based
components and never use them, but where torch is installed (`pip install 'lvterm[neural]'` for the
embedding scorer) that probe costs every process importing spaCy about 1.1 s and 185 MB: a build's
Dask workers, `lvterm segment`, a rebuild after one edit. `import_spacy` hides torch from that one
probe (thinc then records that torch is absent) and puts it back straight after, so the embedding
scorer, or anything else, imports torch normally later in the same process. When torch is already
imported, nothing is hidden.
"""
from __future__ import annotations

import sys


def import_spacy():
    """The `spacy` module (imported once per process), with thinc's torch probe skipped."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    hide = "torch" not in sys.modules
    if hide:
        sys.modules["torch"] = None  # `import torch` raises ImportError while this is set
    try:
        import spacy
    finally:
        if hide and sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]
    return spacy
