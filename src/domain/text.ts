import { detail, type ErrorDetail } from './errors';
import { phrase, type Phrase } from './phrases';

/** Reasons and notes: 1–2,000 characters after trimming (the Overall Status Notes are a log, not a document). */
export const MAX_NOTE_LENGTH = 2000;
export const MAX_NAME_LENGTH = 200;

// C0 controls but tab and newline, DEL, C1 controls, and the bidi marks, embeddings, overrides and isolates that can
// disguise text (ALM, LRM, RLM, LRE..RLO, LRI..PDI).
// eslint-disable-next-line no-control-regex -- control characters are what it strips from user text
const UNSAFE_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/** Half of a surrogate pair without its other half: not a character, and not valid UTF-8 once stored. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** White space and the zero-width characters that mean nothing at either end of a text (ZWSP, word joiner, BOM). */
const EDGES = /^[\s\u200B\u2060]+|[\s\u200B\u2060]+$/g;
/** A line break and the white space around it, in a single-line field. */
const LINE_BREAK = /\s*[\n\u2028\u2029]\s*/g;
/**
 * Characters that show nothing: white space, format characters (zero-width space and joiners, BOM, soft hyphen),
 * default-ignorable code points (Hangul fillers, variation selectors) and the blank braille pattern. Text made only
 * of these is empty to a reader.
 */
const INVISIBLE = /[\p{White_Space}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/gu;
// For log lines every control goes, newlines too, so one field cannot forge another log line.
// eslint-disable-next-line no-control-regex -- control characters are what it blanks out of log values
const LOG_UNSAFE_CHARS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/**
 * Normalises line ends, removes control characters, bidi marks and lone surrogates, trims white space and zero-width
 * spaces. A single-line field (a name, an id) has each line break, with the white space around it, made one space.
 */
export function cleanText(value: string, singleLine = false): string {
  const text = value.replace(/\r\n?/g, '\n').replace(UNSAFE_CHARS, '').replace(LONE_SURROGATE, '');
  return (singleLine ? text.replace(LINE_BREAK, ' ') : text).replace(EDGES, '');
}

/** The length of a text in characters (Unicode code points), as JSON Schema's maxLength counts it: 🙂 is one. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** The first `max` characters (code points) of a text: a surrogate pair is never cut in two. */
export function firstCharacters(text: string, max: number): string {
  return characterCount(text) <= max ? text : [...text].slice(0, max).join('');
}

/** Whether a reader would see nothing: only white space and invisible characters, or nothing at all. */
function isInvisible(text: string): boolean {
  return text.replace(INVISIBLE, '') === '';
}

/** A value safe to put on one log line. */
export function forLog(value: unknown): string {
  return String(value).replace(LOG_UNSAFE_CHARS, ' ');
}

/**
 * Validates free text (a reason, a note, a name) into `details`; returns the cleaned text (cleanText), or null when
 * it is absent and optional or when it is invalid. Text a reader would not see (only invisible characters) counts as
 * absent; the limit is in characters (code points), after cleaning. `singleLine` for names and ids: no line breaks.
 * `label` names the text in the messages: a phrase (a person reads it in their language), else the field's name.
 */
export function readText(
  value: unknown,
  path: string,
  details: ErrorDetail[],
  options: { required: boolean; max?: number; label?: string | Phrase; singleLine?: boolean },
): string | null {
  const label = options.label ?? path;
  const max = options.max ?? MAX_NOTE_LENGTH;
  if (value === undefined || value === null || (typeof value === 'string' && isInvisible(cleanText(value)))) {
    if (options.required) details.push(detail(path, phrase('customer.text.required', { label })));
    return null;
  }
  if (typeof value !== 'string') {
    details.push(detail(path, phrase('customer.text.notText', { label })));
    return null;
  }
  const text = cleanText(value, options.singleLine);
  const length = characterCount(text);
  if (length > max) {
    details.push(detail(path, phrase('customer.text.tooLong', { label, max, length })));
    return null;
  }
  return text;
}
