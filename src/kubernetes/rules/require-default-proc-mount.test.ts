import { runProjectRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { configuredRule } from '../pod-security/testing.ts';
import { requireDefaultProcMount } from './require-default-proc-mount.ts';

// Default options: restricted, latest.
runProjectRuleTests(requireDefaultProcMount, kubernetesAnalyzer, {
  pass: [
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}, procMount: Default}\n',
    },
  ],
  fail: [
    {
      files: {
        'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: userns}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  hostUsers: false\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}, procMount: Unmasked}\n',
      },
      findings: [
        { path: 'pod.yaml', messageId: 'procMount', line: 12, column: 98, endColumn: 106, message: 'Container "app" must not set securityContext.procMount to "Unmasked" (PodSecurity "restricted:latest").' },
      ],
    },
  ],
});

// Options: version v1.34.
runProjectRuleTests(configuredRule(requireDefaultProcMount, { version: 'v1.34' }), kubernetesAnalyzer, {
  pass: [
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {procMount: Unmasked}\n',
    },
  ],
  fail: [

  ],
});
