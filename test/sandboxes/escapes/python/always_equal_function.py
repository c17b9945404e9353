# attack: always-equal object returned in function mode (__eq__ always True); only plain data leaves the sandbox
# mode: function
# entry: f
# calls: [[1], [2]]
# expect: invalid_return,invalid_return


class AlwaysEqual:
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = object.__hash__


def f(x):
    return AlwaysEqual()
