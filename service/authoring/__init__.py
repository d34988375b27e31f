"""What rule authors run: lint (small named checks), coverage, rule tests and the pytest plugin.

A use case over :mod:`service.ruletree` and :mod:`service.screening`; the CLI calls it.
"""
