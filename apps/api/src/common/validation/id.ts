import { applyDecorators } from '@nestjs/common';
import { IsInt, Max, Min } from 'class-validator';

/** Ids are positive integers that fit the INT columns. */
export const MAX_ID = 2_147_483_647;

export const IsId = () => applyDecorators(IsInt(), Min(1), Max(MAX_ID));
