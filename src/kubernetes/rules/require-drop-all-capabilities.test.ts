import { runProjectRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { configuredRule } from '../pod-security/testing.ts';
import { requireDropAllCapabilities } from './require-drop-all-capabilities.ts';

// Default options: restricted, latest.
runProjectRuleTests(requireDropAllCapabilities, kubernetesAnalyzer, {
  pass: [
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}}\n',
    },
  ],
  fail: [
    {
      files: {
        'rc.yaml': 'apiVersion: v1\nkind: ReplicationController\nmetadata: {name: legacy}\nspec:\n  template:\n    spec:\n      containers:\n        - name: legacy\n          image: example/legacy:1.0\n        - name: proxy\n          image: example/proxy:1.0\n          securityContext:\n            capabilities:\n              drop: [NET_RAW]\n              add: [NET_ADMIN]\n',
      },
      findings: [
        { path: 'rc.yaml', messageId: 'dropAll', line: 8, column: 11, endLine: 9, endColumn: 36, message: 'Container "legacy" must set securityContext.capabilities.drop=["ALL"] (PodSecurity "restricted:latest").' },
        { path: 'rc.yaml', messageId: 'dropAll', line: 14, column: 21, endColumn: 30 },
        { path: 'rc.yaml', messageId: 'added', line: 15, column: 21, endColumn: 30 },
      ],
    },
  ],
});

// Options: version v1.21.
runProjectRuleTests(configuredRule(requireDropAllCapabilities, { version: 'v1.21' }), kubernetesAnalyzer, {
  pass: [
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false}\n',
    },
  ],
  fail: [

  ],
});
