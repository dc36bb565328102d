import QRCode from 'qrcode';

/** Error correction M (15 %): a 99-character code fits version 6, readable off a phone's screen or a print. */
const OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;

/** The code as an SVG QR image, for the web and the ticket route. */
export function qrSvg(code: string): Promise<string> {
  return QRCode.toString(code, { ...OPTIONS, type: 'svg' });
}

/** The code as a PNG QR image (6 pixels a module), for the confirmation message. */
export function qrPng(code: string): Promise<Buffer> {
  return QRCode.toBuffer(code, { ...OPTIONS, type: 'png', scale: 6 });
}
