import assert from 'node:assert/strict';
import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { noSensitiveHostMounts } from './no-sensitive-host-mounts.ts';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: agent}\nspec:\n  containers: [{name: agent, image: "agent:1"}]\n  volumes:\n';

runRuleTests(noSensitiveHostMounts, { analyzer: kubernetesAnalyzer, path: 'pod.yaml' }, {
  pass: [
    `${POD}    - name: logs\n      hostPath: {path: /var/log/pods}\n    - name: data\n      emptyDir: {}\n`,
    `${POD}    - name: certs\n      hostPath: {path: /etc/ssl/certs}\n`,
  ],
  fail: [
    {
      code: `${POD}    - name: docker\n      hostPath:\n        path: /var/run/docker.sock\n        type: Socket\n    - name: root\n      hostPath: {path: "/etc/"}\n`,
      findings: [
        { messageId: 'runtimeSocket', line: 9, column: 15, endColumn: 35, message: 'Volume "docker" mounts the container runtime socket "/var/run/docker.sock" from the host.' },
        { messageId: 'sensitiveDirectory', line: 12, column: 24, endColumn: 31, message: 'Volume "root" mounts the sensitive host directory "/etc/".' },
      ],
    },
    {
      code: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: node}\nspec:\n  template:\n    spec:\n      volumes: [{name: host, hostPath: {path: /}}, {name: sock, hostPath: {path: /run/containerd/containerd.sock}}]\n',
      findings: [
        { messageId: 'sensitiveDirectory', line: 7, column: 47, endColumn: 48 },
        { messageId: 'runtimeSocket', line: 7, column: 82, endColumn: 113 },
      ],
    },
  ],
});

const configured = noSensitiveHostMounts.configure({ additionalPaths: ['/var/log/pods/'] });
assert.ok(configured.ok);
runRuleTests(configured.value, { analyzer: kubernetesAnalyzer, path: 'pod.yaml' }, {
  pass: [],
  fail: [{ code: `${POD}    - name: logs\n      hostPath: {path: /var/log/pods}\n`, findings: [{ messageId: 'sensitiveDirectory', line: 8, column: 24, endColumn: 37 }] }],
});
