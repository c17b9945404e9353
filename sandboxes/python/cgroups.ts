/**
 * Per-run cgroups for the Python sandbox: a memory limit (the Memory Limit Exceeded verdict comes
 * from the kernel's OOM-kill counter) and a process-count limit (fork bombs), detected at runtime.
 *
 * - cgroup v1 (`memory` and `pids` hierarchies, as on this machine kind): runs are children of the
 *   server's own cgroup in each hierarchy (`<own>/rlvr-py-<pid>-<instance>/run-<n>`), so any limit
 *   set above us still applies.
 * - cgroup v2: used only where `memory` and `pids` are delegated: the parent of the server's
 *   cgroup enables them for its children (runs become siblings of the server's leaf), or the
 *   server's cgroup is the namespace root.
 * - Otherwise `none`: the sandbox falls back to rlimits (RLIMIT_AS, RLIMIT_NPROC per sandbox uid),
 *   a weaker guarantee documented in docs/sandbox-python.md.
 *
 * The sandboxed process joins its run cgroup itself, before exec'ing bubblewrap, by writing its
 * pid to `cgroup.procs` (chowned to the sandbox uid), so no child can be forked outside it.
 */
import {
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  writeFileSync,
} from 'node:fs';
import { rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface CgroupSupport {
  kind: 'v1' | 'v2' | 'none';
  /** Directory under which run cgroups are made, per controller (one dir for v2). */
  bases: string[];
  /** Why cgroups are not used (kind `none`) or what was found. */
  reason?: string;
}

export interface RunLimits {
  /** Memory limit, MiB. */
  memoryMb: number;
  /** Maximum number of tasks (processes and threads) in the run. */
  pidsMax: number;
  /** Uid that must be able to join the cgroup (chown of `cgroup.procs`), when we run as root. */
  uid?: number;
  gid?: number;
}

interface Mount {
  root: string;
  mountPoint: string;
  fsType: string;
  superOptions: string[];
}

function readMounts(): Mount[] {
  const out: Mount[] = [];
  for (const line of readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
    const dash = line.indexOf(' - ');
    if (dash < 0) continue;
    const left = line.slice(0, dash).split(' ');
    const right = line.slice(dash + 3).split(' ');
    out.push({
      root: unescapeMount(left[3]),
      mountPoint: unescapeMount(left[4]),
      fsType: right[0],
      superOptions: (right[2] ?? '').split(','),
    });
  }
  return out;
}

function unescapeMount(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(Number.parseInt(o, 8)));
}

function ownCgroups(): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of readFileSync('/proc/self/cgroup', 'utf8').trim().split('\n')) {
    const [, controllers, path] = line.split(/:(.*?):(.*)/s);
    for (const c of (controllers ?? '').split(',')) map.set(c, path ?? '/');
  }
  return map;
}

function under(mount: Mount, path: string): string {
  const rel = mount.root === '/' ? path : path.startsWith(mount.root) ? path.slice(mount.root.length) : path;
  return join(mount.mountPoint, rel);
}

function probeWritable(dir: string): string | undefined {
  const probe = join(dir, `rlvr-probe-${process.pid}`);
  try {
    mkdirSync(probe);
    rmdirSync(probe);
    return undefined;
  } catch (e) {
    return `${dir}: ${(e as Error).message}`;
  }
}

/** Remove run cgroups left by a server that died (its pid no longer exists). */
function sweepStale(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^rlvr-py-(\d+)(?:-\d+)?$/.exec(name);
    if (!m || Number(m[1]) === process.pid || existsSync(`/proc/${m[1]}`)) continue;
    const base = join(dir, name);
    try {
      for (const run of readdirSync(base, { withFileTypes: true })) {
        if (run.isDirectory()) killAndRemove(join(base, run.name));
      }
      rmdirSync(base);
    } catch {
      // still busy: leave it for the next start
    }
  }
}

function killAndRemove(dir: string): void {
  try {
    for (const pid of readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean)) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {}
    }
    rmdirSync(dir);
  } catch {}
}

let instances = 0;

/**
 * Detect usable cgroups and create this sandbox instance's base directories
 * (`rlvr-py-<pid>-<n>`: several instances may live in one process). Never throws.
 */
export function detectCgroups(): CgroupSupport {
  const tag = `rlvr-py-${process.pid}-${++instances}`;
  let mounts: Mount[];
  let own: Map<string, string>;
  try {
    mounts = readMounts();
    own = ownCgroups();
  } catch (e) {
    return { kind: 'none', bases: [], reason: `cannot read /proc: ${(e as Error).message}` };
  }
  const reasons: string[] = [];
  // v1: separate memory and pids hierarchies.
  const mem = mounts.find((m) => m.fsType === 'cgroup' && m.superOptions.includes('memory'));
  const pids = mounts.find((m) => m.fsType === 'cgroup' && m.superOptions.includes('pids'));
  if (mem && pids) {
    const dirs = [under(mem, own.get('memory') ?? '/'), under(pids, own.get('pids') ?? '/')];
    const why = dirs.map(probeWritable).filter(Boolean);
    if (why.length === 0) {
      const bases = dirs.map((d) => {
        sweepStale(d);
        const b = join(d, tag);
        mkdirSync(b, { recursive: true });
        return b;
      });
      return { kind: 'v1', bases, reason: `memory: ${bases[0]}, pids: ${bases[1]}` };
    }
    reasons.push(`cgroup v1 not writable (${why.join('; ')})`);
  } else {
    reasons.push('no cgroup v1 memory+pids hierarchies');
  }
  const unified = mounts.find((m) => m.fsType === 'cgroup2');
  if (unified) {
    // v2's "no internal processes" rule: controllers can be enabled for the children of a cgroup
    // only if it holds no process (the root excepted). The server's own cgroup holds the server,
    // so run cgroups go under the parent when the parent already delegates memory+pids to its
    // children (e.g. systemd Delegate=yes with the server in a leaf), or under our own cgroup
    // when that is the (namespace) root.
    const ownPath = own.get('') ?? '/';
    const candidates = ownPath === '/' ? ['/'] : [ownPath, dirname(ownPath)];
    for (const path of candidates) {
      const dir = under(unified, path);
      try {
        const enabled = readFileSync(join(dir, 'cgroup.subtree_control'), 'utf8');
        const delegates = /\bmemory\b/.test(enabled) && /\bpids\b/.test(enabled);
        if (!delegates && path !== '/') {
          reasons.push(`cgroup v2 ${dir} does not enable memory+pids for its children`);
          continue;
        }
        if (!delegates) writeFileSync(join(dir, 'cgroup.subtree_control'), '+memory +pids');
        sweepStale(dir);
        const base = join(dir, tag);
        mkdirSync(base, { recursive: true });
        writeFileSync(join(base, 'cgroup.subtree_control'), '+memory +pids');
        return { kind: 'v2', bases: [base], reason: `cgroup v2: ${base}` };
      } catch (e) {
        reasons.push(`cgroup v2 ${dir} not usable: ${(e as Error).message}`);
      }
    }
  }
  return { kind: 'none', bases: [], reason: reasons.join('; ') };
}

let runSeq = 0;

/** One run's cgroup(s): create, let the sandbox join, read the OOM count, kill everything, remove. */
export class RunCgroup {
  readonly dirs: string[];
  readonly kind: 'v1' | 'v2';
  private constructor(kind: 'v1' | 'v2', dirs: string[]) {
    this.kind = kind;
    this.dirs = dirs;
  }

  /** `cgroup.procs` files the sandbox writes its pid into before exec'ing bubblewrap. */
  get procsFiles(): string[] {
    return this.dirs.map((d) => join(d, 'cgroup.procs'));
  }

  static create(support: CgroupSupport, limits: RunLimits): RunCgroup | undefined {
    if (support.kind === 'none') return undefined;
    const name = `run-${++runSeq}`;
    const dirs = support.bases.map((b) => join(b, name));
    const cg = new RunCgroup(support.kind, dirs);
    try {
      for (const d of dirs) mkdirSync(d);
      const bytes = String(limits.memoryMb * 1024 * 1024);
      if (support.kind === 'v1') {
        const [memDir, pidsDir] = dirs;
        writeFileSync(join(memDir, 'memory.limit_in_bytes'), bytes);
        if (existsSync(join(memDir, 'memory.memsw.limit_in_bytes'))) {
          writeFileSync(join(memDir, 'memory.memsw.limit_in_bytes'), bytes);
        }
        writeFileSync(join(pidsDir, 'pids.max'), String(limits.pidsMax));
      } else {
        const [dir] = dirs;
        writeFileSync(join(dir, 'memory.max'), bytes);
        if (existsSync(join(dir, 'memory.swap.max'))) writeFileSync(join(dir, 'memory.swap.max'), '0');
        writeFileSync(join(dir, 'pids.max'), String(limits.pidsMax));
      }
      if (limits.uid !== undefined) {
        for (const f of cg.procsFiles) chownSync(f, limits.uid, limits.gid ?? limits.uid);
      }
      return cg;
    } catch (e) {
      cg.removeNow();
      throw e;
    }
  }

  /** Number of OOM kills in this run so far (the Memory Limit Exceeded signal). */
  oomKills(): number {
    try {
      const file = this.kind === 'v1' ? 'memory.oom_control' : 'memory.events';
      const m = /\boom_kill (\d+)/.exec(readFileSync(join(this.dirs[0], file), 'utf8'));
      return m ? Number(m[1]) : 0;
    } catch {
      return 0;
    }
  }

  /** Peak memory use, bytes (v1 `memory.max_usage_in_bytes`, v2 `memory.peak` when present). */
  peakBytes(): number | undefined {
    try {
      const file = this.kind === 'v1' ? 'memory.max_usage_in_bytes' : 'memory.peak';
      return Number(readFileSync(join(this.dirs[0], file), 'utf8').trim());
    } catch {
      return undefined;
    }
  }

  /** Pids still in the run (any controller). */
  pids(): number[] {
    const out = new Set<number>();
    for (const f of this.procsFiles) {
      try {
        for (const p of readFileSync(f, 'utf8').split('\n')) if (p) out.add(Number(p));
      } catch {}
    }
    return [...out];
  }

  /**
   * SIGKILL every task until the cgroups are empty, then remove them (bounded, ~2 s). The removal
   * is asynchronous: rmdir of a v1 memory cgroup that was charged blocks for ~2 ms (measured on
   * the 2-core bench machine), time in which the event loop keeps serving the other slots.
   */
  async destroy(): Promise<void> {
    if (this.kind === 'v2') {
      try {
        writeFileSync(join(this.dirs[0], 'cgroup.kill'), '1');
      } catch {}
    }
    for (let attempt = 0; attempt < 200; attempt++) {
      const pids = this.pids();
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {}
      }
      if (pids.length === 0 && (await this.remove())) return;
      await sleep(attempt < 20 ? 1 : 10);
    }
  }

  /** `removeNow` off the event loop (libuv's thread pool); an already missing directory is removed. */
  private async remove(): Promise<boolean> {
    let ok = true;
    for (const d of this.dirs) {
      try {
        await rmdir(d);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') ok = false;
      }
    }
    return ok;
  }

  private removeNow(): boolean {
    let ok = true;
    for (const d of this.dirs) {
      try {
        if (existsSync(d)) rmdirSync(d);
      } catch {
        ok = false;
      }
    }
    return ok;
  }
}

/** Remove this server's base directories (at close). */
export function removeBases(support: CgroupSupport): void {
  for (const b of support.bases) {
    try {
      for (const run of readdirSync(b, { withFileTypes: true })) {
        if (run.isDirectory()) killAndRemove(join(b, run.name));
      }
      rmdirSync(b);
    } catch {}
  }
}
