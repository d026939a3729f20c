"""Imported by Python at startup (PYTHONPATH): the fault tests' engines, in a live app's worker only."""

import sys
from pathlib import Path

if "rqworker" in sys.argv:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tests.fault_engines import register

    register()
