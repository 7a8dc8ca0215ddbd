import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { main } from '../src/cli/main.ts';
import { exampleArgsTo, sameAsCommittedExample } from './helpers/example.ts';
import { collectingIo } from './helpers/io.ts';

// reports/example/ is committed so that a visitor sees real output on the repository page. This
// test regenerates it with the README's example command and fails when the committed copy is out
// of date (run `npm run example` and commit the result).

test('reports/example is what the example command writes today', async (t) => {
  const fresh = join(mkdtempSync(join(tmpdir(), 'framescope-example-')), 'out');
  // ava runs in the repository root, so input paths stay as the README writes them.
  const c = collectingIo();
  const code = await main([...exampleArgsTo(fresh), '--quiet'], c.io);
  t.is(code, 0, c.err());
  sameAsCommittedExample(t, fresh);
});
