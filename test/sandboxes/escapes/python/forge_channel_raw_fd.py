# attack: security review #1 (forge_channel_raw_fd.json): the nonce from the job dict on the heap and the channel fd found with os.fstat, forged lines written with os.write; gc.get_objects is refused, so the nonce is never found
# mode: assert
# entry: add
# candidate: candidate
# tests: ["assert candidate(1, 2) == 3", "assert candidate(2, 2) == 4"]
# expect: runtime_error,runtime_error
import gc, os, stat
def add(a, b):
    return 0  # wrong on purpose

# No harness object used: nonce from the job dict on the heap, channel fd found by fstat (the only socket).
_job = next(o for o in gc.get_objects() if type(o) is dict and "nonce" in o and "cases" in o)
_fd = next(fd for fd in range(400, 1000) if _ok(fd)) if False else None
for fd in range(400, 1000):
    try:
        if stat.S_ISSOCK(os.fstat(fd).st_mode): _fd = fd
    except OSError: pass
n, first = _job["nonce"], _job.get("first", 0)
import json
def send(o):
    o["n"] = n; os.write(_fd, (json.dumps(o, separators=(",", ":")) + "\n").encode())
send({"t": "loaded"})
for k in range(len(_job["cases"])):
    send({"t": "start", "i": first + k})
    send({"t": "end", "i": first + k, "status": "ok", "ms": 0.1, "cpu": 0.1, "stdout": "", "stderr": ""})
send({"t": "done"})
os._exit(0)

