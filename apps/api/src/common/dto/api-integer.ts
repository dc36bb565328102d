import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';

/**
 * A whole number in the contract: `integer` with its format (int32 unless said), where TypeScript's
 * `number` alone would make the Swagger plugin write `number` (a double in Java, Go or C# clients).
 */
export const ApiInteger = (options: ApiPropertyOptions = {}) =>
  ApiProperty({ type: 'integer', format: 'int32', ...options } as ApiPropertyOptions);
