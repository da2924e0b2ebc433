import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzers, ruleMetas, rules } from './catalog.ts';
import { CATALOG_AREAS, FILE_ARTIFACT_KINDS, loadCatalog } from './lazy-catalog.ts';

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
