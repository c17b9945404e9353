# attack: reading host files (/etc/shadow, /etc/passwd): /etc is not mounted
# mode: function
# entry: f
# calls: [["/etc/shadow"], ["/etc/passwd"], ["/etc/hostname"]]
# expect: ok,ok,ok
# values: ["FileNotFoundError", "FileNotFoundError", "FileNotFoundError"]


def f(path):
    try:
        with open(path) as fh:
            return fh.read()
    except OSError as e:
        return type(e).__name__
