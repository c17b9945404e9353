/**
 * The problem store: problem sets with hidden tests, loaded at start-up from JSONL files (plain or
 * `.gz`) or directories of them (`PROBLEMS`, comma-separated), kept in an embedded SQLite database
 * (`node:sqlite`, built into Node 24) in a temporary file, so 100,000 problems cost disk, not heap:
 * rows are streamed line by line, converted (formats.ts) and inserted in transactions of
 * {@link BATCH} rows; lookups read one row and parse it.
 *
 * Later files win on duplicate ids (counted in `stats.duplicates`). Rows that cannot be used are
 * skipped and counted with their reason (first {@link MAX_REASONS} kept).
 */
import { createReadStream, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { createGunzip } from 'node:zlib';
import type { ProblemMeta } from '../../../src/schemas/code.ts';
import type { Problem } from '../problem.ts';
import { rowToProblem } from './formats.ts';

const BATCH = 1000;
const MAX_REASONS = 50;

export interface LoadStats {
  files: number;
  loaded: number;
  skipped: number;
  duplicates: number;
  /** First reasons rows were skipped, `file:line: reason`. */
  reasons: string[];
  /** Loaded problems per source format. */
  bySource: Record<string, number>;
  ms: number;
}

export interface ProblemStore {
  get(id: string): Problem | null;
  /** Public metadata (never the tests), or null. */
  meta(id: string): ProblemMeta | null;
  has(id: string): boolean;
  count(): number;
  /** Ids in insertion order, paged. */
  ids(offset?: number, limit?: number): string[];
  readonly stats: LoadStats;
  close(): void;
}

/** Files a PROBLEMS entry names: the file itself, or the `.jsonl`/`.jsonl.gz` files of a directory (sorted). */
export function problemFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (statSync(p).isDirectory()) {
      for (const f of readdirSync(p).sort()) {
        if (/\.jsonl(\.gz)?$/.test(f)) out.push(join(p, f));
      }
    } else out.push(p);
  }
  return out;
}

function metaOf(p: Problem): ProblemMeta {
  const keys = Object.keys(p.variants);
  const first = Object.values(p.variants)[0]!;
  const t = first.tests;
  const meta: ProblemMeta = {
    id: p.id,
    source: p.source,
    languages: keys,
    kind: t.kind,
    n_tests: t.cases.length,
  };
  if (t.kind !== 'stdio' && t.entry_point) meta.entry_point = t.entry_point;
  if (p.info?.title) meta.title = p.info.title;
  if (p.info?.difficulty) meta.difficulty = p.info.difficulty;
  if (p.info?.tags) meta.tags = p.info.tags;
  if (p.info?.prompt) meta.prompt = p.info.prompt;
  return meta;
}

async function* lines(file: string): AsyncGenerator<string> {
  const raw = createReadStream(file);
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of rl) yield line;
  } finally {
    rl.close();
    raw.destroy();
  }
}

/**
 * Load problem files into a new store. `paths`: files and/or directories. `dir`: where the SQLite
 * file goes (default: a fresh directory under the OS temp dir, removed by `close()`).
 */
export async function loadProblems(
  paths: readonly string[],
  opts: { dir?: string } = {},
): Promise<ProblemStore> {
  const started = performance.now();
  const ownDir = opts.dir === undefined;
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'rlvr-problems-'));
  const db = new DatabaseSync(join(dir, 'problems.sqlite'));
  db.exec(`PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -16000;
    CREATE TABLE IF NOT EXISTS problems (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL,
      source TEXT NOT NULL, meta TEXT NOT NULL, problem TEXT NOT NULL);`);
  const stats: LoadStats = {
    files: 0,
    loaded: 0,
    skipped: 0,
    duplicates: 0,
    reasons: [],
    bySource: {},
    ms: 0,
  };
  const exists = db.prepare('SELECT 1 FROM problems WHERE id = ?');
  const del = db.prepare('DELETE FROM problems WHERE id = ?');
  const insert = db.prepare('INSERT INTO problems (id, source, meta, problem) VALUES (?, ?, ?, ?)');
  const skip = (where: string, reason: string) => {
    stats.skipped++;
    if (stats.reasons.length < MAX_REASONS) stats.reasons.push(`${where}: ${reason}`);
  };

  try {
    for (const file of problemFiles(paths)) {
      stats.files++;
      let n = 0;
      let inBatch = 0;
      db.exec('BEGIN');
      for await (const line of lines(file)) {
        n++;
        if (!line.trim()) continue;
        let row: unknown;
        try {
          row = JSON.parse(line);
        } catch {
          skip(`${file}:${n}`, 'not JSON');
          continue;
        }
        const r = rowToProblem(row);
        if (!r.ok) {
          skip(`${file}:${n}`, r.reason);
          continue;
        }
        const p = r.problem;
        if (exists.get(p.id)) {
          stats.duplicates++;
          del.run(p.id);
        } else {
          stats.loaded++;
          stats.bySource[p.source] = (stats.bySource[p.source] ?? 0) + 1;
        }
        insert.run(p.id, p.source, JSON.stringify(metaOf(p)), JSON.stringify(p));
        if (++inBatch >= BATCH) {
          db.exec('COMMIT; BEGIN');
          inBatch = 0;
        }
      }
      db.exec('COMMIT');
    }
  } catch (e) {
    db.close();
    if (ownDir) rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  stats.ms = Math.round(performance.now() - started);
  return openStore(db, stats, ownDir ? dir : null);
}

function openStore(db: DatabaseSync, stats: LoadStats, removeDir: string | null): ProblemStore {
  const getProblem: StatementSync = db.prepare('SELECT problem FROM problems WHERE id = ?');
  const getMeta: StatementSync = db.prepare('SELECT meta FROM problems WHERE id = ?');
  const countStmt = db.prepare('SELECT COUNT(*) AS n FROM problems');
  const idsStmt = db.prepare('SELECT id FROM problems ORDER BY seq LIMIT ? OFFSET ?');
  let open = true;
  return {
    stats,
    get(id) {
      const row = getProblem.get(id) as { problem: string } | undefined;
      return row ? (JSON.parse(row.problem) as Problem) : null;
    },
    meta(id) {
      const row = getMeta.get(id) as { meta: string } | undefined;
      return row ? (JSON.parse(row.meta) as ProblemMeta) : null;
    },
    has: (id) => getMeta.get(id) !== undefined,
    count: () => Number((countStmt.get() as { n: number }).n),
    ids: (offset = 0, limit = 100) => (idsStmt.all(limit, offset) as { id: string }[]).map((r) => r.id),
    close() {
      if (!open) return;
      open = false;
      db.close();
      if (removeDir) rmSync(removeDir, { recursive: true, force: true });
    },
  };
}
