import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { EnvironmentVariables } from './env.schema.js';

const EXAMPLE = resolve(process.cwd(), '../../.env.example');

describe('.env.example', () => {
  it('documents exactly the variables the API reads (plus the compose-only MYSQL_PASSWORD)', () => {
    const read = new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(EnvironmentVariables, '', true, false)
        .map((rule) => rule.propertyName),
    );
    const documented = new Set([...readFileSync(EXAMPLE, 'utf8').matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]));
    documented.delete('MYSQL_PASSWORD');
    expect([...documented].sort()).toEqual([...read].sort());
  });
});
