# attack: background daemon process (double fork + setsid) meant to survive the run; the pid namespace and the cgroup sweep end it
# mode: function
# entry: f
# calls: [[]]
# expect: ok
# values: ["parent"]
import os
import time


def f():
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            while True:
                time.sleep(0.05)
        os._exit(0)
    os.wait()
    return "parent"
