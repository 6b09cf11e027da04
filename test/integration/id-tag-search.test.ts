/**
 * GET /api/id-tags searches every tag on the server (not a page of them) and lists them in natural order; the page
 * is chosen by the reader worker, off the thread that answers stations (storage/reader/id-tag-list.ts).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startCsms, type Harness } from '../support/csms-harness.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

let h: Harness;
let a: ApiHarness;
before(async () => {
  h = await startCsms();
  a = await startApi(h);
});
after(async () => {
  await a.api.close();
  await h.close();
});

test('id tags: natural order (TAG2 before TAG10), search through all tags with the total of matches, member counts', async () => {
  const csv = ['idTag,status,expiryDate,parentIdTag,description', 'FLEET,Accepted,,,fleet group'];
  for (let n = 1; n <= 1200; n++) csv.push(`TAG${n},Accepted,,${n % 100 === 0 ? 'FLEET' : ''},${n === 1111 ? 'spare card in the van' : ''}`);
  await a.client.importIdTagsCsv(csv.join('\n') + '\n');

  const workerReadsBefore = h.csms.readerStats.worker;
  const firstPage = await a.client.listIdTags({ limit: 12 });
  assert.equal(h.csms.readerStats.worker - workerReadsBefore, 1, 'the page was chosen by the reader worker');
  assert.equal(h.csms.readerStats.inline, 0, 'not on the answering thread');
  assert.equal(firstPage.total, 1201);
  assert.deepEqual(
    firstPage.items.map((t) => t.idTag),
    ['FLEET', 'TAG1', 'TAG2', 'TAG3', 'TAG4', 'TAG5', 'TAG6', 'TAG7', 'TAG8', 'TAG9', 'TAG10', 'TAG11'],
  );

  // A tag far beyond the first page is found; the search is case-insensitive and looks at descriptions too.
  const found = await a.client.listIdTags({ limit: 10, search: 'tag1150' });
  assert.deepEqual(
    found.items.map((t) => t.idTag),
    ['TAG1150'],
  );
  assert.equal(found.total, 1);
  const byDescription = await a.client.listIdTags({ search: 'VAN' });
  assert.deepEqual(
    byDescription.items.map((t) => t.idTag),
    ['TAG1111'],
  );
  const many = await a.client.listIdTags({ limit: 5, offset: 5, search: 'TAG11' });
  assert.equal(many.total, 1 + 10 + 100); // TAG11, TAG110–TAG119, TAG1100–TAG1199
  assert.deepEqual(
    many.items.map((t) => t.idTag),
    ['TAG114', 'TAG115', 'TAG116', 'TAG117', 'TAG118'],
  );
  assert.equal((await a.client.listIdTags({ search: 'nothing like this' })).total, 0);

  // Members are counted over all tags, whatever the page or search shows.
  const fleet = await a.client.listIdTags({ search: 'fleet group' });
  assert.equal(fleet.items[0]!.memberCount, 12);
});
