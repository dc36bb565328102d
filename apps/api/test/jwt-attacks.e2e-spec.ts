import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { as, expectProblem, PASSWORD, TestApp, type Session } from './support/test-app.js';

type Claims = Record<string, unknown>;
type Header = Record<string, unknown>;

const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
const decode = (token: string, index: 0 | 1): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[index], 'base64url').toString());

function signHs256(header: Header, claims: Claims, secret: string): string {
  const unsigned = `${encode(header)}.${encode(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

function signRs256(header: Header, claims: Claims, privateKey: KeyObject): string {
  const unsigned = `${encode(header)}.${encode(claims)}`;
  return `${unsigned}.${sign('sha256', Buffer.from(unsigned), privateKey).toString('base64url')}`;
}

const now = () => Math.floor(Date.now() / 1000);

/** What a forgery changes in a genuine token before signing it again with the API's own secret. */
interface Defect {
  header?: (header: Header) => Header;
  claims?: (claims: Claims) => Claims;
}

const unchanged = <T>(part: T) => part;
const without =
  (name: string) =>
  ({ [name]: _dropped, ...rest }: Record<string, unknown>) =>
    rest;

const SIGNED_WITH_THE_REAL_SECRET: [string, Defect][] = [
  ['a wrong iss', { claims: (claims) => ({ ...claims, iss: 'someone-else' }) }],
  ['no iss', { claims: without('iss') }],
  ['a wrong aud', { claims: (claims) => ({ ...claims, aud: 'another-api' }) }],
  ['no aud', { claims: without('aud') }],
  ['an exp in the past', { claims: (claims) => ({ ...claims, iat: now() - 3600, exp: now() - 60 }) }],
  ['an nbf in the future', { claims: (claims) => ({ ...claims, nbf: now() + 3600 }) }],
  ['an nbf that is not a number', { claims: (claims) => ({ ...claims, nbf: String(now() - 60) }) }],
  ['an exp that is not a number', { claims: (claims) => ({ ...claims, exp: String(now() + 600) }) }],
  ['no exp', { claims: without('exp') }],
  ['an aud list without this API', { claims: (claims) => ({ ...claims, aud: ['another-api'] }) }],
  ['a header that is not an object', { header: () => ['HS256'] as unknown as Header }],
  ['an unknown kid', { header: (header) => ({ ...header, kid: 'k1' }) }],
  ['a path-traversal kid', { header: (header) => ({ ...header, kid: '../../dev/null' }) }],
  ['an SQL-injection kid', { header: (header) => ({ ...header, kid: "x' OR '1'='1" }) }],
];

describe('JWT attacks on the access token', () => {
  let app: TestApp;
  let secret: string;
  let admin: Session;
  let victim: Session;

  /** A genuine token's header and claims, changed by `defect`, signed with the API's secret. */
  const forge = (session: Session, { header = unchanged, claims = unchanged }: Defect = {}) =>
    signHs256(header(decode(session.accessToken, 0)), claims(decode(session.accessToken, 1)), secret);

  const me = (token: string) => app.get('/api/auth/me', { token });

  async function expectAccepted(token: string): Promise<void> {
    expect((await me(token)).status).toBe(200);
  }

  async function expectRefused(token: string): Promise<void> {
    expectProblem(await me(token), 401, 'unauthorized');
  }

  beforeAll(async () => {
    app = await TestApp.start();
    secret = app.env.JWT_SECRET;
    admin = await app.admin();
    victim = await app.customer('Vic Victim');
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('forged tokens', () => {
    it('the forgery construction itself is sound: a genuine token signed again with the real secret is accepted', async () => {
      await expectAccepted(forge(victim));
    });

    it.each([
      ['with', '.'],
      ['without', ''],
    ])('refuses alg none %s a trailing dot', async (_label, trailer) => {
      const token = `${encode({ alg: 'none', typ: 'JWT' })}.${encode(decode(victim.accessToken, 1))}${trailer}`;
      await expectRefused(token);
    });

    it('refuses an RS256 token signed with an RSA key of the attacker', async () => {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      await expectRefused(signRs256({ alg: 'RS256', typ: 'JWT' }, decode(victim.accessToken, 1), privateKey));
    });

    it('refuses an HS256 token whose secret is an RSA public key (HS/RS confusion)', async () => {
      const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
      await expectRefused(signHs256(decode(victim.accessToken, 0), decode(victim.accessToken, 1), pem));
    });

    it('refuses a payload changed to the admin’s id under the original signature', async () => {
      const [header, , signature] = victim.accessToken.split('.');
      const payload = encode({ ...decode(victim.accessToken, 1), sub: String(admin.id) });
      await expectAccepted(victim.accessToken);
      await expectRefused(`${header}.${payload}.${signature}`);
    });

    it('refuses a token signed with another secret', async () => {
      await expectRefused(signHs256(decode(victim.accessToken, 0), decode(victim.accessToken, 1), `not-${secret}`));
    });

    it('accepts an aud list naming this API, and the scheme in any case', async () => {
      await expectAccepted(forge(victim, { claims: (claims) => ({ ...claims, aud: ['another-api', 'marquee-api'] }) }));
      const reply = await app.get('/api/auth/me', { headers: { authorization: `bearer ${victim.accessToken}` } });
      expect(reply.status).toBe(200);
    });

    it('says why: an expired token, a bad one, none', async () => {
      const expired = forge(victim, { claims: (claims) => ({ ...claims, iat: now() - 3600, exp: now() - 60 }) });
      const cases: [string | undefined, string][] = [
        [expired, 'The access token has expired'],
        [signHs256(decode(victim.accessToken, 0), decode(victim.accessToken, 1), `not-${secret}`), 'A valid access token is required'],
        [undefined, 'A valid access token is required'],
      ];
      for (const [token, detail] of cases) {
        const reply = await app.get('/api/auth/me', token === undefined ? {} : { token });
        expectProblem(reply, 401, 'unauthorized');
        expect(reply.body.detail).toBe(detail);
      }
    });

    it('refuses an empty signature', async () => {
      const [header, payload] = victim.accessToken.split('.');
      await expectRefused(`${header}.${payload}.`);
    });

    it.each(SIGNED_WITH_THE_REAL_SECRET)('refuses a token signed with the real secret but with %s', async (_label, defect) => {
      await expectAccepted(forge(victim));
      await expectRefused(forge(victim, defect));
    });
  });

  describe('tokens in the wrong place or of the wrong kind', () => {
    it('refuses a refresh token used as a Bearer access token', async () => {
      const user = await app.customer();
      await expectRefused(user.refreshToken);
      expect((await app.post('/api/auth/refresh', { refreshToken: user.refreshToken })).status).toBe(200);
    });

    it('refuses an access token sent as the refresh token', async () => {
      const user = await app.customer();
      expectProblem(await app.post('/api/auth/refresh', { refreshToken: user.accessToken }), 401, 'unauthorized');
      await expectAccepted(user.accessToken);
    });

    it.each(['access_token', 'token'])('ignores a token in the query string (?%s=) without an Authorization header', async (parameter) => {
      const user = await app.customer();
      const reply = await app.get(`/api/auth/me?${parameter}=${encodeURIComponent(user.accessToken)}`);
      expectProblem(reply, 401, 'unauthorized');
      await expectAccepted(user.accessToken);
    });
  });

  describe('a token that expires while in use', () => {
    let shortLived: TestApp;

    beforeAll(async () => {
      shortLived = await TestApp.start({ JWT_ACCESS_TTL: '2s' });
    });

    afterAll(async () => {
      await shortLived?.close();
    });

    it('is accepted until its exp, then refused as expired', async () => {
      const user = await shortLived.customer();
      const { exp } = decode(user.accessToken, 1) as { exp: number };
      expect((await shortLived.get('/api/auth/me', { token: user.accessToken })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 50));
      const reply = await shortLived.get('/api/auth/me', { token: user.accessToken });
      expectProblem(reply, 401, 'unauthorized');
      expect(reply.body.detail).toBe('The access token has expired');
    });
  });

  describe('tokens that were genuine', () => {
    it('refuses the access token used to log out', async () => {
      const user = await app.customer();
      await expectAccepted(user.accessToken);
      expect((await app.post('/api/auth/logout', {}, as(user))).status).toBe(204);
      await expectRefused(user.accessToken);
    });

    it('refuses an earlier access token of a session that logged out', async () => {
      const user = await app.customer();
      const refreshed = await app.post('/api/auth/refresh', { refreshToken: user.refreshToken });
      expect(refreshed.status).toBe(200);
      await expectAccepted(user.accessToken);

      expect((await app.post('/api/auth/logout', {}, { token: refreshed.body.accessToken })).status).toBe(204);
      await expectRefused(refreshed.body.accessToken);
      await expectRefused(user.accessToken);
    });

    it('refuses the other sessions’ access tokens after a password change, not the changing session’s', async () => {
      const user = await app.customer();
      const other = await app.login(user.email, PASSWORD);
      await expectAccepted(other.accessToken);

      const changed = await app.patch('/api/auth/me', { currentPassword: PASSWORD, newPassword: 'Brand-new-pass-2' }, as(user));
      expect(changed.status).toBe(200);
      await expectRefused(other.accessToken);
      await expectAccepted(user.accessToken);
    });

    it('refuses the tokens of a user deactivated by an admin', async () => {
      const user = await app.customer();
      await expectAccepted(user.accessToken);
      expect((await app.patch(`/api/users/${user.id}`, { isActive: false }, as(admin))).status).toBe(200);
      await expectRefused(user.accessToken);
    });

    it('refuses the tokens of a deleted user', async () => {
      const user = await app.customer();
      await expectAccepted(user.accessToken);
      expect((await app.delete(`/api/users/${user.id}`, as(admin))).status).toBe(204);
      await expectRefused(user.accessToken);
    });
  });
});
