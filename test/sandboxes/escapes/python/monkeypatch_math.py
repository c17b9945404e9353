# attack: monkeypatching a module the test imports (math.isclose always True); modules are restored before each test
# mode: assert
# entry: f
# tests: ["import math\nassert math.isclose(f(1.0), 2.0)"]
# expect: runtime_error
import math

math.isclose = lambda *a, **k: True


def f(x):
    return 0.0
