"""Dispatch (调度): task progress reports with evidence, overdue and not-updated flags, notifications,
and frozen dispatch reports exported as Word and Excel."""
