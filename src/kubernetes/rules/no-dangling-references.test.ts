import { runProjectRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { noDanglingReferences } from './no-dangling-references.ts';

const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  template:\n    metadata:\n      labels: {app: web, tier: front}\n    spec:\n      serviceAccountName: web\n      containers: [{name: web, image: "web:1"}]\n';
const ACCOUNT = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: shop}\n';
const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n';
const INGRESS = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web, namespace: shop}\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service: {name: web, port: {number: 80}}\n';
const HPA = 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web, namespace: shop}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n';

runProjectRuleTests(noDanglingReferences, kubernetesAnalyzer, {
  pass: [
    { 'app.yaml': [DEPLOYMENT, ACCOUNT, SERVICE, INGRESS, HPA].join('---\n') },
    { 'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec: {type: ExternalName, externalName: db.example.com}\n' },
    { 'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  serviceAccountName: default\n  containers: [{name: a, image: x}]\n' },
    // The second template carries both labels of the selector (the first carries only its first label).
    { 'app.yaml': [DEPLOYMENT.replace('tier: front', 'tier: back'), DEPLOYMENT.replace('name: web, namespace', 'name: web2, namespace'), ACCOUNT, SERVICE.replace('{app: web}', '{app: web, tier: front}')].join('---\n') },
  ],
  fail: [
    {
      files: { 'app.yaml': DEPLOYMENT, 'svc.yaml': SERVICE.replace('{app: web}', '{app: webb}'), 'ing.yaml': INGRESS.replace('name: web, port', 'name: api, port'), 'hpa.yaml': HPA.replace('kind: Deployment', 'kind: StatefulSet') },
      findings: [
        { path: 'app.yaml', messageId: 'serviceAccountMissing', line: 9, column: 27, endColumn: 30, message: 'Deployment "web" runs as service account "web", which the scanned manifests do not define in its namespace.' },
        { path: 'hpa.yaml', messageId: 'autoscalerTargetMissing', line: 5, column: 66, endColumn: 69, message: 'HorizontalPodAutoscaler "web" scales StatefulSet "web", which the scanned manifests do not define in its namespace.' },
        { path: 'ing.yaml', messageId: 'ingressBackendMissing', line: 11, column: 31, endColumn: 34, message: 'Ingress "web" routes to Service "api", which the scanned manifests do not define in its namespace.' },
        { path: 'svc.yaml', messageId: 'serviceSelectsNothing', line: 5, column: 13, endColumn: 24, message: 'Service "web" selects no pod template of the scanned manifests in its namespace.' },
      ],
    },
    {
      // Each label of the selector is on some template, never both on one; a matching template in another namespace does not count; NaN equals nothing.
      files: {
        'app.yaml': [DEPLOYMENT.replace('tier: front', 'tier: back'), DEPLOYMENT.replace('app: web,', 'app: api,'), DEPLOYMENT.replace('namespace: shop', 'namespace: other'), ACCOUNT].join('---\n'),
        'svc.yaml': SERVICE.replace('{app: web}', '{app: web, tier: front}'),
        'nan.yaml': DEPLOYMENT.replace('namespace: shop', 'namespace: nan').replace('tier: front', 'ratio: .nan').replace('serviceAccountName: web', 'serviceAccountName: default') + '---\n' + SERVICE.replace('namespace: shop', 'namespace: nan').replace('{app: web}', '{ratio: .nan}'),
      },
      findings: [
        { path: 'app.yaml', messageId: 'serviceAccountMissing', line: 31, column: 27, endColumn: 30, message: 'Deployment "web" runs as service account "web", which the scanned manifests do not define in its namespace.' },
        { path: 'nan.yaml', messageId: 'serviceSelectsNothing', line: 16, column: 13, endColumn: 26, message: 'Service "web" selects no pod template of the scanned manifests in its namespace.' },
        { path: 'svc.yaml', messageId: 'serviceSelectsNothing', line: 5, column: 13, endColumn: 36, message: 'Service "web" selects no pod template of the scanned manifests in its namespace.' },
      ],
    },
  ],
});
