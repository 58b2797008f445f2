"""Test setup lives in `tanda.web.settings_test` (a throw-away TANDA_HOME), chosen in pyproject.toml."""
