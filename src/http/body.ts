/**
 * Reads a JSON request body ourselves rather than with restify's bodyParser, which would also accept forms and
 * multipart uploads: only JSON is refused nothing. Order matters: the media type is checked before a byte is read,
 * the size while reading, the syntax after.
 */
import type { IncomingMessage } from 'node:http';
import { HttpError } from './errors';

/** Request bodies over this are refused with 413. */
export const MAX_BODY_BYTES = 256 * 1024;

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function checkMediaType(req: IncomingMessage): void {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
  if (!JSON_MEDIA_TYPE.test(type)) {
    throw new HttpError('unsupported_media_type', `Send the body as application/json${type ? `, not ${type}` : ''}.`);
  }
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
    throw new HttpError('unsupported_media_type', `Content-Encoding ${encoding} is not accepted: send the body uncompressed.`);
  }
}

function tooLarge(maxBytes: number): HttpError {
  // The rest of the body is never read: the connection closes after the 413 instead of taking it in.
  return new HttpError('payload_too_large', `The body is larger than ${maxBytes} bytes.`, [], { Connection: 'close' });
}

/**
 * Reads the whole body, refusing it (413) as soon as it is known to pass the limit: at once when Content-Length says
 * so, else when the bytes received pass it, not after the client sent everything.
 */
async function readLimited(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const stop = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      stop();
      req.pause();
      reject(tooLarge(maxBytes));
    };
    const onEnd = (): void => {
      stop();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error): void => {
      stop();
      reject(error);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** The parsed body, or undefined when the request has none. */
export async function readJsonBody(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  if (!hasBody(req)) return undefined;
  checkMediaType(req);
  const text = (await readLimited(req, maxBytes)).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new HttpError('validation', 'The body is not valid JSON.', [{ path: '', message: error.message }]);
  }
}
