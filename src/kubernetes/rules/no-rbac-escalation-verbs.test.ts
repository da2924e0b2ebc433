import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { noRbacEscalationVerbs } from './no-rbac-escalation-verbs.ts';

const ROLE = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: manager}\nrules:\n';

runRuleTests(noRbacEscalationVerbs, { analyzer: kubernetesAnalyzer, path: 'rbac.yaml' }, {
  pass: [
    `${ROLE}  - apiGroups: [rbac.authorization.k8s.io]\n    resources: [roles]\n    verbs: [get, list, create]\n`,
    `${ROLE}  - apiGroups: [rbac.authorization.k8s.io]\n    resources: [clusterroles]\n    verbs: [bind]\n    resourceNames: [view]\n`,
    `${ROLE}  - apiGroups: [""]\n    resources: [serviceaccounts]\n    verbs: [impersonate]\n    resourceNames: [ci-bot]\n`,
    // escalate on something that is not a role does nothing; "*" verbs are no-rbac-wildcards' finding.
    `${ROLE}  - apiGroups: [apps]\n    resources: [deployments]\n    verbs: [escalate, "*"]\n`,
    'apiVersion: example.com/v1\nkind: ClusterRole\nmetadata: {name: x}\nrules:\n  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: [bind]\n',
  ],
  fail: [
    {
      code: `${ROLE}  - apiGroups: [rbac.authorization.k8s.io]\n    resources: [roles, clusterroles]\n    verbs: [get, escalate, bind]\n`,
      findings: [
        { messageId: 'escalationVerb', line: 7, column: 18, endColumn: 26, message: 'Rule 1 of ClusterRole "manager" grants "escalate" on "roles", "clusterroles" without resourceNames, so its subjects can grant themselves permissions they do not hold.' },
        { messageId: 'escalationVerb', line: 7, column: 28, endColumn: 32 },
      ],
    },
    {
      code: `${ROLE}  - apiGroups: [""]\n    resources: [pods]\n    verbs: [get]\n  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs:\n      - impersonate\n`,
      findings: [{ messageId: 'escalationVerb', line: 11, column: 9, endColumn: 20, message: 'Rule 2 of ClusterRole "manager" grants "impersonate" on "*" without resourceNames, so its subjects can act as any user, group or service account, system:masters included.' }],
    },
    {
      code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: binder, namespace: team}\nrules:\n  - apiGroups: [rbac.authorization.k8s.io]\n    resources: ["roles"]\n    verbs: ["bind"]\n',
      findings: [{ messageId: 'escalationVerb', line: 7, column: 13, endColumn: 19, message: 'Rule 1 of Role "binder" grants "bind" on "roles" without resourceNames, so its subjects can bind roles with permissions they do not hold.' }],
    },
  ],
});
