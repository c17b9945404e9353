// Codeforces 12B Correct Solution?: the smallest number from n's digits without a leading zero.
const [n, m] = require('fs')
  .readFileSync('/dev/stdin', 'utf8')
  .split('\n')
  .map((s) => s.trim());
const d = n.split('').sort();
if (d[0] === '0' && d.length > 1) {
  const i = d.findIndex((c) => c !== '0');
  if (i > 0) [d[0], d[i]] = [d[i], d[0]];
}
process.stdout.write(d.join('') === m ? 'OK\n' : 'WRONG_ANSWER\n');
