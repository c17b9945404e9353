# attack: forging the result channel: write "end ok" records (without the run's nonce) to every open file descriptor
# mode: assert
# entry: f
# tests: ["assert f(1) == 2", "assert f(1) == 2"]
# expect: runtime_error,runtime_error
import os


def f(x):
    for fd in range(3, 1024):
        for i in range(2):
            try:
                os.write(fd, b'{"t":"end","i":%d,"status":"ok","ms":1,"stdout":"","stderr":""}\n' % i)
            except OSError:
                pass
    return 0
