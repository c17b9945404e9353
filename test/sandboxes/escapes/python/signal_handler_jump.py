# attack: an interval timer whose signal handler (which receives the running frame) installs a tracer on the test frame to jump over its assert; handlers and timers are reset before each test and after each candidate call
# mode: assert
# entry: f
# tests: ["r = f(1)\nfor _ in range(200000):\n    pass\nassert r == 999\ndone = True\n"]
# expect: runtime_error
import signal
import sys


def tracer(frame, event, arg):
    if frame.f_code.co_filename == "<test>" and event == "line" and frame.f_lineno == 4:
        try:
            frame.f_lineno = 5
        except Exception:
            pass
    return tracer


def handler(signum, frame):
    while frame is not None:
        frame.f_trace = tracer
        frame = frame.f_back
    sys.settrace(tracer)


signal.signal(signal.SIGALRM, handler)
signal.setitimer(signal.ITIMER_REAL, 0.001, 0.001)


def f(x):
    signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, 0.001, 0.001)
    return 0
