import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ErrorDetail } from '../../src/domain/errors';
import { phrase, type PhraseKey, type PhraseValue } from '../../src/domain/phrases';
import { characterCount, cleanText, forLog, MAX_NAME_LENGTH, MAX_NOTE_LENGTH, readText } from '../../src/domain/text';

/** Runs readText on a fresh details list and returns both. */
function read(value: unknown, options: Parameters<typeof readText>[3], path = 'reason'): {
  text: string | null; details: ErrorDetail[];
} {
  const details: ErrorDetail[] = [];
  const text = readText(value, path, details, options);
  return { text, details };
}

/** A detail as readText adds it: the English the REST API answers with, and the phrase a person reads. */
function problem(path: string, message: string, key: PhraseKey, values: Record<string, PhraseValue>): ErrorDetail {
  return { path, message, phrase: phrase(key, values) };
}

describe('domain/text', () => {
  describe('cleanText', () => {
    it('removes C0 controls but keeps tab and newline', () => {
      assert.equal(cleanText('a\u0000b\u0007c\u0008d\u000Be\u000Cf\u001Bg\u001Fh'), 'abcdefgh');
      assert.equal(cleanText('col1\tcol2\nline2'), 'col1\tcol2\nline2');
    });

    it('removes DEL and C1 controls', () => {
      assert.equal(cleanText('a\u007Fb\u0080c\u0085d\u009Be\u009Ff'), 'abcdef');
    });

    it('removes bidi embeddings, overrides and isolates that can disguise text', () => {
      assert.equal(cleanText('invoice\u202Efdp.exe'), 'invoicefdp.exe');
      assert.equal(cleanText('\u202Aa\u202Bb\u202Cc\u202Dd'), 'abcd');
      assert.equal(cleanText('\u2066a\u2067b\u2068c\u2069'), 'abc');
    });

    it('normalises CRLF and lone CR to LF', () => {
      assert.equal(cleanText('one\r\ntwo\rthree\nfour'), 'one\ntwo\nthree\nfour');
    });

    it('trims, also whitespace left behind by removed controls', () => {
      assert.equal(cleanText('  hello \n\t'), 'hello');
      assert.equal(cleanText('\u0000 moved to 8 Dec \u202E'), 'moved to 8 Dec');
      assert.equal(cleanText('\r\n\r\n'), '');
    });

    it('leaves ordinary text in any script untouched', () => {
      const text = '客户要求把启动会议改到 12 月 8 日 — Müller ✓ 🙂';
      assert.equal(cleanText(text), text);
    });
  });

  describe('forLog', () => {
    it('turns every newline into a space so a value cannot forge a log line', () => {
      const forged = forLog('ok\n2026-11-24T09:00:00Z level=error msg="admin key leaked"');
      assert.equal(forged, 'ok 2026-11-24T09:00:00Z level=error msg="admin key leaked"');
      assert.equal(forLog('a\r\nb'), 'a  b');
      assert.equal(forLog('a\u2028b\u2029c'), 'a b c');
      assert.doesNotMatch(forLog('x\ny\rz\u0085w'), /[\n\r\u0085]/);
    });

    it('replaces other controls and bidi overrides too, keeping the rest', () => {
      assert.equal(forLog('a\tb\u0000c\u001Bd\u007Fe\u202Ef'), 'a b c d e f');
      assert.equal(forLog('Contoso Ltd'), 'Contoso Ltd');
    });

    it('stringifies non-strings', () => {
      assert.equal(forLog(42), '42');
      assert.equal(forLog(null), 'null');
      assert.equal(forLog(undefined), 'undefined');
    });
  });

  describe('readText', () => {
    it('returns the cleaned text and adds no detail', () => {
      assert.deepEqual(read('  Customer moved\r\nthe call \u202E', { required: true }), {
        text: 'Customer moved\nthe call', details: [],
      });
    });

    it('required: a missing, empty, blank or control-only value adds "is required" at the path', () => {
      for (const value of [undefined, null, '', '   ', '\n\t', '\u0000\u202E']) {
        assert.deepEqual(read(value, { required: true, label: 'A reason' }), {
          text: null, details: [problem('reason', 'A reason is required.', 'customer.text.required', { label: 'A reason' })],
        }, `value ${JSON.stringify(value)}`);
      }
    });

    it('optional: a missing or blank value is null with no detail', () => {
      for (const value of [undefined, null, '', '  ']) {
        assert.deepEqual(read(value, { required: false }), { text: null, details: [] });
      }
    });

    it('the label defaults to the path', () => {
      assert.deepEqual(read(undefined, { required: true }, 'note').details, [problem('note', 'note is required.', 'customer.text.required', { label: 'note' })]);
    });

    it('non-strings are refused, required or not', () => {
      for (const value of [42, true, {}, ['text'], 0]) {
        for (const required of [true, false]) {
          assert.deepEqual(read(value, { required, label: 'A note' }, 'note'), {
            text: null, details: [problem('note', 'A note must be text.', 'customer.text.notText', { label: 'A note' })],
          }, `value ${JSON.stringify(value)} required ${required}`);
        }
      }
    });

    it('the note limit is 2,000 characters: 2,000 is accepted, 2,001 refused', () => {
      assert.equal(MAX_NOTE_LENGTH, 2000);
      const ok = 'x'.repeat(2000);
      assert.deepEqual(read(ok, { required: true }), { text: ok, details: [] });
      assert.deepEqual(read(`${ok}y`, { required: true, label: 'A reason' }), {
        text: null,
        details: [problem('reason', 'A reason must be at most 2000 characters (it has 2001).', 'customer.text.tooLong', {
          label: 'A reason', max: 2000, length: 2001,
        })],
      });
    });

    it('the limit is counted after trimming and removing controls', () => {
      const ok = 'x'.repeat(2000);
      assert.deepEqual(read(`   ${ok}\n\n  `, { required: true }), { text: ok, details: [] });
      assert.deepEqual(read(`${ok}\u0000\u202E\u0007`, { required: true }), { text: ok, details: [] });
    });

    it('a custom max applies (names: 200)', () => {
      assert.equal(MAX_NAME_LENGTH, 200);
      assert.deepEqual(read('n'.repeat(200), { required: true, max: MAX_NAME_LENGTH }, 'name').details, []);
      assert.deepEqual(read('n'.repeat(201), { required: true, max: MAX_NAME_LENGTH }, 'name').details, [
        problem('name', 'name must be at most 200 characters (it has 201).', 'customer.text.tooLong', {
          label: 'name', max: 200, length: 201,
        }),
      ]);
    });

    it('appends to the details it is given, keeping earlier ones', () => {
      const earlier = { path: 'tenantId', message: 'bad' };
      const details: ErrorDetail[] = [earlier];
      readText(undefined, 'name', details, { required: true });
      assert.deepEqual(details, [earlier, problem('name', 'name is required.', 'customer.text.required', { label: 'name' })]);
    });
  });

  describe('issue 9 defect 8: text rules', () => {
    /** Characters that show nothing: zero-width space and joiners, word joiner, BOM, soft hyphen, fillers, marks. */
    const INVISIBLE = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u3164', '\u115F', '\uFE0F',
      '\u180E', '\u200E', '\u200F', '\u061C', '\u2800', ' ', '\u00A0', '\u3000', '\t', '\n'];
    const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
    const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    /** Any UTF-16 code unit, lone surrogates included, weighted towards the troublesome ones. */
    const anyUnit = fc.oneof(
      fc.integer({ min: 0, max: 0xFFFF }).map((unit) => String.fromCharCode(unit)),
      fc.constantFrom(...INVISIBLE, '\uD83D', '\uDE42', '\u202E', '\r', '\u2028', '\u2029', 'a', '🙂'),
    );
    const anyText = fc.string({ unit: anyUnit, maxLength: 40 });

    it('defect 8: a name of only zero-width spaces (or other invisible characters) is refused as empty', () => {
      assert.deepEqual(read('\u200B\u200B\u200B', { required: true, max: MAX_NAME_LENGTH, label: 'name' }, 'name'), {
        text: null, details: [problem('name', 'name is required.', 'customer.text.required', { label: 'name' })],
      });
      fc.assert(fc.property(fc.array(fc.constantFrom(...INVISIBLE), { minLength: 1, maxLength: 30 }), (chars) => {
        const value = chars.join('');
        assert.deepEqual(read(value, { required: true, label: 'A reason' }).details,
          [problem('reason', 'A reason is required.', 'customer.text.required', { label: 'A reason' })], JSON.stringify(value));
        assert.deepEqual(read(value, { required: false }), { text: null, details: [] });
      }));
    });

    it('defect 8: zero-width characters at the ends are trimmed, joiners inside text are kept', () => {
      assert.equal(cleanText('\u200B\uFEFF Contoso \u2060\u200B'), 'Contoso');
      assert.equal(cleanText('👩\u200D💻 team'), '👩\u200D💻 team');
    });

    it('defect 8: length is counted in characters (code points), as the OpenAPI maxLength is: 200 emoji are a valid name',
      () => {
        const emoji = '🙂'.repeat(MAX_NAME_LENGTH);
        assert.deepEqual(read(emoji, { required: true, max: MAX_NAME_LENGTH }, 'name'), { text: emoji, details: [] });
        assert.deepEqual(read(`${emoji}🙂`, { required: true, max: MAX_NAME_LENGTH }, 'name').details, [
          problem('name', `name must be at most ${MAX_NAME_LENGTH} characters (it has ${MAX_NAME_LENGTH + 1}).`,
            'customer.text.tooLong', { label: 'name', max: MAX_NAME_LENGTH, length: MAX_NAME_LENGTH + 1 }),
        ]);
        fc.assert(fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 60 }),
          (value, max) => {
            const text = cleanText(value);
            fc.pre(text !== '' && readText(text, 'note', [], { required: true }) !== null);
            const details: ErrorDetail[] = [];
            const result = readText(text, 'note', details, { required: true, max });
            assert.equal(result !== null, [...text].length <= max, JSON.stringify(text));
            assert.equal(characterCount(text), [...text].length);
          }));
      });

    it('defect 8: lone surrogates and bidi marks are removed from any text, the result is clean and stable', () => {
      assert.equal(cleanText('Contoso\uD83D Ltd\uDE42'), 'Contoso Ltd');
      assert.equal(cleanText('\u200Eabc\u200F\u061Cd'), 'abcd');
      assert.equal(cleanText('keeps 🙂 pairs'), 'keeps 🙂 pairs');
      fc.assert(fc.property(anyText, fc.boolean(), (value, singleLine) => {
        const text = cleanText(value, singleLine);
        assert.doesNotMatch(text, LONE_SURROGATE, JSON.stringify(text));
        assert.doesNotMatch(text, BIDI, JSON.stringify(text));
        assert.equal(cleanText(text, singleLine), text, 'cleaning twice changes nothing');
        assert.equal(text, text.trim());
      }));
    });

    it('defect 8: single-line fields (names) have their line breaks replaced by one space', () => {
      assert.equal(cleanText('Contoso\r\nLtd', true), 'Contoso Ltd');
      assert.equal(cleanText('Contoso \n\n  Ltd\u2028EMEA\u2029x', true), 'Contoso Ltd EMEA x');
      assert.deepEqual(read('Contoso\nLtd', { required: true, max: MAX_NAME_LENGTH, singleLine: true }, 'name'),
        { text: 'Contoso Ltd', details: [] });
      assert.equal(cleanText('two\nlines'), 'two\nlines', 'notes keep their lines');
      fc.assert(fc.property(anyText, (value) => {
        assert.doesNotMatch(cleanText(value, true), /[\n\r\u2028\u2029\u0085]/);
      }));
    });
  });
});
