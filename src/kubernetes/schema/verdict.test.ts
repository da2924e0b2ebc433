import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import type { StandaloneValidate } from './standalone.ts';
import { StandaloneSchemas } from './standalone.ts';

const require = createRequire(import.meta.url);
const packageRoot = dirname(require.resolve('kubernetes-models/package.json'));
const runtime: unknown = await import('@kubernetes-models/validate');
const formats: unknown = typeof runtime === 'object' && runtime !== null ? Reflect.get(runtime, 'formats') : undefined;
const published = new StandaloneSchemas(() => ({ formats }));
const verdicts = new StandaloneSchemas(() => ({ formats }), { verdict: true });

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function validators(path: string, apiVersion: string, kind: string): { readonly exact: StandaloneValidate; readonly verdict: StandaloneValidate } {
  const file = join(packageRoot, path);
  const exact = published.kindValidator(file, apiVersion, kind);
  const verdict = verdicts.kindValidator(file, apiVersion, kind);
  if (typeof exact !== 'function' || typeof verdict !== 'function') return assert.fail(`no validators for ${kind}`);
  return { exact, verdict };
}

/** The property reads of a run (key lists and keys), as strict.ts traces them: `path key` per read. */
function reads(validate: StandaloneValidate, data: unknown): { readonly answer: boolean; readonly trace: readonly string[] } {
  const trace: string[] = [];
  const view = (value: unknown, path: string): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    return new Proxy(value, {
      get: (target, key, receiver) => {
        if (typeof key === 'string') trace.push(`${path} ${key}`);
        return view(Reflect.get(target, key, receiver), `${path}/${String(key)}`);
      },
      ownKeys: (target) => {
        trace.push(`${path} (keys)`);
        return Reflect.ownKeys(target);
      },
    });
  };
  return { answer: validate(view(data, '')), trace };
}

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }], resources: { limits: { cpu: '500m', memory: '128Mi' } }, env: [{ name: 'A', value: 'b' }] }],
        volumes: [{ name: 'data', emptyDir: {} }],
      },
    },
  },
};

const crd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { kind: 'Widget', plural: 'widgets' },
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer', minimum: 1 } } } } } } }],
  },
};

/** Places of the two objects where a generated value replaces what is there. */
const DEPLOYMENT_PLACES = [['spec', 'replicas'], ['spec', 'template', 'spec', 'containers', '0', 'ports', '0', 'containerPort'], ['spec', 'template', 'spec', 'containers', '0', 'resources', 'limits', 'cpu'], ['spec', 'template', 'spec', 'containers', '0', 'env'], ['spec', 'template', 'spec', 'volumes', '0'], ['metadata', 'labels'], ['spec', 'selector'], ['spec', 'template', 'spec', 'containers', '0', 'name'], ['spec', 'template', 'spec', 'containers', '0', 'unknownField']] as const;
const CRD_PLACES = [['spec', 'scope'], ['spec', 'versions', '0', 'served'], ['spec', 'versions', '0', 'schema', 'openAPIV3Schema', 'properties', 'spec', 'properties', 'size'], ['spec', 'versions', '0', 'schema', 'openAPIV3Schema', 'type'], ['spec', 'names'], ['metadata', 'name']] as const;

function replaced(object: object, path: readonly string[], value: unknown): unknown {
  const copy: unknown = structuredClone(object);
  let node: unknown = copy;
  for (const key of path.slice(0, -1)) node = typeof node === 'object' && node !== null ? Reflect.get(node, key) : undefined;
  if (typeof node === 'object' && node !== null) Reflect.set(node, path.at(-1) ?? '', value);
  return copy;
}

describe('verdict copies of the published validators', () => {
  it('answer as the files as published and read the same properties in the same order', () => {
    const cases: readonly (readonly [string, string, string, unknown])[] = [
      ['apps/v1/Deployment.js', 'apps/v1', 'Deployment', deployment],
      ['apps/v1/Deployment.js', 'apps/v1', 'Deployment', { ...deployment, spec: { ...deployment.spec, replicas: 'two' } }],
      ['apps/v1/Deployment.js', 'apps/v1', 'Deployment', { apiVersion: 'apps/v1', kind: 'Deployment', spec: 3 }],
      ['v1/Service.js', 'v1', 'Service', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type: 'ClusterIP', ports: [{ port: 80, targetPort: 'http' }] } }],
      ['v1/Service.js', 'v1', 'Service', { apiVersion: 'v1', kind: 'Service', spec: { ports: [{ port: '80' }] } }],
      ['v1/Pod.js', 'v1', 'Pod', { apiVersion: 'v1', kind: 'Pod', spec: { containers: [{ name: 'a', image: 'b', securityContext: { runAsUser: -1, capabilities: { add: ['NET_RAW'] } } }] } }],
      ['apiextensions.k8s.io/v1/CustomResourceDefinition.js', 'apiextensions.k8s.io/v1', 'CustomResourceDefinition', crd],
      ['networking.k8s.io/v1/Ingress.js', 'networking.k8s.io/v1', 'Ingress', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', spec: { rules: [{ host: 'a.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 's', port: { number: 80 } } } }] } }] } }],
    ];
    for (const [path, apiVersion, kind, data] of cases) {
      const { exact, verdict } = validators(path, apiVersion, kind);
      assert.deepEqual(reads(verdict, data), reads(exact, data), `${kind} ${JSON.stringify(data)}`);
    }
  });

  it('answer as the files as published for generated values anywhere in a Deployment and a CRD', () => {
    const deploymentValidators = validators('apps/v1/Deployment.js', 'apps/v1', 'Deployment');
    const crdValidators = validators('apiextensions.k8s.io/v1/CustomResourceDefinition.js', 'apiextensions.k8s.io/v1', 'CustomResourceDefinition');
    const places = fc.oneof(
      fc.constantFrom(...DEPLOYMENT_PLACES).map((path) => ({ path, base: deployment, checks: deploymentValidators })),
      fc.constantFrom(...CRD_PLACES).map((path) => ({ path, base: crd, checks: crdValidators })),
    );
    fc.assert(
      fc.property(places, fc.jsonValue({ maxDepth: 3 }), ({ path, base, checks }, value) => {
        const data = replaced(base, path, value);
        const exact = reads(checks.exact, data);
        assert.deepEqual(reads(checks.verdict, data), exact);
      }),
      { numRuns: 300 },
    );
  });

  it('leave a file whose plumbing is used otherwise, or that does not compile, to the files as published (undefined)', () => {
    const kindModule = `import{createTypeMetaGuard,Model,setValidateFunc}from"@kubernetes-models/base";import{validate}from"../_schemas/S.js";export class Widget extends Model{static{this.apiVersion="example.com/v1"}static{this.kind="Widget"}static{this.is=createTypeMetaGuard(Widget)}constructor(data){super(),this.setDefinedProps({apiVersion:Widget.apiVersion,kind:Widget.kind,...data})}}setValidateFunc(Widget,validate);`;
    const plumbed = 'export const validate=validate0;function validate1(data,{instancePath="",parentData,parentDataProperty,rootData=data}={}){validate1.errors=null;return typeof data==="number"}function validate0(data,{instancePath="",parentData,parentDataProperty,rootData=data}={}){let ok=validate1(data.n,{instancePath:instancePath+"/n",parentData:data,parentDataProperty:"n",rootData});validate0.errors=ok?null:[{instancePath,keyword:"type",params:{}}];return ok';
    const files = {
      'the expected plumbing': `${plumbed}}`,
      'a $data-like use of rootData': `${plumbed}&&rootData.n>0}`,
      // The files as published then throw the SyntaxError (standalone.test.ts): a broken installation.
      'a syntax error': `${plumbed}`,
    };
    const answers = Object.entries(files).map(([name, schema]) => {
      const root = mkdtempSync(join(tmpdir(), 'palisade-verdict-'));
      roots.push(root);
      mkdirSync(join(root, 'kinds'));
      mkdirSync(join(root, '_schemas'));
      writeFileSync(join(root, 'kinds', 'Widget.js'), kindModule);
      writeFileSync(join(root, '_schemas', 'S.js'), schema);
      const validate = new StandaloneSchemas(() => ({ formats: {} }), { verdict: true }).kindValidator(join(root, 'kinds', 'Widget.js'), 'example.com/v1', 'Widget');
      return [name, typeof validate === 'function' ? [validate({ n: 1 }), validate({ n: 'x' })] : validate];
    });
    assert.deepEqual(Object.fromEntries(answers), { 'the expected plumbing': [true, false], 'a $data-like use of rootData': undefined, 'a syntax error': undefined });
  });
});
