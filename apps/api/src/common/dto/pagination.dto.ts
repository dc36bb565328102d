import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ApiInteger } from './api-integer.js';

/** `page` (from 1) and `limit` (1–100) of every list. */
export class PageQueryDto {
  /**
   * The page, from 1.
   * @example 1
   */
  @ApiInteger({ required: false, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page: number = 1;

  /**
   * Items per page, 1–100.
   * @example 20
   */
  @ApiInteger({ required: false, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;
}

export class PageMetaDto {
  /** @example 1 */
  @ApiInteger()
  page!: number;
  /** @example 20 */
  @ApiInteger()
  limit!: number;
  /** @example 57 */
  @ApiInteger()
  total!: number;
  /** @example 3 */
  @ApiInteger()
  totalPages!: number;
}

export function pageMeta(query: PageQueryDto, total: number): PageMetaDto {
  return { page: query.page, limit: query.limit, total, totalPages: Math.ceil(total / query.limit) };
}

/**
 * The total when the page itself tells it, as TypeORM's getManyAndCount reckons it: a page shorter
 * than the limit is the last one. Undefined when the rows must be counted.
 */
export function totalFromPage(query: PageQueryDto, rowsOnPage: number): number | undefined {
  const offset = (query.page - 1) * query.limit;
  if (rowsOnPage === query.limit || (rowsOnPage === 0 && offset > 0)) return undefined;
  return offset + rowsOnPage;
}

/** `sort=field` or `sort=-field` (descending) over the given fields. */
export function sortValues<T extends string>(fields: readonly T[]): string[] {
  return fields.flatMap((field) => [field, `-${field}`]);
}

export function parseSort<T extends string>(sort: string | undefined, fallback: string): { field: T; direction: 'ASC' | 'DESC' } {
  const value = sort ?? fallback;
  return value.startsWith('-') ? { field: value.slice(1) as T, direction: 'DESC' } : { field: value as T, direction: 'ASC' };
}
