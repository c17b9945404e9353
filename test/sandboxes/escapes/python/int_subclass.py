# attack: subclass of int / list with a forged __eq__ (isinstance checks would accept it; exact type checks do not)
# mode: function
# entry: f
# calls: [[0], [1]]
# expect: invalid_return,invalid_return


class EvilInt(int):
    def __eq__(self, other):
        return True


class EvilList(list):
    def __eq__(self, other):
        return True


def f(x):
    return EvilInt(3) if x == 0 else EvilList([1])
