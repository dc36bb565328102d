import { DeleteObjectsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { MediaConfig } from '../../config/app-config.js';
import { checkedName, MediaStore } from './media.store.js';

/** Objects in an S3-compatible bucket (MEDIA_S3_*), read by browsers at MEDIA_PUBLIC_URL. */
export class S3MediaStore extends MediaStore {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(media: MediaConfig & { s3: NonNullable<MediaConfig['s3']> }) {
    super(media.publicUrl);
    this.bucket = media.s3.bucket;
    this.client = new S3Client({
      region: media.s3.region,
      endpoint: media.s3.endpoint,
      // Servers other than AWS (MinIO, s3rver …) address buckets by path, not by host name.
      forcePathStyle: media.s3.endpoint !== undefined,
      credentials: media.s3.credentials,
      // Checksums only where S3 requires them: S3-compatible servers do not all read the newer trailers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(name: string, body: Buffer, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: checkedName(name),
        Body: body,
        ContentType: contentType,
        CacheControl: 'public, max-age=31536000, immutable',
      }),
    );
  }

  async remove(names: string[]): Promise<void> {
    if (names.length === 0) return;
    const answer = await this.client.send(
      new DeleteObjectsCommand({
        Bucket: this.bucket,
        Delete: { Objects: names.map((name) => ({ Key: checkedName(name) })), Quiet: true },
      }),
    );
    if (answer.Errors?.length)
      throw new Error(`the bucket kept ${answer.Errors.map((error) => error.Key).join(', ')}: ${answer.Errors[0].Message}`);
  }

  close(): void {
    this.client.destroy();
  }
}
