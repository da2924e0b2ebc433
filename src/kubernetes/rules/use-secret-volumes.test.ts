import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { useSecretVolumes } from './use-secret-volumes.ts';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: api}\nspec:\n  containers:\n    - name: api\n      image: api:1\n';

runRuleTests(useSecretVolumes, { analyzer: kubernetesAnalyzer, path: 'pod.yaml' }, {
  pass: [
    `${POD}      env:\n        - name: MODE\n          valueFrom: {configMapKeyRef: {name: api, key: mode}}\n      envFrom: [{configMapRef: {name: api}}]\n`,
    `${POD}      volumeMounts: [{name: creds, mountPath: /run/secrets/api}]\n  volumes: [{name: creds, secret: {secretName: api}}]\n`,
  ],
  fail: [
    {
      code: `${POD}      env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: db\n              key: password\n      envFrom:\n        - secretRef: {name: api-keys}\n`,
      findings: [
        { messageId: 'secretKeyRef', line: 12, column: 15, endLine: 13, endColumn: 28, message: 'Container "api" reads key "password" of Secret "db" into environment variable "DB_PASSWORD".' },
        { messageId: 'secretRef', line: 15, column: 22, endColumn: 38, message: 'Container "api" loads every key of Secret "api-keys" into environment variables.' },
      ],
    },
  ],
});
