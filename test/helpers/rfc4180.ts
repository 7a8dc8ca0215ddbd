/**
 * A strict RFC 4180 reader, written for the tests and independent of papaparse, so that a bug
 * shared by the writer and papaparse cannot hide: records end with CRLF (a bare CR or LF outside
 * quotes is an error), a field is either unquoted (no quote, CR or LF in it) or wholly quoted
 * with inner quotes doubled, and every record has the header's number of fields.
 */

export class Rfc4180Error extends Error {}

export function parseRfc4180(input: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  const n = input.length;
  const fail = (what: string): never => {
    const line = input.slice(0, i).split('\r\n').length;
    throw new Rfc4180Error(`RFC 4180: ${what} at offset ${i} (record line ${line})`);
  };
  if (n === 0) return records;
  while (i < n) {
    let field = '';
    if (input[i] === '"') {
      i++;
      while (true) {
        if (i >= n) fail('a quoted field is not closed');
        const c = input[i] as string;
        if (c === '"') {
          if (input[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += c;
        i++;
      }
      if (i < n && input[i] !== ',' && !input.startsWith('\r\n', i)) fail('text after a closing quote');
    } else {
      while (i < n && input[i] !== ',' && input[i] !== '\r' && input[i] !== '\n') {
        if (input[i] === '"') fail('a quote inside an unquoted field');
        field += input[i];
        i++;
      }
      if (input[i] === '\n' || (input[i] === '\r' && input[i + 1] !== '\n')) fail('a bare line break');
    }
    record.push(field);
    if (input[i] === ',') {
      i++;
      if (i >= n) fail('a comma at the end of the input');
      continue;
    }
    // CRLF or end of input closes the record.
    if (i < n) i += 2;
    records.push(record);
    record = [];
  }
  const width = records[0]?.length ?? 0;
  records.forEach((r, k) => {
    if (r.length !== width)
      throw new Rfc4180Error(`RFC 4180: record ${k + 1} has ${r.length} fields, the header has ${width}`);
  });
  return records;
}
