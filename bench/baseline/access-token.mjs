// The baseline's stand-in for Marquee's JWT guard, with node:crypto only.
//
// It does what Marquee's guard does on every request: take the Bearer token, verify its HS256
// signature (the algorithm pinned: the header must say HS256), check `exp`, `nbf` when present,
// `iss` = marquee and `aud` = marquee-api, check the shape of `sub`, `jti` and `sid`, then read the
// user, their role and its permissions from the database (one statement, the same as Marquee's).
//
// It does not: look up the access-token denylist (Marquee's is an in-process Map when REDIS_URL is
// unset, as in the bench — a lookup that costs next to nothing), allow clock skew, accept other
// algorithms, or tell an expired token from a bad one in its 401.
import { createHmac, timingSafeEqual } from 'node:crypto';

const ISSUER = 'marquee';
const AUDIENCE = 'marquee-api';

/**
 * The signed-in user for an Authorization header, or undefined (401).
 * `loadUserRows(id)` runs the session-user statement and resolves its rows (one per permission).
 */
export async function authenticate(authorization, secret, loadUserRows) {
  const claims = verify(bearerToken(authorization), secret);
  const id = Number(claims?.sub);
  if (!claims || !Number.isSafeInteger(id) || typeof claims.jti !== 'string' || typeof claims.sid !== 'string') return undefined;
  const rows = await loadUserRows(id);
  if (rows.length === 0) return undefined;
  const [{ name, email, role }] = rows;
  return { id, name, email, role, permissions: new Set(rows.map((row) => row.permission).filter(Boolean)) };
}

function bearerToken(authorization) {
  const match = /^bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match?.[1];
}

/** The claims of a genuine, current HS256 token for this API, or undefined. */
function verify(token, secret) {
  const [header, payload, signature, extra] = token?.split('.') ?? [];
  if (!header || !payload || !signature || extra !== undefined) return undefined;
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    if (JSON.parse(Buffer.from(header, 'base64url').toString()).alg !== 'HS256') return undefined;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const now = Math.floor(Date.now() / 1000);
    const audiences = [claims.aud].flat();
    if (typeof claims.exp !== 'number' || claims.exp <= now) return undefined;
    if (claims.nbf !== undefined && claims.nbf > now) return undefined;
    if (claims.iss !== ISSUER || !audiences.includes(AUDIENCE)) return undefined;
    return claims;
  } catch {
    return undefined;
  }
}
