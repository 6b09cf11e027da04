/** CSV in (main/api/csv.ts): csv-parse underneath, with the line each record starts on and every unreadable line reported. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCsv } from '../../main/api/csv.js';

const lines = (text: string) => parseCsv(text).rows.map((r) => [r.line, ...r.fields]);

describe('parseCsv', () => {
  test('line numbers count CRLF, LF and quoted line breaks as a spreadsheet shows them; blank lines are skipped', () => {
    assert.deepEqual(lines('h1,h2\r\nA,1\r\nB,"x\r\ny"\r\n\r\nC,3'), [
      [1, 'h1', 'h2'],
      [2, 'A', '1'],
      [3, 'B', 'x\r\ny'],
      [6, 'C', '3'],
    ]);
    assert.deepEqual(lines('\uFEFFh\n\nA\n'), [
      [1, 'h'],
      [3, 'A'],
    ]);
  });

  test('spaces around fields are ignored, quotes and commas inside quoted fields kept', () => {
    assert.deepEqual(lines('a , b\n"x, ""y""" , z\n'), [
      [1, 'a', 'b'],
      [2, 'x, "y"', 'z'],
    ]);
  });

  test('an unterminated quote costs its own line only: reported with its number, the next lines read on their own', () => {
    const result = parseCsv('idTag,status\nA,Accepted\nB,"oops\nC,Accepted\nD,Accepted\n');
    assert.deepEqual(
      result.rows.map((r) => [r.line, r.fields[0]]),
      [
        [1, 'idTag'],
        [2, 'A'],
        [4, 'C'],
        [5, 'D'],
      ],
    );
    assert.deepEqual(
      result.broken.map((b) => b.line),
      [3],
    );
    assert.match(result.broken[0]!.message, /never closed/);
  });

  test('text after a closing quote is reported on its line too', () => {
    const result = parseCsv('a,b\n"x"y,1\nz,2');
    assert.deepEqual(
      result.broken.map((b) => b.line),
      [2],
    );
    assert.deepEqual(
      result.rows.map((r) => r.line),
      [1, 3],
    );
  });
});
