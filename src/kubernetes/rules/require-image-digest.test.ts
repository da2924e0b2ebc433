import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { requireImageDigest } from './require-image-digest.ts';

runRuleTests(requireImageDigest, { analyzer: kubernetesAnalyzer, path: 'pod.yaml' }, {
  pass: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31\n',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      image: "not a reference"\n',
  ],
  fail: [
    {
      code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: report}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          initContainers: [{name: init, image: "busybox@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31"}]\n          containers:\n            - name: report\n              image: ghcr.io/acme/report:2.1.0\n',
      findings: [{ messageId: 'noDigest', line: 12, column: 22, endColumn: 47, message: 'Container "report" uses image "ghcr.io/acme/report:2.1.0", which is not pinned by digest.' }],
    },
  ],
});
