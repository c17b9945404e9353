# attack: security review #1 through a signal handler, which receives the running frame with no audit event: an interval timer fires inside the candidate and the handler walks f_back to the runner's frame and its channel; signal.signal is refused in assert mode (and a fresh import of _signal for the original)
# mode: assert
# entry: add
# candidate: candidate
# tests: ["assert candidate(1, 2) == 3", "assert candidate(2, 2) == 4"]
# expect: runtime_error,runtime_error
import os
import sys


def handler(sig, frame):
    while frame is not None:
        loc = frame.f_locals
        if "chan" in loc and "job" in loc:
            send = getattr(loc["chan"], "send", loc["chan"])  # a Channel object before the fix
            for k in range(len(loc["job"]["cases"])):
                send({"t": "end", "i": k, "status": "ok", "ms": 0.1, "cpu": 0.1, "stdout": "", "stderr": ""})
            send({"t": "done"})
            os._exit(0)
        frame = frame.f_back


def add(a, b):
    try:
        import signal
        signal.signal(signal.SIGALRM, handler)
    except PermissionError:
        sys.modules.pop("_signal", None)
        sys.modules.pop("signal", None)
        import _signal as signal
        signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, 0.01)
    while True:
        pass
