import { runProjectRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { noUnconfinedApparmorProfile } from './no-unconfined-apparmor-profile.ts';

// Default options: restricted, latest.
runProjectRuleTests(noUnconfinedApparmorProfile, kubernetesAnalyzer, {
  pass: [
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n    appArmorProfile: {type: RuntimeDefault}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
    },
    {
      'deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector: {matchLabels: {app: api}}\n  template:\n    metadata:\n      annotations:\n        container.apparmor.security.beta.kubernetes.io/app: localhost/k8s-apparmor-example\n    spec:\n      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}\n      containers:\n        - name: app\n          image: example/app:1.0\n          securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
    },
  ],
  fail: [
    {
      files: {
        'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n    appArmorProfile:\n      type: Unconfined\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
      },
      findings: [
        { path: 'pod.yaml', messageId: 'podProfile', line: 9, column: 13, endColumn: 23, message: 'The pod must not set securityContext.appArmorProfile.type to "Unconfined"; use RuntimeDefault or Localhost (PodSecurity "restricted:latest").' },
      ],
    },
    {
      files: {
        'deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector: {matchLabels: {app: api}}\n  template:\n    metadata:\n      annotations:\n        container.apparmor.security.beta.kubernetes.io/app: unconfined\n    spec:\n      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}\n      containers:\n        - name: app\n          image: example/app:1.0\n          securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
      },
      findings: [
        { path: 'deploy.yaml', messageId: 'annotation', line: 10, column: 61, endColumn: 71, message: 'Annotation container.apparmor.security.beta.kubernetes.io/app="unconfined" is forbidden; use runtime/default or localhost/<profile> (PodSecurity "restricted:latest").' },
      ],
    },
  ],
});
