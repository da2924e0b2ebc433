import assert from 'node:assert/strict';
import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { requireImagePullAlways } from './require-image-pull-always.ts';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n';

runRuleTests(requireImagePullAlways, { analyzer: kubernetesAnalyzer, path: 'pod.yaml' }, {
  pass: [
    `${POD}      image: nginx:latest\n`,
    `${POD}      image: nginx:latest\n      imagePullPolicy: Always\n`,
    `${POD}      image: nginx:1.27\n      imagePullPolicy: IfNotPresent\n`,
    `${POD}      image: nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31\n      imagePullPolicy: Never\n`,
  ],
  fail: [
    {
      code: `${POD}      image: nginx:latest\n      imagePullPolicy: IfNotPresent\n`,
      findings: [{ messageId: 'cachedMutable', line: 8, column: 24, endColumn: 36, message: 'Container "web" runs "nginx:latest" with imagePullPolicy IfNotPresent, so nodes may run a stale cached image for this tag.' }],
    },
    { code: `${POD}      image: registry.local/app\n      imagePullPolicy: Never\n`, findings: [{ messageId: 'cachedMutable', line: 8, column: 24, endColumn: 29 }] },
  ],
});

const strict = requireImagePullAlways.configure({ allTags: true });
assert.ok(strict.ok);
runRuleTests(strict.value, { analyzer: kubernetesAnalyzer, path: 'pod.yaml' }, {
  pass: [`${POD}      image: nginx:1.27\n`],
  fail: [{ code: `${POD}      image: nginx:1.27\n      imagePullPolicy: IfNotPresent\n`, findings: [{ messageId: 'cachedMutable', line: 8, column: 24, endColumn: 36 }] }],
});
