import { describe, expect, it } from 'vitest';
import { createQueue, QueueAbortedError, QueueFullError } from '../../../graders/code/queue.ts';

const tick = () => new Promise((r) => setImmediate(r));

describe('createQueue', () => {
  it('runs at most `concurrency` jobs, FIFO, and reports the waiting depth', async () => {
    const depths: number[] = [];
    const q = createQueue(2, 10, (d) => depths.push(d));
    const order: number[] = [];
    const gates: (() => void)[] = [];
    const jobs = [0, 1, 2, 3].map((i) =>
      q.run(async () => {
        order.push(i);
        await new Promise<void>((r) => gates.push(r));
        return i * 10;
      }),
    );
    await tick();
    expect(q.running).toBe(2);
    expect(q.waiting).toBe(2);
    expect(order).toEqual([0, 1]);
    gates[0]();
    await tick();
    expect(order).toEqual([0, 1, 2]);
    gates[1]();
    gates[2]();
    await tick();
    gates[3]();
    expect(await Promise.all(jobs)).toEqual([0, 10, 20, 30]);
    expect(q.running).toBe(0);
    expect(depths).toEqual([1, 2, 1, 0]);
  });

  it('rejects at once when the waiting room is full, and frees the slot after a failure', async () => {
    const q = createQueue(1, 1);
    let release!: () => void;
    const first = q.run(() => new Promise<void>((r) => (release = r)));
    const second = q.run(async () => 'second');
    await expect(q.run(async () => 'third')).rejects.toBeInstanceOf(QueueFullError);
    release();
    await first;
    expect(await second).toBe('second');
    await expect(q.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await q.run(async () => 'after')).toBe('after');
  });

  it('drops a waiting job whose signal aborts (an answered item never runs later), and keeps FIFO for the rest', async () => {
    const depths: number[] = [];
    const q = createQueue(1, 10, (d) => depths.push(d));
    let release!: () => void;
    const first = q.run(() => new Promise<void>((r) => (release = r)));
    const abort = new AbortController();
    const ran: string[] = [];
    const abandoned = q.run(async () => ran.push('abandoned'), abort.signal);
    const next = q.run(async () => ran.push('next'));
    expect(q.waiting).toBe(2);
    abort.abort();
    await expect(abandoned).rejects.toBeInstanceOf(QueueAbortedError);
    expect(q.waiting).toBe(1);
    release();
    await first;
    await next;
    expect(ran).toEqual(['next']);
    expect(q.running).toBe(0);
    expect(depths).toEqual([1, 2, 1, 0]);
    // Already aborted: refused without running, and nothing is held.
    await expect(q.run(async () => ran.push('late'), abort.signal)).rejects.toBeInstanceOf(QueueAbortedError);
    expect(ran).toEqual(['next']);
    expect(q.running).toBe(0);
  });
});
