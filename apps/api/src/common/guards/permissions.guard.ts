import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Permission } from '@marquee/contracts';
import type { AuthUser } from '../auth-user.js';
import { REQUIRED_PERMISSIONS } from '../decorators/access.decorators.js';
import { forbidden } from '../problem.js';

/** Global, after authentication: a route's `@RequirePermissions(...)` must all be held (403). */
@Injectable()
export class PermissionsGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<Permission[] | undefined>(REQUIRED_PERMISSIONS, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!required?.length) return true;
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    const missing = required.filter((permission) => !user?.permissions.has(permission));
    if (missing.length > 0) throw forbidden(`This needs the permission ${missing.join(', ')}`);
    return true;
  }
}
