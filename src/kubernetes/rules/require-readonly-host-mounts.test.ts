import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { requireReadonlyHostMounts } from './require-readonly-host-mounts.ts';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: agent}\nspec:\n  volumes:\n    - name: logs\n      hostPath: {path: /var/log}\n    - name: scratch\n      emptyDir: {}\n  containers:\n    - name: agent\n      image: agent:1\n      volumeMounts:\n';

runRuleTests(requireReadonlyHostMounts, { analyzer: kubernetesAnalyzer, path: 'pod.yaml' }, {
  pass: [
    `${POD}        - {name: logs, mountPath: /host/log, readOnly: true}\n        - {name: scratch, mountPath: /tmp}\n`,
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: x, volumeMounts: [{name: data, mountPath: /data}]}]\n',
  ],
  fail: [
    {
      code: `${POD}        - name: logs\n          mountPath: /host/log\n          readOnly: false\n`,
      findings: [{ messageId: 'writableHostMount', line: 16, column: 21, endColumn: 26, message: 'Container "agent" mounts hostPath volume "logs" (/var/log) writable at "/host/log".' }],
    },
    {
      code: `${POD}        - name: logs\n          mountPath: /host/log\n`,
      findings: [{ messageId: 'writableHostMount', line: 14, column: 11, endLine: 15, endColumn: 31 }],
    },
  ],
});
