import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, loadConfig } from '../../src/config.ts';

describe('config', () => {
  it('has documented defaults: 127.0.0.1:8000, 5 s deadline, a 1 MB completion fits', () => {
    const c = loadConfig({});
    expect(c.HOST).toBe('127.0.0.1');
    expect(c.PORT).toBe(8000);
    expect(c.GRADE_TIMEOUT_MS).toBe(5000);
    expect(c.MAX_COMPLETION_CHARS).toBeGreaterThanOrEqual(1_048_576);
    expect(c.BODY_LIMIT_BYTES).toBeGreaterThan(c.MAX_COMPLETION_CHARS);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reads and converts variables, ignoring unrelated ones and empty strings', () => {
    const c = loadConfig({ PORT: '9001', LOG_LEVEL: 'debug', WORKERS: ' 3 ', HOST: '', PATH: '/bin' });
    expect([c.PORT, c.LOG_LEVEL, c.WORKERS, c.HOST]).toEqual([9001, 'debug', 3, '127.0.0.1']);
    expect(Object.keys(c)).toEqual(CONFIG_KEYS);
  });

  it('fails start-up naming every bad variable; no silent truncation of 1.5 or 0x10', () => {
    let message = '';
    try {
      loadConfig({
        PORT: '70000',
        WORKERS: '1.5',
        GRADE_TIMEOUT_MS: '0x10',
        LOG_LEVEL: 'loud',
        MAX_ITEMS: '0',
      });
    } catch (e) {
      expect((e as { code: string }).code).toBe('RLVR_ERR_CONFIG_INVALID');
      message = (e as Error).message;
    }
    for (const key of ['PORT', 'WORKERS', 'GRADE_TIMEOUT_MS', 'LOG_LEVEL', 'MAX_ITEMS'])
      expect(message).toContain(key);
  });

  it('lets overrides (command-line flags) win over the environment, checked the same way', () => {
    const c = loadConfig({ PORT: '9000', HOST: '0.0.0.0' }, { PORT: '9100' });
    expect([c.HOST, c.PORT]).toEqual(['0.0.0.0', 9100]);
    expect(() => loadConfig({ PORT: '9000' }, { PORT: '1.5' })).toThrow(/PORT/);
  });
});
