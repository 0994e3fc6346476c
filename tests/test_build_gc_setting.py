"""The build runs without cyclic garbage collection and gives the caller's setting back."""
from __future__ import annotations

import gc

import pytest

from lvterm.build import no_collections


@pytest.mark.parametrize("enabled", [True, False])
def test_build_gc_setting_restored(enabled):
    (gc.enable if enabled else gc.disable)()
    try:
        with no_collections():
            assert not gc.isenabled()
            with no_collections():  # nested (work_unit inside build_library)
                assert not gc.isenabled()
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
        with pytest.raises(RuntimeError):
            with no_collections():
                raise RuntimeError("a failed build")
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
