import { describe, expect, it } from 'vitest';
import { bwrapArgs } from '../../../sandboxes/python/bwrap-args.ts';

const args = bwrapArgs({
  pythonPath: '/usr/bin/python3',
  runnerPath: '/tmp/x/runner.pyc',
  tmpfsBytes: 1 << 20,
  packageDirs: ['/nonexistent/pkg'],
});
const joined = args.join(' ');

describe('bwrapArgs', () => {
  it('isolates: namespaces, no new user namespaces, init = runner, dies with its parent', () => {
    for (const flag of [
      '--unshare-all',
      '--unshare-user',
      '--disable-userns',
      '--as-pid-1',
      '--die-with-parent',
      '--new-session',
      '--clearenv',
    ]) {
      expect(args).toContain(flag);
    }
  });

  it('mounts: read-only /usr and root, private size-capped /tmp, no /proc, /etc or /sys', () => {
    expect(joined).toContain('--ro-bind /usr /usr');
    expect(joined).toContain('--remount-ro /');
    expect(joined).toContain(`--size ${1 << 20} --tmpfs /tmp`);
    expect(args).not.toContain('--proc');
    expect(joined).not.toMatch(/--(ro-)?bind \/etc|\/sys\b|\/proc\b/);
    expect(joined).toContain('--ro-bind /tmp/x/runner.pyc /opt/rlvr/runner.pyc');
  });

  it('runs the precompiled runner with an isolated interpreter', () => {
    expect(args.slice(-5)).toEqual(['/usr/bin/python3', '-I', '-S', '-B', '/opt/rlvr/runner.pyc']);
    expect(args[args.length - 6]).toBe('--');
  });

  it('package dirs that do not exist are not bound', () => {
    expect(joined).not.toContain('/nonexistent/pkg');
  });
});
