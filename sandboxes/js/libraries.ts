/**
 * LeetCode's JavaScript runtime globals, for solutions written against it (SOURCES.md: 7 rows of
 * leetcode_js_py.jsonl use them): `MinPriorityQueue`, `MaxPriorityQueue`, `PriorityQueue` from
 * @datastructures-js/priority-queue (v6 API: `dequeue()` returns the element) and lodash's `_`.
 * The maintained packages themselves are bundled into one script each at child start-up; a
 * solution gets a library only when its text names it (so others pay nothing), run in its context
 * after the harness and before the solution, as ordinary (writable) globals.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export interface Library {
  name: string;
  /** Does the solution text use it? */
  wanted: RegExp;
  source: string;
}

/** CommonJS files → one script that defines `globals` on globalThis. */
function bundle(files: Record<string, string>, entry: string, globals: string[]): string {
  const defs = Object.entries(files)
    .map(([id, src]) => `${JSON.stringify(id)}: function (module, exports, require) {\n${src}\n}`)
    .join(',\n');
  return `(function () {
  const defs = {${defs}};
  const cache = {};
  const req = (id) => {
    const key = id.replace(/^\\.\\//, '').replace(/\\.js$/, '');
    if (cache[key]) return cache[key].exports;
    const module = { exports: {} };
    cache[key] = module;
    defs[key](module, module.exports, req);
    return module.exports;
  };
  const lib = req(${JSON.stringify(entry)});
  for (const k of ${JSON.stringify(globals)})
    Object.defineProperty(globalThis, k, { value: lib[k], writable: true, configurable: true, enumerable: false });
})();`;
}

function load(): Library[] {
  const pqDir = join(dirname(require.resolve('@datastructures-js/priority-queue/package.json')), 'src');
  const heapDir = join(dirname(require.resolve('@datastructures-js/heap/package.json')), 'src');
  const pqFiles: Record<string, string> = {
    '@datastructures-js/heap': readFileSync(join(heapDir, 'heap.js'), 'utf8'),
    priorityQueue: readFileSync(join(pqDir, 'priorityQueue.js'), 'utf8'),
    minPriorityQueue: readFileSync(join(pqDir, 'minPriorityQueue.js'), 'utf8'),
    maxPriorityQueue: readFileSync(join(pqDir, 'maxPriorityQueue.js'), 'utf8'),
    index:
      "const { MinPriorityQueue } = require('./minPriorityQueue');\n" +
      "const { MaxPriorityQueue } = require('./maxPriorityQueue');\n" +
      "const { PriorityQueue } = require('./priorityQueue');\n" +
      'module.exports = { MinPriorityQueue, MaxPriorityQueue, PriorityQueue };',
  };
  const lodash = readFileSync(require.resolve('lodash/lodash.min.js'), 'utf8');
  return [
    {
      name: 'priority-queue',
      wanted: /\b(?:Min|Max)?PriorityQueue\b/,
      source: bundle(pqFiles, 'index', ['MinPriorityQueue', 'MaxPriorityQueue', 'PriorityQueue']),
    },
    {
      name: 'lodash',
      // `_` as an identifier of its own (`_.sortedIndex(…)`, `fill(_)`), not `a._` or `x_`
      wanted: /(?:^|[^\w$.])_(?![\w$])/m,
      // lodash's UMD header picks `module.exports` when `module` exists; hide it so `_` is global
      source: `(function (module, exports, define) {\n${lodash}\n}).call(globalThis);`,
    },
  ];
}

let cached: Library[] | undefined;

/** The libraries a solution's text asks for (empty for almost every solution). */
export function librariesFor(code: string): Library[] {
  cached ??= load();
  return cached.filter((l) => l.wanted.test(code));
}
