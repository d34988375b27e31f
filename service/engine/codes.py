"""The codes of the problems found while reading rule files (each defined once; README lists them)."""

from service.yamlsource import R200, R201, R202, code

__all__ = ["R200", "R201", "R202"]  # structure codes, defined by the YAML loader

R203 = code("R203", "not a date (use YYYY-MM-DD)")
R204 = code("R204", "value not allowed (the message lists the allowed ones)")
R205 = code("R205", "duplicate rule id")
R206 = code("R206", "unknown goods category")
R207 = code("R207", "HS code not in HS 2022")
R208 = code("R208", "not an ISO 3166-1 alpha-2 country code")
R209 = code("R209", "unknown regime")
R210 = code("R210", "unknown predicate or malformed condition")
R211 = code("R211", "`until` before `from`")
R212 = code("R212", "unknown unit")
R213 = code("R213", "`until: mandate` without a mandate chain for the regime, or an empty chain")
R214 = code("R214", "a mandate of an unknown regime")
R220 = code("R220", "no regimes.yaml found")
R221 = code("R221", "the rule set has no rules")
T401 = code("T401", "a test names an unknown rule")
