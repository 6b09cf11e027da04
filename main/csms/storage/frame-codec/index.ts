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

const DICTIONARIES: ReadonlyMap<number, Buffer> = new Map([[1, Buffer.from(DICTIONARY_V1, 'utf8')]]);

/**
 * A 16 KiB window holds the 6 KiB dictionary and any ordinary frame; measured faster than the default 32 KiB (less
 * memory to set up per call), same size. Inflating only needs a window at least this large.
 */
const WINDOW_BITS = 14;
const INFLATE_WINDOW_BITS = 15;

export interface PackedFrames {
  dictionary: number;
  bytes: Buffer;
  /** Byte offset of the second frame in the unpacked bytes; null when there is one frame. */
  secondAt: number | null;
}

export function packFrames(first: string, second: string | null = null, dictionary = CURRENT_DICTIONARY): PackedFrames {
  const head = Buffer.from(first, 'utf8');
  const plain = second === null ? head : Buffer.concat([head, Buffer.from(second, 'utf8')]);
  const secondAt = second === null ? null : head.length;
  if (dictionary === PLAIN) return { dictionary, bytes: plain, secondAt };
  const dict = DICTIONARIES.get(dictionary);
  if (!dict) throw new Error(`unknown message-log dictionary ${dictionary}`);
  return { dictionary, bytes: deflateRawSync(plain, { dictionary: dict, level: 9, windowBits: WINDOW_BITS }), secondAt };
}

/** The frames of a row: exactly the strings packed. */
export function unpackFrames(dictionary: number, bytes: Uint8Array, secondAt: number | null): [string, string | null] {
  const plain = unpackBytes(dictionary, bytes);
  if (secondAt === null) return [plain.toString('utf8'), null];
  return [plain.subarray(0, secondAt).toString('utf8'), plain.subarray(secondAt).toString('utf8')];
}

function unpackBytes(dictionary: number, bytes: Uint8Array): Buffer {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes);
  if (dictionary === PLAIN) return buffer;
  const dict = DICTIONARIES.get(dictionary);
  if (!dict) throw new Error(`unknown message-log dictionary ${dictionary}`);
  return inflateRawSync(buffer, { dictionary: dict, windowBits: INFLATE_WINDOW_BITS });
}

/**
 * One text compressed on its own (a meter reading's sampled values, migration 0012): the dictionary version in the
 * first byte, then the deflated UTF-8.
 */
export function packText(text: string, dictionary = CURRENT_DICTIONARY): Buffer {
  const { bytes } = packFrames(text, null, dictionary);
  return Buffer.concat([Buffer.from([dictionary]), bytes]);
}

export function unpackText(packed: Uint8Array): string {
  const buffer = Buffer.isBuffer(packed) ? packed : Buffer.from(packed);
  if (buffer.length === 0) throw new Error('empty packed text');
  return unpackFrames(buffer[0]!, buffer.subarray(1), null)[0];
}
