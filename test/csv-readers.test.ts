import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { repoRoot } from './helpers/shared.ts';

// Every CSV file of reports/example, read with no options by R's read.csv, readr::read_csv and
// pandas.read_csv, gives each column the type docs/outputs.md says it has; every column is
// documented, and named in snake_case (but the deprecated ones the docs list).

const example = join(repoRoot, 'reports', 'example');
const csvFiles = readdirSync(example)
  .filter((f) => f.endsWith('.csv'))
  .sort();

type ColumnType = 'text' | 'date' | 'integer' | 'number' | 'logical' | 'as given';

interface DocumentedColumn {
  readonly name: string | RegExp;
  readonly type: ColumnType;
}

/**
 * The columns docs/outputs.md gives each CSV file: the rows of the `| column | type | what |`
 * table under its heading. `<x>` in a name stands for any snake_case part; an italic name (the
 * user's metadata, the grouping column) stands for the columns no other row names.
 */
function documentedColumns(): Map<string, DocumentedColumn[]> {
  const docs = readFileSync(join(repoRoot, 'docs', 'outputs.md'), 'utf8').split('\n');
  const files = new Map<string, DocumentedColumn[]>();
  let current: DocumentedColumn[] | null = null;
  for (const line of docs) {
    const heading = /^#{2,4} `([a-z_]+\.csv)`/.exec(line);
    if (heading) {
      current = [];
      files.set(heading[1] as string, current);
      continue;
    }
    if (/^#/.test(line)) current = null;
    const row = /^\| (.+?) \| (text|date|integer|number|logical|as given) \|/.exec(line);
    if (!row || current === null) continue;
    const type = row[2] as ColumnType;
    const cell = row[1] as string;
    if (cell.startsWith('*')) {
      current.push({ name: /^/, type: 'as given' });
      continue;
    }
    for (const [, name] of cell.matchAll(/`([^`]+)`/g))
      current.push({
        name: (name as string).includes('<')
          ? new RegExp(`^${(name as string).replace(/<[a-z ]+>/g, '[a-z0-9_]+')}$`)
          : (name as string),
        type,
      });
  }
  return files;
}

const DOCUMENTED = documentedColumns();

/** The type docs/outputs.md gives a column: an exact name first, then a pattern, then the user's columns. */
function typeOf(file: string, column: string): ColumnType | undefined {
  const columns = DOCUMENTED.get(file) ?? [];
  return (
    columns.find((c) => c.name === column)?.type ??
    columns.find((c) => c.name instanceof RegExp && c.name.source !== '^' && c.name.test(column))?.type ??
    columns.find((c) => c.name instanceof RegExp && c.name.source === '^')?.type
  );
}

function headerOf(file: string): string[] {
  const first = readFileSync(join(example, file), 'utf8').split('\r\n')[0] as string;
  return first.split(',');
}

/** A deprecated column: `choice_<set as written>` beside its snake_case column. */
const isDeprecated = (column: string, header: readonly string[]) =>
  /^choice_.*-/.test(column) && header.includes(column.replace(/[-\s.]+/g, '_').toLowerCase());

test('every column of every example CSV is documented with a type, and named in snake_case', (t) => {
  t.true(csvFiles.length >= 10, csvFiles.join(', '));
  for (const file of csvFiles) {
    t.true(DOCUMENTED.has(file), `${file} has no section with a column table in docs/outputs.md`);
    const header = headerOf(file);
    for (const column of header) {
      const type = typeOf(file, column);
      t.not(type, undefined, `${file}: column ${column} is not in docs/outputs.md`);
      if (type !== 'as given' && !isDeprecated(column, header))
        t.regex(column, /^[a-z][a-z0-9_]*$/, `${file}: ${column} is not snake_case`);
    }
  }
});

/** What each reader reads a column as: [file, reader, position, class, every cell empty]. */
type ReadColumn = [file: string, reader: string, position: number, kind: string, empty: boolean];

function parseReadColumns(out: string): ReadColumn[] {
  return out
    .trim()
    .split('\n')
    .map((line) => line.split('\t'))
    .map(([file, reader, position, kind, empty]) => [
      file as string,
      reader as string,
      Number(position),
      kind as string,
      empty === 'TRUE',
    ]);
}

const R_SCRIPT = `
suppressMessages(library(readr))
line <- function(...) cat(paste(..., sep = "\\t"), "\\n", sep = "")
for (f in commandArgs(TRUE)) {
  a <- read.csv(f)
  b <- suppressMessages(suppressWarnings(readr::read_csv(f, progress = FALSE)))
  for (i in seq_along(a)) line(basename(f), "read.csv", i - 1, class(a[[i]])[1], all(is.na(a[[i]])))
  for (i in seq_along(b)) line(basename(f), "readr", i - 1, class(b[[i]])[1], all(is.na(b[[i]])))
  line(basename(f), "read.csv names", 0, paste(names(a), collapse = ","), FALSE)
}
`;

const PYTHON_SCRIPT = `
import os, sys
import pandas as pd
for f in sys.argv[1:]:
    d = pd.read_csv(f)
    for i, c in enumerate(d.columns):
        s = d[c]
        values = s.dropna()
        kind = str(s.dtype)
        if kind == 'object' and len(values) > 0 and all(isinstance(v, bool) for v in values):
            kind = 'object-bool'
        elif kind == 'object' and all(isinstance(v, str) for v in values):
            kind = 'object-str'
        elif kind == 'float64' and len(values) > 0 and (values == values.round()).all():
            kind = 'float64-whole'
        print(os.path.basename(f), 'pandas', i, kind, 'TRUE' if len(values) == 0 else 'FALSE', sep='\\t')
`;

/** The classes each reader may give a column of each type. */
const ACCEPTED: Record<string, Record<Exclude<ColumnType, 'as given'>, readonly string[]>> = {
  'read.csv': {
    text: ['character'],
    date: ['character'],
    integer: ['integer'],
    number: ['numeric', 'integer'],
    logical: ['logical'],
  },
  readr: {
    text: ['character'],
    date: ['Date'],
    integer: ['numeric'],
    number: ['numeric'],
    logical: ['logical'],
  },
  pandas: {
    text: ['object-str'],
    date: ['object-str'],
    integer: ['int64', 'float64-whole'],
    number: ['float64', 'float64-whole', 'int64'],
    logical: ['bool', 'object-bool'],
  },
};

function checkTypes(t: ExecutionContext, reader: string, read: readonly ReadColumn[]): void {
  let checked = 0;
  for (const file of csvFiles) {
    const header = headerOf(file);
    const columns = read.filter(([f, r]) => f === file && r === reader);
    t.is(columns.length, header.length, `${reader} read ${columns.length} columns of ${file}`);
    for (const [, , position, kind, empty] of columns) {
      const column = header[position] as string;
      const type = typeOf(file, column);
      // A column with no value at all reads as logical (R) or float64 (pandas), whatever it holds.
      if (type === undefined || type === 'as given' || empty) continue;
      checked++;
      t.true(
        ACCEPTED[reader]?.[type].includes(kind),
        `${reader} reads ${file}: ${column} (${type}) as ${kind}`,
      );
    }
  }
  t.true(checked > 100, `${checked} columns with values checked`);
}

const files = csvFiles.map((f) => join(example, f));
const rscript = spawnSync('Rscript', ['-e', 'suppressMessages(library(readr))'], { stdio: 'ignore' });
const rTest = rscript.status === 0 ? test : test.skip;
const rReason = rscript.status === 0 ? '' : ' (skipped: Rscript with readr is not installed: r-cran-readr)';

rTest(`R's read.csv and readr::read_csv read each column as its documented type${rReason}`, (t) => {
  const r = spawnSync('Rscript', ['-e', R_SCRIPT, ...files], { encoding: 'utf8' });
  t.is(r.status, 0, r.stderr);
  const read = parseReadColumns(r.stdout);
  checkTypes(
    t,
    'read.csv',
    read.filter(([, reader]) => reader === 'read.csv'),
  );
  checkTypes(t, 'readr', read);
  // read.csv keeps every name (it would rename one that is not a syntactic R name), but the deprecated.
  for (const file of csvFiles) {
    const header = headerOf(file);
    const names = r.stdout
      .split('\n')
      .find((l) => l.startsWith(`${file}\tread.csv names\t`))
      ?.split('\t')[3]
      ?.split(',');
    header.forEach((column, i) => {
      if (typeOf(file, column) !== 'as given' && !isDeprecated(column, header))
        t.is(names?.[i], column, `read.csv renames ${file}: ${column}`);
    });
  }
});

const python = spawnSync('/usr/bin/python3', ['-c', 'import pandas'], { stdio: 'ignore' });
const pyTest = python.status === 0 ? test : test.skip;
const pyReason =
  python.status === 0 ? '' : ' (skipped: /usr/bin/python3 with pandas is not installed: python3-pandas)';

pyTest(`pandas.read_csv reads each column as its documented type${pyReason}`, (t) => {
  const r = spawnSync('/usr/bin/python3', ['-c', PYTHON_SCRIPT, ...files], { encoding: 'utf8' });
  t.is(r.status, 0, r.stderr);
  checkTypes(t, 'pandas', parseReadColumns(r.stdout));
});
