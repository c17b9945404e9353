#!/usr/bin/env node
// The `rlvr` executable. It may be started by any Node (a system Node 20, say), so it re-runs the
// CLI on the Node 24 installed in node_modules (the `node` devDependency), which runs TypeScript directly.
// --no-node-snapshot is required by isolated-vm on Node >= 20.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const local = `${root}node_modules/.bin/node`;
const major = Number(process.versions.node.split('.')[0]);
const node = major >= 24 || !existsSync(local) ? process.execPath : local;
const child = spawn(node, ['--no-node-snapshot', `${root}src/cli/main.ts`, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
