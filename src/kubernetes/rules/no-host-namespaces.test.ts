import { runProjectRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { noHostNamespaces } from './no-host-namespaces.ts';

// Default options: restricted, latest.
runProjectRuleTests(noHostNamespaces, kubernetesAnalyzer, {
  pass: [
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  hostNetwork: false\n  hostPID: false\n  hostIPC: false\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
    },
    {
      'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: infra\n  labels:\n    pod-security.kubernetes.io/enforce: privileged\n',
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: infra}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  hostNetwork: true\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
    },
  ],
  fail: [
    {
      files: {
        'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: infra\n  labels:\n    pod-security.kubernetes.io/enforce: Privileged\n',
        'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: infra}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  hostNetwork: true\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
      },
      findings: [
        { path: 'pod.yaml', messageId: 'hostNetwork', line: 8, column: 16, endColumn: 20, message: 'The pod must not set hostNetwork=true: it would share the host\'s network namespace (PodSecurity "restricted:latest").' },
      ],
    },
    {
      files: {
        'job.yaml': 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: debug}\nspec:\n  template:\n    spec:\n      hostNetwork: true\n      hostPID: true\n      hostIPC: true\n      containers:\n        - name: debug\n          image: busybox:1.36\n',
      },
      findings: [
        { path: 'job.yaml', messageId: 'hostNetwork', line: 7, column: 20, endColumn: 24, message: 'The pod must not set hostNetwork=true: it would share the host\'s network namespace (PodSecurity "restricted:latest").' },
        { path: 'job.yaml', messageId: 'hostPID', line: 8, column: 16, endColumn: 20 },
        { path: 'job.yaml', messageId: 'hostIPC', line: 9, column: 16, endColumn: 20 },
      ],
    },
  ],
});
