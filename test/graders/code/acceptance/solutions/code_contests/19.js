// Codeforces 1342C Yet Another Counting Problem: prefix counts over the period a*b; l, r up to 1e18 (BigInt).
const data = require('fs').readFileSync(0, 'utf8').split(/\s+/).filter(Boolean);
let p = 0;
const t = Number(data[p++]);
const out = [];
for (let c = 0; c < t; c++) {
  const a = Number(data[p++]);
  const b = Number(data[p++]);
  const q = Number(data[p++]);
  const period = a * b;
  const pre = new Array(period + 1).fill(0);
  for (let x = 0; x < period; x++) pre[x + 1] = pre[x] + ((x % a) % b !== (x % b) % a ? 1 : 0);
  const P = BigInt(period);
  const total = BigInt(pre[period]);
  const f = (x) => (x / P) * total + BigInt(pre[Number(x % P) + 1]);
  const res = [];
  for (let i = 0; i < q; i++) {
    const l = BigInt(data[p++]);
    const r = BigInt(data[p++]);
    res.push(String(f(r) - f(l - 1n)));
  }
  out.push(res.join(' '));
}
console.log(out.join('\n'));
