import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { StandaloneSchemas } from './standalone.ts';

const require = createRequire(import.meta.url);
const packageRoot = dirname(require.resolve('kubernetes-models/package.json'));
const FORMATS = { int32: { type: 'number', validate: (value: number) => Number.isInteger(value) } };

/** A fake package tree: `kinds/<Kind>.js` and `_schemas/<Name>.js`. */
function tree(files: Readonly<Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'palisade-standalone-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  roots.push(root);
  return root;
}
const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const kindModule = (name: string, apiVersion: string, schema = '../_schemas/S.js'): string =>
  `import{createTypeMetaGuard,Model,setValidateFunc}from"@kubernetes-models/base";import{validate}from"${schema}";export class ${name} extends Model{static{this.apiVersion="${apiVersion}"}static{this.kind="${name}"}static{this.is=createTypeMetaGuard(${name})}constructor(data){super(),this.setDefinedProps({apiVersion:${name}.apiVersion,kind:${name}.kind,...data})}}setValidateFunc(${name},validate);`;

describe('StandaloneSchemas', () => {
  it('loads the package validators with the same verdicts and errors as the module loader', async () => {
    const file = join(packageRoot, 'apps/v1/Deployment.js');
    const schemas = new StandaloneSchemas(() => ({ formats: {} }));
    const module: unknown = await import(join(packageRoot, '_schemas/IoK8sApiAppsV1Deployment.js'));
    const viaModules: unknown = typeof module === 'object' && module !== null ? Reflect.get(module, 'validate') : undefined;
    const standalone = schemas.kindValidator(file, 'apps/v1', 'Deployment');
    assert.equal(typeof standalone, 'function');
    if (typeof standalone !== 'function' || typeof viaModules !== 'function') return assert.fail('no validators');
    const cases = [
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { selector: {}, template: {} } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 'two', selector: {}, template: { spec: { containers: [{}] } } } },
      { apiVersion: 'apps/v1', kind: 'Deployment', spec: 3 },
    ];
    for (const data of cases) {
      assert.equal(standalone(data), Reflect.apply(viaModules, undefined, [data]));
      assert.deepEqual(Reflect.get(standalone, 'errors'), Reflect.get(viaModules, 'errors'));
    }
  });

  it('answers null when the class declares another apiVersion or kind', () => {
    const schemas = new StandaloneSchemas(() => ({ formats: {} }));
    assert.equal(schemas.kindValidator(join(packageRoot, 'apps/v1/Deployment.js'), 'apps/v1beta1', 'Deployment'), null);
    assert.equal(schemas.kindValidator(join(packageRoot, 'apps/v1/Deployment.js'), 'apps/v1', 'StatefulSet'), null);
  });

  it('rewrites imports, formats and the export, and shares a file between importers', () => {
    const root = tree({
      'kinds/Widget.js': kindModule('Widget', 'example.com/v1'),
      '_schemas/S.js': 'export const validate=validate0;import{validate as validate1}from"./T.js";import{formats}from"@kubernetes-models/validate";function validate0(data){const ok=validate1(data.count)&&formats.int32.validate(data.count);validate0.errors=ok?null:[{instancePath:"/count",keyword:"format",params:{}}];return ok}',
      '_schemas/T.js': 'export const validate=validate0;let limit=10;function validate0(data){return typeof data==="number"&&data<limit}',
    });
    const schemas = new StandaloneSchemas(() => ({ formats: FORMATS }));
    const validate = schemas.kindValidator(join(root, 'kinds/Widget.js'), 'example.com/v1', 'Widget');
    assert.equal(typeof validate, 'function');
    if (typeof validate !== 'function') return;
    assert.equal(validate({ count: 3 }), true);
    assert.equal(validate({ count: 3.5 }), false);
    assert.equal(validate({ count: 30 }), false);
    assert.deepEqual(Reflect.get(validate, 'errors'), [{ instancePath: '/count', keyword: 'format', params: {} }]);
  });

  it('answers undefined (use the module loader) for files of another shape', () => {
    const shapes: Readonly<Record<string, Readonly<Record<string, string>>>> = {
      'a kind module with more code': { 'kinds/Widget.js': `${kindModule('Widget', 'example.com/v1')}console.log(1);`, '_schemas/S.js': 'export const validate=validate0;function validate0(){return true}' },
      'no export': { 'kinds/Widget.js': kindModule('Widget', 'example.com/v1'), '_schemas/S.js': 'function validate0(){return true}' },
      'another import': { 'kinds/Widget.js': kindModule('Widget', 'example.com/v1'), '_schemas/S.js': 'import x from"node:fs";export const validate=validate0;function validate0(){return true}' },
      'an import cycle': {
        'kinds/Widget.js': kindModule('Widget', 'example.com/v1'),
        '_schemas/S.js': 'import{validate as validate1}from"./T.js";export const validate=validate0;function validate0(d){return validate1(d)}',
        '_schemas/T.js': 'import{validate as validate1}from"./S.js";export const validate=validate0;function validate0(d){return validate1(d)}',
      },
      'an unknown package': { 'kinds/Widget.js': kindModule('Widget', 'example.com/v1'), '_schemas/S.js': 'import{validate as validate1}from"@nowhere/none/_schemas/X";export const validate=validate0;function validate0(d){return validate1(d)}' },
      'a non-function export': { 'kinds/Widget.js': kindModule('Widget', 'example.com/v1'), '_schemas/S.js': 'export const validate=validate0;let validate0=1;' },
    };
    for (const [name, files] of Object.entries(shapes)) {
      const root = tree(files);
      const schemas = new StandaloneSchemas(() => ({ formats: FORMATS }));
      assert.equal(schemas.kindValidator(join(root, 'kinds/Widget.js'), 'example.com/v1', 'Widget'), undefined, name);
    }
  });

  it('reports a syntax error in a schema file as a throw (a broken installation), not a wrong verdict', () => {
    const root = tree({ 'kinds/Widget.js': kindModule('Widget', 'example.com/v1'), '_schemas/S.js': 'export const validate=validate0;function validate0({){' });
    const schemas = new StandaloneSchemas(() => ({ formats: FORMATS }));
    assert.throws(() => schemas.kindValidator(join(root, 'kinds/Widget.js'), 'example.com/v1', 'Widget'), SyntaxError);
  });
});
