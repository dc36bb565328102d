import { crc32, deflateSync } from 'node:zlib';
import QRCode from 'qrcode';

/** Error correction M (15 %): a 99-character ticket code fits version 6, readable off a phone's screen or a print. */
const OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;
/** Pixels a module in the PNG image. */
const PNG_SCALE = 6;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** `text` as an SVG QR image. */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { ...OPTIONS, type: 'svg' });
}

/**
 * `text` as a PNG QR image (6 pixels a module, the margin around), for messages: mail clients show
 * PNG, few show SVG. Written here as a 1-bit greyscale image — a QR symbol has two colours — which
 * takes a fraction of the CPU of qrcode's own PNG writer (8-bit RGBA through pngjs: about 12 ms a
 * ticket against 2) and is a quarter of its size.
 */
export function qrPng(text: string): Buffer {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: OPTIONS.errorCorrectionLevel });
  const side = modules.size + 2 * OPTIONS.margin;
  const pixels = side * PNG_SCALE;
  // Each scanline: filter type 0 (none), then the pixels, 8 to a byte, most significant first; 1 is white.
  const stride = 1 + Math.ceil(pixels / 8);
  const image = Buffer.alloc(stride * pixels);
  const line = Buffer.alloc(stride);
  for (let row = 0; row < side; row++) {
    line.fill(0);
    for (let column = 0; column < side; column++) {
      if (isDark(modules, row - OPTIONS.margin, column - OPTIONS.margin)) continue;
      for (let x = column * PNG_SCALE; x < (column + 1) * PNG_SCALE; x++) line[1 + (x >> 3)] |= 0x80 >> (x & 7);
    }
    for (let y = row * PNG_SCALE; y < (row + 1) * PNG_SCALE; y++) line.copy(image, y * stride);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(pixels, 0);
  header.writeUInt32BE(pixels, 4);
  header[8] = 1; // bit depth; colour type 0 (greyscale), deflate, adaptive filtering, no interlace: all 0
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(image)), pngChunk('IEND', Buffer.alloc(0))]);
}

function isDark(modules: { size: number; get(row: number, column: number): number | boolean }, row: number, column: number): boolean {
  return row >= 0 && column >= 0 && row < modules.size && column < modules.size && Boolean(modules.get(row, column));
}

/** A PNG chunk: length, type, data, and the CRC-32 of type and data. */
function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const chunk = Buffer.alloc(body.length + 8);
  chunk.writeUInt32BE(data.length, 0);
  body.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(body), body.length + 4);
  return chunk;
}
