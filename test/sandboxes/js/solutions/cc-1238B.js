// Codeforces 1238B "Kill 'Em All" (code_contests_sample id 14), input read with readline 'line' events.
// biome-ignore lint/style/useNodejsImportProtocol: competitive-programming code as people write it
const rl = require('readline').createInterface({ input: process.stdin });
const lines = [];
rl.on('line', (l) => lines.push(l));
rl.on('close', () => {
  let at = 0;
  const q = Number(lines[at++]);
  const out = [];
  for (let t = 0; t < q; t++) {
    const [, r] = lines[at++].split(' ').map(Number);
    const xs = [...new Set(lines[at++].trim().split(/\s+/).map(Number))].sort((a, b) => b - a);
    let shots = 0;
    for (const x of xs) if (x - shots * r > 0) shots++;
    out.push(shots);
  }
  process.stdout.write(`${out.join('\n')}\n`);
});
