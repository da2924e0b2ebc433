import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { rules as allRules } from '../catalog.ts';
import type { CatalogAreaName } from '../lazy-catalog.ts';
import type { ScanOptions } from './settings.ts';
import { collectedKinds, completeSettings, prepareSettings, resolveSettings, workInTree } from './settings.ts';
import { findingKindsOf } from './scanners.ts';
import { selectRules } from './select-rules.ts';

const root = mkdtempSync(join(tmpdir(), 'palisade-settings-'));
after(() => rmSync(root, { recursive: true, force: true }));
writeFileSync(join(root, 'Dockerfile'), 'FROM alpine:3.20\n');

const EVERY_FILE_AREA: ReadonlySet<CatalogAreaName> = new Set(['dockerfile', 'kubernetes', 'packages', 'secrets']);

async function settingsFor(options: Omit<ScanOptions, 'target'>, areas: ReadonlySet<CatalogAreaName>, packageAnalyzers: ReadonlySet<string> = new Set()) {
  return completeSettings(await prepareSettings({ target: root, ...options }), { areas: new Set(areas), packageAnalyzers });
}

function areaIds(settings: Awaited<ReturnType<typeof settingsFor>>): string[] {
  return settings.catalog.analyzers.map((analyzer) => analyzer.id);
}

describe('collectedKinds', () => {
  it('keeps inventories for matching and every model for policies', () => {
    assert.deepEqual([...collectedKinds(['misconfig'])], []);
    assert.deepEqual([...collectedKinds(['vuln'])], ['package-inventory']);
    assert.deepEqual([...collectedKinds(['misconfig', 'policy'])].sort(), ['dockerfile', 'image-config', 'kubernetes-object', 'package-inventory']);
  });

  it('keeps no model for policies when no policy can run', () => {
    assert.deepEqual([...collectedKinds(['misconfig', 'policy'], false)], []);
    assert.deepEqual([...collectedKinds(['vuln', 'policy'], false)], ['package-inventory']);
  });
});

describe('workInTree', () => {
  const file = (path: string) => ({ path, absolutePath: `/nowhere/${path}`, size: 10 });
  const heads: Readonly<Record<string, string>> = { '/nowhere/deploy.yaml': 'apiVersion: v1\nkind: Pod\n', '/nowhere/notes.yaml': 'title: notes\n' };
  const sniff = (path: string): string => heads[path] ?? '';
  const table: readonly { files: readonly string[]; expected: readonly CatalogAreaName[]; formats?: readonly string[] }[] = [
    { files: [], expected: [] },
    { files: ['Dockerfile'], expected: ['dockerfile', 'secrets'] },
    { files: ['logo.png'], expected: [] },
    { files: ['deploy.yaml'], expected: ['kubernetes', 'secrets'] },
    { files: ['notes.yaml'], expected: ['secrets'] },
    { files: ['overlay/kustomization.yaml'], expected: ['kubernetes', 'secrets'] },
    { files: ['chart/Chart.yaml'], expected: ['kubernetes', 'secrets'] },
    { files: ['package-lock.json'], expected: ['packages'], formats: ['packages/npm'] },
    { files: ['app/.dockerignore', 'Cargo.lock', 'go.mod', 'go.sum'], expected: ['dockerfile', 'packages', 'secrets'], formats: ['packages/cargo', 'packages/go-mod', 'packages/go-sum'] },
  ];
  for (const { files, expected, formats = [] } of table) {
    it(`${files.join(', ') || 'nothing'} → ${expected.join(', ') || 'no area'}`, () => {
      const work = workInTree(files.map(file), sniff);
      assert.deepEqual([...work.areas].sort(), [...expected].sort());
      assert.deepEqual([...work.packageAnalyzers].sort(), formats);
    });
  }
});

describe('completeSettings', () => {
  it('loads only the Dockerfile area for --rules dockerfile on a tree of Dockerfiles', async () => {
    const settings = await settingsFor({ rules: ['dockerfile'] }, new Set(['dockerfile', 'secrets']));
    assert.deepEqual(areaIds(settings), ['dockerfile']);
    assert.ok(settings.rules.length > 0 && settings.rules.every((rule) => rule.meta.target === 'dockerfile'));
  });

  it('loads no area when the tree holds nothing to read', async () => {
    const settings = await settingsFor({}, new Set());
    assert.deepEqual(areaIds(settings), []);
    assert.deepEqual(settings.rules, []);
  });

  it('leaves out the Dockerfile and Kubernetes areas of a secrets-only scan', async () => {
    const settings = await settingsFor({ scanners: ['secret'] }, new Set(['secrets', 'packages']));
    assert.deepEqual(areaIds(settings), ['text']);
  });

  it('loads the area of every rule ruleOptions name, to check them as before', async () => {
    const settings = await settingsFor({ rules: ['dockerfile'], ruleOptions: { 'pod-security': { level: 'baseline' } } }, new Set(['dockerfile']));
    assert.deepEqual(areaIds(settings), ['dockerfile', 'kubernetes']);
  });

  it('reports a selector no rule matches as before, with a suggestion', async () => {
    await assert.rejects(settingsFor({ rules: ['no-latest-tg'] }, new Set()), { code: 'RULE_UNKNOWN', message: 'Unknown rule selector: "no-latest-tg" (did you mean "no-latest-tag"?)' });
  });

  const selections: readonly Omit<ScanOptions, 'target'>[] = [
    {},
    { rules: ['dockerfile'] },
    { rules: ['kubernetes'] },
    { rules: ['all'], skipRules: ['secrets'] },
    { rules: ['hadolint:DL3007', 'cis-k8s-1.9'] },
    { scanners: ['secret'] },
    { scanners: ['misconfig'], skipRules: ['pod-security'] },
  ];
  for (const selection of selections) {
    it(`selects, with every file area having work, the rules the whole catalogue gives: ${JSON.stringify(selection)}`, async () => {
      const settings = await settingsFor(selection, EVERY_FILE_AREA);
      const picked = selectRules(allRules, { ...(selection.rules === undefined ? {} : { include: selection.rules }), exclude: selection.skipRules ?? [] });
      assert.ok(picked.ok);
      const kinds = new Set((selection.scanners ?? ['misconfig', 'secret', 'vuln', 'policy']).flatMap(findingKindsOf));
      const expected = picked.value.filter((rule) => kinds.has(rule.meta.kind) && rule.meta.target !== 'image-config');
      assert.deepEqual(
        settings.rules.map((rule) => rule.meta.id),
        expected.map((rule) => rule.meta.id),
      );
      assert.deepEqual((await resolveSettings({ target: root, ...selection })).rules, settings.rules);
    });
  }
});
