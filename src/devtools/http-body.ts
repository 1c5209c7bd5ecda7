import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';

/** Request bodies as the HTTP stand-in reads them. */

export function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

export async function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export interface MultipartFile {
  field?: string;
  filename?: string;
  contentType?: string;
  data?: Buffer;
  truncated?: boolean;
  error?: string;
}

/** The first file part of a multipart body (WeCom reads field `media`). */
export function readMultipart(req: IncomingMessage, maxFileBytes: number): Promise<MultipartFile> {
  return new Promise((resolve) => {
    const result: MultipartFile = {};
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // fetch's FormData writes non-ASCII file names as raw UTF-8.
        defParamCharset: 'utf8',
        limits: { files: 1, fileSize: maxFileBytes },
      });
    } catch {
      req.resume();
      resolve({ error: 'not multipart/form-data' });
      return;
    }
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      result.field = field;
      result.filename = info.filename;
      result.contentType = info.mimeType;
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => (result.truncated = true));
      stream.on('end', () => (result.data = Buffer.concat(chunks)));
    });
    parser.on('close', () => resolve(result));
    parser.on('error', () => resolve({ error: 'malformed multipart body' }));
    req.pipe(parser);
  });
}
