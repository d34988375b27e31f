"""The one YAML-with-positions loader and the problem types every file reader reports with.

Pure: no web, queue or database code, no environment variables.
"""

from .problems import CODES, Code, Collector, Location, Problem, ProblemsError, code, problem
from .source import MAX_BYTES, R200, R201, R202, Node, load_file, parse

__all__ = [
    "CODES",
    "MAX_BYTES",
    "R200",
    "R201",
    "R202",
    "Code",
    "Collector",
    "Location",
    "Node",
    "Problem",
    "ProblemsError",
    "code",
    "load_file",
    "parse",
    "problem",
]
