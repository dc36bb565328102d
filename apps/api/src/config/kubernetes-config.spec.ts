import 'reflect-metadata';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadAll } from 'js-yaml';
import { validateEnvironment } from './env.schema.js';

/**
 * Keeps deploy/kubernetes in agreement with .env.example: the ConfigMap and the Secret together name
 * exactly its variables (minus the compose-only MYSQL_PASSWORD), the values are a configuration the
 * API accepts, and the workloads read that ConfigMap and Secret.
 */
const ROOT = resolve(process.cwd(), '../..');
const EXAMPLE = resolve(ROOT, '.env.example');
const DIR = resolve(ROOT, 'deploy/kubernetes');
const NGINX_CONF = resolve(ROOT, 'docker/nginx/web.conf');

/** Variables of .env.example that have no place in Kubernetes: the MySQL container's password (compose only). */
const NOT_IN_KUBERNETES = ['MYSQL_PASSWORD'];
/** Variables that carry credentials (URLs with passwords, secrets, signing keys, key pairs): they belong in the Secret, never the ConfigMap. A public URL carries none. */
const CREDENTIALS = /(SECRET|PASSWORD|ACCESS_KEY|ACCESS_KEY_ID|SIGNING_KEY|(?<!PUBLIC)_URL)$/;
/** Manifests that `kubectl apply -k` must not apply: the Secret's template and the Job run before each rollout. */
const NOT_IN_KUSTOMIZATION = ['kustomization.yaml', 'secret.example.yaml', 'migrate-job.yaml'];

interface Manifest {
  file: string;
  doc: any;
}

function manifestFiles(): string[] {
  return readdirSync(DIR)
    .filter((file) => /\.ya?ml$/.test(file))
    .sort();
}

function loadManifests(): Manifest[] {
  return manifestFiles().flatMap((file) =>
    loadAll(readFileSync(resolve(DIR, file), 'utf8'))
      .filter((doc) => doc !== null && doc !== undefined)
      .map((doc) => ({ file, doc })),
  );
}

function find(manifests: Manifest[], kind: string, name: string): any {
  const found = manifests.filter(({ doc }) => doc.kind === kind && doc.metadata?.name === name);
  expect(found.map(({ doc }) => `${doc.kind}/${doc.metadata.name}`)).toEqual([`${kind}/${name}`]);
  return found[0].doc;
}

/** Key-value pairs of a ConfigMap's `data` or a Secret's `stringData` (or base64 `data`). */
function entries(doc: any): Record<string, unknown> {
  const data: Record<string, unknown> = { ...(doc.data ?? {}) };
  if (doc.kind === 'Secret') {
    for (const key of Object.keys(data)) data[key] = Buffer.from(String(data[key]), 'base64').toString('utf8');
  }
  return { ...data, ...(doc.stringData ?? {}) };
}

function documentedVariables(): string[] {
  const names = [...readFileSync(EXAMPLE, 'utf8').matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]);
  return [...new Set(names)].filter((name) => !NOT_IN_KUBERNETES.includes(name)).sort();
}

describe('deploy/kubernetes', () => {
  const manifests = loadManifests();
  const configMap = find(manifests, 'ConfigMap', 'marquee-config');
  const secret = find(manifests, 'Secret', 'marquee-secrets');
  const api = find(manifests, 'Deployment', 'marquee-api');
  const migrate = find(manifests, 'Job', 'marquee-migrate');

  it('parses every manifest into objects with an apiVersion, a kind and a name, in the marquee namespace', () => {
    expect(manifestFiles().length).toBeGreaterThan(0);
    for (const file of manifestFiles()) {
      expect({ file, empty: !manifests.some((manifest) => manifest.file === file) }).toEqual({ file, empty: false });
    }
    for (const { file, doc } of manifests) {
      const where = `${file}: ${doc?.kind}/${doc?.metadata?.name}`;
      expect({ where, isObject: typeof doc === 'object' && !Array.isArray(doc) }).toEqual({ where, isObject: true });
      expect({ where, apiVersion: typeof doc.apiVersion, kind: typeof doc.kind }).toEqual({ where, apiVersion: 'string', kind: 'string' });
      if (doc.kind === 'Kustomization') continue;
      expect({ where, name: typeof doc.metadata?.name }).toEqual({ where, name: 'string' });
      if (doc.kind === 'Namespace') expect(doc.metadata.name).toBe('marquee');
      else expect({ where, namespace: doc.metadata.namespace }).toEqual({ where, namespace: 'marquee' });
    }
  });

  it('lists in kustomization.yaml every manifest but the Secret template and the migrate Job', () => {
    const kustomizations = manifests.filter(({ doc }) => doc.kind === 'Kustomization');
    expect(kustomizations.map(({ file }) => file)).toEqual(['kustomization.yaml']);
    const listed: string[] = [...kustomizations[0].doc.resources].sort();
    for (const file of listed) expect({ file, exists: existsSync(resolve(DIR, file)) }).toEqual({ file, exists: true });
    expect(listed).toEqual(manifestFiles().filter((file) => !NOT_IN_KUSTOMIZATION.includes(file)));
  });

  it('names in the ConfigMap and the Secret exactly the variables of .env.example (but MYSQL_PASSWORD)', () => {
    const inConfigMap = Object.keys(entries(configMap));
    const inSecret = Object.keys(entries(secret));
    expect(inConfigMap.filter((name) => inSecret.includes(name))).toEqual([]);
    expect([...inConfigMap, ...inSecret].sort()).toEqual(documentedVariables());
  });

  it('keeps credentials in the Secret and only strings in the ConfigMap', () => {
    expect(Object.keys(entries(configMap)).filter((name) => CREDENTIALS.test(name))).toEqual([]);
    for (const [name, value] of Object.entries({ ...entries(configMap), ...entries(secret) })) {
      expect({ name, type: typeof value }).toEqual({ name, type: 'string' });
    }
  });

  it('is a production configuration the API accepts once the Secret’s CHANGE_ME placeholders are replaced', () => {
    const filled = Object.fromEntries(
      Object.entries(entries(secret)).map(([name, value]) => [name, String(value).replace(/CHANGE_ME/g, 'Kp4xR9w2')]),
    );
    const env = validateEnvironment({ ...entries(configMap), ...filled });
    expect(env).toEqual(
      expect.objectContaining({
        NODE_ENV: 'production',
        HOST: '0.0.0.0',
        LOG_LEVEL: 'info',
        SWAGGER_ENABLED: false,
        // The ingress controller is the one proxy in front of the API pods (it sets X-Forwarded-For).
        TRUST_PROXY: 1,
        SEED_DEMO_DATA: false,
      }),
    );
    expect(env.DATABASE_URL).toMatch(/^mysql:\/\//);
    expect(env.REDIS_URL).toMatch(/^rediss?:\/\//);
    const ports = api.spec.template.spec.containers[0].ports.map((port: any) => port.containerPort);
    expect(ports).toEqual([env.PORT]);
  });

  it('refuses to start with the Secret template’s JWT_SECRET left as it is', () => {
    expect(() => validateEnvironment({ ...entries(configMap), ...entries(secret) })).toThrow(/JWT_SECRET: is a placeholder/);
  });

  it('gives the api Deployment and the migrate Job the same image, ConfigMap and Secret', () => {
    const [apiContainer] = api.spec.template.spec.containers;
    const [migrateContainer] = migrate.spec.template.spec.containers;
    for (const container of [apiContainer, migrateContainer]) {
      const envFrom = container.envFrom.map((source: any) => source.configMapRef?.name ?? `secret:${source.secretRef?.name}`);
      expect(envFrom).toEqual([configMap.metadata.name, `secret:${secret.metadata.name}`]);
    }
    expect(migrateContainer.image).toBe(apiContainer.image);
    expect(migrateContainer.securityContext).toEqual(apiContainer.securityContext);
    expect(apiContainer.readinessProbe.httpGet.path).toBe('/api/health/ready');
    expect(apiContainer.livenessProbe.httpGet.path).toBe('/api/health');
  });

  it('has a Service for every upstream the web image proxies to', () => {
    if (!existsSync(NGINX_CONF)) return;
    const upstreams = [...readFileSync(NGINX_CONF, 'utf8').matchAll(/proxy_pass\s+https?:\/\/([\w.-]+):(\d+)/g)];
    for (const [, host, port] of upstreams) {
      const service = find(manifests, 'Service', host.split('.')[0]);
      expect(service.spec.ports.map((entry: any) => entry.port)).toContain(Number(port));
    }
  });
});
