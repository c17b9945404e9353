# Codeforces 12B Correct Solution?: the smallest number from n's digits without a leading zero.
n = input().strip()
m = input().strip()
d = sorted(n)
if d[0] == '0' and len(d) > 1:
    i = next((i for i, c in enumerate(d) if c != '0'), None)
    if i is not None:
        d[0], d[i] = d[i], d[0]
print('OK' if ''.join(d) == m else 'WRONG_ANSWER')
