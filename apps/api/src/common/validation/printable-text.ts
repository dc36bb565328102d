import { ApiProperty } from '@nestjs/swagger';
import { registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * The characters free text may not contain, as UTF-16 code units: controls (Unicode Cc), format
 * characters of the BMP (Cf: soft hyphen, zero-width space/joiners, left-to-right and bidi
 * embeddings/overrides/isolates, word joiner, BOM, …) and the line/paragraph separators
 * (U+2028–2029). Line feed and carriage return are left out here: only multi-line fields take them.
 */
const REFUSED =
  '\\u0000-\\u0009\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u00AD\\u0600-\\u0605\\u061C\\u06DD\\u070F\\u0890-\\u0891\\u08E2' +
  '\\u180E\\u200B-\\u200F\\u2028-\\u202E\\u2060-\\u2064\\u2066-\\u206F\\uFEFF\\uFFF9-\\uFFFB';

/**
 * A pattern without flags (ECMA-262, as OpenAPI reads it), so clients and the fuzz suite apply
 * exactly the rule the API applies: any code unit but the refused ones and surrogates, or a whole
 * surrogate pair (astral characters such as emoji are fine; a lone surrogate is not).
 */
const patternRefusing = (refused: string) => `^(?:[^${refused}\\uD800-\\uDFFF]|[\\uD800-\\uDBFF][\\uDC00-\\uDFFF])*$`;

/** Single-line text: names, locations. */
export const PRINTABLE_LINE = patternRefusing(`${REFUSED}\\u000A\\u000D`);
/** Multi-line text: descriptions, notes (line breaks allowed). */
export const PRINTABLE_TEXT = patternRefusing(REFUSED);

/**
 * Printable text only: no NUL or other control character, no invisible formatting character
 * (zero-width, bidi overrides and isolates, BOM), no lone surrogate; `multiline` fields also take
 * line breaks (\n, \r). Documented as the property's `pattern`. Put it beside `@IsString()`.
 */
export function IsPrintableText({ multiline = false }: { multiline?: boolean } = {}, options?: ValidationOptions) {
  const pattern = multiline ? PRINTABLE_TEXT : PRINTABLE_LINE;
  const regex = new RegExp(pattern);
  return (target: object, propertyName: string) => {
    ApiProperty({ pattern })(target, propertyName);
    registerDecorator({
      name: 'isPrintableText',
      target: target.constructor,
      propertyName,
      options: {
        message: `${propertyName} must be printable text${multiline ? ' (line breaks allowed)' : ''}, without control characters or invisible formatting characters (zero-width, bidi)`,
        ...options,
      },
      validator: { validate: (value: unknown) => typeof value === 'string' && regex.test(value) },
    });
  };
}
