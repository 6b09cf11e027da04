import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { parseRange, sanitizeFileName, stationDirName } from '../../main/csms/files/index.js';
import { MultipartFileReader, multipartBoundary } from '../../main/csms/files/multipart.js';

test('multipart reader: the file part, whatever the chunking', () => {
  const boundary = 'b0und4ry';
  const file = Buffer.concat([randomBytes(3000), Buffer.from(`\r\n--${boundary.slice(0, 4)}`), randomBytes(100)]);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="upload"; filename="d.zip"\r\nContent-Type: application/zip\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  assert.equal(multipartBoundary(`multipart/form-data; boundary="${boundary}"`), boundary);
  for (const size of [1, 7, 64, body.length]) {
    const reader = new MultipartFileReader(boundary);
    const out: Buffer[] = [];
    for (let i = 0; i < body.length; i += size) out.push(...reader.push(body.subarray(i, i + size)));
    assert.equal(reader.fileName, 'd.zip');
    assert.ok(reader.done && reader.complete);
    assert.deepEqual(Buffer.concat(out), file, `chunk size ${size}`);
  }
});

test('file names and station directories', () => {
  assert.equal(sanitizeFileName('C:\\temp\\fw 1.bin'), 'fw_1.bin');
  assert.equal(sanitizeFileName('/etc/.hidden'), 'hidden');
  assert.throws(() => sanitizeFileName('../x'), { code: 'bad-name' });
  assert.throws(() => sanitizeFileName('..'), { code: 'bad-name' });
  assert.throws(() => sanitizeFileName('a/'), { code: 'bad-name' });
  assert.equal(stationDirName('CP-1'), 'CP-1');
  assert.equal(stationDirName('a/b'), 'a%2Fb');
  assert.throws(() => stationDirName('..'));
});

test('Range header', () => {
  assert.deepEqual(parseRange('bytes=0-9', 100), { start: 0, end: 9 });
  assert.deepEqual(parseRange('bytes=90-', 100), { start: 90, end: 99 });
  assert.deepEqual(parseRange('bytes=-5', 100), { start: 95, end: 99 });
  assert.deepEqual(parseRange('bytes=50-500', 100), { start: 50, end: 99 });
  assert.equal(parseRange('bytes=100-', 100), 'unsatisfiable');
  assert.equal(parseRange('bytes=0-1,5-6', 100), undefined);
});
