import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../../core/index.ts';
import { installedGemAnalyzer, installedNpmAnalyzer, installedPythonAnalyzer } from './installed.ts';

const file = (path: string): { path: string; size: number } => ({ path, size: 100 });

describe('installed-package analyzers', () => {
  it('match installed metadata by path only', () => {
    assert.equal(installedNpmAnalyzer.matches(file('usr/lib/node_modules/npm/node_modules/@npmcli/arborist/package.json'), () => ''), true);
    assert.equal(installedNpmAnalyzer.matches(file('app/node_modules/lodash/package.json'), () => ''), true);
    assert.equal(installedNpmAnalyzer.matches(file('app/package.json'), () => ''), false);
    assert.equal(installedNpmAnalyzer.matches(file('app/node_modules/lodash/test/package.json'), () => ''), false);
    assert.equal(installedNpmAnalyzer.matches(file('app/node_modules/.bin/package.json'), () => ''), false);
    assert.equal(installedPythonAnalyzer.matches(file('usr/lib/python3/dist-packages/requests-2.31.0.dist-info/METADATA'), () => ''), true);
    assert.equal(installedPythonAnalyzer.matches(file('usr/lib/python3/site-packages/six-1.16.0.egg-info/PKG-INFO'), () => ''), true);
    assert.equal(installedPythonAnalyzer.matches(file('usr/lib/python3/METADATA'), () => ''), false);
    assert.equal(installedGemAnalyzer.matches(file('usr/local/bundle/specifications/rack-3.0.8.gemspec'), () => ''), true);
    assert.equal(installedGemAnalyzer.matches(file('app/rack.gemspec'), () => ''), false);
  });

  it('reads an npm package manifest', () => {
    const text = '{\n  "name": "@scope/pkg",\n  "version": "1.2.3",\n  "dependencies": {"a": "^1", "b": 2}\n}\n';
    const [inventory] = installedNpmAnalyzer.analyze(createSourceDocument('node_modules/@scope/pkg/package.json', text)).artifacts;
    assert.deepEqual([inventory?.ecosystem, inventory?.format], ['npm', 'npm-package-json']);
    assert.deepEqual(inventory?.packages, [
      { name: '@scope/pkg', version: '1.2.3', purl: 'pkg:npm/%40scope/pkg@1.2.3', direct: undefined, scope: undefined, range: { start: { line: 3, column: 14 }, end: { line: 3, column: 21 } }, dependencies: [{ name: 'a', requirement: '^1' }] },
    ]);
  });

  it('reads Python core metadata and a gem specification', () => {
    const metadata = 'Metadata-Version: 2.1\nName: Flask_Login\nVersion: 0.6.3 \nSummary: x\n\nVersion: 9.9.9 in the body\n';
    const [python] = installedPythonAnalyzer.analyze(createSourceDocument('x.dist-info/METADATA', metadata)).artifacts;
    assert.deepEqual(python?.packages.map((entry) => [entry.name, entry.version, entry.purl, entry.range]), [['Flask_Login', '0.6.3', 'pkg:pypi/flask-login@0.6.3', { start: { line: 3, column: 1 }, end: { line: 3, column: 15 } }]]);
    const spec = '# stub: rack 3.0.8 ruby lib\nGem::Specification.new do |s|\n  s.name = "rack".freeze\n  s.version = "3.0.8"\nend\n';
    const [gem] = installedGemAnalyzer.analyze(createSourceDocument('specifications/rack-3.0.8.gemspec', spec)).artifacts;
    assert.deepEqual(gem?.packages.map((entry) => [entry.name, entry.version, entry.purl]), [['rack', '3.0.8', 'pkg:gem/rack@3.0.8']]);
  });

  it('yields nothing for files without a name and version, or unreadable ones', () => {
    for (const [analyzer, text] of [
      [installedNpmAnalyzer, '{"name": "x"}'],
      [installedNpmAnalyzer, '{"name": "x", "version": 1}'],
      [installedNpmAnalyzer, '{not json'],
      [installedNpmAnalyzer, `${'['.repeat(10_000)}`],
      [installedPythonAnalyzer, 'Metadata-Version: 2.1\nName: x\n'],
      [installedPythonAnalyzer, ''],
      [installedGemAnalyzer, 'Gem::Specification.new do |s|\nend\n'],
    ] as const) {
      assert.deepEqual(analyzer.analyze(createSourceDocument('f', text)), { artifacts: [], errors: [] });
    }
  });
});
