# attack: kill -9 -1 (every process the uid can signal): only the sandbox's own processes are reachable, and the runner is the namespace's init, which SIGKILL from inside cannot reach
# mode: function
# entry: f
# calls: [[], []]
# expect: ok,ok
# values: ["survived", "survived"]
import os
import signal


def f():
    try:
        os.kill(-1, signal.SIGKILL)
    except ProcessLookupError:
        pass
    return "survived"
