"""Pages of the assessment app: schemes, assessments with results, map and charts, data entry, exports."""
