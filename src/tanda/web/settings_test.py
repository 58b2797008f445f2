"""Settings for the test suite: the production settings on a throw-away TANDA_HOME.

pytest-django imports settings before any conftest runs, so the data directory is chosen here.
"""

import os
import tempfile

os.environ.setdefault("TANDA_HOME", tempfile.mkdtemp(prefix="tanda-test-"))

from tanda.web.settings import *  # noqa: F403

TANDA_WARM_ENERGY = False  # no background threads behind a test's back; the warm-up is tested directly
