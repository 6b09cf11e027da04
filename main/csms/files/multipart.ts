/**
 * Streaming multipart/form-data reader for one file part (RFC 7578): feed it the request body chunk by chunk, it
 * returns the bytes of the file part. The file part is the first part with a `filename` parameter, or else the first
 * part named `file`; other parts are skipped (bounded). Headers of a part are capped at 16 KiB.
 */

const MAX_PART_HEADER_BYTES = 16 * 1024;

export class MultipartError extends Error {}

/** The boundary of a `multipart/form-data; boundary=...` content type, or undefined. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\b/i.test(contentType)) return undefined;
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}

type State = 'preamble' | 'afterDelimiter' | 'headers' | 'body' | 'done';

export class MultipartFileReader {
  private readonly delimiter: Buffer;
  // The body starts with "--boundary" (no CRLF before it): prepend one so every delimiter is "\r\n--boundary".
  private buffer: Buffer = Buffer.from('\r\n');
  private state: State = 'preamble';
  private inFilePart = false;
  private fileSeen = false;
  /** `filename` of the file part (undefined until its headers were read, '' when the part had none). */
  fileName: string | undefined;

  constructor(boundary: string) {
    this.delimiter = Buffer.from(`\r\n--${boundary}`);
  }

  /** True once the closing delimiter was read. */
  get done(): boolean {
    return this.state === 'done';
  }

  /** True once a file part was complete. */
  get complete(): boolean {
    return this.fileSeen && !this.inFilePart;
  }

  /** Feed a chunk; returns the file bytes it completed. */
  push(chunk: Buffer): Buffer[] {
    const out: Buffer[] = [];
    if (this.state === 'done') return out;
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      if (this.state === 'preamble' || this.state === 'body') {
        const at = this.buffer.indexOf(this.delimiter);
        if (at < 0) {
          // Keep what could be the start of a delimiter; the rest is data.
          const keep = Math.min(this.buffer.length, this.delimiter.length - 1);
          const data = this.buffer.subarray(0, this.buffer.length - keep);
          if (this.state === 'body' && this.inFilePart && data.length) out.push(Buffer.from(data));
          this.buffer = Buffer.from(this.buffer.subarray(this.buffer.length - keep));
          if (this.state === 'preamble' && this.buffer.length > MAX_PART_HEADER_BYTES) throw new MultipartError('no multipart boundary found');
          return out;
        }
        if (this.state === 'body' && this.inFilePart && at > 0) out.push(Buffer.from(this.buffer.subarray(0, at)));
        if (this.inFilePart) {
          this.inFilePart = false;
          this.fileSeen = true;
        }
        this.buffer = this.buffer.subarray(at + this.delimiter.length);
        this.state = 'afterDelimiter';
        continue;
      }
      if (this.state === 'afterDelimiter') {
        if (this.buffer.length < 2) return out;
        const two = this.buffer.subarray(0, 2).toString('latin1');
        if (two === '--') {
          this.state = 'done';
          this.buffer = Buffer.alloc(0);
          return out;
        }
        // Transport padding (spaces/tabs) may precede the CRLF.
        const eol = this.buffer.indexOf('\r\n');
        if (eol < 0) {
          if (this.buffer.length > 256) throw new MultipartError('malformed multipart delimiter line');
          return out;
        }
        this.buffer = this.buffer.subarray(eol + 2);
        this.state = 'headers';
        continue;
      }
      if (this.state === 'headers') {
        const end = this.buffer.indexOf('\r\n\r\n');
        const headerBlock = end === 0 ? '' : undefined;
        if (end < 0 && headerBlock === undefined) {
          if (this.buffer.length > MAX_PART_HEADER_BYTES) throw new MultipartError('multipart part headers too large');
          return out;
        }
        const text = this.buffer.subarray(0, end).toString('utf8');
        this.buffer = this.buffer.subarray(end + 4);
        this.state = 'body';
        const disposition = /^content-disposition:(.*)$/im.exec(text)?.[1] ?? '';
        const fileName = dispositionParam(disposition, 'filename');
        const name = dispositionParam(disposition, 'name');
        if (!this.fileSeen && this.fileName === undefined && (fileName !== undefined || name === 'file')) {
          this.inFilePart = true;
          this.fileName = fileName ?? '';
        }
        continue;
      }
      return out;
    }
  }
}

function dispositionParam(disposition: string, key: string): string | undefined {
  const star = new RegExp(`;\\s*${key}\\*=(?:UTF-8|utf-8)''([^;\\s]*)`).exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]!);
    } catch {
      /* fall through */
    }
  }
  const m = new RegExp(`;\\s*${key}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, 'i').exec(disposition);
  if (!m) return undefined;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2];
}
