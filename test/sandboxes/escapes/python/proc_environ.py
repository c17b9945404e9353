# attack: reading /proc/1/environ and /proc/self/mem (the host's environment, raw memory): /proc is not mounted
# mode: function
# entry: f
# calls: [["/proc/1/environ"], ["/proc/self/mem"], ["/sys/fs/cgroup/memory/memory.limit_in_bytes"]]
# expect: ok,ok,ok
# values: ["FileNotFoundError", "FileNotFoundError", "FileNotFoundError"]


def f(path):
    try:
        with open(path, "rb") as fh:
            return fh.read(100).decode("latin-1")
    except OSError as e:
        return type(e).__name__
