/**
 * The CSV writer of the report routes (src/http/csv.ts): RFC 4180 read back by a real CSV parser (csv-parse), text
 * made inert for spreadsheets, Accept negotiation.
 */
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { acceptsCsv, csvDocument, csvField, csvResult } from '../../src/http/csv';

/** Parsed as a spreadsheet importer would: RFC 4180, the BOM dropped. */
function readCsv(text: string): string[][] {
  return parse(text, { bom: true, relaxColumnCount: false });
}

describe('CSV writer (report downloads)', () => {
  it('quotes a field with a comma, a quote or a line break (quotes doubled); a reader gets every value back', () => {
    const rows = [
      ['Contoso, Ltd', 'The "best" one', 'two\r\nlines', 'plain', '王芳'],
      ['', ' spaced ', 'a\nb', 'x', 'Zoë'],
    ];
    const text = csvDocument(['a', 'b', 'c', 'd', 'e'], rows);
    assert.deepEqual(readCsv(text), [['a', 'b', 'c', 'd', 'e'], ...rows]);
    assert.equal(csvField('Contoso, Ltd'), '"Contoso, Ltd"');
    assert.equal(csvField('The "best" one'), '"The ""best"" one"');
    assert.equal(csvField('plain'), 'plain');
  });

  it('text starting with =, +, -, @, a tab or a carriage return gets a leading \' (a spreadsheet shows it, never runs it); numbers are numbers', () => {
    for (const formula of ['=SUM(A1:A9)', '+1', '-2+3', '@cmd', '\tx', '\rx']) {
      assert.equal(readCsv(csvDocument(['v'], [[formula]]))[1]?.[0], `'${formula}`, JSON.stringify(formula));
    }
    assert.equal(csvField('=HYPERLINK("http://x.example","Click"), Ltd'), '"\'=HYPERLINK(""http://x.example"",""Click""), Ltd"');
    assert.deepEqual([csvField(-1), csvField(0), csvField(12), csvField(null), csvField(undefined), csvField(true)],
      ['-1', '0', '12', '', '', 'true']);
    assert.equal(csvField('a-b=c'), 'a-b=c', 'only a leading sign is a formula');
  });

  it('a document is UTF-8 with a BOM, CRLF after every line, a header row first', () => {
    const result = csvResult('load 2026-W49.csv', ['name', 'n'], [['Ana', 1]]);
    assert.equal(result.status, 200);
    assert.deepEqual(result.headers, {
      'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="load_2026-W49.csv"', Vary: 'Accept',
    });
    const bytes = result.body as Buffer;
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(bytes.subarray(3).toString('utf8'), 'name,n\r\nAna,1\r\n');
  });

  it('Accept: text/csv when it is preferred to JSON (weight, then precision); JSON otherwise', () => {
    const csv = ['text/csv', 'text/csv; charset=utf-8', 'text/csv, */*', 'text/csv;q=0.9, application/json;q=0.5', 'text/*',
      'application/json;q=0.1, text/csv'];
    const json = [undefined, '', '*/*', 'application/json', 'application/json, text/csv', 'text/csv;q=0',
      'text/csv;q=0.5, application/json', 'text/html', 'text/*, application/json'];
    for (const accept of csv) assert.equal(acceptsCsv(accept), true, `CSV for ${accept}`);
    for (const accept of json) assert.equal(acceptsCsv(accept), false, `JSON for ${String(accept)}`);
  });
});
