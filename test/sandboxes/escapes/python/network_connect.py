# attack: network: connect to a server listening on the host's 127.0.0.1 (the test passes its port), and to a public address
# mode: function
# entry: f
# calls: [["127.0.0.1", "{{PORT}}"], ["1.1.1.1", 80]]
# expect: ok,ok
# values: ["ConnectionRefusedError", "OSError"]
import socket


def f(host, port):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(1)
    try:
        s.connect((host, int(port)))
        return "connected"
    except ConnectionRefusedError:
        return "ConnectionRefusedError"
    except OSError:
        return "OSError"
