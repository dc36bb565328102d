import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import sharp from 'sharp';
import { freePort } from './support/server.js';
import { as, TestApp, type Reply, type Session } from './support/test-app.js';

const MB = 1024 * 1024;

/** A picture made here: `width` × `height`, in `format`, with a camera name and a GPS position in its EXIF. */
async function picture(format: 'jpeg' | 'png' | 'webp', width: number, height: number): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: '#3366cc' } }).withExif({
    IFD0: { Make: 'MarqueeCam' },
    IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2947/100', GPSLongitudeRef: 'E', GPSLongitude: '2/1 21/1 753/100' },
  });
  return image.toFormat(format).toBuffer();
}

/** A PNG chunk: length, type, data, CRC-32 of type and data. */
function pngChunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A valid 40,000 × 40,000 black-and-white PNG of a few hundred kB: 1.6 gigapixels once decoded. */
function decompressionBomb(): Buffer {
  const side = 40_000;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.writeUInt8(1, 8); // 1 bit per pixel
  header.writeUInt8(0, 9); // grayscale
  const rows = Buffer.alloc((1 + side / 8) * side); // each row: filter byte 0, then 5,000 zero bytes
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function form(fields: { file?: Buffer; alt?: string; name?: string; type?: string; extra?: Record<string, string> }): FormData {
  const body = new FormData();
  if (fields.file)
    body.append('file', new Blob([new Uint8Array(fields.file)], { type: fields.type ?? 'image/jpeg' }), fields.name ?? 'photo.jpg');
  if (fields.alt !== undefined) body.append('alt', fields.alt);
  for (const [name, value] of Object.entries(fields.extra ?? {})) body.append(name, value);
  return body;
}

function fields(reply: Reply): string[] {
  return [...new Set<string>((reply.body.errors ?? []).map((error: { field: string }) => error.field))];
}

/** The API with pictures on disk (a folder of its own) or in a bucket, and how to see what is stored. */
interface Setup {
  api: TestApp;
  stored(): Promise<string[]>;
  /** The bytes behind a picture URL of an answer, with the answer's headers. */
  fetchPicture(url: string): Promise<{ status: number; headers: Headers; data: Buffer }>;
  close(): Promise<void>;
}

async function onDisk(): Promise<Setup> {
  const api = await TestApp.start();
  const dir = api.env.MEDIA_DIR;
  return {
    api,
    stored: async () => readdirSync(dir).sort(),
    fetchPicture: async (url) => {
      const response = await fetch(new URL(url, api.baseUrl));
      return { status: response.status, headers: response.headers, data: Buffer.from(await response.arrayBuffer()) };
    },
    close: () => api.close(),
  };
}

async function inBucket(): Promise<Setup> {
  const dir = mkdtempSync(join(tmpdir(), 'marquee-s3-'));
  const port = await freePort();
  const server = new S3rver({ address: '127.0.0.1', port, directory: dir, silent: true });
  await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
  await client.send(new CreateBucketCommand({ Bucket: 'pictures' }));
  const api = await TestApp.start({
    MEDIA_S3_ENDPOINT: endpoint,
    MEDIA_S3_BUCKET: 'pictures',
    MEDIA_S3_REGION: 'us-east-1',
    MEDIA_S3_ACCESS_KEY_ID: credentials.accessKeyId,
    MEDIA_S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
  });
  return {
    api,
    stored: async () => {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: 'pictures' }));
      return (listed.Contents ?? []).map((object) => object.Key ?? '').sort();
    },
    fetchPicture: async (url) => {
      const response = await fetch(url);
      return { status: response.status, headers: response.headers, data: Buffer.from(await response.arrayBuffer()) };
    },
    close: async () => {
      await api.close();
      client.destroy();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe.each([
  ['on disk', onDisk],
  ['in an S3 bucket', inBucket],
])('service pictures %s', (_where, setUp) => {
  let setup: Setup;
  let api: TestApp;
  let admin: Session;
  let manager: Session;
  let customer: Session;
  let jpeg: Buffer;

  beforeAll(async () => {
    setup = await setUp();
    api = setup.api;
    [admin, manager, customer] = [await api.admin(), await api.withRole('manager'), await api.customer()];
    jpeg = await picture('jpeg', 2000, 1000);
  }, 60_000);

  afterAll(async () => {
    await setup?.close();
  });

  const upload = (id: number | string, body: FormData, who: Session | null = manager) =>
    api.request('POST', `/api/services/${id}/image`, { form: body, token: who?.accessToken });

  /** Asserts that `send` is refused as `status`/`kind` and that no row and no stored file changed. */
  async function expectNothingStored(send: () => Promise<Reply>, status: number, kind: string): Promise<Reply> {
    const before = await setup.stored();
    const reply = await api.expectNothingWritten(send, status, kind);
    expect(await setup.stored()).toEqual(before);
    return reply;
  }

  it('re-encodes a JPEG as WebP 400, 800 and 1600 px wide, without its EXIF (GPS included), and shows it on the service', async () => {
    const service = await api.service();
    const original = await sharp(jpeg).metadata();
    expect(original.exif?.includes(Buffer.from('MarqueeCam'))).toBe(true);
    expect(original.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true); // the GPS IFD pointer (tag 0x8825, little-endian)

    const reply = await upload(service.id, form({ file: jpeg, alt: '  The stage before the show  ' }));
    expect(reply.status).toBe(200);
    const { image } = reply.body;
    expect(image).toEqual({
      alt: 'The stage before the show',
      small: expect.any(String),
      medium: expect.any(String),
      large: expect.any(String),
      width: 1600,
      height: 800,
    });
    expect(await setup.stored()).toHaveLength(3);

    for (const [size, width] of [
      ['small', 400],
      ['medium', 800],
      ['large', 1600],
    ] as const) {
      const served = await setup.fetchPicture(image[size]);
      expect({ size, status: served.status, type: served.headers.get('content-type') }).toEqual({ size, status: 200, type: 'image/webp' });
      const stored = await sharp(served.data).metadata();
      expect({ size, format: stored.format, width: stored.width, height: stored.height }).toEqual({
        size,
        format: 'webp',
        width,
        height: width / 2,
      });
      expect({ size, exif: stored.exif, xmp: stored.xmp, icc: stored.icc }).toEqual({
        size,
        exif: undefined,
        xmp: undefined,
        icc: undefined,
      });
    }

    expect((await api.get(`/api/services/${service.id}`)).body.image).toEqual(image);
    const listed = await api.get('/api/services?limit=100');
    expect(listed.body.data.find((entry: { id: number }) => entry.id === service.id).image).toEqual(image);
  });

  it('never enlarges a small picture, and takes PNG and WebP', async () => {
    for (const format of ['png', 'webp'] as const) {
      const service = await api.service();
      const reply = await upload(
        service.id,
        form({ file: await picture(format, 600, 300), alt: `A ${format}`, name: 'x.bin', type: 'application/octet-stream' }),
      );
      expect({ format, status: reply.status }).toEqual({ format, status: 200 });
      expect(reply.body.image).toMatchObject({ width: 600, height: 300 });
      const widths = [];
      for (const size of ['small', 'medium', 'large'])
        widths.push((await sharp((await setup.fetchPicture(reply.body.image[size])).data).metadata()).width);
      expect(widths).toEqual([400, 600, 600]);
    }
  });

  it('turns a picture upright by its EXIF orientation before encoding it', async () => {
    const service = await api.service();
    // 800 × 400 as stored, with orientation 6: the camera was turned; upright, the picture is 400 × 800.
    const sideways = await sharp({ create: { width: 800, height: 400, channels: 3, background: '#336633' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect((await sharp(sideways).metadata()).orientation).toBe(6);
    const reply = await upload(service.id, form({ file: sideways, alt: 'Upright' }));
    expect(reply.body.image).toMatchObject({ width: 400, height: 800 });
    const large = await sharp((await setup.fetchPicture(reply.body.image.large)).data).metadata();
    expect({ width: large.width, height: large.height, orientation: large.orientation }).toEqual({
      width: 400,
      height: 800,
      orientation: undefined,
    });
  });

  it('replacing a picture deletes the old files; DELETE removes the picture and its files (204, also when there is none)', async () => {
    const service = await api.service();
    const first = (await upload(service.id, form({ file: jpeg, alt: 'First' }))).body.image;
    const storedWithFirst = await setup.stored();
    const second = (await upload(service.id, form({ file: await picture('png', 900, 900), alt: 'Second' }))).body.image;
    expect(second.alt).toBe('Second');
    expect(second.large).not.toBe(first.large);
    for (const size of ['small', 'medium', 'large']) {
      expect((await setup.fetchPicture(first[size])).status).toBe(404);
      expect((await setup.fetchPicture(second[size])).status).toBe(200);
    }
    expect(await setup.stored()).toHaveLength(storedWithFirst.length);

    const removed = await api.delete(`/api/services/${service.id}/image`, as(manager));
    expect(removed.status).toBe(204);
    expect((await api.get(`/api/services/${service.id}`)).body.image).toBeNull();
    for (const size of ['small', 'medium', 'large']) expect((await setup.fetchPicture(second[size])).status).toBe(404);
    expect(await setup.stored()).toHaveLength(storedWithFirst.length - 3);
    expect((await api.delete(`/api/services/${service.id}/image`, as(manager))).status).toBe(204);
  });

  it('refuses a hostile file with a 400 naming `file`, storing nothing and changing no row', async () => {
    const service = await api.service();
    await upload(service.id, form({ file: jpeg, alt: 'Kept' }));
    const before = (await api.get(`/api/services/${service.id}`)).body;
    const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>');
    const hostile: [string, Buffer, string][] = [
      ['text named .jpg', Buffer.from('just some words, not a picture'), 'image/jpeg'],
      ['a GIF named .jpg', gif, 'image/jpeg'],
      ['an SVG with a script', svg, 'image/svg+xml'],
      ['an SVG declared as PNG', svg, 'image/png'],
      ['a truncated JPEG', jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'image/jpeg'],
      ['a JPEG header alone', jpeg.subarray(0, 3), 'image/jpeg'],
      ['a 40,000 × 40,000 PNG (decompression bomb)', decompressionBomb(), 'image/png'],
    ];
    for (const [label, file, type] of hostile) {
      const reply = await expectNothingStored(() => upload(service.id, form({ file, alt: label, type })), 400, 'validation');
      expect({ label, fields: fields(reply) }).toEqual({ label, fields: ['file'] });
    }
    expect((await api.get(`/api/services/${service.id}`)).body).toEqual(before);
  }, 60_000);

  it('refuses a file over 5 MB with 413 and a form without a file, alt, or with unknown fields with 400 naming them', async () => {
    const service = await api.service();
    const big = Buffer.concat([jpeg, Buffer.alloc(5 * MB)]);
    await expectNothingStored(() => upload(service.id, form({ file: big, alt: 'Too big' })), 413, 'payload-too-large');
    const cases: [string, FormData, string][] = [
      ['no file', form({ alt: 'Nothing' }), 'file'],
      ['no alt', form({ file: jpeg }), 'alt'],
      ['an empty alt', form({ file: jpeg, alt: '   ' }), 'alt'],
      ['an alt over 200 characters', form({ file: jpeg, alt: 'a'.repeat(201) }), 'alt'],
      ['an alt with a control character', form({ file: jpeg, alt: 'Stage\u0000' }), 'alt'],
      ['an unknown field', form({ file: jpeg, alt: 'Stage', extra: { owner: 'me' } }), 'owner'],
      ['alt twice', form({ file: jpeg, alt: 'Stage', extra: { alt: 'Again' } }), 'alt'],
      ['the file as text', form({ alt: 'Stage', extra: { file: 'not a file' } }), 'file'],
    ];
    for (const [label, body, field] of cases) {
      const reply = await expectNothingStored(() => upload(service.id, body), 400, 'validation');
      expect({ label, fields: fields(reply) }).toEqual({ label, fields: [field] });
    }
  }, 60_000);

  it('checks in the house order: 401, 403, 400 (path id, then the form), then 404 for an unknown service', async () => {
    const service = await api.service();
    const good = () => form({ file: jpeg, alt: 'Stage' });
    await expectNothingStored(() => upload(service.id, good(), null), 401, 'unauthorized');
    await expectNothingStored(() => upload(service.id, good(), customer), 403, 'forbidden');
    await expectNothingStored(() => upload('abc', good()), 400, 'validation');
    await expectNothingStored(() => upload(999_999, form({ file: Buffer.from('text'), alt: 'Stage' })), 400, 'validation');
    await expectNothingStored(() => upload(999_999, good()), 404, 'not-found');
    const deleted = await api.service();
    expect((await api.delete(`/api/services/${deleted.id}`, as(admin))).status).toBe(204);
    await expectNothingStored(() => upload(deleted.id, good()), 404, 'not-found');
    await expectNothingStored(() => api.delete(`/api/services/999999/image`, as(manager)), 404, 'not-found');
    await expectNothingStored(() => api.delete(`/api/services/${service.id}/image`, as(customer)), 403, 'forbidden');
  });

  it('takes multipart/form-data only on the picture route: JSON there, or a form elsewhere, is a 415', async () => {
    const service = await api.service();
    await expectNothingStored(
      () => api.post(`/api/services/${service.id}/image`, { file: 'x', alt: 'Stage' }, as(manager)),
      415,
      'unsupported-media-type',
    );
    const body = new FormData();
    body.append('name', 'A form');
    await expectNothingStored(
      () => api.request('PATCH', `/api/services/${service.id}`, { form: body, token: manager.accessToken }),
      415,
      'unsupported-media-type',
    );
  });
});

describe('pictures served from MEDIA_DIR', () => {
  let setup: Setup;

  beforeAll(async () => {
    setup = await onDisk();
  }, 60_000);

  afterAll(async () => {
    await setup?.close();
  });

  it('are cached for a year as immutable, with their type and nosniff; a missing one is a 404', async () => {
    const { api } = setup;
    const manager = await api.withRole('manager');
    const service = await api.service();
    const reply = await api.request('POST', `/api/services/${service.id}/image`, {
      form: form({ file: await picture('jpeg', 800, 600), alt: 'Stage' }),
      token: manager.accessToken,
    });
    expect(reply.body.image.small).toMatch(/^\/media\/[0-9a-f]{32}-400\.webp$/);
    const served = await setup.fetchPicture(reply.body.image.small);
    expect({
      status: served.status,
      type: served.headers.get('content-type'),
      cache: served.headers.get('cache-control'),
      nosniff: served.headers.get('x-content-type-options'),
    }).toEqual({ status: 200, type: 'image/webp', cache: 'public, max-age=31536000, immutable', nosniff: 'nosniff' });
    for (const path of ['/media/0123456789abcdef0123456789abcdef-400.webp', '/media/..%2F..%2Fpackage.json', '/media/', '/media/.env']) {
      expect({ path, status: (await setup.fetchPicture(path)).status }).toEqual({ path, status: 404 });
    }
  });
});
