import { runProjectRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { configuredRule } from '../pod-security/testing.ts';
import { noUnsafeSysctls } from './no-unsafe-sysctls.ts';

// Default options: restricted, latest.
runProjectRuleTests(noUnsafeSysctls, kubernetesAnalyzer, {
  pass: [
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n    sysctls:\n      - {name: net.ipv4.tcp_notsent_lowat, value: "16384"}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
    },
  ],
  fail: [
    {
      files: {
        'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n    sysctls:\n      - name: net.ipv4.ip_local_port_range\n        value: "1024 65535"\n      - name: kernel.msgmax\n        value: "65536"\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
      },
      findings: [
        { path: 'pod.yaml', messageId: 'sysctl', line: 11, column: 15, endColumn: 28, message: 'The pod must not set sysctl "kernel.msgmax": it is not in the safe set (PodSecurity "restricted:latest").' },
      ],
    },
  ],
});

// Options: version v1.36.
runProjectRuleTests(configuredRule(noUnsafeSysctls, { version: 'v1.36' }), kubernetesAnalyzer, {
  pass: [

  ],
  fail: [
    {
      files: {
        'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n    sysctls:\n      - {name: net.ipv4.tcp_notsent_lowat, value: "16384"}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
      },
      findings: [
        { path: 'pod.yaml', messageId: 'sysctl', line: 9, column: 16, endColumn: 42, message: 'The pod must not set sysctl "net.ipv4.tcp_notsent_lowat": it is not in the safe set (PodSecurity "restricted:v1.36").' },
      ],
    },
  ],
});
