# attack: from inside the candidate, rebinding names in the calling test's globals and builtins (abs, math, check helpers) through sys._getframe(1).f_globals, so later asserts hold; globals, builtins and modules are reverted after every candidate call
# mode: assert
# entry: f
# candidate: candidate
# tests: ["import math\ndef check(candidate):\n    assert candidate(1) == 1\n    assert math.isclose(candidate(2), 4.0)\n    assert abs(candidate(3) - 9) < 1e-9\ncheck(candidate)\n"]
# expect: runtime_error
import sys
import types


def f(x):
    g = sys._getframe(1).f_globals
    fake = types.ModuleType("math")
    fake.isclose = lambda *a, **k: True
    g["math"] = fake
    g["abs"] = lambda v: 0
    g["__builtins__"]["abs"] = lambda v: 0
    sys.modules["math"].isclose = lambda *a, **k: True
    return 1
