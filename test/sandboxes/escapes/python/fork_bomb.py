# attack: fork bomb (every process forks forever; pids cgroup / RLIMIT_NPROC must cap it, the watchdog must kill the tree)
# mode: function
# entry: f
# calls: [[]]
# expect: timeout|runtime_error
import os


def f():
    while True:
        try:
            os.fork()
        except OSError:
            pass
