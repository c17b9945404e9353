# attack: security review #1, raw routes to the nonce and channel: a crafted code object (code.replace / CodeType, whose bytecode can read raw memory), ctypes, /proc/self/mem, and re-opening the high file descriptors as files or sockets to write forged lines; each is refused by the audit hook (and ctypes is not installed, /proc is not mounted)
# mode: assert
# entry: add
# candidate: candidate
# tests: ["assert candidate(1, 2) == 3", "assert candidate(2, 2) == 4", "assert candidate(3, 3) == 6", "assert candidate(4, 4) == 8", "assert candidate(5, 5) == 10"]
# expect: runtime_error,runtime_error,runtime_error,runtime_error,runtime_error
calls = [0]


def add(a, b):
    calls[0] += 1
    n = calls[0]
    if n == 1:
        (lambda: 0).__code__.replace(co_consts=(None,))
    elif n == 2:
        import ctypes  # noqa: F401
    elif n == 3:
        open("/proc/self/mem", "rb")
    elif n == 4:
        for fd in range(3, 1024):
            try:
                open(fd, "wb", closefd=False).write(b'{"t":"done"}\n')
            except OSError:
                pass
    else:
        import socket
        socket.socket(fileno=5)
    return 0
