// Codeforces 1000A "Codehorses T-shirts" (code_contests_sample id 3), input read with fs.readFileSync(0).
// biome-ignore lint/style/useNodejsImportProtocol: competitive-programming code as people write it
const lines = require('fs')
  .readFileSync(0, 'utf8')
  .split('\n')
  .map((l) => l.trim());
const n = Number(lines[0]);
const count = new Map();
for (let i = 1; i <= n; i++) count.set(lines[i], (count.get(lines[i]) ?? 0) + 1);
let same = 0;
for (let i = n + 1; i <= 2 * n; i++) {
  const c = count.get(lines[i]) ?? 0;
  if (c > 0) {
    same++;
    count.set(lines[i], c - 1);
  }
}
console.log(n - same);
