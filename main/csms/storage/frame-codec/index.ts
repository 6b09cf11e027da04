import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { DICTIONARY_V1 } from './dictionary-v1.js';

/**
 * How the message log stores frames (migration 0011): the one or two frames of a row, UTF-8, one after the other,
 * deflated together (RFC 1951, raw) with a preset dictionary of typical OCPP 1.6 frames, so a MeterValues CALL of
 * ~930 bytes takes ~100. Lossless: the text read back is the text stored, byte for byte. Each row names the
 * dictionary version it was written with; a version's dictionary never changes (dictionary-v1.ts).
 */

/** Version 0: the UTF-8 bytes as they are (no compression). */
export const PLAIN = 0;
/** The version new rows are written with. */
export const CURRENT_DICTIONARY = 1;
/**
 * Version 2: dictionary v1 followed by the row's meter reading (its timestamp, then its sampled values as JSON, as
 * the `meter_values` view reads them): a MeterValues CALL then stores little more than what the reading does not already hold, so a
 * reading is not stored twice (migration 0011).
 */
export const WITH_READING = 2;

const DICTIONARIES: ReadonlyMap<number, Buffer> = new Map([[1, Buffer.from(DICTIONARY_V1, 'utf8')]]);

/**
 * Deflating uses a 16 KiB window: it holds the 6 KiB dictionary, a meter reading and any ordinary frame, and costs
 * far less to set up per call than the 32 KiB default (a MeterValues' two deflates: 79 → 65 µs measured), same size.
 * A dictionary longer than the window is used by its last 16 KiB only, which stays readable: inflating always uses
 * the full 32 KiB window and the whole dictionary, and back-references never reach further than the deflater saw.
 */
const WINDOW_BITS = 14;
const INFLATE_WINDOW_BITS = 15;
/**
 * Output buffer of a deflate call: a packed frame or reading is mostly under 256 bytes, and allocating zlib's default
 * 16 KiB per call was measurable (one deflate of a MeterValues exchange: 23 → 17 µs, best of 25 rounds); a larger
 * output just takes more rounds of the same loop.
 */
const DEFLATE_CHUNK_BYTES = 256;

export interface PackedFrames {
  dictionary: number;
  bytes: Buffer;
  /** Byte offset of the second frame in the unpacked bytes; null when there is one frame. */
  secondAt: number | null;
}

/** Largest reading used as dictionary: with v1 it must fit deflate's 32 KiB window. */
const MAX_READING_BYTES = 16 * 1024;

/** Whether a reading of this JSON can be a dictionary (version 2). */
export function fitsAsDictionary(readingJson: string): boolean {
  return Buffer.byteLength(readingJson, 'utf8') <= MAX_READING_BYTES;
}

function dictionaryOf(dictionary: number, reading: string | null): Buffer {
  const v1 = DICTIONARIES.get(1)!;
  if (dictionary === WITH_READING) {
    if (reading === null) throw new Error('dictionary 2 needs the meter reading');
    return Buffer.concat([v1, Buffer.from(reading, 'utf8')]);
  }
  const dict = DICTIONARIES.get(dictionary);
  if (!dict) throw new Error(`unknown message-log dictionary ${dictionary}`);
  return dict;
}

/** `reading`: the meter reading's JSON, for version 2 only. */
export function packFrames(
  first: string,
  second: string | null = null,
  dictionary = CURRENT_DICTIONARY,
  reading: string | null = null,
): PackedFrames {
  const head = Buffer.from(first, 'utf8');
  const plain = second === null ? head : Buffer.concat([head, Buffer.from(second, 'utf8')]);
  const secondAt = second === null ? null : head.length;
  if (dictionary === PLAIN) return { dictionary, bytes: plain, secondAt };
  return {
    dictionary,
    bytes: deflateRawSync(plain, {
      dictionary: dictionaryOf(dictionary, reading),
      level: 9,
      windowBits: WINDOW_BITS,
      chunkSize: DEFLATE_CHUNK_BYTES,
    }),
    secondAt,
  };
}

/** The frames of a row: exactly the strings packed. */
export function unpackFrames(dictionary: number, bytes: Uint8Array, secondAt: number | null, reading: string | null = null): [string, string | null] {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes);
  const plain =
    dictionary === PLAIN ? buffer : inflateRawSync(buffer, { dictionary: dictionaryOf(dictionary, reading), windowBits: INFLATE_WINDOW_BITS });
  if (secondAt === null) return [plain.toString('utf8'), null];
  return [plain.subarray(0, secondAt).toString('utf8'), plain.subarray(secondAt).toString('utf8')];
}

/**
 * One text compressed on its own (a meter reading's sampled values, migration 0012): the dictionary version in the
 * first byte, then the deflated UTF-8.
 */
export function packText(text: string, dictionary = CURRENT_DICTIONARY): Buffer {
  const { bytes } = packFrames(text, null, dictionary);
  return Buffer.concat([Buffer.from([dictionary]), bytes]);
}

/**
 * Version 3 of a packed text: deflated against dictionary v1 followed by a key text, stored elsewhere (a meter
 * reading against the first reading of its transaction, whose sampled values it mostly repeats). The key's id
 * follows the version byte (6 bytes, big-endian); the key itself is always a version 0/1 text.
 */
export const AGAINST_KEY = 3;
const KEY_ID_BYTES = 6;

export function packTextAgainst(text: string, keyId: number, keyText: string): Buffer {
  const header = Buffer.alloc(1 + KEY_ID_BYTES);
  header[0] = AGAINST_KEY;
  header.writeUIntBE(keyId, 1, KEY_ID_BYTES);
  const bytes = deflateRawSync(Buffer.from(text, 'utf8'), {
    dictionary: Buffer.concat([DICTIONARIES.get(1)!, Buffer.from(keyText, 'utf8')]),
    level: 9,
    windowBits: WINDOW_BITS,
    chunkSize: DEFLATE_CHUNK_BYTES,
  });
  return Buffer.concat([header, bytes]);
}

/** The key a version-3 packed text was written against; null for other versions. */
export function packedKeyId(packed: Uint8Array): number | null {
  const buffer = Buffer.isBuffer(packed) ? packed : Buffer.from(packed);
  return buffer[0] === AGAINST_KEY ? buffer.readUIntBE(1, KEY_ID_BYTES) : null;
}

/** `keyText`: for version 3, the key's text (null when the key is gone: an error). */
export function unpackText(packed: Uint8Array, keyText: string | null = null): string {
  const buffer = Buffer.isBuffer(packed) ? packed : Buffer.from(packed);
  if (buffer.length === 0) throw new Error('empty packed text');
  if (buffer[0] === AGAINST_KEY) {
    if (keyText === null) throw new Error(`packed text needs key ${packedKeyId(buffer)}, which is gone`);
    return inflateRawSync(buffer.subarray(1 + KEY_ID_BYTES), {
      dictionary: Buffer.concat([DICTIONARIES.get(1)!, Buffer.from(keyText, 'utf8')]),
      windowBits: INFLATE_WINDOW_BITS,
    }).toString('utf8');
  }
  return unpackFrames(buffer[0]!, buffer.subarray(1), null)[0];
}
