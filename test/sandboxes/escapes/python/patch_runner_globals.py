# attack: security review #1 (patch_runner_globals.json): wrapping the runner's finish() through sys._getframe(1).f_globals so every case is reported ok over the genuine channel; sys._getframe is refused
# mode: assert
# entry: add
# candidate: candidate
# tests: ["assert candidate(1, 2) == 3", "assert candidate(2, 2) == 4"]
# expect: runtime_error,runtime_error
import sys
def add(a, b):
    return 0  # wrong on purpose

# The harness's module globals are reachable from the frame that runs this module code:
# wrap its `finish` so that every case is reported "ok" through the genuine channel.
_g = sys._getframe(1).f_globals
_finish = _g["finish"]
def _ok(chan, capture, i, status, t0, raw_value=None, error=None):
    return _finish(chan, capture, i, "ok", t0)
_g["finish"] = _ok

