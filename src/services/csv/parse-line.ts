/**
 * One CSV record per line, RFC 4180 otherwise: fields separated by commas, a field may be quoted with `"` and then
 * hold commas and doubled quotes (`""`). Deliberately NOT a quoted line break: no column of the import format holds
 * multi-line text, and confining a record to its line is what makes a broken quote recoverable. In RFC 4180 proper an
 * unterminated quote swallows the rest of the file; here it spoils only its own line, which is reported with its
 * number, and the next line is read normally.
 */

export type ParsedLine =
  | { ok: true; fields: string[] }
  /**
   * `fields` holds the fields read completely before the problem (enough to tell whose row it was); `at` is the
   * 0-based position of the broken field.
   */
  | { ok: false; fields: string[]; at: number; error: string };

const QUOTE = '"';
const COMMA = ',';

/** Splits one line; surrounding spaces of a field are dropped (hand-written files put them after commas). */
export function parseCsvLine(text: string): ParsedLine {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    const field = text[i] === QUOTE ? readQuoted(text, i) : readPlain(text, i);
    if ('error' in field) return { ok: false, fields, at: fields.length, error: field.error };
    fields.push(field.value);
    i = field.end;
    if (i >= text.length) return { ok: true, fields };
    i += 1; // the comma
  }
}

type FieldRead = { value: string; end: number } | { error: string };

function readPlain(text: string, start: number): FieldRead {
  const comma = text.indexOf(COMMA, start);
  const end = comma < 0 ? text.length : comma;
  const value = text.slice(start, end).trim();
  if (value.includes(QUOTE)) {
    return { error: 'a quote inside an unquoted value: quote the whole field and double the inner quote ("").' };
  }
  return { value, end };
}

function readQuoted(text: string, start: number): FieldRead {
  let value = '';
  let i = start + 1;
  for (;;) {
    const quote = text.indexOf(QUOTE, i);
    if (quote < 0) return { error: 'unterminated quote: a quoted field must end with " on the same line.' };
    value += text.slice(i, quote);
    if (text[quote + 1] !== QUOTE) {
      i = quote + 1;
      break;
    }
    value += QUOTE;
    i = quote + 2;
  }
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (i < text.length && text[i] !== COMMA) {
    return { error: 'text after the closing quote: quote the whole field and double the inner quote ("").' };
  }
  return { value: value.trim(), end: i };
}
