import type { ErrorDetail } from './errors';

/** Reasons and notes: 1–2,000 characters after trimming (the Overall Status Notes are a log, not a document). */
export const MAX_NOTE_LENGTH = 2000;
export const MAX_NAME_LENGTH = 200;

// C0 controls but tab and newline, DEL, C1 controls, and the bidi overrides that can disguise text.
// eslint-disable-next-line no-control-regex -- control characters are what it strips from user text
const UNSAFE_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
// For log lines every control goes, newlines too, so one field cannot forge another log line.
// eslint-disable-next-line no-control-regex -- control characters are what it blanks out of log values
const LOG_UNSAFE_CHARS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/** Normalises line ends, removes control characters, trims. */
export function cleanText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(UNSAFE_CHARS, '').trim();
}

/** A value safe to put on one log line. */
export function forLog(value: unknown): string {
  return String(value).replace(LOG_UNSAFE_CHARS, ' ');
}

/**
 * Validates free text (a reason, a note, a name) into `details`; returns the cleaned text, or null when it is
 * absent and optional or when it is invalid.
 */
export function readText(
  value: unknown,
  path: string,
  details: ErrorDetail[],
  options: { required: boolean; max?: number; label?: string },
): string | null {
  const label = options.label ?? path;
  const max = options.max ?? MAX_NOTE_LENGTH;
  if (value === undefined || value === null || (typeof value === 'string' && cleanText(value) === '')) {
    if (options.required) details.push({ path, message: `${label} is required.` });
    return null;
  }
  if (typeof value !== 'string') {
    details.push({ path, message: `${label} must be text.` });
    return null;
  }
  const text = cleanText(value);
  if (text.length > max) {
    details.push({ path, message: `${label} must be at most ${max} characters (it has ${text.length}).` });
    return null;
  }
  return text;
}
