import 'reflect-metadata';
import { validateSync } from 'class-validator';
import { IsPrintableText, PRINTABLE_LINE, PRINTABLE_TEXT } from './printable-text.js';

const line = new RegExp(PRINTABLE_LINE);
const text = new RegExp(PRINTABLE_TEXT);
const LINE_BREAKS = ['\n', '\r'];

describe('printable text patterns', () => {
  it('refuse every control, format and separator character of the BMP, and take line breaks only in multi-line text', () => {
    const refusedByUnicode: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const character = String.fromCharCode(code);
      if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(character)) refusedByUnicode.push(character);
    }
    expect(refusedByUnicode.length).toBeGreaterThan(100);
    for (const character of refusedByUnicode) {
      expect({ code: character.charCodeAt(0), line: line.test(`a${character}b`) }).toEqual({ code: character.charCodeAt(0), line: false });
      const inText = LINE_BREAKS.includes(character);
      expect({ code: character.charCodeAt(0), text: text.test(`a${character}b`) }).toEqual({ code: character.charCodeAt(0), text: inText });
    }
  });

  it.each([
    ['NUL', 'nul\u0000byte'],
    ['a tab', 'a\tb'],
    ['right-to-left override', '\u202Egnp.exe'],
    ['first-strong isolate', 'a\u2068b'],
    ['zero-width space', 'a\u200Bb'],
    ['zero-width joiner', 'a\u200Db'],
    ['word joiner', 'a\u2060b'],
    ['BOM', '\uFEFFname'],
    ['a lone high surrogate', 'a\uD800b'],
    ['a lone low surrogate', 'a\uDC00'],
  ])('refuse %s', (_what, value) => {
    expect(line.test(value)).toBe(false);
    expect(text.test(value)).toBe(false);
  });

  it.each([['Zoë Ångström'], ['שלום עולם'], ['😀🎭'], ['e\u0301'], ['ｆｕｌｌ'], ["O'Brien & <Sons> 100%"], ['']])('accept %j', (value) => {
    expect(line.test(value)).toBe(true);
    expect(text.test(value)).toBe(true);
  });

  it('take line breaks in multi-line text only', () => {
    expect(text.test('first line\r\nsecond\nthird')).toBe(true);
    expect(line.test('first line\nsecond')).toBe(false);
  });
});

describe('@IsPrintableText', () => {
  class Form {
    @IsPrintableText()
    name!: unknown;

    @IsPrintableText({ multiline: true })
    notes!: unknown;
  }

  const check = (values: Partial<Form>) => validateSync(Object.assign(new Form(), { name: 'ok', notes: 'ok', ...values }));

  it('passes printable text', () => {
    expect(check({ name: 'Zoë', notes: 'Two\nlines' })).toEqual([]);
  });

  it('names the property', () => {
    const [error] = check({ notes: 'a\u202Eb' });
    expect(error.property).toBe('notes');
    expect(Object.values(error.constraints ?? {})).toEqual([
      'notes must be printable text (line breaks allowed), without control characters or invisible formatting characters (zero-width, bidi)',
    ]);
    expect(check({ name: 'a\nb' }).map((failure) => failure.property)).toEqual(['name']);
  });
});
