import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { noLatestImageTag } from './no-latest-image-tag.ts';

runRuleTests(noLatestImageTag, { analyzer: kubernetesAnalyzer, path: 'deploy.yaml' }, {
  pass: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27.0\n',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      image: nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31\n',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      image: nginx:latest@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31\n',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      image: localhost:5000/web:v2\n',
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\ndata:\n  image: nginx:latest\n',
    'apiVersion: example.com/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx\n',
  ],
  fail: [
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      image: nginx\n',
      findings: [{ messageId: 'untagged', line: 7, column: 14, endColumn: 19, message: 'Container "web" uses image "nginx" without a tag, which means "latest".' }],
    },
    {
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: "nginx:latest"\n',
      findings: [{ messageId: 'latestTag', line: 9, column: 18, endColumn: 32, message: 'Container "web" uses image "nginx:latest" with the mutable tag "latest".' }],
    },
    {
      code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  schedule: "0 1 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          initContainers:\n            - {name: init, image: "localhost:5000/tools"}\n          containers:\n            - name: job\n              image: registry.example.com/team/job:latest\n',
      findings: [
        { messageId: 'latestTag', line: 14, column: 22, endColumn: 58 },
        { messageId: 'untagged', line: 11, column: 35, endColumn: 57 },
      ],
    },
  ],
});
