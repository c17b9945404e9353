# attack: infinite loop (each case must end as Time Limit Exceeded on its own)
# mode: function
# entry: f
# calls: [[0], [1], [2]]
# expect: ok,timeout,ok
# limits: {"timeMs": 500}


def f(x):
    while x == 1:
        pass
    return x
