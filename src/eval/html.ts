/**
 * Self-contained HTML rendering of an {@link EvalReport}: one file, no scripts, no external assets;
 * charts are inline SVG (pass@k / maj@k curves, accuracy per group, verdict histogram). Pure: the
 * CLI writes the string.
 */
import { type EvalReport, metricCells, metricColumns } from './report.ts';

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#4b5563'];

/**
 * Horizontal bar chart.
 * @param bars label and value; values are fractions in [0, 1] when `max` is 1, else counts
 * @param max the value of a full-width bar
 */
export function barChart(
  title: string,
  bars: readonly { label: string; value: number }[],
  max: number,
  unit = '%',
): string {
  const rowH = 22;
  const labelW = 190;
  const barW = 420;
  const h = bars.length * rowH + 30;
  const rows = bars
    .map((b, i) => {
      const y = 24 + i * rowH;
      const w = max > 0 ? Math.max(0, Math.min(1, b.value / max)) * barW : 0;
      const shown = unit === '%' ? `${(100 * b.value).toFixed(1)}%` : String(b.value);
      return (
        `<text x="${labelW - 6}" y="${y + 14}" text-anchor="end">${escapeHtml(truncate(b.label, 28))}</text>` +
        `<rect x="${labelW}" y="${y + 2}" width="${w.toFixed(1)}" height="${rowH - 6}" fill="${COLORS[0]}"><title>${escapeHtml(b.label)}: ${shown}</title></rect>` +
        `<text x="${labelW + w + 4}" y="${y + 14}">${shown}</text>`
      );
    })
    .join('');
  return `<svg class="chart" viewBox="0 0 ${labelW + barW + 70} ${h}" width="${labelW + barW + 70}" height="${h}" role="img" aria-label="${escapeHtml(title)}"><text x="0" y="14" class="t">${escapeHtml(title)}</text>${rows}</svg>`;
}

/**
 * Line chart of metric curves over k (x on a log2 scale), y in [0, 1].
 * @param series name and points (k, value); null values are skipped
 */
export function curveChart(
  title: string,
  ks: readonly number[],
  series: readonly { name: string; values: readonly (number | null)[] }[],
): string {
  const W = 520;
  const H = 260;
  const L = 44;
  const B = 30;
  const T = 34;
  const R = 120;
  const xs = ks.map((k) => Math.log2(k));
  const xmin = Math.min(...xs);
  const xmax = Math.max(...xs);
  const X = (x: number) => L + (xmax === xmin ? (W - L - R) / 2 : ((x - xmin) / (xmax - xmin)) * (W - L - R));
  const Y = (v: number) => T + (1 - v) * (H - T - B);
  let grid = '';
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    grid += `<line x1="${L}" x2="${W - R}" y1="${Y(v)}" y2="${Y(v)}" class="g"/><text x="${L - 4}" y="${Y(v) + 4}" text-anchor="end">${v * 100}%</text>`;
  }
  ks.forEach((k, i) => {
    grid += `<text x="${X(xs[i])}" y="${H - 10}" text-anchor="middle">${k}</text>`;
  });
  const lines = series
    .map((s, si) => {
      const color = COLORS[si % COLORS.length];
      const pts = s.values
        .map((v, i) => (v === null ? null : ([X(xs[i]), Y(v)] as const)))
        .filter((p): p is readonly [number, number] => p !== null);
      if (pts.length === 0) return '';
      const path = pts.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
      const dots = pts
        .map(([x, y]) => `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3" fill="${color}"/>`)
        .join('');
      const legendY = T + 14 + si * 16;
      return `<path d="${path}" fill="none" stroke="${color}" stroke-width="2"/>${dots}<rect x="${W - R + 10}" y="${legendY - 9}" width="10" height="10" fill="${color}"/><text x="${W - R + 24}" y="${legendY}">${escapeHtml(s.name)}</text>`;
    })
    .join('');
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeHtml(title)}"><text x="0" y="14" class="t">${escapeHtml(title)}</text>${grid}<text x="${(L + W - R) / 2}" y="${H}" text-anchor="middle">k</text>${lines}</svg>`;
}

function truncate(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

function htmlTable(header: string[], rows: string[][]): string {
  const th = header.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const trs = rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => (i === 0 ? `<th>${escapeHtml(c)}</th>` : `<td>${escapeHtml(c)}</td>`)).join('')}</tr>`,
    )
    .join('');
  return `<table><thead><tr>${th}</tr></thead><tbody>${trs}</tbody></table>`;
}

/** Render the whole report as one self-contained HTML page. */
export function renderHtml(r: EvalReport, title = 'rlvr grade report'): string {
  const withLabels = r.overall.labelled !== undefined;
  const cols = metricColumns(r.ks, withLabels);
  const parts: string[] = [];
  parts.push(`<h1>${escapeHtml(title)}</h1>`);
  parts.push(
    `<p>${r.input ? `Input <code>${escapeHtml(r.input)}</code>, ` : ''}${r.task ? `task <code>${escapeHtml(r.task)}</code>, ` : ''}${r.overall.problems} problems, ${r.overall.samples} samples, ${(r.timing.totalMs / 1000).toFixed(2)} s (${r.timing.msPerSample.toFixed(2)} ms/sample).</p>`,
  );
  parts.push('<h2>Overall</h2>');
  parts.push(htmlTable(['', ...cols], [['overall', ...metricCells(r.overall, r.ks, withLabels)]]));
  const curves = [
    { name: 'pass@k', values: r.ks.map((k) => r.overall.passAtK[k]) },
    { name: 'maj@k', values: r.ks.map((k) => r.overall.majAtK[k]) },
  ];
  if (r.ks.length > 1) parts.push(curveChart('pass@k and maj@k (overall)', r.ks, curves));
  for (const g of r.groups) {
    parts.push(`<h2>By ${escapeHtml(g.field)}</h2>`);
    parts.push(
      barChart(
        `accuracy by ${g.field}`,
        g.rows.map((row) => ({ label: row.value, value: row.metrics.accuracy })),
        1,
      ),
    );
    if (r.ks.length > 1 && g.rows.length <= 7) {
      parts.push(
        curveChart(
          `pass@k by ${g.field}`,
          r.ks,
          g.rows.map((row) => ({
            name: truncate(row.value, 16),
            values: r.ks.map((k) => row.metrics.passAtK[k]),
          })),
        ),
      );
    }
    parts.push(
      htmlTable(
        [g.field, ...cols],
        g.rows.map((row) => [row.value, ...metricCells(row.metrics, r.ks, withLabels)]),
      ),
    );
  }
  parts.push('<h2>Verdicts</h2>');
  const counts = Object.entries(r.verdicts);
  parts.push(
    barChart(
      'samples per verdict',
      counts.map(([label, value]) => ({ label, value })),
      Math.max(1, ...counts.map(([, n]) => n)),
      'n',
    ),
  );
  if (r.disagreements && r.disagreements.length > 0) {
    parts.push('<h2>Disagreements with the dataset’s labels (first 50)</h2>');
    parts.push(
      htmlTable(
        ['problem', 'sample', 'our verdict', 'label'],
        r.disagreements.map((d) => [
          String(d.problem),
          String(d.sample),
          d.verdict,
          d.label ? 'correct' : 'incorrect',
        ]),
      ),
    );
  }
  const css =
    'body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#111}' +
    'table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{padding:3px 10px;border-bottom:1px solid #ddd;text-align:right}' +
    'thead th{background:#f3f4f6}tbody th{text-align:left;font-weight:500}' +
    '.chart{display:block;margin:.5em 0;font-size:12px}.chart .t{font-weight:600;font-size:13px}.chart .g{stroke:#e5e7eb}code{background:#f3f4f6;padding:0 3px}';
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${css}</style></head><body>${parts.join('\n')}</body></html>\n`;
}
