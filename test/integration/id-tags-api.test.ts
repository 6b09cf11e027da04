/**
 * Id tags over the operator API, as the console uses it: creating never overwrites an existing tag (409), editing is
 * its own request, a CSV import says what each line did (created, updated, unchanged, kept, refused) and never drops
 * a line silently, and every id tag an operator gives follows the one CiString rule of shared/ocpp.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { ApiRequestError } from '../../shared/api/index.js';
import { startCsms, type Harness } from '../support/csms-harness.js';
import { aBootedStation, closeStations } from '../support/fixtures.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

let h: Harness;
let a: ApiHarness;
before(async () => {
  h = await startCsms({ overrides: { callTimeoutMs: 5_000 } });
  a = await startApi(h);
});
afterEach(async () => {
  await closeStations();
  for (const t of h.csms.repos.idTags.list()) h.csms.repos.idTags.delete(t.id_tag);
});
after(async () => {
  await a.api.close();
  await h.close();
});

const HEADER = 'idTag,status,expiryDate,parentIdTag,description';

describe('creating an id tag', () => {
  test('POST /api/id-tags creates (201); an existing tag, in any case, is refused with 409 at the idTag field and left as it was', async () => {
    const created = await a.client.createIdTag({ idTag: 'FLEET-7', status: 'Accepted', description: 'Van 7', expiryDate: '2031-01-01T00:00:00Z' });
    assert.equal(created.idTag, 'FLEET-7');
    const again = await a.fetch('/api/id-tags', {
      method: 'POST',
      body: JSON.stringify({ idTag: 'fleet-7', status: 'Blocked', description: 'typo' }),
    });
    assert.equal(again.status, 409);
    const body = (await again.json()) as { error: { code: string; details: { fields: Record<string, string>; existing: string } } };
    assert.equal(body.error.code, 'API_ERR_CONFLICT');
    assert.match(body.error.details.fields.idTag!, /exists already/);
    assert.equal(body.error.details.existing, 'FLEET-7');
    const stored = h.csms.repos.idTags.get('FLEET-7')!;
    assert.deepEqual([stored.status, stored.description, stored.expiry_date], ['Accepted', 'Van 7', '2031-01-01T00:00:00.000Z']);
  });

  test('editing is PUT on the tag: it changes the stored record', async () => {
    await a.client.createIdTag({ idTag: 'EDIT-ME', status: 'Accepted' });
    const edited = await a.client.putIdTag('EDIT-ME', { status: 'Blocked', description: 'lost card' });
    assert.deepEqual([edited.status, edited.description], ['Blocked', 'lost card']);
  });

  test('the id tag follows the CiString rule: too long, not printable ASCII, or padded with spaces is 422 at the field', async () => {
    for (const idTag of ['ABCDEFGHIJKLMNOPQRSTU', 'TÄG-1', 'TAG\t1', ' TAG-1']) {
      await assert.rejects(a.client.createIdTag({ idTag, status: 'Accepted' }), (err) => {
        assert.ok(err instanceof ApiRequestError && err.status === 422, `${JSON.stringify(idTag)} refused`);
        assert.ok(err.details?.fields?.idTag, `${JSON.stringify(idTag)}: a message at idTag`);
        return true;
      });
    }
    assert.equal(h.csms.repos.idTags.list().length, 0);
    const parent = await a.fetch('/api/id-tags/CHILD-1', { method: 'PUT', body: JSON.stringify({ status: 'Accepted', parentIdTag: 'GRÜPPE' }) });
    assert.equal(parent.status, 422);
    assert.match(
      ((await parent.json()) as { error: { details: { fields: Record<string, string> } } }).error.details.fields.parentIdTag!,
      /printable ASCII/,
    );
  });
});

describe('operator calls', () => {
  test('an id tag that is not printable ASCII is refused before anything is sent (422 with the field)', async () => {
    await aBootedStation(h, 'CI-CP');
    const res = await a.fetch('/api/charge-points/CI-CP/calls/RemoteStartTransaction', {
      method: 'POST',
      body: JSON.stringify({ connectorId: 1, idTag: 'TAG-É' }),
    });
    assert.equal(res.status, 422);
    const body = (await res.json()) as { error: { details: { issues: { path: string; message: string }[] } } };
    assert.equal(body.error.details.issues[0]!.path, '/idTag');
    assert.match(body.error.details.issues[0]!.message, /printable ASCII/);
    const sent = await a.client.messageLog({ chargePointId: 'CI-CP', action: 'RemoteStartTransaction' });
    assert.equal(sent.items.length, 0, 'nothing was sent to the station');
  });
});

describe('CSV import', () => {
  test('an unterminated quote costs its own line only, and that line is reported with its number', async () => {
    const csv = [HEADER, 'Q-1,Accepted,,,first', 'Q-2,Accepted,,,"never closed', 'Q-3,Accepted,,,third', 'Q-4,Blocked,,,fourth', ''].join('\n');
    const result = await a.client.importIdTagsCsv(csv);
    assert.equal(result.created, 3);
    assert.deepEqual(
      result.errors.map((e) => e.line),
      [3],
    );
    assert.match(result.errors[0]!.message, /quoted field is never closed/);
    assert.deepEqual(
      h.csms.repos.idTags.list().map((t) => t.id_tag),
      ['Q-1', 'Q-3', 'Q-4'],
    );
  });

  test('every line is accounted for: created + updated + unchanged + kept + refused = lines', async () => {
    await a.client.createIdTag({ idTag: 'M-SAME', status: 'Accepted', description: 'same' });
    await a.client.createIdTag({ idTag: 'M-DIFF', status: 'Accepted', description: 'old' });
    const csv = [HEADER, 'M-SAME,Accepted,,,same', 'M-DIFF,Blocked,,,new', 'M-NEW,Accepted,,,fresh', 'M-BAD,Maybe,,,', ''].join('\r\n');

    const added = await a.client.importIdTagsCsv(csv);
    assert.deepEqual([added.mode, added.created, added.updated, added.unchanged], ['add', 1, 0, 1]);
    assert.deepEqual(added.kept, [{ line: 3, idTag: 'M-DIFF' }]);
    assert.deepEqual(
      added.errors.map((e) => [e.line, e.idTag]),
      [[5, 'M-BAD']],
    );
    assert.equal(h.csms.repos.idTags.get('M-DIFF')!.description, 'old', '"only add new tags" leaves an existing tag as it was');

    const updated = await a.client.importIdTagsCsv(csv, 'update');
    assert.deepEqual(
      [updated.mode, updated.created, updated.updated, updated.unchanged, updated.kept.length, updated.errors.length],
      ['update', 0, 1, 2, 0, 1],
    );
    assert.deepEqual([h.csms.repos.idTags.get('M-DIFF')!.status, h.csms.repos.idTags.get('M-DIFF')!.description], ['Blocked', 'new']);

    const badMode = await a.fetch('/api/id-tags.csv?mode=replace', { method: 'POST', body: csv });
    assert.equal(badMode.status, 400);
  });
});
