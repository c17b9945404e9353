# attack: deep recursion with the recursion limit lifted (overflows the C stack: the process dies by SIGSEGV)
# mode: function
# entry: f
# calls: [[10], [1000000000]]
# expect: ok,runtime_error|memory
import sys

sys.setrecursionlimit(10**9)


def f(n):
    return 0 if n == 0 else 1 + f(n - 1)
