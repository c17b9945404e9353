# attack: os._exit(0) from inside the candidate while a test is running (process exits 0 mid-test)
# mode: assert
# entry: f
# tests: ["assert f(1) == 999", "assert f(2) == 999"]
# expect: runtime_error,runtime_error
import os


def f(x):
    os._exit(0)
