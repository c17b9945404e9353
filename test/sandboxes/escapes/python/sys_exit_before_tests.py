# attack: sys.exit(0) before the tests run (an exit-code harness would count every test as passed)
# mode: assert
# entry: f
# tests: ["assert f(1) == 2", "assert f(2) == 3"]
# expect: runtime_error,runtime_error
import sys


def f(x):
    return x + 1


sys.exit(0)
