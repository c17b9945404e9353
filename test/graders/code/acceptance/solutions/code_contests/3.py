# Codeforces 1000A Codehorses T-shirts: sizes not matched between the two lists must be edited.
import sys
from collections import Counter
data = sys.stdin.read().split()
n = int(data[0])
a = Counter(data[1:1 + n])
b = Counter(data[1 + n:1 + 2 * n])
print(n - sum((a & b).values()))
