import { Injectable, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { ProblemException, type FieldError } from '../problem.js';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message: message.replace(/^property /, '') }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

export function validationException(errors: FieldError[]): ProblemException {
  const detail = errors.map((error) => `${error.field}: ${error.message}`).join('; ') || 'The request is invalid';
  return new ProblemException('validation', detail, errors);
}

/**
 * The global pipe: whitelist + forbidNonWhitelisted + transform, field errors in the problem body,
 * and a query parameter given twice is a 400 naming it.
 */
@Injectable()
export class AppValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => validationException(flatten(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'query' && value && typeof value === 'object') {
      const repeated = Object.entries(value).filter(([, given]) => Array.isArray(given));
      if (repeated.length > 0) {
        throw validationException(repeated.map(([field]) => ({ field, message: 'must be given at most once' })));
      }
    }
    if (metadata.type === 'body' && metadata.metatype && metadata.metatype !== Object && (value === undefined || value === null)) {
      value = {};
    }
    return super.transform(value, metadata);
  }

  /** Path parameters reach their own pipe (ParseIdPipe) as sent: `1e3`, `0x10` or `007` must not become numbers here. */
  protected override transformPrimitive(value: unknown, metadata: ArgumentMetadata): unknown {
    return metadata.type === 'param' ? value : super.transformPrimitive(value, metadata);
  }
}
