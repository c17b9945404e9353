# attack: security review #1 (forge_channel_gc.json): the result channel and the job (nonce) found on the heap with gc.get_objects(); the audit hook refuses gc.get_objects
# mode: assert
# entry: add
# candidate: candidate
# tests: ["assert candidate(1, 2) == 3", "assert candidate(2, 2) == 4"]
# expect: runtime_error,runtime_error
import gc, os
def add(a, b):
    return 0  # wrong on purpose

# Find the harness's result channel object and the job (nonce is inside the channel) on the heap.
_chan = next(o for o in gc.get_objects() if type(o).__name__ == "Channel" and hasattr(o, "nonce"))
_job = next(o for o in gc.get_objects() if type(o) is dict and "nonce" in o and "cases" in o)
_first = _job.get("first", 0)
_chan.send({"t": "loaded"})
for _k in range(len(_job["cases"])):
    _chan.send({"t": "start", "i": _first + _k})
    _chan.send({"t": "end", "i": _first + _k, "status": "ok", "ms": 0.1, "cpu": 0.1, "stdout": "", "stderr": ""})
_chan.send({"t": "done"})
os._exit(0)

