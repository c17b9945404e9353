# attack: a huge return value and huge error message (memory/bandwidth of the host); values are capped
# mode: function
# entry: f
# calls: [[0], [1]]
# expect: output_limit|memory,runtime_error
# limits: {"memoryMb": 512}


def f(x):
    if x == 0:
        return "x" * (64 * 1024 * 1024)
    raise ValueError("y" * (10 * 1024 * 1024))
