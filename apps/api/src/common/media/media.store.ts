/**
 * Where uploaded files (services' pictures) are kept: MEDIA_DIR served by the API at /media, or an
 * S3-compatible bucket (MEDIA_S3_*). Names are flat (`[A-Za-z0-9._-]`), never chosen by a client.
 */
export abstract class MediaStore {
  constructor(private readonly publicUrl: string) {}

  /** Stores `body` under `name` (replacing nothing: names are new each time). */
  abstract put(name: string, body: Buffer, contentType: string): Promise<void>;

  /** Removes the named files; a name already gone is not an error. */
  abstract remove(names: string[]): Promise<void>;

  /** The URL a browser fetches `name` at. */
  url(name: string): string {
    return `${this.publicUrl}/${name}`;
  }
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Refuses a name that could leave the folder or the bucket's root. */
export function checkedName(name: string): string {
  if (!NAME.test(name) || name.includes('..')) throw new Error(`not a media file name: ${JSON.stringify(name)}`);
  return name;
}
