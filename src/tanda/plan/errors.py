"""Errors a user can cause with a plan document."""


class PlanInputError(ValueError):
    """A document that cannot be read as a plan; the message says what is wrong and where."""
