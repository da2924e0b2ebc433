import { defineRule } from '../../core/index.ts';
import { arrayAt, isJsonObject, stringAt } from '../json.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { containersOf, podSpecOf } from '../workload.ts';

/** Names that announce a secret (kube-linter's `env-var-secret` matches `secret` only). */
const SECRET_NAME = /secret|passw(or)?d|pwd|token|api_?key|private_?key|credential|auth_?key|access_?key|client_?key|signing_?key|encryption_?key/i;
/** …unless the name says the value only points at one (a file, a name, a URL) or configures it. */
const REFERENCE_SUFFIX = /_(file|path|dir|name|names|ref|url|uri|endpoint|host|port|id|arn|type|mode|length|ttl|timeout|expiry|expiration|enabled|header|key_?id)$/i;
/** Values that cannot be secrets: booleans, numbers, paths, `$(VAR)` expansions, empty placeholders. */
const HARMLESS_VALUE = /^(|true|false|yes|no|on|off|null|none|changeme|-?\d+(\.\d+)?|\/\S*|.*\$\([A-Za-z_][A-Za-z0-9_]*\).*)$/i;

export const noSecretEnvValues = defineRule({
  meta: {
    id: 'K8S-0027',
    slug: 'no-secret-env-values',
    title: 'Secret written in clear in an environment variable',
    severity: 'high',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'An environment variable whose name says it holds a secret (password, token, API key…) has its value written in the manifest. The secret is then in the repository\'s history, in every copy of the manifest and, in clear, in the object the API server stores and shows to anyone who can read the workload.',
    remediation: 'Move the value into a Secret (sealed or managed by an external secret store) and mount it as a file, or reference it with `valueFrom.secretKeyRef`; rotate the exposed value.',
    references: ['https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets', 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/'],
    aliases: [{ tool: 'kube-linter', id: 'env-var-secret', relation: 'same' }],
    compliance: ['nist-800-190:4.1.4', 'pci-dss-4.0:8.6.2', 'nsa-cisa-k8s-1.2:network/secrets'],
    packs: ['hardening'],
    cel: {
      kinds: 'pods',
      expression:
        'variables.containers.all(c, c.?env.orValue([]).all(e, !(type(e.?value.orValue(null)) == string && e.?name.orValue("").matches("(?i)secret|passw(or)?d|pwd|token|api_?key|private_?key|credential|auth_?key|access_?key|client_?key|signing_?key|encryption_?key") && !e.?name.orValue("").matches("(?i)_(file|path|dir|name|names|ref|url|uri|endpoint|host|port|id|arn|type|mode|length|ttl|timeout|expiry|expiration|enabled|header|key_?id)$") && !e.value.trim().matches("(?i)^(|true|false|yes|no|on|off|null|none|changeme|-?\\\\d+(\\\\.\\\\d+)?|/\\\\S*|.*\\\\$\\\\([A-Za-z_][A-Za-z0-9_]*\\\\).*)$"))))',
      message:
        '"Container(s) " + variables.containers.filter(c, c.?env.orValue([]).exists(e, type(e.?value.orValue(null)) == string && e.?name.orValue("").matches("(?i)secret|passw(or)?d|pwd|token|api_?key|private_?key|credential|auth_?key|access_?key|client_?key|signing_?key|encryption_?key") && !e.?name.orValue("").matches("(?i)_(file|path|dir|name|names|ref|url|uri|endpoint|host|port|id|arn|type|mode|length|ttl|timeout|expiry|expiration|enabled|header|key_?id)$") && !e.value.trim().matches("(?i)^(|true|false|yes|no|on|off|null|none|changeme|-?\\\\d+(\\\\.\\\\d+)?|/\\\\S*|.*\\\\$\\\\([A-Za-z_][A-Za-z0-9_]*\\\\).*)$"))).map(c, c.?name.orValue("")).join(", ") + " set a secret-looking environment variable to a literal value; use a Secret reference."',
    },
    messages: {
      secretValue: 'Container "{container}" sets environment variable "{variable}" to a literal value; it looks like a secret.',
    },
  },
  check(context, artifact: KubernetesObjectArtifact) {
    const pod = podSpecOf(artifact.object);
    if (pod === undefined) return;
    for (const { container, pointer, name } of containersOf(pod)) {
      arrayAt(container, 'env').forEach((entry, index) => {
        if (!isJsonObject(entry)) return;
        const variable = stringAt(entry, 'name') ?? '';
        const value = entry['value'];
        if (typeof value !== 'string' || !SECRET_NAME.test(variable) || REFERENCE_SUFFIX.test(variable) || HARMLESS_VALUE.test(value.trim())) return;
        // The name, not the value: the finding's evidence must not repeat the secret.
        context.report({ messageId: 'secretValue', at: { pointer: `${pointer}/env/${index}/name` }, data: { container: name, variable } });
      });
    }
  },
});
