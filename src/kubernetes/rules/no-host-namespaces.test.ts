import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { noHostNamespaces } from './no-host-namespaces.ts';

runRuleTests(noHostNamespaces, { analyzer: kubernetesAnalyzer, path: 'deploy.yaml' }, {
  pass: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: web}]\n',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  hostNetwork: false\n  hostPID: false\n  hostIPC: false\n  containers: [{name: web}]\n',
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\ndata:\n  hostNetwork: "true"\n',
  ],
  fail: [
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  hostNetwork: true\n  containers: [{name: web}]\n',
      findings: [{ messageId: 'hostNetwork', line: 5, column: 16, endColumn: 20, message: "The pod shares the host's network namespace (hostNetwork: true)." }],
    },
    {
      code: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  template:\n    spec:\n      hostIPC: true\n      hostPID: true\n      hostNetwork: true\n      containers: [{name: agent}]\n',
      findings: [
        { messageId: 'hostNetwork', line: 9, column: 20, endColumn: 24 },
        { messageId: 'hostPid', line: 8, column: 16, endColumn: 20, message: "The pod shares the host's process ID namespace (hostPID: true)." },
        { messageId: 'hostIpc', line: 7, column: 16, endColumn: 20, message: "The pod shares the host's IPC namespace (hostIPC: true)." },
      ],
    },
  ],
});
