# Codeforces 1238B Kill 'Em All: shoot distinct positions from the largest while they stay right of 0.
import sys
data = sys.stdin.buffer.read().split()
q = int(data[0]); p = 1; out = []
for _ in range(q):
    n, r = int(data[p]), int(data[p + 1]); p += 2
    xs = sorted(set(map(int, data[p:p + n])), reverse=True); p += n
    k = 0
    for x in xs:
        if x - k * r > 0:
            k += 1
        else:
            break
    out.append(str(k))
print("\n".join(out))
