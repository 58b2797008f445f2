"""What `tanda serve` computes in the background as it starts, so the first visitor doesn't wait.

Submissions imported from the command line were stored by another process, whose kept results
the server never sees; the server computes the newest year's energy of every unit (the unit list
and the roll-up read it) while it waits for its first request.
"""

from __future__ import annotations

import threading

from tanda.web.enterprises.services import latest_year, warm_year_energy


def start() -> threading.Thread | None:
    """Start computing the newest year's energy; None when nothing has been submitted."""
    year = latest_year()
    return warm_year_energy([year]) if year is not None else None
