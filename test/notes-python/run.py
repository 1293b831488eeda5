"""Run one note's Python tests: run.py NOTE_ROOT TEST_MODULE (e.g. note_tests.test_rest_design).

Uses Django's own test runner, so each test gets a fresh in-memory SQLite test database; exits non-zero on
any failure or error, and when nothing ran.
"""
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
root, label = sys.argv[1], sys.argv[2]
os.environ["NEXUS_NOTE_ROOT"] = root
os.environ["DJANGO_SETTINGS_MODULE"] = "nexus_settings"
sys.path[:0] = [root, here]

import django  # noqa: E402  (the path must be set first)
from django.test.runner import DiscoverRunner  # noqa: E402

django.setup()
runner = DiscoverRunner(verbosity=2, interactive=False)
suite = runner.build_suite([label])
if suite.countTestCases() == 0:
    sys.exit(f"{label}: no tests found")
failures = runner.run_tests([label])
sys.exit(1 if failures else 0)
