import { runProjectRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { configuredRule } from '../pod-security/testing.ts';
import { noUnconfinedSeccompProfile } from './no-unconfined-seccomp-profile.ts';

// Default options: restricted, latest.
runProjectRuleTests(noUnconfinedSeccompProfile, kubernetesAnalyzer, {
  pass: [
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext: {seccompProfile: {type: Unconfined}}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
    },
  ],
  fail: [

  ],
});

// Options: level baseline.
runProjectRuleTests(configuredRule(noUnconfinedSeccompProfile, { level: 'baseline' }), kubernetesAnalyzer, {
  pass: [
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
    },
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext: {seccompProfile: {type: Localhost, localhostProfile: profiles/audit.json}}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
    },
  ],
  fail: [
    {
      files: {
        'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext: {seccompProfile: {type: Unconfined}}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {seccompProfile: {type: Unconfined}}\n',
      },
      findings: [
        { path: 'pod.yaml', messageId: 'podProfile', line: 5, column: 44, endColumn: 54, message: 'The pod must not set securityContext.seccompProfile.type to "Unconfined" (PodSecurity "baseline:latest").' },
        { path: 'pod.yaml', messageId: 'containerProfile', line: 9, column: 48, endColumn: 58 },
      ],
    },
  ],
});

// Options: level baseline, version v1.18.
runProjectRuleTests(configuredRule(noUnconfinedSeccompProfile, { level: 'baseline', version: 'v1.18' }), kubernetesAnalyzer, {
  pass: [
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext: {seccompProfile: {type: Unconfined}}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
    },
  ],
  fail: [
    {
      files: {
        'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: unconfined\nspec:\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
      },
      findings: [
        { path: 'pod.yaml', messageId: 'annotation', line: 6, column: 47, endColumn: 57, message: 'Annotation seccomp.security.alpha.kubernetes.io/pod="unconfined" is forbidden; use runtime/default or localhost/<profile> (PodSecurity "baseline:v1.18").' },
      ],
    },
  ],
});
