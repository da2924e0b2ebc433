import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { noHostPathVolumes } from './no-host-path-volumes.ts';

runRuleTests(noHostPathVolumes, { analyzer: kubernetesAnalyzer, path: 'deploy.yaml' }, {
  pass: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: web}]\n  volumes:\n    - name: cache\n      emptyDir: {}\n    - name: config\n      configMap: {name: web}\n',
    'apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: local}\nspec:\n  hostPath: {path: /data}\n',
  ],
  fail: [
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: web}]\n  volumes:\n    - name: cache\n      emptyDir: {}\n    - name: docker\n      hostPath:\n        path: /var/run/docker.sock\n        type: Socket\n',
      findings: [{ messageId: 'hostPath', line: 11, column: 15, endColumn: 35, message: 'Volume "docker" mounts the host path "/var/run/docker.sock".' }],
    },
    {
      code: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: backup}\nspec:\n  template:\n    spec:\n      containers: [{name: backup}]\n      volumes:\n        - {name: root, hostPath: {path: "/"}}\n        - name: odd\n          hostPath: {}\n',
      findings: [
        { messageId: 'hostPath', line: 9, column: 41, endColumn: 44, message: 'Volume "root" mounts the host path "/".' },
        { messageId: 'hostPathWithoutPath', line: 11, column: 21, endColumn: 23, message: 'Volume "odd" is a hostPath volume.' },
      ],
    },
  ],
});
