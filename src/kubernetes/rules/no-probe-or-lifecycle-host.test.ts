import { runProjectRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { configuredRule } from '../pod-security/testing.ts';
import { noProbeOrLifecycleHost } from './no-probe-or-lifecycle-host.ts';

// Default options: restricted, latest.
runProjectRuleTests(noProbeOrLifecycleHost, kubernetesAnalyzer, {
  pass: [
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n      livenessProbe:\n        httpGet: {path: /healthz, port: 8080, host: ""}\n',
    },
  ],
  fail: [
    {
      files: {
        'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n      readinessProbe:\n        tcpSocket: {port: 5432, host: db.internal}\n      lifecycle:\n        preStop:\n          httpGet:\n            host: 169.254.169.254\n            path: /latest/meta-data\n            port: 80\n',
      },
      findings: [
        { path: 'pod.yaml', messageId: 'host', line: 13, column: 39, endColumn: 50, message: 'Container "app" must not set readinessProbe.tcpSocket.host ("db.internal") (PodSecurity "restricted:latest").' },
        { path: 'pod.yaml', messageId: 'host', line: 17, column: 19, endColumn: 34 },
      ],
    },
  ],
});

// Options: version v1.33.
runProjectRuleTests(configuredRule(noProbeOrLifecycleHost, { version: 'v1.33' }), kubernetesAnalyzer, {
  pass: [
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n      readinessProbe:\n        tcpSocket: {port: 5432, host: db.internal}\n',
    },
  ],
  fail: [

  ],
});
