#!/usr/bin/env python3
"""Checks zones written by `rcms mrz make` with the `mrz` package from PyPI, an implementation
of ICAO Doc 9303 written apart from RCMSKit.

Usage: check_zones.py CASES.json

CASES.json is a list of objects: name, format (td1, td2 or td3), lines (the zone), truncated
(whether rcms warned that the name was cut) and partial_birth (whether the date of birth has
unknown parts). The Swift test MRZCrossCheckTests writes it after running `rcms mrz make` for
each row of its table.

Every check digit and the composite must pass the package's checker, and so must its other
field checks. The one exception is its date-of-birth check for dates with unknown parts,
because the package parses the date as plain YYMMDD and rejects fillers in it. The package warns of a
possibly cut name when the name field ends on a letter; that warning must agree with rcms.

Document numbers longer than 9 characters (TD1, TD2) are not given to this script: the package
reads only the first 9 characters and so computes a different check digit.
"""

import json
import sys

from mrz.checker.td1 import TD1CodeChecker
from mrz.checker.td2 import TD2CodeChecker
from mrz.checker.td3 import TD3CodeChecker

CHECKERS = {"td1": TD1CodeChecker, "td2": TD2CodeChecker, "td3": TD3CodeChecker}
HASHES = {"document number hash", "birth date hash", "expiry date hash", "optional data hash", "final hash"}


def findings(case):
    """Returns what the package disagrees with for one case; empty when it agrees."""
    checker = CHECKERS[case["format"]]("\n".join(case["lines"]))
    results = dict(checker.report.fields)
    problems = []
    for name, passed in checker.report.fields:
        if passed:
            continue
        if name == "birth date" and case["partial_birth"]:
            continue
        problems.append("failed: " + name)
    if not any(name in HASHES for name in results):
        problems.append("the package ran no check digit")
    warned = "possible truncating" in checker.report.warnings
    if warned != case["truncated"]:
        problems.append("truncation: rcms says %s, the package %s" % (case["truncated"], warned))
    return problems


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as handle:
        cases = json.load(handle)
    failed = 0
    for case in cases:
        problems = findings(case)
        if problems:
            failed += 1
            print("FAIL %s: %s" % (case["name"], "; ".join(problems)))
            print("     " + "\n     ".join(case["lines"]))
    print("%d passed, %d failed" % (len(cases) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
