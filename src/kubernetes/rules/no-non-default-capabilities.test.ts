import { runProjectRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { configuredRule } from '../pod-security/testing.ts';
import { noNonDefaultCapabilities } from './no-non-default-capabilities.ts';

// Default options: restricted, latest.
runProjectRuleTests(noNonDefaultCapabilities, kubernetesAnalyzer, {
  pass: [
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL], add: [SYS_ADMIN]}}\n',
    },
  ],
  fail: [

  ],
});

// Options: level baseline.
runProjectRuleTests(configuredRule(noNonDefaultCapabilities, { level: 'baseline' }), kubernetesAnalyzer, {
  pass: [
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {capabilities: {add: [CHOWN, NET_BIND_SERVICE]}}\n',
    },
  ],
  fail: [
    {
      files: {
        'cron.yaml': 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: ping}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: ping\n              image: busybox:1.36\n              securityContext:\n                capabilities:\n                  add: [NET_RAW, CHOWN, SYS_ADMIN]\n',
      },
      findings: [
        { path: 'cron.yaml', messageId: 'nonDefault', line: 15, column: 25, endColumn: 32, message: 'Container "ping" must not add capability "NET_RAW": it is not in the default set (PodSecurity "baseline:latest").' },
        { path: 'cron.yaml', messageId: 'nonDefault', line: 15, column: 41, endColumn: 50 },
      ],
    },
  ],
});

// Options: version v1.21.
runProjectRuleTests(configuredRule(noNonDefaultCapabilities, { version: 'v1.21' }), kubernetesAnalyzer, {
  pass: [

  ],
  fail: [
    {
      files: {
        'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {add: [NET_ADMIN]}}\n',
      },
      findings: [
        { path: 'pod.yaml', messageId: 'nonDefault', line: 11, column: 79, endColumn: 88, message: 'Container "app" must not add capability "NET_ADMIN": it is not in the default set (PodSecurity "restricted:v1.21").' },
      ],
    },
  ],
});
