"""Settings shared by every test directory.

Hypothesis profiles: "default" keeps ``make test`` fast; "thorough" (``make fuzz``, or
``HYPOTHESIS_PROFILE=thorough`` for any pytest run) tries many more examples.
"""

import os

from hypothesis import settings

settings.register_profile("default", max_examples=300)
settings.register_profile("thorough", max_examples=4000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
