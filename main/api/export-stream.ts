import type { ServerResponse } from 'node:http';

/**
 * Resolves once the response can take more (drain) or is gone (close), and takes both listeners off again either
 * way: an export waits here once per chunk, so listeners left behind would pile up on a large export.
 */
function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * Send an export as it is read, chunk by chunk, at the client's pace, so memory stays flat however large it is.
 * Each chunk is read off the answering thread (storage/reader/database-reader.ts), or was already (a report's lines). A read that fails midway
 * breaks the response off, so the download fails visibly instead of ending like a complete file.
 */
export async function streamExport(
  res: ServerResponse,
  contentType: string,
  filename: string,
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
): Promise<void> {
  res.writeHead(200, {
    'content-type': contentType,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-disposition': `attachment; filename="${filename}"`,
  });
  try {
    for await (const chunk of chunks) {
      if (res.destroyed) return;
      if (chunk.length > 0 && !res.write(chunk)) await drainedOrClosed(res);
    }
    res.end();
  } catch (err) {
    res.destroy(err instanceof Error ? err : new Error(String(err)));
  }
}
