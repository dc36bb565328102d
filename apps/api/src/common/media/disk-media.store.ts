import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkedName, MediaStore } from './media.store.js';

/** Files in one folder (MEDIA_DIR), served by the API at /media (app.ts). */
export class DiskMediaStore extends MediaStore {
  constructor(
    readonly dir: string,
    publicUrl: string,
  ) {
    super(publicUrl);
  }

  async put(name: string, body: Buffer): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const target = join(this.dir, checkedName(name));
    // Written aside then renamed: a reader never sees half a file.
    const partial = `${target}.${randomBytes(6).toString('hex')}.partial`;
    try {
      await writeFile(partial, body, { flag: 'wx' });
      await rename(partial, target);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async remove(names: string[]): Promise<void> {
    await Promise.all(names.map((name) => rm(join(this.dir, checkedName(name)), { force: true })));
  }
}
