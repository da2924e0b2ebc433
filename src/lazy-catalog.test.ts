import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzers, ruleMetas, rules } from './catalog.ts';
import { readHead } from './core/fs.ts';
import { RENDERED_DIRECTORY_FILES } from './kubernetes/matcher.ts';
import { KUSTOMIZATION_NAMES } from './kubernetes/render/kustomize.ts';
import { CATALOG_AREAS, FILE_ARTIFACT_KINDS, buildRuleManifest, loadAreas, loadCatalog, renderRuleManifest, ruleManifest } from './lazy-catalog.ts';
import { packsOf, ruleMatchesSelector } from './scan/select-rules.ts';

const REPO_ROOT = join(import.meta.dirname, '..');

describe('lazy catalogue', () => {
  it('lists, with every area loaded, the analyzers, rules and metadata of catalog.ts in the same order', async () => {
    const loaded = await loadCatalog();
    assert.equal(loaded.complete, true);
    assert.deepEqual(loaded.analyzers, analyzers);
    assert.deepEqual(loaded.rules, rules);
    assert.deepEqual(loaded.ruleMetas, ruleMetas);
  });

  it('names, for each area, the kinds its analyzers produce and its rules read', async () => {
    for (const area of CATALOG_AREAS) {
      const contents = await area.load();
      const kinds = new Set([...contents.analyzers.map((analyzer) => analyzer.produces), ...contents.rules.map((rule) => rule.meta.target)]);
      assert.deepEqual([...kinds].sort(), [...area.kinds].sort(), area.name);
    }
  });

  it('leaves out the image area for the kinds a directory can hold, and only it', async () => {
    const loaded = await loadCatalog(FILE_ARTIFACT_KINDS);
    assert.equal(loaded.complete, false);
    assert.deepEqual(
      loaded.analyzers.map((analyzer) => analyzer.id),
      analyzers.filter((analyzer) => analyzer.produces !== 'image-config').map((analyzer) => analyzer.id),
    );
    assert.deepEqual(
      loaded.rules.map((rule) => rule.meta.id),
      rules.filter((rule) => rule.meta.target !== 'image-config').map((rule) => rule.meta.id),
    );
    assert.deepEqual(loaded.ruleMetas.slice(loaded.rules.length), ruleMetas.slice(rules.length));
  });
});

describe('loadAreas', () => {
  it('loads only the package analyzers named, the same objects in the same order as catalog.ts', async () => {
    const wanted = new Set(['packages/yarn', 'packages/cargo', 'packages/npm']);
    const loaded = await loadAreas(new Set(['packages']), wanted);
    assert.deepEqual(
      loaded.analyzers,
      analyzers.filter((analyzer) => wanted.has(analyzer.id)),
    );
    assert.deepEqual((await loadAreas(new Set(['packages']))).analyzers, analyzers.filter((analyzer) => analyzer.produces === 'package-inventory'));
  });
});

describe('rule manifest', () => {
  it('lists every rule of the catalogue as rule-manifest.json holds it (run `npm run docs` after changing a rule)', async () => {
    const built = await buildRuleManifest();
    assert.deepEqual(
      built.map((entry) => entry.id),
      rules.map((rule) => rule.meta.id),
    );
    assert.equal(readFileSync(new URL('./rule-manifest.json', import.meta.url), 'utf8'), renderRuleManifest(built));
    assert.deepEqual(ruleManifest(), built);
  });

  it('matches every selector exactly as the rules it lists do', () => {
    const selectors = [...new Set(ruleManifest().flatMap((entry) => [entry.id, entry.slug, ...entry.aliases.map((alias) => `${alias.tool}:${alias.id}`), ...packsOf(entry)]))];
    const byId = new Map(rules.map((rule) => [rule.meta.id, rule.meta]));
    for (const selector of selectors) {
      const fromManifest = ruleManifest().filter((entry) => ruleMatchesSelector(entry, selector)).map((entry) => entry.id);
      assert.deepEqual(fromManifest, rules.filter((rule) => ruleMatchesSelector(rule.meta, selector)).map((rule) => rule.meta.id), selector);
    }
    for (const entry of ruleManifest()) assert.equal(byId.get(entry.id)?.kind, entry.kind, entry.id);
  });
});

describe('area matchers', () => {
  /** Every file of the repository's fixtures, examples and corpora (paths relative to their tree). */
  function* sampleFiles(): Generator<{ path: string; absolutePath: string; size: number }> {
    const trees = ['src', 'examples', 'test', '../shared/corpora/dockerfiles', '../shared/corpora/k8s', '../shared/corpora/lockfiles'].map((dir) => join(REPO_ROOT, dir)).filter((dir) => existsSync(dir));
    for (const tree of trees) {
      for (const path of readdirSync(tree, { recursive: true, encoding: 'utf8' })) {
        const absolutePath = join(tree, path);
        const stats = statSync(absolutePath);
        if (stats.isFile()) yield { path, absolutePath, size: stats.size };
      }
    }
  }

  it('say an area has work for every file its analyzers read (and for the directories the Kubernetes analyzer renders)', async () => {
    let checked = 0;
    for (const area of CATALOG_AREAS) {
      const { analyzers: areaAnalyzers } = await area.load();
      for (const file of sampleFiles()) {
        let head: string | undefined;
        const sniff = (): string => (head ??= readHead(file.absolutePath));
        if (!areaAnalyzers.some((analyzer) => analyzer.matches(file, sniff))) continue;
        checked += 1;
        assert.ok(area.hasWork(file, sniff), `${area.name}: ${file.path}`);
      }
    }
    assert.ok(checked > 1000, `only ${checked} files matched`);
    for (const name of [...KUSTOMIZATION_NAMES, 'Chart.yaml']) assert.ok(RENDERED_DIRECTORY_FILES.has(name), name);
  });
});
