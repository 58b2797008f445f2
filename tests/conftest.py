"""Test setup: a throw-away TANDA_HOME, so no test touches a user's data."""

import os
import tempfile

os.environ.setdefault("TANDA_HOME", tempfile.mkdtemp(prefix="tanda-test-"))
