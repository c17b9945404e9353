# Codeforces 1342C Yet Another Counting Problem: prefix counts over the period a*b.
import sys
data = sys.stdin.read().split()
t = int(data[0]); p = 1; out = []
for _ in range(t):
    a, b, q = int(data[p]), int(data[p + 1]), int(data[p + 2]); p += 3
    period = a * b
    pre = [0] * (period + 1)
    for x in range(period):
        pre[x + 1] = pre[x] + ((x % a) % b != (x % b) % a)
    def f(x):
        return (x // period) * pre[period] + pre[x % period + 1]
    res = []
    for _ in range(q):
        l, r = int(data[p]), int(data[p + 1]); p += 2
        res.append(str(f(r) - f(l - 1)))
    out.append(' '.join(res))
print('\n'.join(out))
