"""What rule authors run: lint (small named checks), coverage, rule tests, the pytest plugin,
rule-set diffs (``rulediff``, ``corpus``) and mutation testing (``mutants``, ``mutation``).

A use case over :mod:`service.ruletree` and :mod:`service.screening`; the CLI calls it.
"""
