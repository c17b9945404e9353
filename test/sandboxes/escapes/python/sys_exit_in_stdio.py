# attack: stdio program that exits 0 without printing (LiveCodeBench's tamper probe); the run is "ok" with empty stdout, so the host comparison says Wrong Answer
# mode: stdio
# stdins: ["1 2\n"]
# expect: ok
# stdout: [""]
import sys

sys.exit(0)
