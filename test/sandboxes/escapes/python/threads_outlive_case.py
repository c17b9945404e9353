# attack: threads that outlive the case (a busy thread left running, a thread printing into later cases); the runner finishes each case and ends the process
# mode: function
# entry: f
# calls: [[1], [2], [3]]
# expect: ok,ok,ok
# values: [1, 2, 3]
import threading
import time


def spin():
    while True:
        time.sleep(0.001)


def f(x):
    threading.Thread(target=spin).start()
    return x
