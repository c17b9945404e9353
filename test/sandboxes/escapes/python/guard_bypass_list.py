# attack: security review #2 (guard_bypass_list.json): shadowing abs plus the builtin the one-line assert guard calls (list); the runner drops the test namespace's builtin-shadowing names itself
# mode: assert
# entry: mean
# candidate: candidate
# tests: ["assert abs(candidate([1.0,2.0,3.0]) - 2.0) < 1e-6", "assert abs(candidate([1.0,1.0]) - 1.0) < 1e-6"]
# expect: runtime_error,runtime_error
def mean(xs):
    return 12345.0   # wrong on purpose

def abs(x):          # shadows the builtin the test uses...
    return 0

def list(x):         # ...and blinds the server's assert guard, which calls list(globals())
    return []

