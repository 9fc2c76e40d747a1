"""Settings shared by every test directory.

Hypothesis profiles: "default" keeps ``make test`` fast; "thorough" (``make fuzz``, or
``HYPOTHESIS_PROFILE=thorough`` for any pytest run) tries many more examples.

``make test`` runs the suite on two pytest-xdist workers (``-n 2``). Tests go out one at a
time to whichever worker is free, except the files in ``WHOLE_FILES``: each goes whole to
one worker, before everything else. They are the longest: their tests share one build
(wheel, frozen bundle) in a module fixture, or take a minute between them; started last
they would leave one worker running alone at the end.
"""

import os

import pytest
from hypothesis import settings

settings.register_profile("default", max_examples=300)
settings.register_profile("thorough", max_examples=4000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

WHOLE_FILES = (
    "tests/packaging/test_packaging_bundle.py",
    "tests/packaging/test_packaging_wheel.py",
    "tests/gui/test_gui_menu_walk.py",
)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """``-n N`` (``--dist load``): one test at a time, but each of ``WHOLE_FILES`` as one
    unit handed out first. (pytest-xdist's ``xdist_group`` mark would say this per file,
    but ``--dist loadgroup`` ignores it under pytest 9.2.)"""
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class WholeFilesFirst(LoadScopeScheduling):
        # LoadScopeScheduling hands out bigger units first (--loadscope-reorder, on by
        # default); every other test is a unit of its own, in collection order.
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return path if path in WHOLE_FILES else nodeid

    return WholeFilesFirst(config, log)
