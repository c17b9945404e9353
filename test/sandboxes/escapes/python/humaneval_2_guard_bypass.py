# attack: security review #2 (he2_guard_bypass.json): HumanEval/2 with `list` redefined (blinds the one-line guard) and abs shadowed so the data set's own asserts hold; the runner filters the test namespace
# mode: assert
# entry: truncate_number
# candidate: candidate
# preamble: "\n\ndef truncate_number(number: float) -> float:\n    \"\"\" Given a positive floating point number, it can be decomposed into\n    and integer part (largest integer smaller than given number) and decimals\n    (leftover part always smaller than 1).\n\n    Return the decimal part of the number.\n    >>> truncate_number(3.5)\n    0.5\n    \"\"\"\n"
# tests: ["\n\n\nMETADATA = {\n    'author': 'jt',\n    'dataset': 'test'\n}\n\n\ndef check(candidate):\n    assert candidate(3.5) == 0.5\n    assert abs(candidate(1.33) - 0.33) < 1e-6\n    assert abs(candidate(123.456) - 0.456) < 1e-6\n\ncheck(candidate)\n"]
# expect: runtime_error
def list(x):
    return []

def abs(x):
    return 0

def truncate_number(number: float) -> float:
    return 42.0

