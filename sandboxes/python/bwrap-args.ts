/**
 * The bubblewrap command line for one Python sandbox run. Pure apart from reading which
 * top-level directories are symlinks and which stdlib extension modules exist (done once).
 *
 * What the sandbox sees: a read-only `/usr` (plus `/lib*`, `/bin` as on the host: symlinks on
 * merged-/usr Debian), no `/etc`, no `/proc`, no `/sys`, a minimal `/dev`, a private size-capped
 * tmpfs as cwd and home, the runner at `/opt/rlvr/runner.py`; `/usr/local` and the Debian
 * `dist-packages` hidden (only the standard library is importable); memory-poking extension
 * modules (`_ctypes`, `_testcapi`, `_testinternalcapi`) replaced by empty files so their import
 * fails. New user, pid, net, ipc, uts and cgroup namespaces (the runner is pid 1); no further
 * user namespaces; every capability dropped; a new session (no TIOCSTI into the host terminal);
 * killed with its parent. Only /tmp is writable.
 */
import { existsSync, lstatSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, dirname } from 'node:path';

export interface BwrapOptions {
  /** Interpreter, default Debian's `/usr/bin/python3`. */
  pythonPath: string;
  /** Host path of runner.py, or of its precompiled .pyc (bound read-only under /opt/rlvr). */
  runnerPath: string;
  /** Size cap of the private tmpfs, bytes. */
  tmpfsBytes: number;
  /**
   * Host package directories made importable (bound read-only under /opt/rlvr/site), e.g.
   * Debian's `/usr/lib/python3/dist-packages/sortedcontainers`: LeetCode's Python judge has it and
   * LeetCodeDataset's prompts import it. Everything else in dist-packages stays hidden.
   */
  packageDirs?: string[];
}

/** Import root for `packageDirs` inside the sandbox (runner.py appends it to sys.path). */
export const SITE_IN_SANDBOX = '/opt/rlvr/site';

/** Where the runner is mounted inside the sandbox (`.pyc` when precompiled). */
export function runnerInSandbox(runnerPath: string): string {
  return runnerPath.endsWith('.pyc') ? '/opt/rlvr/runner.pyc' : '/opt/rlvr/runner.py';
}

/**
 * Extension modules that give Python code raw memory access; bound over with /dev/null. Each bind
 * costs ~0.4 ms of CPU per sandbox, so only these (`_ctypes_test` needs `_ctypes`).
 */
const BLOCKED_EXTENSIONS = /^_(ctypes|testcapi|testinternalcapi)\./;

let hiddenCache: { python: string; args: string[] } | undefined;

function hiddenPaths(pythonPath: string): string[] {
  if (hiddenCache?.python === pythonPath) return hiddenCache.args;
  const args: string[] = [];
  for (const dir of ['/usr/local', '/usr/lib/python3/dist-packages']) {
    if (existsSync(dir)) args.push('--tmpfs', dir);
  }
  const prefix = dirname(dirname(realpathSafe(pythonPath)));
  for (const lib of [`${prefix}/lib`, `${prefix}/lib64`]) {
    let entries: string[] = [];
    try {
      entries = readdirSync(lib).filter((n) => /^python3\.\d+$/.test(n));
    } catch {}
    for (const v of entries) {
      const dyn = `${lib}/${v}/lib-dynload`;
      let files: string[] = [];
      try {
        files = readdirSync(dyn);
      } catch {}
      for (const f of files)
        if (BLOCKED_EXTENSIONS.test(f)) args.push('--ro-bind', '/dev/null', `${dyn}/${f}`);
    }
  }
  hiddenCache = { python: pythonPath, args };
  return args;
}

function realpathSafe(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/** `/lib`, `/lib64`, `/bin`, `/sbin`: a symlink on merged-/usr hosts, else a read-only bind. */
function topLevel(): string[] {
  const args: string[] = [];
  for (const d of ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32']) {
    try {
      const st = lstatSync(d);
      if (st.isSymbolicLink()) args.push('--symlink', readlinkSync(d), d);
      else if (st.isDirectory()) args.push('--ro-bind', d, d);
    } catch {}
  }
  return args;
}

/** Arguments for `bwrap` (without the program name). */
export function bwrapArgs(o: BwrapOptions): string[] {
  const python = realpathSafe(o.pythonPath);
  const extra: string[] = [];
  // An interpreter outside /usr (e.g. /opt/python) needs its prefix too.
  if (!python.startsWith('/usr/')) {
    const prefix = dirname(dirname(python));
    extra.push('--ro-bind', prefix, prefix);
  }
  for (const dir of o.packageDirs ?? []) {
    if (existsSync(dir)) extra.push('--ro-bind', dir, `${SITE_IN_SANDBOX}/${basename(dir)}`);
  }
  return [
    '--unshare-all',
    '--unshare-user',
    '--disable-userns',
    '--uid',
    '1000',
    '--gid',
    '1000',
    '--hostname',
    'sandbox',
    // The runner is the namespace's pid 1: bubblewrap's own init would be orphaned to the host's
    // pid 1 when the sandbox ends, which (in containers whose init does not reap) leaks a zombie
    // per run. As pid 1 the runner also cannot be SIGKILLed/SIGSTOPped from inside the sandbox,
    // and everything else in the namespace dies with it.
    '--as-pid-1',
    '--die-with-parent',
    '--new-session',
    '--cap-drop',
    'ALL',
    '--ro-bind',
    '/usr',
    '/usr',
    ...topLevel(),
    ...extra,
    ...hiddenPaths(o.pythonPath),
    '--dev',
    '/dev',
    '--size',
    String(o.tmpfsBytes),
    '--tmpfs',
    '/tmp',
    '--ro-bind',
    o.runnerPath,
    runnerInSandbox(o.runnerPath),
    // The root bubblewrap builds is a tmpfs; make it read-only (/tmp stays writable).
    '--remount-ro',
    '/',
    '--chdir',
    '/tmp',
    '--clearenv',
    '--setenv',
    'HOME',
    '/tmp',
    '--setenv',
    'PATH',
    '/usr/bin:/bin',
    '--setenv',
    'LANG',
    'C.UTF-8',
    '--',
    o.pythonPath,
    '-I',
    '-S',
    '-B',
    runnerInSandbox(o.runnerPath),
  ];
}
