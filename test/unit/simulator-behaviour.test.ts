/**
 * Default answers of the simulated charge point beyond the core session flows: configuration keys, local list,
 * reservations, remote trigger, smart charging, firmware/diagnostics transfers (real HTTP and FTP servers in the
 * test), and the security whitepaper calls.
 */
import assert from 'node:assert/strict';
import { createSign } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, describe, test } from 'node:test';
import { WebSocketServer } from 'ws';
import type { OcppRequest } from '../../shared/ocpp/actions.js';
import type { ChargingProfile } from '../../shared/ocpp/messages/common.js';
import { OcppCallError, SimulatedChargePoint, type SimulatedChargePointOptions } from '../../main/simulator/index.js';
import { MiniCsms, connector } from './simulator-mini-csms.js';
import { MANUFACTURER_PEM, ROOT_PEM } from '../support/certificates.js';

/** Hash data of ROOT_PEM as computed by `openssl ocsp -sha256 -issuer root.pem -cert root.pem`. */
const ROOT_HASH = {
  hashAlgorithm: 'SHA256',
  issuerNameHash: 'a4653d9c16c4a04e99b0e647e8c0b9514b8c77f94b67bcd4626565516a0aa7de',
  issuerKeyHash: 'b00885791265b22da265574105f7586e16a294c485b196b795eb47d382f2b1fc',
  serialNumber: '4a2cc6f32ad6f1ae1a9466ab168479f5976646f5',
};
/** Test-only key of MANUFACTURER_PEM, to sign a firmware file. */
const MANUFACTURER_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgRdXOSKALGZBN/V1w
JHD0ZCc/wZCXyvT2ybpPzO0fNuKhRANCAATGJ3269azpzmNoB6IAQjCv/toRPMaH
v8q2jCUpEp3BkVm6Q3OTnmOL6bNteAfjakQkz1DkmZ5GmLHRSliUt/ii
-----END PRIVATE KEY-----
`;

let csms: MiniCsms;

async function eventually(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
const cps: SimulatedChargePoint[] = [];

async function bootedCp(identity: string, options: Partial<SimulatedChargePointOptions> = {}): Promise<SimulatedChargePoint> {
  const cp = new SimulatedChargePoint({ url: csms.url, identity, connectorCount: 2, callTimeoutMs: 3000, rebootDelayMs: 20, ...options });
  cps.push(cp);
  await cp.connect();
  await cp.boot();
  csms.drain();
  await new Promise((r) => setTimeout(r, 20));
  csms.drain();
  return cp;
}

/** A file server for firmware downloads and diagnostics uploads. */
class FileServer {
  readonly uploads: Array<{ method: string; url: string; contentType: string; body: Buffer }> = [];
  server!: http.Server;
  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.method === 'GET') {
          if (req.url === '/fw.bin') res.writeHead(200).end(FIRMWARE);
          else if (req.url === '/redirect') res.writeHead(302, { Location: '/fw.bin' }).end();
          else res.writeHead(404).end();
          return;
        }
        if (req.url === '/fail') return void res.writeHead(500).end();
        this.uploads.push({ method: req.method!, url: req.url!, contentType: String(req.headers['content-type']), body: Buffer.concat(chunks) });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return this;
  }
  get base(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}

/** A tiny passive-mode FTP server (USER/PASS/TYPE/PASV/STOR/RETR/QUIT) for the FTP transfer path. */
class FtpServer {
  readonly files = new Map<string, Buffer>();
  server!: net.Server;
  private sockets = new Set<net.Socket>();
  async start(): Promise<this> {
    this.server = net.createServer((control) => {
      this.sockets.add(control);
      control.on('close', () => this.sockets.delete(control));
      let dataServer: net.Server | undefined;
      let dataSocket: Promise<net.Socket> | undefined;
      const reply = (line: string) => control.write(`${line}\r\n`);
      reply('220 test ftp');
      let buffer = '';
      const onData = async (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        let i: number;
        while ((i = buffer.indexOf('\r\n')) >= 0) {
          const line = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const [cmd, ...rest] = line.split(' ');
          const arg = rest.join(' ');
          if (cmd === 'USER') reply('331 password please');
          else if (cmd === 'PASS') reply(arg === 'secret' ? '230 ok' : '530 bad');
          else if (cmd === 'TYPE') reply('200 ok');
          else if (cmd === 'PASV') {
            dataServer = net.createServer();
            dataSocket = new Promise((resolve) =>
              dataServer!.once('connection', (s) => {
                this.sockets.add(s);
                resolve(s);
              }),
            );
            await new Promise<void>((r) => dataServer!.listen(0, '127.0.0.1', r));
            const port = (dataServer.address() as AddressInfo).port;
            reply(`227 Entering Passive Mode (127,0,0,1,${port >> 8},${port & 255})`);
          } else if (cmd === 'STOR' && dataSocket) {
            reply('150 go');
            const s = await dataSocket;
            const chunks: Buffer[] = [];
            s.on('data', (c) => chunks.push(c));
            s.on('end', () => {
              this.files.set(arg, Buffer.concat(chunks));
              s.end();
              dataServer?.close();
              reply('226 stored');
            });
          } else if (cmd === 'RETR' && dataSocket) {
            const file = this.files.get(arg);
            if (!file) {
              reply('550 not found');
              continue;
            }
            reply('150 go');
            const s = await dataSocket;
            s.end(file, () => {
              dataServer?.close();
              reply('226 sent');
            });
          } else if (cmd === 'QUIT') {
            reply('221 bye');
            control.end();
          } else reply('502 not implemented');
        }
      };
      // The commands of one connection are handled in order; a failure fails the test through the client.
      control.on('data', (chunk: Buffer) => void onData(chunk));
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return this;
  }
  get base(): string {
    return `ftp://user:secret@127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((r) => this.server.close(() => r()));
  }
}

const FIRMWARE = Buffer.from('firmware image v2\n'.repeat(100));
let files: FileServer;
let ftp: FtpServer;

before(async () => {
  csms = await MiniCsms.start();
  files = await new FileServer().start();
  ftp = await new FtpServer().start();
});

afterEach(async () => {
  assert.deepEqual(await csms.endTest(cps.splice(0)), [], 'everything the simulator sent is schema-valid');
});

after(async () => {
  await csms.close();
  await files.close();
  await ftp.close();
});

describe('configuration', () => {
  test('GetConfiguration: all keys (no write-only AuthorizationKey), selected keys with unknownKey', async () => {
    await bootedCp('CFG-1', { password: 'abcdefghijklmnop' });
    const all = await csms.send('CFG-1', 'GetConfiguration', {});
    const keys = new Map((all.configurationKey ?? []).map((k) => [k.key, k]));
    assert.equal(keys.get('NumberOfConnectors')?.value, '2');
    assert.equal(keys.get('NumberOfConnectors')?.readonly, true);
    assert.equal(keys.get('MeterValueSampleInterval')?.readonly, false);
    assert.ok(keys.get('SupportedFeatureProfiles')?.value?.includes('Core'));
    for (const k of [
      'HeartbeatInterval',
      'LocalAuthListMaxLength',
      'SendLocalListMaxLength',
      'ChargeProfileMaxStackLevel',
      'AuthorizeRemoteTxRequests',
    ]) {
      assert.ok(keys.has(k), k);
    }
    assert.equal(keys.has('AuthorizationKey'), false);
    const some = await csms.send('CFG-1', 'GetConfiguration', { key: ['HeartbeatInterval', 'NoSuchKey'] });
    assert.deepEqual(some.unknownKey, ['NoSuchKey']);
    assert.equal(some.configurationKey?.[0]?.key, 'HeartbeatInterval');
  });

  test('ChangeConfiguration: Accepted / NotSupported / Rejected (readonly, invalid values)', async () => {
    const cp = await bootedCp('CFG-2');
    const change = (key: string, value: string) => csms.send('CFG-2', 'ChangeConfiguration', { key, value }).then((c) => c.status);
    assert.equal(await change('MeterValueSampleInterval', '15'), 'Accepted');
    assert.equal(cp.configuration.get('MeterValueSampleInterval'), '15');
    assert.equal(await change('NoSuchKey', '1'), 'NotSupported');
    assert.equal(await change('NumberOfConnectors', '4'), 'Rejected');
    assert.equal(await change('MeterValueSampleInterval', '-1'), 'Rejected');
    assert.equal(await change('HeartbeatInterval', 'abc'), 'Rejected');
    assert.equal(await change('AuthorizeRemoteTxRequests', 'maybe'), 'Rejected');
    assert.equal(await change('AuthorizeRemoteTxRequests', 'FALSE'), 'Accepted');
    assert.equal(await change('MeterValuesSampledData', 'Energy.Active.Import.Register,Voltage'), 'Accepted');
    assert.equal(await change('MeterValuesSampledData', 'Energy.Active.Import.Register,Bogus'), 'Rejected');
    assert.equal(await change('AuthorizationKey', 'not hex'), 'Rejected');
  });
});

describe('local authorization list', () => {
  test('Full replaces, Differential updates and deletes, VersionMismatch, GetLocalListVersion', async () => {
    const cp = await bootedCp('LL-1');
    const send = (p: OcppRequest<'SendLocalList'>) => csms.send('LL-1', 'SendLocalList', p).then((c) => c.status);
    assert.deepEqual(await csms.send('LL-1', 'GetLocalListVersion', {}), { listVersion: 0 });
    assert.equal(
      await send({
        listVersion: 3,
        updateType: 'Full',
        localAuthorizationList: [
          { idTag: 'A', idTagInfo: { status: 'Accepted' } },
          { idTag: 'B', idTagInfo: { status: 'Blocked' } },
        ],
      }),
      'Accepted',
    );
    assert.deepEqual(await csms.send('LL-1', 'GetLocalListVersion', {}), { listVersion: 3 });
    assert.equal(await send({ listVersion: 3, updateType: 'Differential', localAuthorizationList: [] }), 'VersionMismatch');
    assert.equal(
      await send({
        listVersion: 4,
        updateType: 'Differential',
        localAuthorizationList: [{ idTag: 'A' }, { idTag: 'C', idTagInfo: { status: 'Accepted' } }],
      }),
      'Accepted',
    );
    assert.deepEqual([...cp.state.localList.entries.keys()].sort(), ['B', 'C']);
    assert.equal(cp.state.localList.version, 4);
    assert.equal(
      await send({ listVersion: 1, updateType: 'Full', localAuthorizationList: [{ idTag: 'Z', idTagInfo: { status: 'Accepted' } }] }),
      'Accepted',
    );
    assert.deepEqual([...cp.state.localList.entries.keys()], ['Z']);
    const tooMany = Array.from({ length: 101 }, (_, i) => ({ idTag: `T${i}`, idTagInfo: { status: 'Accepted' as const } }));
    assert.equal(await send({ listVersion: 9, updateType: 'Full', localAuthorizationList: tooMany }), 'Failed');
  });

  test('a station without LocalAuthListManagement answers CALLERROR NotSupported', async () => {
    await bootedCp('LL-2', { featureProfiles: ['Core'] });
    await assert.rejects(csms.send('LL-2', 'GetLocalListVersion', {}), (err) => err instanceof OcppCallError && err.code === 'NotSupported');
  });
});

describe('reservations', () => {
  test('ReserveNow → Reserved, RemoteStart with the reservation id, CancelReservation, expiry', async () => {
    const cp = await bootedCp('RES-1');
    const future = new Date(Date.now() + 60_000).toISOString();
    assert.deepEqual(await csms.send('RES-1', 'ReserveNow', { connectorId: 1, expiryDate: future, idTag: 'TAG-R', reservationId: 7 }), {
      status: 'Accepted',
    });
    const sn = await csms.nextCall('StatusNotification');
    assert.deepEqual([sn.payload.connectorId, sn.payload.status], [1, 'Reserved']);
    assert.equal(connector(cp, 1).reservation?.reservationId, 7);
    // Other id tag: Occupied for another reservation, Rejected for a remote start.
    assert.deepEqual(await csms.send('RES-1', 'ReserveNow', { connectorId: 1, expiryDate: future, idTag: 'X', reservationId: 8 }), {
      status: 'Occupied',
    });
    assert.deepEqual(await csms.send('RES-1', 'RemoteStartTransaction', { connectorId: 1, idTag: 'OTHER' }), { status: 'Rejected' });
    assert.deepEqual(await csms.send('RES-1', 'ReserveNow', { connectorId: 3, expiryDate: future, idTag: 'X', reservationId: 9 }), {
      status: 'Rejected',
    });
    // The reserved tag starts with the reservation id.
    assert.deepEqual(await csms.send('RES-1', 'RemoteStartTransaction', { connectorId: 1, idTag: 'TAG-R' }), { status: 'Accepted' });
    const start = await csms.nextCallOf('StartTransaction');
    assert.equal(start.payload.reservationId, 7);
    await csms.nextCallOf('StatusNotification');
    assert.equal(connector(cp, 1).reservation, undefined);
    // Charging connector → Occupied.
    assert.deepEqual(await csms.send('RES-1', 'ReserveNow', { connectorId: 1, expiryDate: future, idTag: 'X', reservationId: 10 }), {
      status: 'Occupied',
    });

    assert.deepEqual(await csms.send('RES-1', 'ReserveNow', { connectorId: 2, expiryDate: future, idTag: 'X', reservationId: 11 }), {
      status: 'Accepted',
    });
    assert.equal((await csms.nextCallOf('StatusNotification')).payload.status, 'Reserved');
    assert.deepEqual(await csms.send('RES-1', 'CancelReservation', { reservationId: 11 }), { status: 'Accepted' });
    assert.equal((await csms.nextCallOf('StatusNotification')).payload.status, 'Available');
    assert.deepEqual(await csms.send('RES-1', 'CancelReservation', { reservationId: 11 }), { status: 'Rejected' });

    // Expiry.
    const soon = new Date(Date.now() + 300).toISOString();
    assert.deepEqual(await csms.send('RES-1', 'ReserveNow', { connectorId: 2, expiryDate: soon, idTag: 'X', reservationId: 12 }), {
      status: 'Accepted',
    });
    assert.equal((await csms.nextCallOf('StatusNotification')).payload.status, 'Reserved');
    const expired = await csms.nextCallOf('StatusNotification', 2000);
    assert.deepEqual([expired.payload.connectorId, expired.payload.status], [2, 'Available']);
  });

  test('ReserveNow by state: Faulted, Unavailable; connector 0 per ReserveConnectorZeroSupported', async () => {
    const cp = await bootedCp('RES-2');
    const future = new Date(Date.now() + 60_000).toISOString();
    await cp.statusNotification(1, 'Faulted', 'GroundFailure');
    assert.deepEqual(await csms.send('RES-2', 'ReserveNow', { connectorId: 1, expiryDate: future, idTag: 'X', reservationId: 1 }), {
      status: 'Faulted',
    });
    await csms.send('RES-2', 'ChangeAvailability', { connectorId: 2, type: 'Inoperative' });
    assert.deepEqual(await csms.send('RES-2', 'ReserveNow', { connectorId: 2, expiryDate: future, idTag: 'X', reservationId: 2 }), {
      status: 'Unavailable',
    });
    await csms.send('RES-2', 'ChangeAvailability', { connectorId: 2, type: 'Operative' });
    assert.deepEqual(await csms.send('RES-2', 'ReserveNow', { connectorId: 0, expiryDate: future, idTag: 'X', reservationId: 3 }), {
      status: 'Accepted',
    });
    const noZero = await bootedCp('RES-3', { configuration: { ReserveConnectorZeroSupported: 'false' } });
    assert.ok(noZero);
    assert.deepEqual(await csms.send('RES-3', 'ReserveNow', { connectorId: 0, expiryDate: future, idTag: 'X', reservationId: 4 }), {
      status: 'Rejected',
    });
  });
});

describe('no vehicle plugged in', () => {
  test('RemoteStartTransaction is accepted, the connector is Preparing, no transaction, Available after ConnectionTimeOut', async () => {
    await bootedCp('NO-EV', { vehiclePluggedIn: false, configuration: { ConnectionTimeOut: '1' } });
    const conf = await csms.send('NO-EV', 'RemoteStartTransaction', { connectorId: 1, idTag: 'TAG-1' });
    assert.deepEqual(conf, { status: 'Accepted' });
    // Strict order: no Authorize or StartTransaction comes between the two statuses.
    const preparing = (await csms.nextCall('StatusNotification')).payload;
    assert.deepEqual([preparing.connectorId, preparing.status], [1, 'Preparing']);
    const preparingAt = Date.now();
    const available = (await csms.nextCall('StatusNotification')).payload;
    assert.deepEqual([available.connectorId, available.status], [1, 'Available']);
    assert.ok(Date.now() - preparingAt >= 900, 'back to Available only after ConnectionTimeOut');
    await csms.expectSilence(200);
  });
});

describe('remote trigger', () => {
  test('TriggerMessage: Accepted then the message; Rejected beyond the connector count', async () => {
    const cp = await bootedCp('TRG-1');
    const trigger = (requestedMessage: string, connectorId?: number) =>
      csms.send('TRG-1', 'TriggerMessage', connectorId === undefined ? { requestedMessage } : { requestedMessage, connectorId });
    assert.deepEqual(await trigger('StatusNotification', 3), { status: 'Rejected' });
    assert.deepEqual(await trigger('StatusNotification', 1), { status: 'Accepted' });
    assert.equal((await csms.nextCall('StatusNotification')).payload.connectorId, 1);
    assert.deepEqual(await trigger('StatusNotification'), { status: 'Accepted' });
    for (const id of [0, 1, 2]) assert.equal((await csms.nextCall('StatusNotification')).payload.connectorId, id);
    await trigger('Heartbeat');
    await csms.nextCall('Heartbeat');
    await trigger('MeterValues', 2);
    const mv = await csms.nextCall('MeterValues');
    assert.equal(mv.payload.connectorId, 2);
    assert.equal(mv.payload.meterValue[0]?.sampledValue[0]?.context, 'Trigger');
    await trigger('DiagnosticsStatusNotification');
    assert.deepEqual((await csms.nextCall('DiagnosticsStatusNotification')).payload, { status: 'Idle' });
    await trigger('FirmwareStatusNotification');
    assert.deepEqual((await csms.nextCall('FirmwareStatusNotification')).payload, { status: 'Idle' });
    await trigger('BootNotification');
    await csms.nextCall('BootNotification');
    await csms.expectSilence(50);
    assert.ok(cp.connected);
  });

  test('ExtendedTriggerMessage: SignChargePointCertificate sends a PKCS#10 CSR; Log/Firmware status Idle', async () => {
    const cp = await bootedCp('TRG-2', { configuration: { CpoName: 'Test CPO' } });
    assert.deepEqual(await csms.send('TRG-2', 'ExtendedTriggerMessage', { requestedMessage: 'SignChargePointCertificate' }), { status: 'Accepted' });
    const sign = await csms.nextCall('SignCertificate');
    assert.match(sign.payload.csr, /^-----BEGIN CERTIFICATE REQUEST-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE REQUEST-----\n$/);
    assert.ok(cp.state.chargePointPrivateKeyPem?.includes('PRIVATE KEY'));
    await csms.send('TRG-2', 'ExtendedTriggerMessage', { requestedMessage: 'LogStatusNotification' });
    assert.deepEqual((await csms.nextCall('LogStatusNotification')).payload, { status: 'Idle' });
    await csms.send('TRG-2', 'ExtendedTriggerMessage', { requestedMessage: 'FirmwareStatusNotification' });
    assert.deepEqual((await csms.nextCall('SignedFirmwareStatusNotification')).payload, { status: 'Idle' });
    assert.deepEqual(await csms.send('TRG-2', 'ExtendedTriggerMessage', { requestedMessage: 'StatusNotification', connectorId: 9 }), {
      status: 'Rejected',
    });
  });
});

describe('smart charging', () => {
  const profile = (over: Partial<ChargingProfile> = {}): ChargingProfile => ({
    chargingProfileId: 1,
    stackLevel: 0,
    chargingProfilePurpose: 'TxDefaultProfile',
    chargingProfileKind: 'Absolute',
    chargingSchedule: {
      chargingRateUnit: 'A',
      startSchedule: new Date(Date.now() - 1000).toISOString(),
      chargingSchedulePeriod: [{ startPeriod: 0, limit: 10 }],
    },
    ...over,
  });

  test('SetChargingProfile rules, ClearChargingProfile, GetCompositeSchedule', async () => {
    const cp = await bootedCp('SC-1');
    const set = (connectorId: number, p: ChargingProfile) =>
      csms.send('SC-1', 'SetChargingProfile', { connectorId, csChargingProfiles: p }).then((c) => c.status);
    assert.equal(await set(1, profile()), 'Accepted');
    assert.equal(await set(1, profile({ chargingProfileId: 2 })), 'Accepted', 'same stackLevel+purpose replaces');
    assert.equal(cp.state.chargingProfiles.profiles.length, 1);
    assert.equal(await set(1, profile({ chargingProfileId: 3, chargingProfilePurpose: 'TxProfile' })), 'Rejected', 'TxProfile needs a transaction');
    assert.equal(
      await set(1, profile({ chargingProfileId: 4, chargingProfilePurpose: 'ChargePointMaxProfile' })),
      'Rejected',
      'ChargePointMaxProfile only on 0',
    );
    assert.equal(await set(0, profile({ chargingProfileId: 4, chargingProfilePurpose: 'ChargePointMaxProfile', stackLevel: 1 })), 'Accepted');
    assert.equal(await set(1, profile({ chargingProfileId: 5, stackLevel: 99 })), 'Rejected', 'beyond ChargeProfileMaxStackLevel');
    assert.equal(await set(9, profile({ chargingProfileId: 6 })), 'Rejected');

    const composite = await csms.send('SC-1', 'GetCompositeSchedule', { connectorId: 1, duration: 3600 });
    assert.equal(composite.status, 'Accepted');
    assert.equal(composite.connectorId, 1);
    assert.equal(composite.chargingSchedule?.chargingRateUnit, 'A');
    assert.deepEqual(composite.chargingSchedule?.chargingSchedulePeriod, [{ startPeriod: 0, limit: 10 }]);
    const inW = await csms.send('SC-1', 'GetCompositeSchedule', { connectorId: 1, duration: 60, chargingRateUnit: 'W' });
    assert.deepEqual(inW.chargingSchedule?.chargingSchedulePeriod, [{ startPeriod: 0, limit: 6900 }]);
    assert.deepEqual(await csms.send('SC-1', 'GetCompositeSchedule', { connectorId: 5, duration: 60 }), { status: 'Rejected' });

    // TxProfile with a transaction, removed when the transaction ends.
    const txId = await cp.startSession({ connectorId: 1, idTag: 'T' });
    assert.equal(
      await set(
        1,
        profile({
          chargingProfileId: 7,
          chargingProfilePurpose: 'TxProfile',
          transactionId: txId,
          chargingSchedule: { chargingRateUnit: 'W', chargingSchedulePeriod: [{ startPeriod: 0, limit: 4500 }] },
          chargingProfileKind: 'Relative',
        }),
      ),
      'Accepted',
    );
    assert.equal(connector(cp, 1).meter.power, 4500, 'the meter follows the limit');
    await cp.stopSession({ connectorId: 1, reason: 'Local' });
    assert.equal(
      cp.state.chargingProfiles.profiles.some((p) => p.profile.chargingProfileId === 7),
      false,
    );

    assert.deepEqual(await csms.send('SC-1', 'ClearChargingProfile', { id: 4 }), { status: 'Accepted' });
    assert.deepEqual(await csms.send('SC-1', 'ClearChargingProfile', { id: 4 }), { status: 'Unknown' });
    assert.deepEqual(await csms.send('SC-1', 'ClearChargingProfile', { chargingProfilePurpose: 'TxDefaultProfile' }), { status: 'Accepted' });
    assert.equal(cp.state.chargingProfiles.profiles.length, 0);
  });

  test('RemoteStartTransaction with a TxProfile installs it for the new transaction', async () => {
    const cp = await bootedCp('SC-2');
    const conf = await csms.send('SC-2', 'RemoteStartTransaction', {
      connectorId: 1,
      idTag: 'T',
      chargingProfile: profile({
        chargingProfilePurpose: 'TxProfile',
        chargingProfileKind: 'Relative',
        chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 6 }] },
      }),
    });
    assert.deepEqual(conf, { status: 'Accepted' });
    await csms.nextCallOf('StartTransaction');
    await csms.nextCallOf('StatusNotification');
    const installed = cp.state.chargingProfiles.profiles[0];
    assert.ok(installed, 'a profile is installed');
    assert.equal(installed.profile.transactionId, connector(cp, 1).transactionId);
  });
});

describe('firmware and diagnostics', () => {
  test('UpdateFirmware: Downloading (real HTTP GET), Downloaded, Installing, reboot + boot, Installed', async () => {
    const cp = await bootedCp('FW-1');
    const conf = await csms.send('FW-1', 'UpdateFirmware', { location: `${files.base}/redirect`, retrieveDate: new Date().toISOString() });
    assert.deepEqual(conf, {});
    const statuses: string[] = [];
    for (;;) {
      const call = await csms.nextCall(undefined, 5000);
      if (call.action !== 'FirmwareStatusNotification') statuses.push(call.action);
      else {
        statuses.push(call.payload.status);
        if (call.payload.status === 'Installed') break;
      }
    }
    assert.deepEqual(statuses, [
      'Downloading',
      'Downloaded',
      'Installing',
      'BootNotification',
      'StatusNotification',
      'StatusNotification',
      'StatusNotification',
      'Installed',
    ]);
    await eventually(() => cp.state.firmwareStatus === 'Idle');
  });

  test('UpdateFirmware: DownloadFailed after the retries', async () => {
    await bootedCp('FW-2');
    await csms.send('FW-2', 'UpdateFirmware', {
      location: `${files.base}/missing.bin`,
      retrieveDate: new Date().toISOString(),
      retries: 1,
      retryInterval: 0,
    });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await csms.nextCall('FirmwareStatusNotification')).payload.status);
    assert.deepEqual(statuses, ['Downloading', 'Downloading', 'DownloadFailed']);
  });

  test('GetDiagnostics: fileName, Uploading, real multipart POST (field "file"), Uploaded; UploadFailed on error', async () => {
    await bootedCp('DIAG-1');
    const conf = await csms.send('DIAG-1', 'GetDiagnostics', { location: `${files.base}/upload` });
    assert.match(conf.fileName ?? '', /^DIAG-1-diagnostics-\d{8}T\d{6}Z\.txt$/);
    assert.deepEqual((await csms.nextCall('DiagnosticsStatusNotification')).payload, { status: 'Uploading' });
    assert.deepEqual((await csms.nextCall('DiagnosticsStatusNotification')).payload, { status: 'Uploaded' });
    const up = files.uploads.at(-1)!;
    assert.equal(up.method, 'POST');
    assert.match(up.contentType, /^multipart\/form-data; boundary=/);
    assert.match(up.body.toString(), new RegExp(`name="file"; filename="${conf.fileName}"`));
    assert.match(up.body.toString(), /connector 1: Available/);

    await csms.send('DIAG-1', 'GetDiagnostics', { location: `${files.base}/fail` });
    assert.deepEqual((await csms.nextCall('DiagnosticsStatusNotification')).payload, { status: 'Uploading' });
    assert.deepEqual((await csms.nextCall('DiagnosticsStatusNotification')).payload, { status: 'UploadFailed' });
  });

  test('a station that cannot reach the file server: no request reaches it, the upload ends UploadFailed', async () => {
    await bootedCp('DIAG-2', { transfer: { unreachable: true } });
    const before = files.uploads.length;
    const conf = await csms.send('DIAG-2', 'GetDiagnostics', { location: `${files.base}/upload` });
    assert.match(conf.fileName ?? '', /^DIAG-2-diagnostics-/);
    assert.deepEqual((await csms.nextCall('DiagnosticsStatusNotification')).payload, { status: 'Uploading' });
    assert.deepEqual((await csms.nextCall('DiagnosticsStatusNotification')).payload, { status: 'UploadFailed' });
    assert.equal(files.uploads.length, before, 'nothing arrived at the file server');
  });

  test('GetDiagnostics over FTP (STOR) and firmware over FTP (RETR)', async () => {
    await bootedCp('FTP-1');
    const conf = await csms.send('FTP-1', 'GetDiagnostics', { location: `${ftp.base}/diag/` });
    await csms.nextCall('DiagnosticsStatusNotification');
    assert.deepEqual((await csms.nextCall('DiagnosticsStatusNotification')).payload, { status: 'Uploaded' });
    assert.match(ftp.files.get(`/diag/${conf.fileName}`)!.toString(), /Diagnostics of FTP-1/);

    ftp.files.set('/fw/image.bin', FIRMWARE);
    await csms.send('FTP-1', 'UpdateFirmware', { location: `${ftp.base}/fw/image.bin`, retrieveDate: new Date().toISOString() });
    assert.equal((await csms.nextCall('FirmwareStatusNotification')).payload.status, 'Downloading');
    assert.equal((await csms.nextCall('FirmwareStatusNotification')).payload.status, 'Downloaded');
    await csms.nextCallOf('FirmwareStatusNotification');
    // Let the reboot finish before closing.
    await csms.nextCallOf('FirmwareStatusNotification', 5000);
  });

  test('GetLog: Accepted + filename, LogStatusNotification Uploading/Uploaded with the requestId (PUT upload)', async () => {
    await bootedCp('LOG-1', { transfer: { httpUploadMethod: 'PUT' } });
    const conf = await csms.send('LOG-1', 'GetLog', { logType: 'SecurityLog', requestId: 42, log: { remoteLocation: `${files.base}/logs` } });
    assert.equal(conf.status, 'Accepted');
    assert.match(conf.filename ?? '', /SecurityLog/);
    assert.deepEqual((await csms.nextCall('LogStatusNotification')).payload, { status: 'Uploading', requestId: 42 });
    assert.deepEqual((await csms.nextCall('LogStatusNotification')).payload, { status: 'Uploaded', requestId: 42 });
    assert.equal(files.uploads.at(-1)!.method, 'PUT');
  });
});

describe('security', () => {
  test('InstallCertificate / GetInstalledCertificateIds / DeleteCertificate with hash data from the PEM', async () => {
    await bootedCp('SEC-1');
    assert.deepEqual(await csms.send('SEC-1', 'GetInstalledCertificateIds', { certificateType: 'CentralSystemRootCertificate' }), {
      status: 'NotFound',
    });
    assert.deepEqual(await csms.send('SEC-1', 'InstallCertificate', { certificateType: 'CentralSystemRootCertificate', certificate: ROOT_PEM }), {
      status: 'Accepted',
    });
    assert.deepEqual(
      await csms.send('SEC-1', 'InstallCertificate', { certificateType: 'ManufacturerRootCertificate', certificate: MANUFACTURER_PEM }),
      { status: 'Accepted' },
    );
    assert.deepEqual(await csms.send('SEC-1', 'InstallCertificate', { certificateType: 'CentralSystemRootCertificate', certificate: 'garbage' }), {
      status: 'Rejected',
    });
    const ids = await csms.send('SEC-1', 'GetInstalledCertificateIds', { certificateType: 'CentralSystemRootCertificate' });
    assert.deepEqual(ids, { status: 'Accepted', certificateHashData: [ROOT_HASH] });
    assert.deepEqual(await csms.send('SEC-1', 'DeleteCertificate', { certificateHashData: ROOT_HASH }), { status: 'Accepted' });
    assert.deepEqual(await csms.send('SEC-1', 'DeleteCertificate', { certificateHashData: ROOT_HASH }), { status: 'NotFound' });
    assert.deepEqual(await csms.send('SEC-1', 'CertificateSigned', { certificateChain: ROOT_PEM }), { status: 'Accepted' });
    assert.deepEqual(await csms.send('SEC-1', 'CertificateSigned', { certificateChain: 'nope' }), { status: 'Rejected' });
    assert.equal((await csms.nextCall('SecurityEventNotification')).payload.type, 'InvalidChargePointCertificate');
  });

  test('SignedUpdateFirmware: verified signature → full status sequence; bad signature → InvalidSignature; bad cert → InvalidCertificate', async () => {
    await bootedCp('SEC-2', { verifyFirmwareSignature: true });
    const signature = createSign('sha256').update(FIRMWARE).sign(MANUFACTURER_KEY).toString('base64');
    const firmware = {
      location: `${files.base}/fw.bin`,
      retrieveDateTime: new Date().toISOString(),
      signingCertificate: MANUFACTURER_PEM,
      signature,
    };
    assert.deepEqual(await csms.send('SEC-2', 'SignedUpdateFirmware', { requestId: 5, firmware }), { status: 'Accepted' });
    const seen: string[] = [];
    for (;;) {
      const call = await csms.nextCall(undefined, 5000);
      if (call.action === 'SignedFirmwareStatusNotification') {
        assert.equal(call.payload.requestId, 5);
        seen.push(call.payload.status);
      } else seen.push(call.action === 'SecurityEventNotification' ? `SEN:${call.payload.type}` : call.action);
      if (call.action === 'SecurityEventNotification') break;
    }
    assert.deepEqual(seen, [
      'Downloading',
      'Downloaded',
      'SignatureVerified',
      'Installing',
      'InstallRebooting',
      'BootNotification',
      'StatusNotification',
      'StatusNotification',
      'StatusNotification',
      'Installed',
      'SEN:FirmwareUpdated',
    ]);

    const bad = { ...firmware, signature: Buffer.from('not a signature').toString('base64') };
    await csms.send('SEC-2', 'SignedUpdateFirmware', { requestId: 6, firmware: bad });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await csms.nextCall('SignedFirmwareStatusNotification')).payload.status);
    assert.deepEqual(statuses, ['Downloading', 'Downloaded', 'InvalidSignature']);
    assert.equal((await csms.nextCall('SecurityEventNotification')).payload.type, 'InvalidFirmwareSignature');

    assert.deepEqual(await csms.send('SEC-2', 'SignedUpdateFirmware', { requestId: 7, firmware: { ...firmware, signingCertificate: 'bad' } }), {
      status: 'InvalidCertificate',
    });
    assert.equal((await csms.nextCall('SecurityEventNotification')).payload.type, 'InvalidFirmwareSigningCertificate');
  });
});

describe('TLS', () => {
  test('wss: TLS options are passed through (self-signed server refused unless rejectUnauthorized: false)', async () => {
    const server = https.createServer({ cert: MANUFACTURER_PEM, key: MANUFACTURER_KEY });
    const wss = new WebSocketServer({ server, handleProtocols: (p) => (p.has('ocpp1.6') ? 'ocpp1.6' : false) });
    const seen: string[] = [];
    wss.on('connection', (_ws, req) => seen.push(req.url ?? ''));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `wss://127.0.0.1:${(server.address() as AddressInfo).port}/ocpp`;
    try {
      const strict = new SimulatedChargePoint({ url, identity: 'TLS-1' });
      await assert.rejects(strict.connect());
      await strict.close();
      const lenient = new SimulatedChargePoint({ url, identity: 'TLS-2', rejectUnauthorized: false });
      await lenient.connect();
      assert.equal(lenient.protocol, 'ocpp1.6');
      await lenient.close();
      assert.deepEqual(seen, ['/ocpp/TLS-2']);
    } finally {
      for (const c of wss.clients) c.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
