/**
 * A file as physical lines, streamed so a large file never sits in memory. Lines are split on bytes (CR and LF
 * never occur inside a UTF-8 multi-byte sequence), then each line is decoded strictly, so a file that is not UTF-8
 * is refused with the line where it stops being UTF-8 instead of importing mangled names.
 */
import fs from 'node:fs';
import { TextDecoder } from 'node:util';

/** Why a whole file cannot be imported (usage or file error): nothing is written. */
export class CsvFileError extends Error {
  override readonly name = 'CsvFileError';
}

export interface PhysicalLine {
  /** 1-based line number in the file, for the report. */
  line: number;
  text: string;
}

/** No line of this format comes near this; a longer one is a binary or wrong file, and stops memory from growing. */
const MAX_LINE_BYTES = 64 * 1024;

const LF = 0x0a;
const CR = 0x0d;
const BOM = '\uFEFF';

/** Yields every line (CRLF, LF or a lone CR ends one); a UTF-8 BOM at the start is dropped. */
export async function* readLines(file: string): AsyncGenerator<PhysicalLine> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let line = 0;
  let skipLf = false;

  const take = (piece: Buffer): void => {
    pendingBytes += piece.length;
    if (pendingBytes > MAX_LINE_BYTES) {
      throw new CsvFileError(`line ${line + 1} is longer than ${MAX_LINE_BYTES} bytes: this is not a CSV file of this format.`);
    }
    if (piece.length > 0) pending.push(piece);
  };
  const finish = (): PhysicalLine => {
    line += 1;
    const bytes = pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending);
    pending = [];
    pendingBytes = 0;
    const text = decode(decoder, bytes, line);
    return { line, text: line === 1 && text.startsWith(BOM) ? text.slice(1) : text };
  };

  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (skipLf) {
        skipLf = false;
        // The LF of a CRLF split across two chunks (or right after the CR) ends nothing.
        if (byte === LF) { start = i + 1; continue; }
      }
      if (byte !== LF && byte !== CR) continue;
      take(chunk.subarray(start, i));
      yield finish();
      skipLf = byte === CR;
      start = i + 1;
    }
    take(chunk.subarray(start));
  }
  if (pendingBytes > 0) yield finish();
}

function decode(decoder: TextDecoder, bytes: Buffer, line: number): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new CsvFileError(`line ${line} is not valid UTF-8: save the file as UTF-8 (Excel: "CSV UTF-8").`);
  }
}
