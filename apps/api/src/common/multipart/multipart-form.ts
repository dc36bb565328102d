import {
  applyDecorators,
  Injectable,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiConsumes, ApiPayloadTooLargeResponse, ApiUnsupportedMediaTypeResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { ProblemDto } from '../dto/problem.dto.js';
import { ProblemException, validationProblem } from '../problem.js';

export interface MultipartLimits {
  /** Bytes of the one file part; more answers 413. */
  fileBytes: number;
  /** Text fields, and the bytes of each. */
  fields: number;
  fieldBytes: number;
}

/** The one route option that lets a multipart/form-data body through (app.ts refuses it elsewhere with 415). */
export const MULTIPART_ROUTE = 'multipart';

/**
 * A route whose body is multipart/form-data: at most one file part, read into a Buffer, and a few
 * text fields; together they become the body the global ValidationPipe checks against the route's
 * DTO (the file as a Buffer under its field name). Any other content type is a 415; a file over the
 * limit a 413; a malformed form, a second file or too many fields a 400.
 */
export function MultipartForm(limits: MultipartLimits): MethodDecorator & ClassDecorator {
  return applyDecorators(
    RouteConfig({ [MULTIPART_ROUTE]: true }),
    UseInterceptors(new MultipartFormInterceptor(limits)),
    ApiConsumes('multipart/form-data'),
    ApiPayloadTooLargeResponse({ type: ProblemDto, description: `The file is over ${limits.fileBytes / 1024 / 1024} MB` }),
    ApiUnsupportedMediaTypeResponse({ type: ProblemDto, description: 'The body is not multipart/form-data' }),
  );
}

@Injectable()
export class MultipartFormInterceptor implements NestInterceptor {
  constructor(private readonly limits: MultipartLimits) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!request.isMultipart()) throw new ProblemException('unsupported-media-type', 'Send the request body as multipart/form-data');
    request.body = await this.read(request);
    return next.handle();
  }

  private async read(request: FastifyRequest): Promise<Record<string, string | Buffer>> {
    const body: Record<string, string | Buffer> = Object.create(null);
    let files = 0;
    try {
      const parts = request.parts({
        limits: {
          fileSize: this.limits.fileBytes,
          files: 1,
          fields: this.limits.fields,
          fieldSize: this.limits.fieldBytes,
          parts: this.limits.fields + 1,
          headerPairs: 20,
        },
      });
      for await (const part of parts) {
        if (Object.hasOwn(body, part.fieldname)) throw validationProblem(part.fieldname, `${part.fieldname} must be given once`);
        if (part.type === 'file') {
          files++;
          body[part.fieldname] = await part.toBuffer();
        } else {
          if (part.valueTruncated)
            throw validationProblem(part.fieldname, `${part.fieldname} must be at most ${this.limits.fieldBytes} bytes`);
          body[part.fieldname] = String(part.value);
        }
      }
    } catch (error) {
      throw this.problem(error, files);
    }
    return { ...body };
  }

  private problem(error: unknown, files: number): unknown {
    if (error instanceof ProblemException) return error;
    switch ((error as { code?: unknown }).code) {
      case 'FST_REQ_FILE_TOO_LARGE':
        return new ProblemException('payload-too-large', `The file is larger than ${this.limits.fileBytes / 1024 / 1024} MB`);
      case 'FST_FILES_LIMIT':
        return new ProblemException('validation', files > 0 ? 'Send one file only' : 'The form has too many parts');
      case 'FST_FIELDS_LIMIT':
      case 'FST_PARTS_LIMIT':
        return new ProblemException('validation', 'The form has too many fields');
    }
    return new ProblemException('validation', 'The request body is not valid multipart/form-data');
  }
}
