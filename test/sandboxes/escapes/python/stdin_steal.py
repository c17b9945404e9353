# attack: reading the job from stdin / reading other cases' stdin (the job is consumed before the solution runs; per-case stdin files are unlinked)
# mode: stdio
# stdins: ["first\n", "second\n"]
# expect: ok,ok
# stdout: ["first\n\n[]\n", "second\n\n[]\n"]
import os
import sys

print(sys.stdin.read())
print(os.listdir("/tmp"))
