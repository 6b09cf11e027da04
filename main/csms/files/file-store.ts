/**
 * Files the central system serves to and receives from stations (README "Firmware and diagnostics files"), under `<dataDir>/files/`:
 * - `firmware/<name>`: firmware images the operator added, served by the HTTP file server. Hidden metadata
 *   (sha256, time added, original name) in `firmware/.meta/<name>.json`.
 * - `uploads/<station dir>/<name>`: diagnostics and logs received from one station (HTTP or FTP).
 *
 * Names from the operator or the network are never trusted: only the last path segment is kept, `..` is refused,
 * anything outside `[A-Za-z0-9._-]` becomes `_`, and a name already taken gets a `-1`, `-2`, ... suffix. Files being
 * written are hidden (`.partial-*`) until complete; sizes are capped while streaming.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, type WriteStream } from 'node:fs';
import { rename, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hasControlCharacter } from '../domain/control-characters.js';

export const DEFAULT_MAX_FIRMWARE_BYTES = 512 * 1024 * 1024;
export const DEFAULT_MAX_UPLOAD_BYTES = 256 * 1024 * 1024;
const MAX_NAME_LENGTH = 128;
const MAX_STATION_ID_LENGTH = 64;

export class FileStoreError extends Error {
  constructor(
    readonly code: 'bad-name' | 'too-large' | 'not-found',
    message: string,
  ) {
    super(message);
    this.name = 'FileStoreError';
  }
}

export interface FirmwareFile {
  name: string;
  size: number;
  sha256: string;
  addedAt: string;
  /** The name the operator gave, before sanitizing. */
  originalName: string;
}

export interface UploadedFile {
  chargePointId: string;
  name: string;
  size: number;
  receivedAt: string;
}

export interface FileStoreOptions {
  dataDir: string;
  maxFirmwareBytes?: number;
  maxUploadBytes?: number;
  /** Called after addFirmware stored a file (startFileServices emits `file.stored` from it). */
  onFirmwareAdded?: (file: FirmwareFile) => void;
}

/** A name segment as given on the network or by the operator is never acceptable as-is when it is one of these. */
function refusedSegment(segment: string): boolean {
  return segment === '' || segment === '.' || segment === '..' || segment.includes('\0');
}

/**
 * Keep only a safe file name: last path segment (both separators), `[A-Za-z0-9._-]`, no leading dot, capped
 * length. Throws FileStoreError('bad-name') when nothing usable is left or a `..` segment was given.
 */
export function sanitizeFileName(input: string): string {
  const segments = String(input).split(/[\\/]/);
  if (segments.some((s) => s === '..')) throw new FileStoreError('bad-name', 'file name must not contain ".."');
  const last = segments[segments.length - 1] ?? '';
  let name = last
    .normalize('NFC')
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^[.]+/, '')
    .replace(/_{2,}/g, '_');
  if (name.length > MAX_NAME_LENGTH) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
    name = name.slice(0, MAX_NAME_LENGTH - ext.length) + ext;
  }
  if (refusedSegment(name) || /^_*$/.test(name)) throw new FileStoreError('bad-name', `unusable file name ${JSON.stringify(input)}`);
  return name;
}

/** A station id as a directory name: injective (unsafe bytes percent-encoded), never `.`/`..`. */
export function stationDirName(chargePointId: string): string {
  if (refusedSegment(chargePointId) || chargePointId.length > MAX_STATION_ID_LENGTH || hasControlCharacter(chargePointId))
    throw new FileStoreError('bad-name', `unusable station id ${JSON.stringify(chargePointId)}`);
  return encodeURIComponent(chargePointId)
    .replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/^\./, '%2E');
}

function withSuffix(name: string, n: number): string {
  if (n === 0) return name;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)}-${n}${name.slice(dot)}` : `${name}-${n}`;
}

/** A file being received: write chunks (size-capped), then commit (visible under a unique name) or abort. */
export interface FileSink {
  readonly bytes: number;
  write(chunk: Buffer): Promise<void>;
  commit(): Promise<{ name: string; size: number; sha256: string }>;
  abort(): Promise<void>;
}

export class FileStore {
  readonly root: string;
  readonly firmwareDir: string;
  readonly uploadsDir: string;
  readonly maxFirmwareBytes: number;
  readonly maxUploadBytes: number;
  /** Final names claimed by sinks still committing (one process owns the data folder). */
  private readonly reserved = new Set<string>();
  private readonly onFirmwareAdded?: (file: FirmwareFile) => void;

  constructor(options: FileStoreOptions) {
    this.onFirmwareAdded = options.onFirmwareAdded;
    this.root = join(options.dataDir, 'files');
    this.firmwareDir = join(this.root, 'firmware');
    this.uploadsDir = join(this.root, 'uploads');
    this.maxFirmwareBytes = options.maxFirmwareBytes ?? DEFAULT_MAX_FIRMWARE_BYTES;
    this.maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
    mkdirSync(join(this.firmwareDir, '.meta'), { recursive: true });
    mkdirSync(this.uploadsDir, { recursive: true });
  }

  // ---------------------------------------------------------------------------------------------------------- firmware

  /** Add a firmware file (operator). Returns it with its stored (sanitized, unique) name. */
  async addFirmware(name: string, content: Buffer | Uint8Array | AsyncIterable<Uint8Array>): Promise<FirmwareFile> {
    const wanted = sanitizeFileName(name);
    const sink = this.openSink(this.firmwareDir, wanted, this.maxFirmwareBytes);
    try {
      if (content instanceof Uint8Array) await sink.write(Buffer.from(content.buffer, content.byteOffset, content.byteLength));
      else for await (const chunk of content) await sink.write(Buffer.from(chunk));
    } catch (err) {
      await sink.abort();
      throw err;
    }
    const stored = await sink.commit();
    const meta = { sha256: stored.sha256, addedAt: new Date().toISOString(), originalName: String(name).slice(0, 256) };
    await writeFile(this.metaPath(stored.name), JSON.stringify(meta));
    const file = { name: stored.name, size: stored.size, ...meta };
    this.onFirmwareAdded?.(file);
    return file;
  }

  /** Every firmware file, newest first. Files dropped into the folder by hand get their sha256 computed once. */
  async listFirmware(): Promise<FirmwareFile[]> {
    const out: FirmwareFile[] = [];
    for (const entry of readdirSync(this.firmwareDir, { withFileTypes: true })) {
      if (!entry.isFile() || entry.name.startsWith('.')) continue;
      const file = await this.firmwareInfo(entry.name);
      if (file) out.push(file);
    }
    return out.sort((a, b) => b.addedAt.localeCompare(a.addedAt) || a.name.localeCompare(b.name));
  }

  async firmwareInfo(name: string): Promise<FirmwareFile | undefined> {
    const path = this.firmwarePath(name);
    if (!path) return undefined;
    const stat = statSync(path);
    let meta: { sha256?: string; addedAt?: string; originalName?: string } = {};
    try {
      meta = JSON.parse(readFileSync(this.metaPath(name), 'utf8')) as typeof meta;
    } catch {
      /* no metadata yet */
    }
    if (typeof meta.sha256 !== 'string') {
      meta = { sha256: await sha256File(path), addedAt: stat.mtime.toISOString(), originalName: name };
      await writeFile(this.metaPath(name), JSON.stringify(meta)).catch(() => {});
    }
    return {
      name,
      size: stat.size,
      sha256: meta.sha256!,
      addedAt: meta.addedAt ?? stat.mtime.toISOString(),
      originalName: meta.originalName ?? name,
    };
  }

  /** The path of an existing firmware file, or undefined (also for any name that is not already a safe name). */
  firmwarePath(name: string): string | undefined {
    if (!isStoredName(name)) return undefined;
    const path = join(this.firmwareDir, name);
    try {
      return statSync(path).isFile() ? path : undefined;
    } catch {
      return undefined;
    }
  }

  async deleteFirmware(name: string): Promise<boolean> {
    const path = this.firmwarePath(name);
    if (!path) return false;
    await unlink(path);
    await rm(this.metaPath(name), { force: true });
    return true;
  }

  // ----------------------------------------------------------------------------------------------------------- uploads

  /** Start receiving a diagnostics/log file from a station; `fileName` as the station sent it (sanitized here). */
  beginUpload(chargePointId: string, fileName: string | undefined): FileSink {
    const dir = join(this.uploadsDir, stationDirName(chargePointId));
    mkdirSync(dir, { recursive: true });
    let wanted: string;
    try {
      wanted = sanitizeFileName(fileName ?? '');
    } catch (err) {
      if (fileName && fileName.split(/[\\/]/).includes('..')) throw err;
      wanted = `upload-${new Date().toISOString().replace(/[:.]/g, '-')}.bin`;
    }
    return this.openSink(dir, wanted, this.maxUploadBytes);
  }

  /** Files received from one station, newest first. */
  listUploads(chargePointId: string): UploadedFile[] {
    let dir: string;
    try {
      dir = join(this.uploadsDir, stationDirName(chargePointId));
    } catch {
      return [];
    }
    if (!existsSync(dir)) return [];
    const out: UploadedFile[] = [];
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isFile() || entry.name.startsWith('.')) continue;
      const stat = statSync(join(dir, entry.name));
      out.push({ chargePointId, name: entry.name, size: stat.size, receivedAt: stat.mtime.toISOString() });
    }
    return out.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt) || a.name.localeCompare(b.name));
  }

  /** Stations with at least one upload directory (decoded ids). */
  uploadStations(): string[] {
    return readdirSync(this.uploadsDir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => decodeURIComponent(e.name));
  }

  uploadPath(chargePointId: string, name: string): string | undefined {
    if (!isStoredName(name)) return undefined;
    try {
      const path = join(this.uploadsDir, stationDirName(chargePointId), name);
      return statSync(path).isFile() ? path : undefined;
    } catch {
      return undefined;
    }
  }

  async deleteUpload(chargePointId: string, name: string): Promise<boolean> {
    const path = this.uploadPath(chargePointId, name);
    if (!path) return false;
    await unlink(path);
    return true;
  }

  // ---------------------------------------------------------------------------------------------------------- internals

  private metaPath(name: string): string {
    return join(this.firmwareDir, '.meta', `${name}.json`);
  }

  private openSink(dir: string, wanted: string, maxBytes: number): FileSink {
    const temp = join(dir, `.partial-${randomUUID()}`);
    const stream: WriteStream = createWriteStream(temp, { flags: 'wx' });
    const hash = createHash('sha256');
    let bytes = 0;
    let failed: Error | undefined;
    stream.on('error', (err) => (failed ??= err));
    const failure = (): Error | undefined => failed;
    let closed = false;
    const close = () =>
      new Promise<void>((resolve) => {
        if (closed) return resolve();
        closed = true;
        stream.end(() => resolve());
      });
    const reserved = this.reserved;
    return {
      get bytes() {
        return bytes;
      },
      async write(chunk: Buffer) {
        if (failed) throw failed;
        bytes += chunk.length;
        if (bytes > maxBytes) throw (failed = new FileStoreError('too-large', `file larger than ${maxBytes} bytes`));
        hash.update(chunk);
        if (!stream.write(chunk)) {
          await new Promise<void>((resolve, reject) => {
            const onError = (err: Error) => reject(err);
            stream.once('error', onError);
            stream.once('drain', () => (stream.off('error', onError), resolve()));
          });
        }
      },
      async commit() {
        if (failed) throw failed;
        await close();
        // The stream may have failed while closing (the error listener sets it meanwhile).
        const closingFailure = failure();
        if (closingFailure) throw closingFailure;
        let n = 0;
        const taken = (name: string) => reserved.has(join(dir, name)) || existsSync(join(dir, name));
        while (taken(withSuffix(wanted, n))) n++;
        const name = withSuffix(wanted, n);
        const final = join(dir, name);
        reserved.add(final);
        try {
          await rename(temp, final);
        } finally {
          reserved.delete(final);
        }
        return { name, size: bytes, sha256: hash.digest('hex') };
      },
      async abort() {
        failed ??= new Error('aborted');
        await close();
        await rm(temp, { force: true });
      },
    };
  }
}

/** A name exactly as this store writes them (so lookups never reach outside the folder). */
function isStoredName(name: string): boolean {
  return typeof name === 'string' && name.length > 0 && name.length <= MAX_NAME_LENGTH && /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(name);
}

function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (c) => hash.update(c))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
