import { randomBytes } from 'node:crypto';
import { RENDITION_WIDTHS } from './picture-encoder.js';

/**
 * A stored picture is named by a key `<32 hex digits>-<width>x<height>` (services.image_key): random,
 * so no two uploads share a file, with the largest rendition's size, which the web app needs to
 * reserve the picture's place before it loads. Its files are `<hex>-400.webp`, `-800`, `-1600`.
 */
const KEY = /^([0-9a-f]{32})-(\d{1,5})x(\d{1,5})$/;

export function newPictureKey(width: number, height: number): string {
  return `${randomBytes(16).toString('hex')}-${width}x${height}`;
}

/** The file names of a key's renditions, smallest first (none for a malformed key). */
export function renditionFiles(key: string): string[] {
  const match = KEY.exec(key);
  return match ? RENDITION_WIDTHS.map((width) => `${match[1]}-${width}.webp`) : [];
}

/** The largest rendition's size, from the key. */
export function pictureSize(key: string): { width: number; height: number } | null {
  const match = KEY.exec(key);
  return match ? { width: Number(match[2]), height: Number(match[3]) } : null;
}
