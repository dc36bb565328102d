import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

/** Ids are positive integers that fit the INT columns. */
export const MAX_ID = 2_147_483_647;

export const IsId = () =>
  applyDecorators(ApiProperty({ type: 'integer', format: 'int32', minimum: 1, maximum: MAX_ID }), IsInt(), Min(1), Max(MAX_ID));
