import { runProjectRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { noWindowsHostProcess } from './no-windows-host-process.ts';

// Default options: restricted, latest.
runProjectRuleTests(noWindowsHostProcess, kubernetesAnalyzer, {
  pass: [
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}, windowsOptions: {hostProcess: false}}\n',
    },
  ],
  fail: [
    {
      files: {
        'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: win}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    windowsOptions:\n      hostProcess: true\n      runAsUserName: "NT AUTHORITY\\\\SYSTEM"\n  os: {name: windows}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {windowsOptions: {hostProcess: true}}\n',
      },
      findings: [
        { path: 'pod.yaml', messageId: 'podHostProcess', line: 8, column: 20, endColumn: 24, message: 'The pod must not set securityContext.windowsOptions.hostProcess=true (PodSecurity "restricted:latest").' },
        { path: 'pod.yaml', messageId: 'containerHostProcess', line: 14, column: 55, endColumn: 59 },
      ],
    },
  ],
});
