# attack: a metaclass whose __eq__/__hash__ make the returned object's *type* compare equal to int/str (defeats `type(x) in (int, str, ...)` checks); type checks are by identity
# mode: assert
# entry: f
# tests: ["assert f(1) == 2", "assert f(1) == [1, 2]", "assert f(1) == 'x'"]
# expect: runtime_error,runtime_error,runtime_error


class Meta(type):
    def __eq__(cls, other):
        return True

    def __hash__(cls):
        return hash(int)


class Evil(metaclass=Meta):
    def __eq__(self, other):
        return True


def f(x):
    return Evil()
