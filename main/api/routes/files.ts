import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FileServicesInfoDto, FirmwareFileDto, ListResponse, UploadedFileDto } from '../../../shared/api/types.js';
import { FileStoreError, sanitizeFileName, type FileServices, type FirmwareFile } from '../../csms/files/index.js';
import type { ApiContext } from '../context.js';
import { ApiHttpError, notFound, stringParam } from '../http.js';
import { HANDLED, reply, type Router } from '../router.js';

/** After a too-large body, read at most this much more so the client gets the 413 on a clean connection. */
const DRAIN_LIMIT = 8 * 1024 * 1024;

function filesOf(ctx: ApiContext): FileServices {
  if (!ctx.files) throw new ApiHttpError(503, 'API_ERR_UNAVAILABLE', 'The file services are not running');
  return ctx.files;
}

/** FileStoreError → HTTP: a bad name 400, over the size cap 413, missing 404. */
function storeError(err: unknown): unknown {
  if (!(err instanceof FileStoreError)) return err;
  if (err.code === 'too-large') return new ApiHttpError(413, 'API_ERR_PAYLOAD_TOO_LARGE', err.message);
  if (err.code === 'not-found') return new ApiHttpError(404, 'API_ERR_NOT_FOUND', err.message);
  return new ApiHttpError(400, 'API_ERR_BAD_REQUEST', err.message);
}

const firmwareDto = (files: FileServices, file: FirmwareFile): FirmwareFileDto => ({ ...file, url: files.urls.firmware(file.name) });

/**
 * The request body as an async iterable that never destroys the request when the consumer stops early (a plain
 * `for await` over `req` would, and the 413 could not be sent); `rest()` drains what is left, up to a limit.
 */
function bodyStream(req: IncomingMessage) {
  const iterator = req[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const iterable: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => ({ next: () => iterator.next(), return: () => Promise.resolve({ done: true as const, value: undefined }) }),
  };
  return {
    iterable,
    /** true when the whole body was read; false when more than `limit` was left (the connection is then closed). */
    async drain(limit: number): Promise<boolean> {
      let drained = 0;
      for (;;) {
        const next: IteratorResult<Buffer> = await iterator.next();
        if (next.done) return true;
        drained += next.value.length;
        if (drained > limit) return false;
      }
    },
  };
}

function sendFile(req: IncomingMessage, res: ServerResponse, path: string, name: string): typeof HANDLED {
  const size = statSync(path).size;
  res.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-length': size,
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return HANDLED;
  }
  createReadStream(path)
    .on('error', () => res.destroy())
    .pipe(res);
  return HANDLED;
}

export function fileRoutes(router: Router): void {
  router.get('/api/firmware', async ({ ctx }): Promise<ListResponse<FirmwareFileDto>> => {
    const files = filesOf(ctx);
    const items = (await files.store.listFirmware()).map((f) => firmwareDto(files, f));
    return { items, total: items.length };
  });

  // PUT /api/firmware/{name}: the raw body is the file (streamed to the store; the store's size cap applies, not the
  // 1 MiB JSON limit). 201 with the stored file: its name may differ (sanitized, `-1` suffix when taken).
  router.put('/api/firmware/:name', async ({ req, res, params, ctx }) => {
    const files = filesOf(ctx);
    try {
      sanitizeFileName(params.name!);
    } catch (err) {
      throw storeError(err);
    }
    const cap = files.store.maxFirmwareBytes;
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > cap + DRAIN_LIMIT) {
      res.setHeader('connection', 'close');
      throw new ApiHttpError(413, 'API_ERR_PAYLOAD_TOO_LARGE', `file larger than ${cap} bytes`);
    }
    const body = bodyStream(req);
    try {
      const stored = await files.store.addFirmware(params.name!, body.iterable);
      return reply(201, firmwareDto(files, stored));
    } catch (err) {
      if (err instanceof FileStoreError && err.code === 'too-large' && !(await body.drain(DRAIN_LIMIT))) res.setHeader('connection', 'close');
      throw storeError(err);
    }
  });

  router.get('/api/firmware/:name', async ({ params, ctx }) => {
    const files = filesOf(ctx);
    const file = await files.store.firmwareInfo(params.name!);
    if (!file) throw notFound(`Firmware file ${params.name}`);
    return firmwareDto(files, file);
  });

  router.delete('/api/firmware/:name', async ({ params, ctx }) => {
    const files = filesOf(ctx);
    if (!(await files.store.deleteFirmware(params.name!))) throw notFound(`Firmware file ${params.name}`);
    return reply(204);
  });

  router.get('/api/charge-points/:id/uploads', ({ params, ctx }): ListResponse<UploadedFileDto> => {
    const items = filesOf(ctx).store.listUploads(params.id!);
    return { items, total: items.length };
  });

  router.get('/api/charge-points/:id/uploads/:name', ({ req, res, params, ctx }) => {
    const path = filesOf(ctx).store.uploadPath(params.id!, params.name!);
    if (!path) throw notFound(`Upload ${params.name} of ${params.id}`);
    return sendFile(req, res, path, params.name!);
  });

  // No secret here: upload credentials exist per job only and are never returned (they went to the station).
  router.get('/api/files/info', ({ query, ctx }): FileServicesInfoDto => {
    const files = filesOf(ctx);
    const chargePointId = stringParam(query, 'chargePointId') ?? 'CP-1';
    const placeholder = '<job password>';
    const choice = ctx.stationSecurity.uploadProtocol(chargePointId, files.urls.ftpRunning);
    const example = (url: string) => url.replace(`:${encodeURIComponent(placeholder)}@`, `:${placeholder}@`);
    return {
      httpPort: files.httpPort,
      ftpPort: files.ftpPort,
      advertisedHost: files.urls.advertisedHost,
      maxFirmwareBytes: files.store.maxFirmwareBytes,
      maxUploadBytes: files.store.maxUploadBytes,
      examples: {
        chargePointId,
        firmware: files.urls.firmware('fw-1.2.bin'),
        httpUpload: example(files.urls.httpUpload(chargePointId, placeholder)),
        ftpUpload: files.ftpPort === null ? null : example(files.urls.ftpUpload(chargePointId, placeholder)),
        defaultUploadProtocol: choice.protocol,
        defaultUploadReason: choice.reason,
      },
    };
  });
}
