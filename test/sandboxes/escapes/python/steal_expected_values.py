# attack: looking for the expected answers in the sandbox's memory (gc objects, the harness's frames) to return them: in function mode they never enter the sandbox
# mode: function
# entry: f
# calls: [[1], [2]]
# expect: ok,ok
# values: [[], []]
import gc
import sys


def f(x):
    found = []
    for obj in gc.get_objects():
        if isinstance(obj, dict):
            for key in ("expected", "expected_stdout", "output", "outputs"):
                if key in obj and obj is not globals():
                    found.append(repr(obj[key])[:50])
    frame = sys._getframe()
    while frame is not None:
        for key in ("expected", "expected_stdout"):
            if key in frame.f_locals:
                found.append(repr(frame.f_locals[key])[:50])
        frame = frame.f_back
    return found
