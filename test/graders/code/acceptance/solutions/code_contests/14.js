// Codeforces 1238B Kill 'Em All: shoot distinct positions from the largest while they stay right of 0.
const lines = [];
require('readline')
  .createInterface({ input: process.stdin })
  .on('line', (l) => lines.push(l))
  .on('close', () => {
    const data = lines.join(' ').split(/\s+/).filter(Boolean).map(Number);
    let q = data[0];
    let p = 1;
    const out = [];
    while (q--) {
      const n = data[p];
      const r = data[p + 1];
      p += 2;
      const xs = [...new Set(data.slice(p, p + n))].sort((a, b) => b - a);
      p += n;
      let k = 0;
      for (const x of xs) {
        if (x - k * r > 0) k++;
        else break;
      }
      out.push(k);
    }
    console.log(out.join('\n'));
  });
