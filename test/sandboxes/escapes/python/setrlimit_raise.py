# attack: resource.setrlimit raising the process, file-size and CPU limits back (hard limits can only be lowered)
# mode: function
# entry: f
# calls: [["RLIMIT_NPROC"], ["RLIMIT_FSIZE"], ["RLIMIT_CPU"]]
# expect: ok,ok,ok
# values: ["ValueError", "ValueError", "ValueError"]
import resource


def f(name):
    which = getattr(resource, name)
    try:
        resource.setrlimit(which, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
        return "raised"
    except (ValueError, OSError):
        return "ValueError"
