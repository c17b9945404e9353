# attack: writing outside the private tmpfs (/usr, /opt/rlvr, /, /dev); only /tmp is writable and it vanishes with the sandbox
# mode: function
# entry: f
# calls: [["/usr/rlvr_escape_marker"], ["/opt/rlvr/rlvr_escape_marker"], ["/rlvr_escape_marker"], ["/tmp/rlvr_escape_marker"], ["/work/main/rlvr_escape_marker"]]
# expect: ok,ok,ok,ok,ok
# values: ["OSError", "OSError", "OSError", "written", "OSError"]


def f(path):
    try:
        with open(path, "w") as fh:
            fh.write("escaped")
        return "written"
    except OSError:
        return "OSError"
