import { Injectable, type PipeTransform } from '@nestjs/common';
import { validationException } from './validation.pipe.js';

const MAX_ID = 2_147_483_647;

/** A path id must be a positive integer (400 otherwise); an unknown one is the service's 404. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const id = /^[1-9]\d{0,9}$/.test(value) ? Number(value) : Number.NaN;
    if (!(id <= MAX_ID)) throw validationException([{ field: 'id', message: 'must be a positive integer' }]);
    return id;
  }
}
