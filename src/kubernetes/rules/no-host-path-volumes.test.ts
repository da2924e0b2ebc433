import { runProjectRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { configuredRule } from '../pod-security/testing.ts';
import { noHostPathVolumes } from './no-host-path-volumes.ts';

// Default options: restricted, latest.
runProjectRuleTests(noHostPathVolumes, kubernetesAnalyzer, {
  pass: [
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  volumes:\n    - name: logs\n      hostPath: {path: /var/log}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
    },
    {
      'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ops\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n',
      'deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: agent\n  namespace: ops\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n    spec:\n      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}\n      volumes:\n        - name: logs\n          hostPath: {path: /var/log}\n      containers:\n        - name: app\n          image: example/app:1.0\n          securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
    },
  ],
  fail: [
    {
      files: {
        'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: legacy\n  labels:\n    pod-security.kubernetes.io/enforce: baseline\n    pod-security.kubernetes.io/enforce-version: v1.29\n',
        'deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: agent\n  namespace: legacy\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n    spec:\n      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}\n      volumes:\n        - name: logs\n          hostPath: {path: /var/log}\n        - name: tmp\n          emptyDir: {}\n      containers:\n        - name: app\n          image: example/app:1.0\n          securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
      },
      findings: [
        { path: 'deploy.yaml', messageId: 'hostPath', line: 14, column: 21, endColumn: 37, message: 'Volume "logs" must not be a hostPath volume (PodSecurity "baseline:v1.29").' },
      ],
    },
  ],
});

// Options: level baseline.
runProjectRuleTests(configuredRule(noHostPathVolumes, { level: 'baseline' }), kubernetesAnalyzer, {
  pass: [
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  volumes:\n    - name: tmp\n      emptyDir: {}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
    },
    {
      'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ops\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n',
      'deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: agent\n  namespace: ops\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n    spec:\n      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}\n      volumes:\n        - name: logs\n          hostPath: {path: /var/log}\n      containers:\n        - name: app\n          image: example/app:1.0\n          securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
    },
  ],
  fail: [
    {
      files: {
        'rs.yaml': 'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: collector}\nspec:\n  template:\n    spec:\n      volumes:\n        - name: docker\n          hostPath:\n            path: /var/run/docker.sock\n      containers:\n        - name: collector\n          image: example/collector:1.0\n',
      },
      findings: [
        { path: 'rs.yaml', messageId: 'hostPath', line: 10, column: 13, endColumn: 39, message: 'Volume "docker" must not be a hostPath volume (PodSecurity "baseline:latest").' },
      ],
    },
  ],
});
