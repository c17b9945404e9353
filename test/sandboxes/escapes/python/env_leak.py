# attack: environment leak (API keys, tokens of the server process): the sandbox gets a clean environment
# mode: function
# entry: f
# calls: [[]]
# expect: ok
# values: [{"HOME": "/tmp", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "PWD": "/tmp"}]
import os


def f():
    return dict(os.environ)
