# attack: monkeypatching the harness: replace AssertionError, sys.exit, the runner's module-level helpers and os._exit
# mode: assert
# entry: f
# tests: ["assert f(1) == 2", "assert f(1) == 3"]
# expect: ok,runtime_error
import builtins
import os
import sys

builtins.AssertionError = type("Fake", (Exception,), {})
for name, mod in list(sys.modules.items()):
    for attr in ("finish", "sanitize", "wrap_candidate", "restore_modules", "fmt_error"):
        if hasattr(mod, attr):
            try:
                setattr(mod, attr, lambda *a, **k: None)
            except Exception:
                pass
os._exit = lambda *a: None
sys.exit = lambda *a: None


def f(x):
    return x + 1
