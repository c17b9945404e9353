# attack: ctypes (raw memory access to rewrite the harness or the interpreter); its extension module is replaced by an empty file
# mode: function
# entry: f
# calls: [["ctypes"], ["_testcapi"], ["_testinternalcapi"]]
# expect: ok,ok,ok
# values: ["ImportError", "ImportError", "ImportError"]


def f(name):
    try:
        __import__(name)
        return "imported"
    except ImportError:
        return "ImportError"
