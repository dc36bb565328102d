import QRCode from 'qrcode';

/** Error correction M (15 %): a 99-character ticket code fits version 6, readable off a phone's screen or a print. */
const OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;

/** `text` as an SVG QR image. */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { ...OPTIONS, type: 'svg' });
}

/** `text` as a PNG QR image (6 pixels a module), for messages: mail clients show PNG, few show SVG. */
export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...OPTIONS, type: 'png', scale: 6 });
}
