# attack: a child process that tries to stop every process (SIGSTOP to -1) and then spins while the parent waits; the wall-clock watchdog ends the case as TLE
# mode: function
# entry: f
# calls: [[], [1]]
# expect: timeout,timeout
# limits: {"timeMs": 400}
import os
import signal


def f(x=0):
    if os.fork() == 0:
        try:
            os.kill(-1, signal.SIGSTOP)
        except ProcessLookupError:
            pass
        while True:
            pass
    os.wait()
    return "done"
