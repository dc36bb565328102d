import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length, ValidateBy } from 'class-validator';
import { IsPrintableText } from '../../../common/validation/printable-text.js';
import { MAX_PICTURE_BYTES } from '../pictures/picture-encoder.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** The form of POST /api/services/{id}/image (multipart/form-data). */
export class UploadImageDto {
  /** A JPEG, PNG or WebP picture of at most 5 MB, judged by its content (not its name or declared type). */
  @ApiProperty({ type: 'string', format: 'binary', maxLength: MAX_PICTURE_BYTES })
  @ValidateBy({ name: 'isFile', validator: { validate: (value) => Buffer.isBuffer(value), defaultMessage: () => 'file must be a file' } })
  file!: Buffer;

  /**
   * What the picture shows, for people who cannot see it.
   * @example "The vault door, lit red"
   */
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  @IsPrintableText()
  alt!: string;
}
