// The fast YAML loader against the `yaml` library on every manifest of the shared corpus: the same
// objects, document and item indexes, errors, and positions for every node (and for pointers that
// do not exist). Skips when ../shared/corpora is absent. Run: node --test test/corpus/kubernetes-fast-yaml.corpus.ts
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createSourceDocument, toJsonPointer } from '../../src/core/index.ts';
import { decodeText } from '../../src/core/fs.ts';
import type { JsonValue } from '../../src/kubernetes/json.ts';
import { loadFast } from '../../src/kubernetes/fast-yaml.ts';
import { loadManifests, loadWithLibrary } from '../../src/kubernetes/load.ts';

const CORPUS = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpora', 'k8s');

function pointersOf(value: JsonValue | undefined, pointer: string, out: string[]): string[] {
  out.push(pointer);
  if (Array.isArray(value)) value.forEach((item: JsonValue, index: number) => pointersOf(item, `${pointer}/${index}`, out));
  else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) pointersOf(item, pointer + toJsonPointer([key]), out);
  return out;
}

function manifests(): string[] {
  return readdirSync(CORPUS)
    .filter((name) => /\.(ya?ml|json)$/i.test(name))
    .sort();
}

describe('fast YAML loader = yaml library, on every corpus manifest', { skip: existsSync(CORPUS) ? false : `${CORPUS} is absent` }, () => {
  let fastFiles = 0;
  it('every file: objects, indexes, errors and positions', () => {
    for (const name of manifests()) {
      const source = createSourceDocument(name, decodeText(readFileSync(join(CORPUS, name))));
      const fast = loadManifests(source);
      const library = loadWithLibrary(source);
      if (!name.endsWith('.json') && loadFast(source.text).rest === undefined) fastFiles += 1;
      assert.deepEqual(fast.errors, library.errors, name);
      assert.equal(fast.objects.length, library.objects.length, name);
      fast.objects.forEach((loaded, index) => {
        const expected = library.objects[index];
        assert.ok(expected !== undefined, name);
        assert.deepEqual(loaded.object, expected.object, name);
        assert.equal(loaded.documentIndex, expected.documentIndex, name);
        assert.equal(loaded.itemIndex, expected.itemIndex, name);
        for (const pointer of pointersOf(expected.object, '', [])) assert.deepEqual(loaded.positions.get(pointer), expected.positions.get(pointer), `${name} ${pointer}`);
        for (const pointer of ['/nope', '/spec/nope/deeper', '/metadata/name/x', '/spec/template/spec/containers/99']) assert.deepEqual(loaded.positions.nearest(pointer), expected.positions.nearest(pointer), `${name} ${pointer}`);
      });
    }
  });

  it('most files are read by the fast loader', () => {
    assert.ok(fastFiles > manifests().length * 0.9, `${fastFiles} of ${manifests().length}`);
  });
});
