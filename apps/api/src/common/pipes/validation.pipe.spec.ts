import 'reflect-metadata';
import type { ArgumentMetadata } from '@nestjs/common';
import { IsOptional, IsString } from 'class-validator';
import { ProblemException } from '../problem.js';
import { AppValidationPipe } from './validation.pipe.js';

class NameDto {
  @IsOptional()
  @IsString()
  name?: string;
}

describe('AppValidationPipe', () => {
  const pipe = new AppValidationPipe();
  const body: ArgumentMetadata = { type: 'body', metatype: NameDto };
  const query: ArgumentMetadata = { type: 'query', metatype: NameDto };
  const refusal = (value: unknown, metadata: ArgumentMetadata) =>
    pipe.transform(value, metadata).then(
      () => undefined,
      (error: unknown) => error as ProblemException,
    );

  it('passes a valid body', async () => {
    expect(await pipe.transform({ name: 'Ada' }, body)).toEqual(Object.assign(new NameDto(), { name: 'Ada' }));
  });

  it('answers a 400 to a body nested thousands of levels deep, not a stack overflow (500)', async () => {
    let deep: unknown = [];
    for (let level = 0; level < 5_000; level += 1) deep = [deep];
    const problem = await refusal({ name: 'Ada', deep }, body);
    expect(problem).toBeInstanceOf(ProblemException);
    expect(problem?.kind).toBe('validation');
  });

  it.each(['constructor', 'toString', 'hasOwnProperty', 'prototype', '__proto__'])(
    'refuses a field named %s in a body or a query, naming it (class-transformer would drop it silently)',
    async (field) => {
      for (const metadata of [body, query]) {
        const problem = await refusal(JSON.parse(`{"name":"Ada",${JSON.stringify(field)}:"x"}`), metadata);
        expect(problem).toBeInstanceOf(ProblemException);
        expect(problem?.errors).toEqual([{ field, message: `${field} should not exist` }]);
      }
    },
  );
});
