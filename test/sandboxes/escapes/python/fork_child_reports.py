# attack: a forked child that returns into the harness (it inherits the result channel and would report its own "ok"); the runner lets only its own pid report
# mode: assert
# entry: f
# tests: ["assert f(1) == 999", "assert f(1) == 999"]
# expect: runtime_error,runtime_error
import os


def f(x):
    if os.fork() == 0:
        return 999
    os.wait()
    return 0
