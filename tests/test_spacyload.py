"""spaCy is imported without thinc's torch probe (lvterm.spacyload), and torch still imports later."""
from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

SCRIPT = """
import sys
from lvterm.segment import make_nlp, segment_text
from lvterm.terms.patterns import morph_nlp
make_nlp("lv"); morph_nlp("lv")
print([s.text for s in segment_text("Sveiki! Tas ir 2011. gadā.", lang="lv")])
print("torch" in sys.modules)
import thinc.compat
print(thinc.compat.has_torch)
import torch  # the embedding scorer's import, later in the same process
print(torch.tensor([1, 2]).sum().item())
"""


@pytest.mark.skipif(importlib.util.find_spec("torch") is None,
                    reason="torch is not installed: there is no probe to skip (pip install 'lvterm[neural]')")
def test_spacy_pipelines_do_not_import_torch_and_torch_still_imports_afterwards():
    run = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    sentences, torch_loaded, thinc_has_torch, total = run.stdout.splitlines()
    assert sentences == "['Sveiki!', 'Tas ir 2011. gadā.']"
    assert (torch_loaded, thinc_has_torch, total) == ("False", "False", "3")


def test_torch_already_imported_is_left_alone():
    """When torch is in sys.modules (the embedding scorer ran first), nothing is hidden."""
    script = ("import sys, types\nsys.modules['torch'] = types.ModuleType('torch')\n"
              "from lvterm.spacyload import import_spacy\nimport_spacy()\n"
              "print(type(sys.modules['torch']).__name__)")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0 and run.stdout.strip() == "module", run.stderr
