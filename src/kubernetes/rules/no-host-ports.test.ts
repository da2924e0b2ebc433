import { runProjectRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { noHostPorts } from './no-host-ports.ts';

// Default options: restricted, latest.
runProjectRuleTests(noHostPorts, kubernetesAnalyzer, {
  pass: [
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n      ports:\n        - containerPort: 8080\n          hostPort: 0\n',
    },
  ],
  fail: [
    {
      files: {
        'template.yaml': 'apiVersion: v1\nkind: PodTemplate\nmetadata: {name: edge}\ntemplate:\n  spec:\n    containers:\n      - name: edge\n        image: example/edge:1.0\n        ports:\n          - containerPort: 80\n            hostPort: 80\n          - containerPort: 443\n            hostPort: 443\n',
      },
      findings: [
        { path: 'template.yaml', messageId: 'hostPort', line: 11, column: 23, endColumn: 25, message: 'Container "edge" must not use hostPort 80 (PodSecurity "restricted:latest").' },
        { path: 'template.yaml', messageId: 'hostPort', line: 13, column: 23, endColumn: 26 },
      ],
    },
  ],
});
