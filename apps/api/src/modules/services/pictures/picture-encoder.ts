import { Injectable } from '@nestjs/common';
import sharp from 'sharp';
import { validationProblem } from '../../../common/problem.js';

/** The widths of a picture's renditions, smallest first; a narrower original is never enlarged. */
export const RENDITION_WIDTHS = [400, 800, 1600] as const;
/** Larger uploads answer 413 (the multipart reader stops at this size). */
export const MAX_PICTURE_BYTES = 5 * 1024 * 1024;
/** Pixels an upload may declare: a 40,000 × 40,000 PNG of a few kB would need gigabytes to decode. */
export const MAX_PICTURE_PIXELS = 50_000_000;

export interface EncodedPicture {
  /** The largest rendition's size, in pixels. */
  width: number;
  height: number;
  /** One WebP per RENDITION_WIDTHS entry, in that order. */
  renditions: Buffer[];
}

type Format = 'jpeg' | 'png' | 'webp';

const WEBP_QUALITY = 80;
const FORMATS = 'a JPEG, PNG or WebP picture';

/** The format the first bytes announce (never the name or the declared type), or null. */
export function sniffFormat(data: Buffer): Format | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpeg';
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (data.length >= 12 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  return null;
}

/**
 * Checks an upload by its content and re-encodes it: JPEG, PNG or WebP only (by magic bytes, then by
 * what the decoder reads), at most MAX_PICTURE_PIXELS, decoded completely (a truncated or corrupt file
 * fails), turned upright by its EXIF orientation, and written as WebP at each width with no metadata
 * at all (sharp copies none unless asked: no EXIF, no GPS position, no XMP, no ICC profile).
 * Anything else is a 400 naming `file`.
 */
@Injectable()
export class PictureEncoder {
  async encode(data: Buffer): Promise<EncodedPicture> {
    const format = sniffFormat(data);
    if (!format) throw validationProblem('file', `file must be ${FORMATS}`);
    const options = { limitInputPixels: MAX_PICTURE_PIXELS, failOn: 'warning', autoOrient: true } as const;
    const metadata = await sharp(data, options)
      .metadata()
      .catch(() => undefined);
    if (!metadata || metadata.format !== format) throw validationProblem('file', `file must be ${FORMATS}`);
    const { width, height } = metadata;
    if (!(width > 0 && height > 0)) throw validationProblem('file', 'file has no readable size');
    if (width * height > MAX_PICTURE_PIXELS) {
      throw validationProblem(
        'file',
        `file is ${width} × ${height} pixels; at most ${MAX_PICTURE_PIXELS / 1_000_000} megapixels are accepted`,
      );
    }
    try {
      // Decoded once, to the largest width: every rendition is made from these pixels (in sRGB, no metadata).
      const largest = await sharp(data, options)
        .resize({ width: RENDITION_WIDTHS[RENDITION_WIDTHS.length - 1], withoutEnlargement: true })
        .raw()
        .toBuffer({ resolveWithObject: true });
      const raw = { width: largest.info.width, height: largest.info.height, channels: largest.info.channels };
      const renditions = await Promise.all(
        RENDITION_WIDTHS.map((target) =>
          sharp(largest.data, { raw }).resize({ width: target, withoutEnlargement: true }).webp({ quality: WEBP_QUALITY }).toBuffer(),
        ),
      );
      return { width: raw.width, height: raw.height, renditions };
    } catch {
      throw validationProblem('file', `file could not be read to the end: it is damaged or not ${FORMATS}`);
    }
  }
}
