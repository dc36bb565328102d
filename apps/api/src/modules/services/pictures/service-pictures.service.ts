import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../../common/auth-user.js';
import { MediaStore } from '../../../common/media/media.store.js';
import { Transactions } from '../../../database/transactions.js';
import { AuditLog } from '../../audit/audit-log.js';
import { CatalogueCache } from '../catalogue-cache.js';
import type { ServiceDto } from '../dto/service.dto.js';
import type { UploadImageDto } from '../dto/upload-image.dto.js';
import { Service } from '../service.entity.js';
import { ServicesService } from '../services.service.js';
import { PictureEncoder } from './picture-encoder.js';
import { newPictureKey, renditionFiles } from './picture-key.js';

/**
 * A service's picture: checked and re-encoded (PictureEncoder), its renditions stored (MediaStore)
 * under a new random key, and the key and its text alternative recorded on the service. A refused
 * upload stores nothing; the files of a replaced or removed picture are deleted once the change is
 * committed.
 */
@Injectable()
export class ServicePictures {
  private readonly logger = new Logger(ServicePictures.name);

  constructor(
    private readonly encoder: PictureEncoder,
    private readonly media: MediaStore,
    private readonly services: ServicesService,
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly cache: CatalogueCache,
  ) {}

  /** Sets (or replaces) the picture: 400 naming `file` for anything but a sound JPEG, PNG or WebP, then 404 for an unknown service. */
  async set(actor: AuthUser, id: number, { file, alt }: UploadImageDto): Promise<ServiceDto> {
    const picture = await this.encoder.encode(file);
    const key = newPictureKey(picture.width, picture.height);
    const files = renditionFiles(key);
    let previous: string | null;
    try {
      previous = await this.transactions.run(async (manager) => {
        const service = await this.services.lock(manager, id);
        await Promise.all(files.map((name, index) => this.media.put(name, picture.renditions[index], 'image/webp')));
        await this.record(manager, actor, service, { imageKey: key, imageAlt: alt });
        return service.imageKey;
      });
    } catch (error) {
      await this.discard(key);
      throw error;
    }
    if (previous) await this.discard(previous);
    await this.cache.invalidate();
    return this.services.load(id);
  }

  /** Removes the picture and its files (204 also when there was none); 404 for an unknown service. */
  async remove(actor: AuthUser, id: number): Promise<void> {
    const previous = await this.transactions.run(async (manager) => {
      const service = await this.services.lock(manager, id);
      if (!service.imageKey) return null;
      await this.record(manager, actor, service, { imageKey: null, imageAlt: null });
      return service.imageKey;
    });
    if (!previous) return;
    await this.discard(previous);
    await this.cache.invalidate();
  }

  /** Records the service's new picture and its audit entry, in `manager`'s transaction. */
  private async record(
    manager: EntityManager,
    actor: AuthUser,
    service: Service,
    after: Pick<Service, 'imageKey' | 'imageAlt'>,
  ): Promise<void> {
    await manager.update(Service, { id: service.id }, after);
    await this.audit.record(manager, actor, {
      action: 'service.updated',
      target: 'service',
      targetId: service.id,
      before: { imageKey: service.imageKey, imageAlt: service.imageAlt },
      after: { ...after },
    });
  }

  /** Deletes a key's files. After a commit nothing is undone for it: a failure leaves files behind, logged. */
  private async discard(key: string): Promise<void> {
    try {
      await this.media.remove(renditionFiles(key));
    } catch (error) {
      this.logger.warn({ err: error, key }, 'could not delete the files of a picture');
    }
  }
}
