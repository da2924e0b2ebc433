import { runProjectRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { configuredRule } from '../pod-security/testing.ts';
import { noPrivilegedContainer } from './no-privileged-container.ts';

// Default options: restricted, latest.
runProjectRuleTests(noPrivilegedContainer, kubernetesAnalyzer, {
  pass: [
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
    },
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {privileged: false, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
    },
    {
      'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: system\n  labels:\n    pod-security.kubernetes.io/enforce: privileged\n',
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: agent, namespace: system}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {privileged: true}\n',
    },
  ],
  fail: [
    {
      files: {
        'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {privileged: true, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
      },
      findings: [
        { path: 'pod.yaml', messageId: 'privileged', line: 11, column: 37, endColumn: 41, message: 'Container "app" must not set securityContext.privileged=true (PodSecurity "restricted:latest").' },
      ],
    },
    {
      files: {
        'ds.yaml': 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  template:\n    spec:\n      initContainers:\n        - name: setup\n          securityContext: {privileged: yes}\n      containers:\n        - name: agent\n          securityContext: {privileged: on}\n      ephemeralContainers:\n        - name: debug\n          securityContext:\n            privileged: true\n',
      },
      findings: [
        { path: 'ds.yaml', messageId: 'privileged', line: 9, column: 41, endColumn: 44, message: 'Container "setup" must not set securityContext.privileged=true (PodSecurity "restricted:latest").' },
        { path: 'ds.yaml', messageId: 'privileged', line: 12, column: 41, endColumn: 43 },
        { path: 'ds.yaml', messageId: 'privileged', line: 16, column: 25, endColumn: 29 },
      ],
    },
  ],
});

// Options: level baseline, version v1.0.
runProjectRuleTests(configuredRule(noPrivilegedContainer, { level: 'baseline', version: 'v1.0' }), kubernetesAnalyzer, {
  pass: [
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
    },
  ],
  fail: [
    {
      files: {
        'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {privileged: true}\n',
      },
      findings: [
        { path: 'pod.yaml', messageId: 'privileged', line: 11, column: 37, endColumn: 41, message: 'Container "app" must not set securityContext.privileged=true (PodSecurity "baseline:v1.0").' },
      ],
    },
  ],
});
