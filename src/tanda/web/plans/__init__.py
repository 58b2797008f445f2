"""Stored plans: sections, tasks with departments, targets and rules, with every change recorded."""
