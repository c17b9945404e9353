# attack: security review #1, other frame routes from inside the candidate: a traceback's tb_frame, a running generator's gi_frame and a coroutine's cr_frame, each walked up with f_back to the runner's run_assert frame (its `chan` and `job` hold the channel and nonce); the audit hook refuses every attribute that hands out a frame
# mode: assert
# entry: add
# candidate: candidate
# tests: ["assert candidate(1, 2) == 3", "assert candidate(2, 2) == 4", "assert candidate(3, 2) == 5"]
# expect: runtime_error,runtime_error,runtime_error
import os

calls = [0]


def forge(frame):
    while frame is not None:
        loc = frame.f_locals
        if "chan" in loc and "job" in loc:
            send, job = getattr(loc["chan"], "send", loc["chan"]), loc["job"]
            for k in range(len(job["cases"])):
                send({"t": "end", "i": k, "status": "ok", "ms": 0.1, "cpu": 0.1, "stdout": "", "stderr": ""})
            send({"t": "done"})
            os._exit(0)
        frame = frame.f_back


def add(a, b):
    calls[0] += 1
    if calls[0] == 1:
        try:
            raise ValueError
        except ValueError as e:
            forge(e.__traceback__.tb_frame)
    elif calls[0] == 2:
        def g():
            yield gen.gi_frame
        gen = g()
        forge(next(gen))
    else:
        async def c():
            return co.cr_frame
        co = c()
        try:
            co.send(None)
        except StopIteration as stop:
            forge(stop.value)
    return 0
