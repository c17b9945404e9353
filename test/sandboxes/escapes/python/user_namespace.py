# attack: creating a new user namespace inside the sandbox (to regain capabilities); bubblewrap's --disable-userns forbids it
# mode: function
# entry: f
# calls: [[]]
# expect: ok
# values: ["denied"]
import subprocess


def f():
    r = subprocess.run(["unshare", "--user", "--map-root-user", "true"], capture_output=True)
    return "unshared" if r.returncode == 0 else "denied"
