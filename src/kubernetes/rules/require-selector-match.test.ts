import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { requireSelectorMatch } from './require-selector-match.ts';

const HEAD = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n';

runRuleTests(requireSelectorMatch, { analyzer: kubernetesAnalyzer, path: 'deploy.yaml' }, {
  pass: [
    `${HEAD}  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web, tier: front}\n`,
    `${HEAD}  selector:\n    matchExpressions: [{key: app, operator: In, values: [web]}]\n  template: {}\n`,
    'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  selector: {matchLabels: {a: b}}\n  template: {metadata: {labels: {a: c}}}\n',
  ],
  fail: [
    {
      code: `${HEAD}  selector:\n    matchLabels:\n      app: web\n      app.kubernetes.io/part-of: shop\n  template:\n    metadata:\n      labels: {app: wbe}\n`,
      findings: [
        { messageId: 'mismatch', line: 7, column: 12, endColumn: 15, message: 'Selector label "app" is "web", but the pod template labels give it "wbe".' },
        { messageId: 'mismatch', line: 8, column: 34, endColumn: 38, message: 'Selector label "app.kubernetes.io/part-of" is "shop", but the pod template labels give it no value.' },
      ],
    },
  ],
});
