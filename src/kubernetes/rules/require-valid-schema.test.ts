import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { findingsOf, runRuleTests } from '../../../test/rule-tester.ts';
import { nullThrows } from '../../core/index.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { requireValidSchema } from './require-valid-schema.ts';

const tester = { analyzer: kubernetesAnalyzer, path: 'deploy.yaml' } as const;
const SCHEMAS = fileURLToPath(new URL('../schema/__fixtures__/schemas', import.meta.url));

const DEPLOYMENT_HEAD = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels: {app: web, tier: front}\n';
const POD_SPEC = '  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n';

runRuleTests(requireValidSchema, tester, {
  pass: [
    `${DEPLOYMENT_HEAD}spec:\n  replicas: 2\n${POD_SPEC}`,
    `${DEPLOYMENT_HEAD}spec:\n  replicas: 2.0\n${POD_SPEC}          resources:\n            limits: {cpu: 500m, memory: 128Mi}\n            requests: {cpu: 0.25}\n`,
    'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports:\n    - {port: 80, targetPort: http}\n    - {port: 81, targetPort: 8080}\n',
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  annotations: {anything.example.com/any-key: "x"}\ndata: {a: "1", b: "two"}\n',
    'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: high}\nvalue: 1000\ndescription: Critical services.\n',
    'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\nspec:\n  group: example.com\n  scope: Namespaced\n  names: {kind: Widget, plural: widgets}\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n          type: object\n          description: A widget.\n          x-kubernetes-preserve-unknown-fields: true\n',
    'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {anything: [1, 2]}\n',
    'apiVersion: apps/v1\nkind: DeploymentSpec\nmetadata: {name: not-a-kind}\nspec: {replicas: "x"}\n',
  ],
  fail: [
    {
      code: `${DEPLOYMENT_HEAD}spec:\n  replicas: "2"\n${POD_SPEC}`,
      findings: [{ messageId: 'wrongType', line: 7, column: 13, endColumn: 16, message: 'Field "spec.replicas" must be an integer, not a string ("2").' }],
    },
    {
      code: `${DEPLOYMENT_HEAD}spec:\n  replicas: 1.5\n${POD_SPEC}`,
      findings: [{ messageId: 'wrongType', line: 7, column: 13, endColumn: 16, message: 'Field "spec.replicas" must be an integer, not a number (1.5).' }],
    },
    {
      code: `${DEPLOYMENT_HEAD}spec:\n${POD_SPEC}          imagePullPolcy: Always\n`,
      findings: [{ messageId: 'unknownField', line: 16, column: 11, endColumn: 25, message: 'Unknown field "imagePullPolcy" in "spec.template.spec.containers[0]" (did you mean "imagePullPolicy"?).' }],
    },
    {
      code: `${DEPLOYMENT_HEAD}spec:\n${POD_SPEC}          securityContext:\n            runAsNonRoot: true\n            readOnlyRootFilesystem: true\n            privilegedd: false\n`,
      findings: [{ messageId: 'unknownField', line: 19, column: 13, endColumn: 24, message: 'Unknown field "privilegedd" in "spec.template.spec.containers[0].securityContext" (did you mean "privileged"?).' }],
    },
    {
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\nsettings: {a: b}\n',
      findings: [{ messageId: 'unknownField', line: 4, column: 1, endColumn: 9, message: 'Unknown field "settings" in ConfigMap.' }],
    },
    {
      code: `${DEPLOYMENT_HEAD}spec:\n  template:\n    spec:\n      containers: [{name: web, image: nginx}]\n`,
      findings: [{ messageId: 'missingRequired', line: 6, column: 1, endColumn: 5, message: '"spec" is missing the required field "selector".' }],
    },
    {
      code: `${DEPLOYMENT_HEAD}spec:\n${POD_SPEC}      volumes:\n        - emptyDir: {}\n`,
      findings: [{ messageId: 'missingRequired', line: 17, column: 11, endColumn: 19, message: '"spec.template.spec.volumes[0]" is missing the required field "name".' }],
    },
    {
      code: `${DEPLOYMENT_HEAD}spec:\n${POD_SPEC}          imagePullPolicy: Sometimes\n`,
      findings: [{ messageId: 'invalidEnum', line: 16, column: 28, endColumn: 37, message: 'Field "spec.template.spec.containers[0].imagePullPolicy" is "Sometimes", which is not one of "Always", "IfNotPresent", "Never".' }],
    },
    {
      code: `${DEPLOYMENT_HEAD}spec:\n${POD_SPEC}          resources:\n            limits: {memory: lots}\n`,
      findings: [{ messageId: 'invalidFormat', line: 17, column: 30, endColumn: 34, message: 'Field "spec.template.spec.containers[0].resources.limits.memory" is "lots", which is not a valid quantity.' }],
    },
    {
      code: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports:\n    - port: 80\n      targetPort: true\n',
      findings: [{ messageId: 'wrongType', line: 7, column: 19, endColumn: 23, message: 'Field "spec.ports[0].targetPort" must be a string or an integer, not a boolean (true).' }],
    },
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n      image: app:1\n      ports: {containerPort: 80}\n',
      findings: [{ messageId: 'wrongType', line: 8, column: 7, endColumn: 12, message: 'Field "spec.containers[0].ports" must be an array, not an object.' }],
    },
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n      image: app:1\n      env:\n        - name: DEBUG\n          value: yes\n',
      findings: [{ messageId: 'wrongType', line: 10, column: 18, endColumn: 21, message: 'Field "spec.containers[0].env[0].value" must be a string, not a boolean (true).' }],
    },
  ],
});

describe('require-valid-schema: schemaLocations', () => {
  const configured = requireValidSchema.configure({ schemaLocations: [SCHEMAS, `${SCHEMAS}/{{ .Group }}/{{ .ResourceKind }}-{{ .ResourceAPIVersion }}.json`] });
  const rule = configured.ok ? configured.value : assert.fail('configure failed');
  const summary = (code: string) => findingsOf(rule, tester, code).map((finding) => [finding.messageId, finding.location.startLine, finding.location.startColumn, finding.location.endColumn, finding.message]);

  it('validates a kind against {kind}{suffix}.json in a folder (kubeconform layout)', () => {
    assert.deepEqual(summary('apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 3, color: red}\n'), []);
    assert.deepEqual(summary('apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n  size: big\n  colour: red\n'), [
      ['wrongType', 5, 9, 12, 'Field "spec.size" must be an integer, not a string ("big").'],
      ['unknownField', 6, 3, 9, 'Unknown field "colour" in "spec" (did you mean "color"?).'],
    ]);
    assert.deepEqual(summary('apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n'), [['missingRequired', 2, 7, 13, 'Widget is missing the required field "spec".']]);
  });

  it('expands a .json template with kubeconform variables', () => {
    assert.deepEqual(summary('apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g}\nspec: {count: "1"}\n'), [['wrongType', 4, 15, 18, 'Field "spec.count" must be an integer, not a string ("1").']]);
  });

  it('reports a schema file that is not JSON, once per object', () => {
    const findings = summary('apiVersion: example.com/v1\nkind: Broken\nmetadata: {name: b}\n');
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.[0], 'schemaUnusable');
    assert.equal(findings[0]?.[1], 2);
  });

  it('refuses network locations and kubeconform\'s remote "default" as option errors', () => {
    for (const location of ['https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master', 'http://schemas.local/{{ .ResourceKind }}.json', 'default', 'file:///schemas']) {
      const result = requireValidSchema.configure({ schemaLocations: [location] });
      assert.equal(result.ok, false, location);
    }
    assert.equal(requireValidSchema.configure({ schemaLocations: ['./schemas', 'default-schemas'] }).ok, true);
  });
});

describe('require-valid-schema: hostile input', () => {
  it('reports at most 50 violations for an object with a thousand unknown fields', () => {
    const fields = Array.from({ length: 1000 }, (_, index) => `field${index}: ${index}\n`).join('');
    const findings = findingsOf(requireValidSchema, tester, `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\n${fields}`);
    assert.equal(findings.length, 50);
    assert.equal(nullThrows(findings[0], 'first').location.startLine, 4);
  });

  it('validates huge maps and deep free-form values without crashing', () => {
    const labels = Array.from({ length: 2000 }, (_, index) => `    key${index}: v${index}\n`).join('');
    assert.deepEqual(findingsOf(requireValidSchema, tester, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\n  labels:\n${labels}data: {a: b}\n`), []);
    const deep = `${'['.repeat(200)}1${']'.repeat(200)}`;
    const crd = `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: deep.example.com}\nspec:\n  group: example.com\n  scope: Namespaced\n  names: {kind: Deep, plural: deeps}\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n          type: object\n          x-kubernetes-preserve-unknown-fields: true\n          default: {x: ${deep}}\n`;
    assert.deepEqual(findingsOf(requireValidSchema, tester, crd), []);
  });
});

describe('require-valid-schema: hostile field names', () => {
  it('clips a huge unknown field name and skips the suggestion', () => {
    const name = 'x'.repeat(200000);
    const findings = findingsOf(requireValidSchema, tester, JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, [name]: 1 }), 'big.json');
    assert.equal(findings.length, 1);
    assert.equal(nullThrows(findings[0], 'finding').message, `Unknown field "${'x'.repeat(63)}…" in ConfigMap.`);
  });
});
