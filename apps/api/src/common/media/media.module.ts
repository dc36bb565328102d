import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { DiskMediaStore } from './disk-media.store.js';
import { MediaStore } from './media.store.js';
import { S3MediaStore } from './s3-media.store.js';

@Global()
@Module({
  providers: [
    {
      provide: MediaStore,
      inject: [AppConfig],
      useFactory: ({ media }: AppConfig): MediaStore =>
        media.s3 ? new S3MediaStore({ ...media, s3: media.s3 }) : new DiskMediaStore(media.dir, media.publicUrl),
    },
  ],
  exports: [MediaStore],
})
export class MediaModule implements OnApplicationShutdown {
  constructor(@Inject(MediaStore) private readonly store: MediaStore) {}

  onApplicationShutdown() {
    if (this.store instanceof S3MediaStore) this.store.close();
  }
}
