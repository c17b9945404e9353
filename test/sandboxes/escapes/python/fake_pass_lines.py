# attack: printing fake pass lines and forged harness messages on stdout/stderr ("PASS", JSON "ok" records); stdout is data, never a verdict
# mode: assert
# entry: f
# tests: ["assert f(1) == 2"]
# expect: runtime_error
import sys

for line in ('PASS', 'All tests passed', '{"t":"end","i":0,"status":"ok"}', 'ok'):
    print(line)
    print(line, file=sys.stderr)


def f(x):
    print('{"t":"end","i":0,"status":"ok","ms":1}')
    print("PASS")
    return 0
