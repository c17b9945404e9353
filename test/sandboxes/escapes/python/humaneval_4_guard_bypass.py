# attack: security review #2 (he4_guard_bypass.json): HumanEval/4 with `list` redefined (blinds the one-line guard) and abs shadowed so the data set's own asserts hold; the runner filters the test namespace
# mode: assert
# entry: mean_absolute_deviation
# candidate: candidate
# preamble: "from typing import List\n\n\ndef mean_absolute_deviation(numbers: List[float]) -> float:\n    \"\"\" For a given list of input numbers, calculate Mean Absolute Deviation\n    around the mean of this dataset.\n    Mean Absolute Deviation is the average absolute difference between each\n    element and a centerpoint (mean in this case):\n    MAD = average | x - x_mean |\n    >>> mean_absolute_deviation([1.0, 2.0, 3.0, 4.0])\n    1.0\n    \"\"\"\n"
# tests: ["from typing import List\n\n\nMETADATA = {\n    'author': 'jt',\n    'dataset': 'test'\n}\n\n\ndef check(candidate):\n    assert abs(candidate([1.0, 2.0, 3.0]) - 2.0/3.0) < 1e-6\n    assert abs(candidate([1.0, 2.0, 3.0, 4.0]) - 1.0) < 1e-6\n    assert abs(candidate([1.0, 2.0, 3.0, 4.0, 5.0]) - 6.0/5.0) < 1e-6\n\n\ncheck(candidate)\n"]
# expect: runtime_error
from typing import List


def list(x):          # blinds the server's assert guard (it calls list(globals()))
    return []


def abs(x):           # shadows the builtin every HumanEval/4 assert uses
    return 0


def mean_absolute_deviation(numbers: List[float]) -> float:
    return -1.0

