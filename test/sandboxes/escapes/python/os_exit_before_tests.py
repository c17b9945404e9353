# attack: os._exit(0) at import time, before the tests run (skips every handler; the harness never reaches its end)
# mode: assert
# entry: f
# tests: ["assert f(1) == 2", "assert f(2) == 3"]
# expect: runtime_error,runtime_error
import os


def f(x):
    return x + 1


os._exit(0)
