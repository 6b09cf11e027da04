/** The operator-side CiString rule (shared/ocpp/cistring.ts): one checker for the API and every console form. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ciStringIssues, ciStringProblem, ID_TOKEN_MAX_LENGTH, idTokenProblem, isCiStringSchema, ocppMessages } from '../../shared/ocpp/index.js';

describe('CiString rule', () => {
  test('the id-tag length comes from the IdToken definition (CiString20, OCPP 1.6 §7.28)', () => {
    assert.equal(ID_TOKEN_MAX_LENGTH, 20);
    assert.equal(ocppMessages.RemoteStartTransaction.request.properties.idTag.maxLength, ID_TOKEN_MAX_LENGTH);
    assert.ok(isCiStringSchema(ocppMessages.RemoteStartTransaction.request.properties.idTag));
  });

  test('at most N characters, each printable ASCII; the message says which and why', () => {
    assert.equal(ciStringProblem('A'.repeat(20), 20), null);
    assert.equal(ciStringProblem(' !~', 3), null, 'space and tilde are the ends of printable ASCII');
    assert.match(ciStringProblem('A'.repeat(21), 20, 'an id tag')!, /has 21 characters; an id tag has at most 20/);
    assert.match(ciStringProblem('TAG-É', 20)!, /character 5 is “É” \(U\+00C9\)/);
    assert.match(ciStringProblem('TAG\t1', 20)!, /character 4 is a control character \(U\+0009\)/);
    assert.match(ciStringProblem('TAG\x7f', 20)!, /control character \(U\+007F\)/);
  });

  test('an id tag is also not empty and has no space at either end (refused, never trimmed)', () => {
    assert.equal(idTokenProblem('DEPOT-FLEET-CARD-001'), null);
    assert.equal(idTokenProblem(''), 'is required');
    assert.match(idTokenProblem(' TAG')!, /space/);
    assert.match(idTokenProblem('TAG ')!, /space/);
    assert.match(idTokenProblem('DEPOT-FLEET-CARD-0001')!, /21 characters/);
  });

  test('a payload is walked through its schema: nested objects and lists, with JSON Pointers', () => {
    const schema = ocppMessages.SendLocalList.request as never;
    const payload = {
      listVersion: 2,
      updateType: 'Full',
      localAuthorizationList: [{ idTag: 'OK-1' }, { idTag: 'NÖ', idTagInfo: { status: 'Accepted', parentIdTag: 'GRÜPPE' } }],
    };
    assert.deepEqual(
      ciStringIssues(schema, payload).map((i) => i.path),
      ['/localAuthorizationList/1/idTag', '/localAuthorizationList/1/idTagInfo/parentIdTag'],
    );
    assert.deepEqual(ciStringIssues(ocppMessages.RemoteStartTransaction.request as never, { connectorId: 1, idTag: 'TAG-1' }), []);
  });

  test('PEM texts (certificates, chains, CSRs) are multi-line: bounded, but not held to the printable rule', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    assert.deepEqual(
      ciStringIssues(ocppMessages.InstallCertificate.request as never, { certificateType: 'CentralSystemRootCertificate', certificate: pem }),
      [],
    );
    assert.deepEqual(ciStringIssues(ocppMessages.CertificateSigned.request as never, { certificateChain: pem + pem }), []);
  });

  test('the payload validator still takes what stations send as the official schemas say (length only)', async () => {
    const { createOcppValidator } = await import('../../shared/ocpp/index.js');
    assert.deepEqual(createOcppValidator().request('Authorize', { idTag: 'TAG-É' }), { ok: true });
  });
});
