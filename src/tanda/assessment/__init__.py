"""Assessment of regions and departments: schemes (indicators, weights, rules, grades), scores, ranking, exports.

Plain Python (no Django, no database): the web app stores schemes and inputs and calls these.
"""

from tanda.assessment.scheme import (
    RULES,
    Category,
    Datum,
    Grade,
    Scheme,
    SchemeError,
    SchemeIndicator,
    load_scheme_text,
    packaged_scheme,
    parse_scheme,
)
from tanda.assessment.scoring import IndicatorScore, Result, SubjectResult, score_subjects

__all__ = [
    "RULES",
    "Category",
    "Datum",
    "Grade",
    "IndicatorScore",
    "Result",
    "Scheme",
    "SchemeError",
    "SchemeIndicator",
    "SubjectResult",
    "load_scheme_text",
    "packaged_scheme",
    "parse_scheme",
    "score_subjects",
]
