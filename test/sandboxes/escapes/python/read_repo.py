# attack: reading the server's repository and home (source, package.json, /root); only /usr, /tmp, /dev, /opt/rlvr exist
# mode: function
# entry: f
# calls: [["/work/main/package.json"], ["/root/.bashrc"], ["/work/shared/data/code/SOURCES.md"]]
# expect: ok,ok,ok
# values: ["FileNotFoundError", "FileNotFoundError", "FileNotFoundError"]


def f(path):
    try:
        with open(path) as fh:
            return fh.read()
    except OSError as e:
        return type(e).__name__
