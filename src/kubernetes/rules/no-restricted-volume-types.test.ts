import { runProjectRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { configuredRule } from '../pod-security/testing.ts';
import { noRestrictedVolumeTypes } from './no-restricted-volume-types.ts';

// Default options: restricted, latest.
runProjectRuleTests(noRestrictedVolumeTypes, kubernetesAnalyzer, {
  pass: [
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  volumes:\n    - name: config\n      configMap: {name: web}\n    - name: data\n      persistentVolumeClaim: {claimName: web}\n    - name: scratch\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
    },
  ],
  fail: [
    {
      files: {
        'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  volumes:\n    - name: shared\n      nfs: {server: nfs.internal, path: /exports}\n    - name: host\n      hostPath: {path: /etc}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
      },
      findings: [
        { path: 'pod.yaml', messageId: 'volumeType', line: 10, column: 12, endColumn: 50, message: 'Volume "shared" must not use the restricted volume type nfs (PodSecurity "restricted:latest").' },
        { path: 'pod.yaml', messageId: 'volumeType', line: 12, column: 17, endColumn: 29 },
      ],
    },
  ],
});

// Options: level baseline.
runProjectRuleTests(configuredRule(noRestrictedVolumeTypes, { level: 'baseline' }), kubernetesAnalyzer, {
  pass: [
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  volumes:\n    - name: shared\n      nfs: {server: nfs.internal, path: /exports}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
    },
  ],
  fail: [

  ],
});
