"""The one error a user can cause in `tanda.pathways`: bad scenario or data input.

Every message names the field (dotted path, list indices in brackets) so the user can find it in
the file; nothing is projected until the whole scenario is valid.
"""

from __future__ import annotations


class PathwayInputError(ValueError):
    """A scenario, series or table the user gave is not usable; `field` says where.

    `problems` holds every (field, message) found, so one run reports all of them; `field` and
    `message` are the first.
    """

    def __init__(
        self, field: str, message: str, source: str | None = None, more: list[tuple[str, str]] | None = None
    ) -> None:
        self.field = field
        self.message = message
        self.source = source
        self.problems = [(field, message), *(more or [])]
        where = f"{source}: " if source else ""
        lines = [f"{f}: {m}" if f else m for f, m in self.problems]
        super().__init__(where + "; ".join(lines))
