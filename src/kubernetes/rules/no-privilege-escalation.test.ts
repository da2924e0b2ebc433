import { runProjectRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { configuredRule } from '../pod-security/testing.ts';
import { noPrivilegeEscalation } from './no-privilege-escalation.ts';

// Default options: restricted, latest.
runProjectRuleTests(noPrivilegeEscalation, kubernetesAnalyzer, {
  pass: [
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
    },
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: win}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  os: {name: windows}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {runAsUser: 1000}\n',
    },
  ],
  fail: [
    {
      files: {
        'deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: api}}\n    spec:\n      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}\n      containers:\n        - name: app\n          image: example/app:1.0\n          securityContext: {allowPrivilegeEscalation: true, capabilities: {drop: [ALL]}}\n',
      },
      findings: [
        { path: 'deploy.yaml', messageId: 'allowed', line: 14, column: 55, endColumn: 59, message: 'Container "app" must set securityContext.allowPrivilegeEscalation=false, not true (PodSecurity "restricted:latest").' },
      ],
    },
    {
      files: {
        'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  initContainers:\n    - name: migrate\n      image: example/migrate:1.0\n      securityContext: {capabilities: {drop: [ALL]}}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
      },
      findings: [
        { path: 'pod.yaml', messageId: 'notDisabled', line: 11, column: 7, endColumn: 22, message: 'Container "migrate" must set securityContext.allowPrivilegeEscalation=false (PodSecurity "restricted:latest").' },
      ],
    },
  ],
});

// Options: version v1.7.
runProjectRuleTests(configuredRule(noPrivilegeEscalation, { version: 'v1.7' }), kubernetesAnalyzer, {
  pass: [
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {capabilities: {drop: [ALL]}}\n',
    },
  ],
  fail: [

  ],
});

// Options: version v1.24.
runProjectRuleTests(configuredRule(noPrivilegeEscalation, { version: 'v1.24' }), kubernetesAnalyzer, {
  pass: [

  ],
  fail: [
    {
      files: {
        'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: win}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  os: {name: windows}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {capabilities: {drop: [ALL]}}\n',
      },
      findings: [
        { path: 'pod.yaml', messageId: 'notDisabled', line: 12, column: 7, endColumn: 22, message: 'Container "app" must set securityContext.allowPrivilegeEscalation=false (PodSecurity "restricted:v1.24").' },
      ],
    },
  ],
});

// Options: level baseline.
runProjectRuleTests(configuredRule(noPrivilegeEscalation, { level: 'baseline' }), kubernetesAnalyzer, {
  pass: [
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: true}\n',
    },
  ],
  fail: [

  ],
});
