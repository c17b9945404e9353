# attack: memory bomb (allocate until the machine swaps): the memory cgroup OOM-kills the sandbox
# mode: function
# entry: f
# calls: [[], [1]]
# expect: memory,memory
# limits: {"memoryMb": 128}


def f(x=0):
    hog = []
    while True:
        hog.append(bytearray(16 * 1024 * 1024))
