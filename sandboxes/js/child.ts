/**
 * A JS sandbox child process: owns isolated-vm isolates so that an isolate's catastrophic error
 * or runaway memory kills this process, never the server. Started by pool.ts with
 * `--no-node-snapshot` (isolated-vm needs it on Node ≥ 20); runs one job at a time and reports
 * each case as soon as it is done, so the host can resume a job in a fresh child.
 *
 * On isolated-vm's onCatastrophicError (V8 lost control of an isolate) the child writes one line
 * to stderr and aborts, as isolated-vm's README prescribes; the host sees the exit.
 */
import { readFileSync, writeSync } from 'node:fs';
import type { CaseRun } from '../../src/core/sandbox.ts';
import type { FromChild, ToChild } from './protocol.ts';
import { JsRunner } from './runner.ts';

const send = (m: FromChild) =>
  new Promise<void>((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(m, undefined, undefined, () => resolve());
  });

const runner = new JsRunner({
  harness: readFileSync(new URL('./harness.js', import.meta.url), 'utf8'),
  graceMs: Number(process.env.RLVR_JS_GRACE_MS ?? 500),
  valueBytes: Number(process.env.RLVR_JS_VALUE_BYTES ?? 16 * 1024 * 1024),
  onCatastrophicError(message) {
    try {
      writeSync(2, `RLVR_CATASTROPHIC ${message}\n`);
    } finally {
      process.abort();
    }
  },
});

let queue = Promise.resolve();

process.on('message', (m: ToChild) => {
  if (m.t === 'ping') {
    void send({ t: 'pong' });
    return;
  }
  if (m.t !== 'run') return;
  const { job } = m;
  queue = queue.then(async () => {
    const sends: Promise<void>[] = [];
    try {
      const out = await runner.run(job.spec, job.startCase, (index: number, run: CaseRun) => {
        sends.push(send({ t: 'case', id: job.id, index, run }));
      });
      await Promise.all(sends);
      if (out.poisoned) {
        await send({ t: 'recycle', id: job.id });
        process.kill(process.pid, 'SIGKILL');
        return;
      }
      await send({ t: 'done', id: job.id, compileError: out.compileError });
    } catch (e) {
      await Promise.all(sends);
      await send({
        t: 'fail',
        id: job.id,
        code: 'RLVR_ERR_SANDBOX_FAILED',
        message: (e as Error).stack ?? String(e),
      });
    }
  });
});

process.on('disconnect', () => process.exit(0));
void send({ t: 'ready', pid: process.pid });
