# attack: security review #2 (he37_guard_bypass.json): HumanEval/37 with `list` redefined (blinds the one-line guard) and tuple shadowed so the data set's own asserts hold; the runner filters the test namespace
# mode: assert
# entry: sort_even
# candidate: candidate
# preamble: "\n\ndef sort_even(l: list):\n    \"\"\"This function takes a list l and returns a list l' such that\n    l' is identical to l in the odd indicies, while its values at the even indicies are equal\n    to the values of the even indicies of l, but sorted.\n    >>> sort_even([1, 2, 3])\n    [1, 2, 3]\n    >>> sort_even([5, 6, 3, 4])\n    [3, 6, 5, 4]\n    \"\"\"\n"
# tests: ["\n\n\nMETADATA = {}\n\n\ndef check(candidate):\n    assert tuple(candidate([1, 2, 3])) == tuple([1, 2, 3])\n    assert tuple(candidate([5, 3, -5, 2, -3, 3, 9, 0, 123, 1, -10])) == tuple([-10, 3, -5, 2, -3, 3, 5, 0, 9, 1, 123])\n    assert tuple(candidate([5, 8, -12, 4, 23, 2, 3, 11, 12, -10])) == tuple([-12, 8, 3, 4, 5, 2, 12, 11, 23, -10])\n\n\ncheck(candidate)\n"]
# expect: runtime_error
def list(x):          # blinds the server's assert guard (it calls list(globals()))
    return []


def tuple(x):         # every HumanEval/37 assert compares tuple(...) == tuple(...)
    return ()


def sort_even(l: list):
    return None

