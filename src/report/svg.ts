/**
 * Charts as self-contained SVG (no fonts, scripts or links to fetch), readable in a GitHub
 * Markdown preview, on a dark page (white background) and in black-and-white print: series differ
 * by hatching as well as colour, the heatmap ramp is one hue from light to dark and every cell
 * prints its value. The same input gives the same bytes: numbers use fixed decimals.
 */

export interface BarSeries {
  readonly label: string;
  /** One value per category; null when there is none (printed as `n/a`). */
  readonly values: readonly (number | null)[];
  /** Lower and upper bounds of a confidence interval per category, drawn as error bars. */
  readonly lower?: readonly (number | null)[];
  readonly upper?: readonly (number | null)[];
}

export interface BarChartSpec {
  readonly title: string;
  readonly categories: readonly string[];
  readonly series: readonly BarSeries[];
  /** What the values are, printed under the value axis (e.g. "rate per 1,000 words"). */
  readonly valueLabel?: string;
  /** Decimals of value labels (default 2). */
  readonly decimals?: number;
  /** Total width in pixels (default 760). */
  readonly width?: number;
  /** Prefix of the pattern ids, for pages that inline several charts (default `fs`). */
  readonly idPrefix?: string;
}

export interface HeatmapSpec {
  readonly title: string;
  readonly rows: readonly string[];
  readonly columns: readonly string[];
  /** values[row][column]; null when there is none (printed as `n/a`, hatched). */
  readonly values: readonly (readonly (number | null)[])[];
  readonly valueLabel?: string;
  readonly decimals?: number;
  readonly idPrefix?: string;
}

const FONT = 'font-family="Helvetica, Arial, sans-serif"';
const FONT_SIZE = 12;
const LABEL_MAX_CHARS = 42;
/** Okabe-Ito colours (distinguishable with the common colour-vision deficiencies). */
const SERIES_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];
const SERIES_PATTERNS = ['solid', 'diagonal', 'dots', 'crosshatch', 'horizontal', 'vertical', 'backdiagonal'];

/** Escapes text for XML and drops what XML 1.0 cannot hold (control characters, lone surrogates). */
export function escapeXml(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function formatFixed(value: number, decimals: number): string {
  const s = value.toFixed(decimals);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/** Coordinates with at most 2 decimals, so output does not depend on float noise. */
const c = (v: number) => formatFixed(v, 2).replace(/\.?0+$/, '') || '0';

/** A width guess for sans-serif text (no font metrics in a pure function; errs wide). */
const textWidth = (s: string, size = FONT_SIZE) => [...s].length * size * 0.6;

function shorten(label: string): string {
  const chars = [...label.replace(/\s+/g, ' ').trim()];
  return chars.length > LABEL_MAX_CHARS ? `${chars.slice(0, LABEL_MAX_CHARS - 1).join('')}…` : chars.join('');
}

function wrap(text: string, maxWidth: number, size: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = current ? `${current} ${word}` : word;
    if (current && textWidth(next, size) > maxWidth) {
      lines.push(current);
      current = word;
    } else current = next;
  }
  if (current) lines.push(current);
  return lines.length ? lines : [''];
}

function textEl(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${c(x)}" y="${c(y)}"${attrs ? ` ${attrs}` : ''}>${escapeXml(content)}</text>`;
}

/** A label that shows its full text on hover when it had to be shortened. */
function labelEl(x: number, y: number, label: string, attrs: string): string {
  const short = shorten(label);
  const title = short === label ? '' : `<title>${escapeXml(label)}</title>`;
  return `<text x="${c(x)}" y="${c(y)}" ${attrs}>${title}${escapeXml(short)}</text>`;
}

/** 1, 2 or 5 times a power of ten: ticks a reader can read. */
function niceStep(range: number, targetTicks: number): number {
  const raw = range / targetTicks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
}

function patternDef(id: string, kind: string, colour: string): string {
  const open = `<pattern id="${id}" patternUnits="userSpaceOnUse" width="6" height="6">`;
  const bg = '<rect width="6" height="6" fill="#ffffff"/>';
  const line = (d: string) => `<path d="${d}" stroke="${colour}" stroke-width="1.6"/>`;
  switch (kind) {
    case 'solid':
      return `${open}<rect width="6" height="6" fill="${colour}"/></pattern>`;
    case 'diagonal':
      return `${open}${bg}${line('M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2')}</pattern>`;
    case 'backdiagonal':
      return `${open}${bg}${line('M-1,5 l2,2 M0,0 l6,6 M5,-1 l2,2')}</pattern>`;
    case 'dots':
      return `${open}${bg}<circle cx="3" cy="3" r="1.5" fill="${colour}"/></pattern>`;
    case 'crosshatch':
      return `${open}${bg}${line('M0,6 l6,-6 M0,0 l6,6')}</pattern>`;
    case 'horizontal':
      return `${open}${bg}${line('M0,3 h6')}</pattern>`;
    default:
      return `${open}${bg}${line('M3,0 v6')}</pattern>`;
  }
}

function svgDocument(width: number, height: number, title: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${c(width)}" height="${c(height)}" viewBox="0 0 ${c(width)} ${c(height)}" role="img" ${FONT} font-size="${FONT_SIZE}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${c(width)}" height="${c(height)}" fill="#ffffff"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

function titleLines(title: string, width: number, margin: number): { els: string[]; bottom: number } {
  const lines = wrap(title, width - 2 * margin, 15);
  const els = lines.map((l, i) =>
    textEl(margin, margin + 15 + i * 19, l, 'font-size="15" font-weight="bold"'),
  );
  return { els, bottom: margin + 15 + (lines.length - 1) * 19 };
}

function checkLengths(what: string, expected: number, found: number): void {
  if (expected !== found)
    throw new Error(`${what}: expected ${expected} values (one per category), found ${found}`);
}

/** Horizontal grouped bars, one group per category, one bar per series, with optional error bars. */
export function barChartSvg(spec: BarChartSpec): string {
  const { categories, series } = spec;
  if (series.length === 0) throw new Error('barChartSvg: expected at least one series, found none');
  for (const s of series) {
    checkLengths(`barChartSvg: series "${s.label}"`, categories.length, s.values.length);
    if (s.lower) checkLengths(`barChartSvg: lower bounds of "${s.label}"`, categories.length, s.lower.length);
    if (s.upper) checkLengths(`barChartSvg: upper bounds of "${s.label}"`, categories.length, s.upper.length);
  }
  const decimals = spec.decimals ?? 2;
  const width = spec.width ?? 760;
  const prefix = spec.idPrefix ?? 'fs';
  const margin = 16;
  const bar = 16;
  const barGap = 3;
  const groupGap = 14;

  const numbers = series.flatMap((s) => [...s.values, ...(s.lower ?? []), ...(s.upper ?? [])]);
  const finite = numbers.filter((v): v is number => v !== null && Number.isFinite(v));
  const lo = Math.min(0, ...finite);
  const hiRaw = Math.max(0, ...finite);
  const step = niceStep(hiRaw - lo || 1, 5);
  const domainLo = Math.floor(lo / step) * step;
  const domainHi = Math.max(Math.ceil(hiRaw / step) * step, domainLo + step);

  const body: string[] = [];
  const { els, bottom } = titleLines(spec.title, width, margin);
  body.push(...els);
  let y = bottom + 14;

  const defs = series.map((s, i) =>
    patternDef(
      `${prefix}-series-${i}`,
      SERIES_PATTERNS[i % SERIES_PATTERNS.length] as string,
      SERIES_COLOURS[i % SERIES_COLOURS.length] as string,
    ),
  );
  body.push(`<defs>${defs.join('')}</defs>`);

  if (series.length > 1 || series[0]!.label) {
    let x = margin;
    for (const [i, s] of series.entries()) {
      const w = 18 + 6 + textWidth(shorten(s.label)) + 18;
      if (x + w > width - margin && x > margin) {
        x = margin;
        y += 20;
      }
      const colour = SERIES_COLOURS[i % SERIES_COLOURS.length];
      body.push(
        `<rect x="${c(x)}" y="${c(y)}" width="18" height="12" fill="url(#${prefix}-series-${i})" stroke="${colour}"/>`,
        labelEl(x + 24, y + 10, s.label, 'fill="#000000"'),
      );
      x += w;
    }
    y += 26;
  }

  const labelWidth = Math.min(
    textWidth('x'.repeat(LABEL_MAX_CHARS)),
    Math.max(40, ...categories.map((l) => textWidth(shorten(l)))),
  );
  const plotLeft = margin + labelWidth + 10;
  const plotRight = width - margin - textWidth('-0000.00') - 8;
  const scale = (v: number) => plotLeft + ((v - domainLo) / (domainHi - domainLo)) * (plotRight - plotLeft);
  const plotTop = y;
  const groupHeight = series.length * bar + (series.length - 1) * barGap;
  const plotBottom = plotTop + categories.length * (groupHeight + groupGap) + groupGap / 2;

  for (let t = domainLo; t <= domainHi + step / 1e6; t += step) {
    const x = scale(t);
    const tickDecimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
    body.push(
      `<line x1="${c(x)}" y1="${c(plotTop)}" x2="${c(x)}" y2="${c(plotBottom)}" stroke="#d9d9d9"/>`,
      textEl(x, plotBottom + 15, formatFixed(t, tickDecimals), 'text-anchor="middle" fill="#000000"'),
    );
  }
  const zero = scale(0);
  body.push(
    `<line x1="${c(zero)}" y1="${c(plotTop)}" x2="${c(zero)}" y2="${c(plotBottom)}" stroke="#000000"/>`,
    `<line x1="${c(plotLeft)}" y1="${c(plotBottom)}" x2="${c(plotRight)}" y2="${c(plotBottom)}" stroke="#000000"/>`,
  );

  categories.forEach((category, ci) => {
    const groupTop = plotTop + groupGap / 2 + ci * (groupHeight + groupGap);
    body.push(
      labelEl(plotLeft - 8, groupTop + groupHeight / 2 + 4, category, 'text-anchor="end" fill="#000000"'),
    );
    series.forEach((s, si) => {
      const top = groupTop + si * (bar + barGap);
      const mid = top + bar / 2;
      const value = s.values[ci] ?? null;
      const colour = SERIES_COLOURS[si % SERIES_COLOURS.length];
      if (value === null || !Number.isFinite(value)) {
        body.push(textEl(zero + 4, mid + 4, 'n/a', 'fill="#555555" font-style="italic"'));
        return;
      }
      const x0 = Math.min(scale(0), scale(value));
      const w = Math.abs(scale(value) - scale(0));
      const name = `${category}, ${s.label}: ${formatFixed(value, decimals)}`;
      body.push(
        `<rect x="${c(x0)}" y="${c(top)}" width="${c(w)}" height="${bar}" fill="url(#${prefix}-series-${si})" stroke="${colour}"><title>${escapeXml(name)}</title></rect>`,
      );
      let labelAt = Math.max(scale(value), scale(0));
      const lower = s.lower?.[ci] ?? null;
      const upper = s.upper?.[ci] ?? null;
      if (lower !== null && upper !== null && Number.isFinite(lower) && Number.isFinite(upper)) {
        const [a, b] = [scale(lower), scale(upper)];
        body.push(
          `<path d="M${c(a)},${c(mid)} H${c(b)} M${c(a)},${c(mid - 5)} V${c(mid + 5)} M${c(b)},${c(mid - 5)} V${c(mid + 5)}" stroke="#000000" stroke-width="1.3" fill="none"><title>${escapeXml(`interval ${formatFixed(lower, decimals)} to ${formatFixed(upper, decimals)}`)}</title></path>`,
        );
        labelAt = Math.max(labelAt, b);
      }
      body.push(textEl(labelAt + 5, mid + 4, formatFixed(value, decimals), 'fill="#000000"'));
    });
  });

  let height = plotBottom + 22;
  if (spec.valueLabel) {
    body.push(
      textEl((plotLeft + plotRight) / 2, height + 10, spec.valueLabel, 'text-anchor="middle" fill="#000000"'),
    );
    height += 16;
  }
  if (series.some((s) => s.lower && s.upper)) {
    body.push(
      textEl(
        margin,
        height + 12,
        'Error bars: the interval given with each value.',
        'fill="#555555" font-size="11"',
      ),
    );
    height += 16;
  }
  return svgDocument(width, height + margin, spec.title, body);
}

/** Blues ramp endpoints: luminance falls monotonically, so the ramp also reads in greyscale. */
const RAMP_LIGHT = [247, 251, 255];
const RAMP_DARK = [8, 48, 107];

function rampColour(t: number): string {
  const mix = RAMP_LIGHT.map((l, i) => Math.round(l + (RAMP_DARK[i]! - l) * t));
  return `#${mix.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** Rows (e.g. articles) by columns (e.g. categories), each cell shaded and printed with its value. */
export function heatmapSvg(spec: HeatmapSpec): string {
  const { rows, columns, values } = spec;
  if (values.length !== rows.length)
    throw new Error(
      `heatmapSvg: expected ${rows.length} rows of values (one per row label), found ${values.length}`,
    );
  values.forEach((r, i) => {
    if (r.length !== columns.length)
      throw new Error(
        `heatmapSvg: row "${rows[i]}": expected ${columns.length} values (one per column), found ${r.length}`,
      );
  });
  const decimals = spec.decimals ?? 2;
  const prefix = spec.idPrefix ?? 'fs';
  const margin = 16;
  const cellH = 24;
  const finite = values.flat().filter((v): v is number => v !== null && Number.isFinite(v));
  const lo = Math.min(0, ...finite);
  const hi = Math.max(lo, ...finite);
  const cellW = Math.max(48, textWidth(formatFixed(hi, decimals), 11) + 14);
  const rowLabelWidth = Math.max(40, ...rows.map((r) => textWidth(shorten(r))));
  // Column labels are set at -45 degrees: they need height sin(45) * length, and overhang to the right.
  const colLabelLength = Math.max(20, ...columns.map((col) => textWidth(shorten(col))));
  const colLabelHeight = colLabelLength * Math.SQRT1_2 + 10;

  const gridLeft = margin + rowLabelWidth + 10;
  const gridWidth = columns.length * cellW;
  const width = Math.max(gridLeft + gridWidth + colLabelLength * Math.SQRT1_2 + margin, 420);
  const body: string[] = [];
  const { els, bottom } = titleLines(spec.title, width, margin);
  body.push(...els);
  const gridTop = bottom + 12 + colLabelHeight;
  body.push(
    `<defs><pattern id="${prefix}-missing" patternUnits="userSpaceOnUse" width="6" height="6"><rect width="6" height="6" fill="#ffffff"/><path d="M0,6 l6,-6" stroke="#bdbdbd" stroke-width="1"/></pattern>` +
      `<linearGradient id="${prefix}-ramp"><stop offset="0" stop-color="${rampColour(0)}"/><stop offset="1" stop-color="${rampColour(1)}"/></linearGradient></defs>`,
  );

  columns.forEach((col, j) => {
    const x = gridLeft + j * cellW + cellW / 2;
    body.push(
      labelEl(x, gridTop - 6, col, `transform="rotate(-45 ${c(x)} ${c(gridTop - 6)})" fill="#000000"`),
    );
  });
  rows.forEach((row, i) => {
    const y = gridTop + i * cellH;
    body.push(labelEl(gridLeft - 8, y + cellH / 2 + 4, row, 'text-anchor="end" fill="#000000"'));
    columns.forEach((col, j) => {
      const x = gridLeft + j * cellW;
      const v = values[i]![j] ?? null;
      const missing = v === null || !Number.isFinite(v);
      const t = missing || hi === lo ? 0 : (v - lo) / (hi - lo);
      const fill = missing ? `url(#${prefix}-missing)` : rampColour(t);
      const label = missing ? 'n/a' : formatFixed(v, decimals);
      body.push(
        `<rect x="${c(x)}" y="${c(y)}" width="${c(cellW)}" height="${cellH}" fill="${fill}" stroke="#ffffff"><title>${escapeXml(`${row} / ${col}: ${label}`)}</title></rect>`,
        textEl(
          x + cellW / 2,
          y + cellH / 2 + 4,
          label,
          `text-anchor="middle" font-size="11" fill="${t > 0.55 ? '#ffffff' : '#000000'}"${missing ? ' font-style="italic"' : ''}`,
        ),
      );
    });
  });
  const gridBottom = gridTop + rows.length * cellH;
  body.push(
    `<rect x="${c(gridLeft)}" y="${c(gridTop)}" width="${c(gridWidth)}" height="${c(gridBottom - gridTop)}" fill="none" stroke="#000000"/>`,
  );
  const legendY = gridBottom + 16;
  const legendW = Math.min(200, Math.max(120, gridWidth));
  body.push(
    `<rect x="${c(gridLeft)}" y="${c(legendY)}" width="${c(legendW)}" height="10" fill="url(#${prefix}-ramp)" stroke="#000000" stroke-width="0.5"/>`,
    textEl(gridLeft, legendY + 24, formatFixed(lo, decimals), 'fill="#000000" font-size="11"'),
    textEl(
      gridLeft + legendW,
      legendY + 24,
      formatFixed(hi, decimals),
      'text-anchor="end" fill="#000000" font-size="11"',
    ),
  );
  if (spec.valueLabel)
    body.push(textEl(gridLeft + legendW + 12, legendY + 9, spec.valueLabel, 'fill="#000000" font-size="11"'));
  return svgDocument(width, legendY + 30 + margin, spec.title, body);
}
