import { Injectable, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { ProblemException, type FieldError } from '../problem.js';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message: message.replace(/^property /, '') }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Deeper than any DTO goes; class-transformer recurses per level and would overflow the stack (a 500). */
const MAX_BODY_DEPTH = 32;

/** Whether `value` nests objects or arrays deeper than `limit` levels (walked without recursion). */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    if (!node || typeof node !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
  return false;
}

/**
 * Keys naming Object.prototype members (`constructor`, `toString` …) or `prototype`: class-transformer
 * drops or mangles them before the whitelist looks, so they would pass silently instead of a 400.
 */
function reservedKeys(value: unknown): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.keys(value).filter((key) => key in Object.prototype || key === 'prototype');
}

export function validationException(errors: FieldError[]): ProblemException {
  const detail = errors.map((error) => `${error.field}: ${error.message}`).join('; ') || 'The request is invalid';
  return new ProblemException('validation', detail, errors);
}

/**
 * The global pipe: whitelist + forbidNonWhitelisted + transform, field errors in the problem body,
 * a query parameter given twice or a field named like an Object.prototype member is a 400 naming it,
 * and a body nested absurdly deep is a 400 too.
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
    const reserved = metadata.type === 'body' || metadata.type === 'query' ? reservedKeys(value) : [];
    if (reserved.length > 0) throw validationException(reserved.map((field) => ({ field, message: `${field} should not exist` })));
    if (metadata.type === 'body' && nestsDeeperThan(value, MAX_BODY_DEPTH)) {
      throw new ProblemException('validation', `The request body nests deeper than ${MAX_BODY_DEPTH} levels`);
    }
    return super.transform(value, metadata);
  }

  /** Path parameters reach their own pipe (ParseIdPipe) as sent: `1e3`, `0x10` or `007` must not become numbers here. */
  protected override transformPrimitive(value: unknown, metadata: ArgumentMetadata): unknown {
    return metadata.type === 'param' ? value : super.transformPrimitive(value, metadata);
  }
}
