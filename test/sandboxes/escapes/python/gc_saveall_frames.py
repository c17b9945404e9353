# attack: security review #1 through the collector: the first call raises an exception kept alive in a reference cycle (its traceback holds the runner's finished frames), the second turns on gc.DEBUG_SAVEALL and collects, to find those frames in gc.garbage (no audit event) and rebind the runner's finish() through their f_globals; gc.set_debug is refused and the runner drops the tracebacks of exceptions it catches
# mode: assert
# entry: add
# candidate: candidate
# tests: ["assert candidate(1, 2) == 3", "assert candidate(2, 2) == 4", "assert candidate(3, 3) == 6"]
# expect: runtime_error,runtime_error,runtime_error
import gc
import types

calls = [0]


class Boom(Exception):
    pass


def add(a, b):
    calls[0] += 1
    if calls[0] == 1:
        err = Boom("cycle")
        err.me = err
        raise err
    gc.set_debug(gc.DEBUG_SAVEALL)
    gc.collect()
    for obj in gc.garbage:
        if type(obj) is types.FrameType and "finish" in obj.f_globals:
            real = obj.f_globals["finish"]
            obj.f_globals["finish"] = lambda chan, capture, i, status, t0, raw_value=None, error=None: real(
                chan, capture, i, "ok", t0
            )
    return 0
