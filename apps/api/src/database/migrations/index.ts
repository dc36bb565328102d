import { InitialSchema1764115200000 } from './1764115200000-initial-schema.js';

/** Every migration, oldest first. A schema change is always a new file here, never an edit. */
export const MIGRATIONS = [InitialSchema1764115200000];
