/** What the frame packer (frame-packer.ts) and its worker (pack-worker.ts) say to each other, and the packing both do. */
import { packFrames, packText, packTextAgainst, type PackedFrames } from './index.js';

/** The arguments of one `packFrames` call (index.ts). */
export interface PackRequest {
  first: string;
  second: string | null;
  dictionary: number;
  /** The meter reading's text, for dictionary `WITH_READING` only. */
  reading: string | null;
}

/** A meter reading's sampled values (JSON), packed against its transaction's key reading when there is one. */
export interface ReadingPackRequest {
  text: string;
  key: { id: number; text: string } | null;
}

/** One exchange's message-log row and the meter readings its CALL stored. */
export interface ExchangePackRequest {
  frames: PackRequest;
  readings: ReadingPackRequest[];
}

export interface PackedExchange {
  frames: PackedFrames;
  readings: Buffer[];
}

export interface PackJob extends ExchangePackRequest {
  id: number;
}

/** One result: the packed bytes (each an ArrayBuffer of its own, transferred), or why packing failed. */
export type PackResult =
  { id: number; ok: true; frames: Uint8Array; secondAt: number | null; readings: Uint8Array[] } | { id: number; ok: false; message: string };

export type PackerMessage = { kind: 'ready' } | { kind: 'packed'; results: PackResult[] };

/** The packing itself, the same on either thread: the same bytes wherever it runs. */
export function packExchange(request: ExchangePackRequest): PackedExchange {
  return { frames: packRow(request.frames), readings: request.readings.map((r) => packReading(r.text, r.key)) };
}

/** A message-log row's frames (index.ts `packFrames`). */
export function packRow({ first, second, dictionary, reading }: PackRequest): PackedFrames {
  return packFrames(first, second, dictionary, reading);
}

/** A meter reading's sampled values, against its transaction's key reading when it has one (index.ts). */
export function packReading(text: string, key: ReadingPackRequest['key']): Buffer {
  return key ? packTextAgainst(text, key.id, key.text) : packText(text);
}
