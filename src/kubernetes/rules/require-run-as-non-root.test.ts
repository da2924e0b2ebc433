import { runProjectRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { configuredRule } from '../pod-security/testing.ts';
import { requireRunAsNonRoot } from './require-run-as-non-root.ts';

// Default options: restricted, latest.
runProjectRuleTests(requireRunAsNonRoot, kubernetesAnalyzer, {
  pass: [
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
    },
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext: {seccompProfile: {type: RuntimeDefault}}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
    },
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: userns}\nspec:\n  securityContext: {runAsNonRoot: false, seccompProfile: {type: RuntimeDefault}}\n  hostUsers: false\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
    },
  ],
  fail: [
    {
      files: {
        'sts.yaml': 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  template:\n    spec:\n      securityContext: {seccompProfile: {type: RuntimeDefault}}\n      initContainers:\n        - name: init\n          securityContext: {runAsNonRoot: true}\n      containers:\n        - name: db\n          image: postgres:16\n        - name: exporter\n          securityContext: {}\n',
      },
      findings: [
        { path: 'sts.yaml', messageId: 'notSet', line: 12, column: 11, endLine: 13, endColumn: 29, message: 'The pod or container "db" must set securityContext.runAsNonRoot=true (PodSecurity "restricted:latest").' },
        { path: 'sts.yaml', messageId: 'notSet', line: 15, column: 11, endColumn: 26 },
      ],
    },
    {
      files: {
        'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext: {runAsNonRoot: false, seccompProfile: {type: RuntimeDefault}}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {runAsNonRoot: false}\n',
      },
      findings: [
        { path: 'pod.yaml', messageId: 'podDisabled', line: 5, column: 35, endColumn: 40, message: 'The pod must not set securityContext.runAsNonRoot=false (PodSecurity "restricted:latest").' },
        { path: 'pod.yaml', messageId: 'containerDisabled', line: 9, column: 39, endColumn: 44 },
      ],
    },
  ],
});

// Options: version v1.34.
runProjectRuleTests(configuredRule(requireRunAsNonRoot, { version: 'v1.34' }), kubernetesAnalyzer, {
  pass: [

  ],
  fail: [
    {
      files: {
        'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: userns}\nspec:\n  securityContext: {runAsNonRoot: false, seccompProfile: {type: RuntimeDefault}}\n  hostUsers: false\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
      },
      findings: [
        { path: 'pod.yaml', messageId: 'podDisabled', line: 5, column: 35, endColumn: 40, message: 'The pod must not set securityContext.runAsNonRoot=false (PodSecurity "restricted:v1.34").' },
      ],
    },
  ],
});
