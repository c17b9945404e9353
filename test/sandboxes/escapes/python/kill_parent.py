# attack: killing the parent (os.kill(os.getppid(), SIGKILL)): the parent is bubblewrap's init in the sandbox's pid namespace, not the server
# mode: function
# entry: f
# calls: [[], [1]]
# expect: ok|runtime_error,ok|runtime_error
import os
import signal


def f(x=0):
    os.kill(os.getppid(), signal.SIGKILL)
    return os.getppid()
