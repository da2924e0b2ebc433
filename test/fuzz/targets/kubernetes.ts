// The YAML/JSON Kubernetes loader (src/kubernetes/load.ts): objects and ScanErrors, never a throw;
// objects loaded without errors survive a round trip through the YAML writer.
import { stringify } from 'yaml';
import { createSourceDocument } from '../../../src/core/index.ts';
import { createKubernetesObjectArtifact, loadManifests } from '../../../src/kubernetes/index.ts';
import type { FuzzTarget } from '../harness.ts';
import { checkScanErrors, onlyCodedErrors, utf8, violation } from '../harness.ts';
import { fixture, fixturesIn } from './shared.ts';

const K = 'src/kubernetes/__fixtures__/load';

const HANDWRITTEN = [
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels: &l {app: web}\nspec:\n  selector: {matchLabels: *l}\n  template:\n    metadata: {labels: *l}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.25\n          securityContext: {privileged: true, runAsUser: 0}\n          ports: [{containerPort: 0755}]\n          env: [{name: A, value: "yes"}, {name: B, value: no}]\n',
  'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: default}\nspec:\n  hostNetwork: true\n  containers:\n  - name: c\n    image: busybox\n    command: ["sh", "-c", "echo \\"hi\\""]\n    args: |\n      multi\n      line\n---\napiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: m}, data: {k: "1e3", t: 2001-12-14}}\n',
];

export const targets: readonly FuzzTarget[] = [
  {
    name: 'manifests',
    syntax: 'yaml',
    samples: [...HANDWRITTEN, fixture(`${K}/list.yaml`), fixture(`${K}/multi-document.yaml`), fixture(`${K}/pod.json`), fixture(`${K}/three-documents-second-broken.yaml`), ...fixturesIn('deploy', ['.yaml'], 4)],
    check(input) {
      const source = createSourceDocument('fuzz/manifest.yaml', utf8(input));
      const output = onlyCodedErrors(() => loadManifests(source), []);
      if (output === undefined) return;
      checkScanErrors(output.errors, source.path, source.text);
      for (const loaded of output.objects) onlyCodedErrors(() => createKubernetesObjectArtifact(source, loaded), []);
      if (output.errors.length > 0 || output.objects.length === 0 || output.objects.some((loaded) => loaded.itemIndex !== undefined)) return;
      const written = output.objects.map((loaded) => stringify(loaded.object, { version: '1.1' })).join('---\n');
      const again = loadManifests(createSourceDocument('fuzz/roundtrip.yaml', written));
      violation(again.errors.length === 0, `round trip: the written YAML does not load: ${again.errors.map((error) => error.message).join('; ')}\n${written.slice(0, 400)}`);
      const before = JSON.stringify(output.objects.map((loaded) => loaded.object));
      const after = JSON.stringify(again.objects.map((loaded) => loaded.object));
      violation(before === after, `round trip changed the objects:\n${before.slice(0, 400)}\n${after.slice(0, 400)}`);
    },
  },
];
