import { defineRule } from '../../core/index.ts';
import { arrayAt, isJsonObject, stringAt } from '../json.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { containersOf, podSpecOf } from '../workload.ts';

export const noDuplicateEnvVars = defineRule({
  meta: {
    id: 'K8S-0035',
    slug: 'no-duplicate-env-vars',
    title: 'Container sets the same environment variable twice',
    severity: 'low',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'When `env` lists a variable twice, the last entry silently wins. A reviewer who reads the first one (a TLS switch, a log level, an allowed origin) sees a setting that is not the one that runs, and a strategic-merge patch may keep either.',
    remediation: 'Keep one entry per variable name in each container\'s `env`.',
    references: ['https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/'],
    aliases: [{ tool: 'kube-linter', id: 'duplicate-env-var', relation: 'same' }],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: ['hardening'],
    cel: {
      kinds: 'pods',
      expression:
        'variables.containers.all(c, [c.?env.orValue([]).filter(e, has(e.name)).map(e, e.name)].all(ns, ns.all(n, ns.filter(m, m == n).size() == 1)))',
      message:
        '"A container sets the same environment variable twice; the last one wins silently."',
    },
    messages: {
      duplicate: 'Container "{container}" sets environment variable "{variable}" again (first set in entry {first}); the last value wins.',
    },
  },
  check(context, artifact: KubernetesObjectArtifact) {
    const pod = podSpecOf(artifact.object);
    if (pod === undefined) return;
    for (const { container, pointer, name } of containersOf(pod)) {
      const seen = new Map<string, number>();
      arrayAt(container, 'env').forEach((entry, index) => {
        const variable = isJsonObject(entry) ? stringAt(entry, 'name') : undefined;
        if (variable === undefined) return;
        const first = seen.get(variable);
        if (first === undefined) {
          seen.set(variable, index);
          return;
        }
        context.report({ messageId: 'duplicate', at: { pointer: `${pointer}/env/${index}/name` }, data: { container: name, variable, first: first + 1 } });
      });
    }
  },
});
