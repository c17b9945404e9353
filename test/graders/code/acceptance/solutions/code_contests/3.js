// Codeforces 1000A Codehorses T-shirts: sizes not matched between the two lists must be edited.
const data = require('fs').readFileSync(0, 'utf8').split(/\s+/).filter(Boolean);
const n = Number(data[0]);
const cnt = new Map();
for (let i = 1; i <= n; i++) cnt.set(data[i], (cnt.get(data[i]) || 0) + 1);
let matched = 0;
for (let i = n + 1; i <= 2 * n; i++) {
  const c = cnt.get(data[i]) || 0;
  if (c > 0) {
    matched++;
    cnt.set(data[i], c - 1);
  }
}
console.log(n - matched);
