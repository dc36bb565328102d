import { Injectable, type PipeTransform } from '@nestjs/common';
import { MAX_ID } from '../validation/id.js';
import { validationException } from './validation.pipe.js';

/** A path id must be a positive integer (400 otherwise); an unknown one is the service's 404. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const id = /^[1-9]\d{0,9}$/.test(value) ? Number(value) : Number.NaN;
    if (!(id <= MAX_ID)) throw validationException([{ field: 'id', message: 'must be a positive integer' }]);
    return id;
  }
}
