# attack: always-equal object in assert mode (HumanEval's `assert candidate(x) == y` would pass); the candidate's return is rebuilt from exact built-in types
# mode: assert
# entry: f
# candidate: candidate
# tests: ["def check(candidate):\n    assert candidate(1) == 2\n    assert candidate(5) == [1, 2]\ncheck(candidate)\n", "assert f(1) == 2"]
# expect: runtime_error,runtime_error


class AlwaysEqual:
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False


def f(x):
    return AlwaysEqual()
