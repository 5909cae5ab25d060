"""Where things are: the project root (two levels up) and the shared harness's common dir.

The harness lives beside the project (``<project>/../shared/bench-anchors``, as in a clone next
to ``shared/``) or one level further up (a git worktree under ``<workspace>/wt/``);
``BENCH_ANCHORS_DIR`` points anywhere else.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT_ROOT = os.path.dirname(os.path.dirname(HERE))


def anchors_dir() -> str:
    if os.environ.get("BENCH_ANCHORS_DIR"):
        return os.environ["BENCH_ANCHORS_DIR"]
    for up in ("..", os.path.join("..", "..")):
        candidate = os.path.normpath(os.path.join(PROJECT_ROOT, up, "shared", "bench-anchors"))
        if os.path.isdir(candidate):
            return candidate
    return os.path.normpath(os.path.join(PROJECT_ROOT, "..", "shared", "bench-anchors"))


ANCHORS_DIR = anchors_dir()
COMMON_DIR = os.path.join(ANCHORS_DIR, "common")

for path in (HERE, PROJECT_ROOT, COMMON_DIR):
    if path not in sys.path:
        sys.path.insert(0, path)

if __name__ == "__main__":
    print(ANCHORS_DIR)
