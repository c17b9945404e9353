# attack: security review #1, passing the audit hook's exception for the standard modules that read their caller's module name (typing, collections, enum call sys._getframe): code compiled under typing.py's file name, and typing's own _caller() with a large depth; the hook matches the real code objects, not file names, and _caller hands out only a name
# mode: assert
# entry: add
# candidate: candidate
# tests: ["assert candidate(1, 2) == 3", "assert candidate(2, 2) == 4"]
# expect: runtime_error,runtime_error
import collections
import typing

calls = [0]


def add(a, b):
    calls[0] += 1
    if calls[0] == 1:
        T = typing.TypeVar("T")  # legitimate: allowed
        P = collections.namedtuple("P", "x y")  # legitimate: allowed
        assert T.__name__ == "T" and P(1, 2).x == 1
        assert typing._caller(3) is None or isinstance(typing._caller(3), str)
        g = {}
        exec(compile("import sys\nframe = sys._getframe(1)\n", typing.__file__, "exec"), g)
        frame = g["frame"]
        while frame is not None:
            if "finish" in frame.f_globals:
                real = frame.f_globals["finish"]
                frame.f_globals["finish"] = lambda chan, capture, i, status, t0, raw_value=None, error=None: real(
                    chan, capture, i, "ok", t0
                )
                break
            frame = frame.f_back
    return 0
