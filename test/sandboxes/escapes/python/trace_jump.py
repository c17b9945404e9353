# attack: sys.settrace from inside the candidate, setting the test frame's f_trace to a tracer that assigns frame.f_lineno to jump over the assert; tracing is cleared when the candidate returns and before each test
# mode: assert
# entry: f
# tests: ["r = f(1)\nassert r == 999\ndone = True\n", "def check(candidate):\n    r = candidate(1)\n    assert r == 999\n    return True\ncheck(f)\n"]
# expect: runtime_error,runtime_error
import sys


def tracer(frame, event, arg):
    if frame.f_code.co_filename == "<test>" and event == "line":
        src_line = frame.f_lineno
        if src_line in (2, 3) and frame.f_code.co_name in ("<module>", "check"):
            try:
                frame.f_lineno = src_line + 1
            except Exception:
                pass
    return tracer


def f(x):
    caller = sys._getframe(1)
    while caller is not None:
        caller.f_trace = tracer
        caller = caller.f_back
    sys.settrace(tracer)
    return 0
