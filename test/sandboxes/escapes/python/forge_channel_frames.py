# attack: security review #1 (forge_channel_frames.json): the runner's main() frame through sys._getframe(1), then its `chan` to send forged `end ok` lines; the audit hook refuses sys._getframe
# mode: assert
# entry: add
# candidate: candidate
# tests: ["assert candidate(1, 2) == 3", "assert candidate(2, 2) == 4"]
# expect: runtime_error,runtime_error
import sys, os
def add(a, b):
    return 0  # wrong on purpose

_f = sys._getframe(1)          # the harness's main() frame, which runs our module code
_L = _f.f_locals
_chan, _cases, _first = _L["chan"], _L["cases"], _L.get("first", 0)
_chan.send({"t": "loaded"})
for _k in range(len(_cases)):
    _chan.send({"t": "start", "i": _first + _k})
    _chan.send({"t": "end", "i": _first + _k, "status": "ok", "ms": 0.1, "cpu": 0.1, "stdout": "", "stderr": ""})
_chan.send({"t": "done"})
os._exit(0)

