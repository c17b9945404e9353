# attack: exploring the filesystem for anything of the host's beyond the read-only /usr
# mode: function
# entry: f
# calls: [[]]
# expect: ok
# values: [["bin", "dev", "lib", "lib64", "opt", "sbin", "tmp", "usr"]]
import os


def f():
    return sorted(os.listdir("/"))
