/** What the frame packer (frame-packer.ts) and its worker (pack-worker.ts) say to each other. */

/** The arguments of one `packFrames` call (index.ts). */
export interface PackRequest {
  first: string;
  second: string | null;
  dictionary: number;
  /** The meter reading's text, for dictionary `WITH_READING` only. */
  reading: string | null;
}

export interface PackJob extends PackRequest {
  id: number;
}

/** One result: the packed bytes (an ArrayBuffer of their own, transferred), or why packing failed. */
export type PackResult = { id: number; ok: true; bytes: Uint8Array; secondAt: number | null } | { id: number; ok: false; message: string };

export type PackerMessage = { kind: 'ready' } | { kind: 'packed'; results: PackResult[] };
