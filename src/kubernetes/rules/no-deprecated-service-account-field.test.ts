import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { noDeprecatedServiceAccountField } from './no-deprecated-service-account-field.ts';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: web, image: "web:1"}]\n';

runRuleTests(noDeprecatedServiceAccountField, { analyzer: kubernetesAnalyzer, path: 'pod.yaml' }, {
  pass: [`${POD}  serviceAccountName: web\n`, `${POD}  serviceAccountName: web\n  serviceAccount: web\n`],
  fail: [
    { code: `${POD}  serviceAccount: web\n`, findings: [{ messageId: 'deprecated', line: 6, column: 19, endColumn: 22, message: 'The pod names its service account "web" with the deprecated serviceAccount field.' }] },
    { code: `${POD}  serviceAccountName: web\n  serviceAccount: admin\n`, findings: [{ messageId: 'conflicting', line: 7, column: 19, endColumn: 24, message: 'The pod names service account "admin" in the deprecated serviceAccount field but "web" in serviceAccountName.' }] },
  ],
});
