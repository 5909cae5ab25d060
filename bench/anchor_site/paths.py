"""Where things are: the project root (two levels up) and the shared harness's common dir.

The harness lives next to the project by default (``<project>/../shared/bench-anchors``);
``BENCH_ANCHORS_DIR`` points elsewhere.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT_ROOT = os.path.dirname(os.path.dirname(HERE))
ANCHORS_DIR = os.environ.get(
    "BENCH_ANCHORS_DIR", os.path.join(PROJECT_ROOT, "..", "shared", "bench-anchors")
)
COMMON_DIR = os.path.join(ANCHORS_DIR, "common")

for path in (HERE, PROJECT_ROOT, COMMON_DIR):
    if path not in sys.path:
        sys.path.insert(0, path)
