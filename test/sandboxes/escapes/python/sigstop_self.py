# attack: SIGSTOP-ing itself and its process group (a stopped process never answers): the runner is the pid namespace's init, so a stop from inside is not delivered; a stopped child is killed with the sandbox
# mode: function
# entry: f
# calls: [[], [1]]
# expect: ok,ok
# values: ["resumed", "resumed"]
import os
import signal


def f(x=0):
    os.kill(os.getpid(), signal.SIGSTOP)
    os.kill(0, signal.SIGSTOP)
    return "resumed"
