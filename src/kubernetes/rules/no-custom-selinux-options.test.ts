import { runProjectRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { configuredRule } from '../pod-security/testing.ts';
import { noCustomSelinuxOptions } from './no-custom-selinux-options.ts';

// Default options: restricted, latest.
runProjectRuleTests(noCustomSelinuxOptions, kubernetesAnalyzer, {
  pass: [
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}, seLinuxOptions: {type: container_engine_t, level: "s0:c123,c456"}}\n',
    },
  ],
  fail: [
    {
      files: {
        'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n    seLinuxOptions:\n      type: spc_t\n      user: system_u\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
      },
      findings: [
        { path: 'pod.yaml', messageId: 'type', line: 9, column: 13, endColumn: 18, message: 'The pod must not set securityContext.seLinuxOptions.type to "spc_t" (PodSecurity "restricted:latest").' },
        { path: 'pod.yaml', messageId: 'user', line: 10, column: 13, endColumn: 21 },
      ],
    },
  ],
});

// Options: level baseline, version v1.30.
runProjectRuleTests(configuredRule(noCustomSelinuxOptions, { level: 'baseline', version: 'v1.30' }), kubernetesAnalyzer, {
  pass: [

  ],
  fail: [
    {
      files: {
        'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {seLinuxOptions: {type: container_engine_t}}\n',
      },
      findings: [
        { path: 'pod.yaml', messageId: 'type', line: 11, column: 48, endColumn: 66, message: 'Container "app" must not set securityContext.seLinuxOptions.type to "container_engine_t" (PodSecurity "baseline:v1.30").' },
      ],
    },
  ],
});
