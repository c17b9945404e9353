# attack: raising an exception whose class name is not a string and whose __str__ raises or loops (to crash the harness while it reports the error)
# mode: function
# entry: f
# calls: [[0], [1], [2]]
# expect: runtime_error,runtime_error,ok
# limits: {"timeMs": 500}


class Meta(type):
    @property
    def __name__(cls):
        raise RuntimeError("no name")


class Weird(Exception, metaclass=Meta):
    def __str__(self):
        raise ValueError("no str")


class Slow(Exception):
    def __str__(self):
        return "s" * 10_000_000


def f(x):
    if x == 0:
        raise Weird()
    if x == 1:
        raise Slow()
    return x
