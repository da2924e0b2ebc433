import { defineRule } from '../../core/index.ts';
import type { JsonValue } from '../json.ts';
import { arrayAt, isJsonObject, objectAt, stringAt } from '../json.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { apiGroupOf } from '../workload.ts';

const INGRESS_GROUPS = ['networking.k8s.io', 'extensions'];

export const requireIngressTls = defineRule({
  meta: {
    id: 'K8S-0010',
    slug: 'require-ingress-tls',
    title: 'Ingress serves a host without TLS',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'An Ingress without a `tls` section, or with rules for hosts its `tls` entries do not cover, serves those hosts over plain HTTP: credentials, session cookies and data cross the network in clear text.',
    remediation: 'Add a `spec.tls` entry whose `hosts` cover every host in the Ingress rules, with a Secret holding the certificate.',
    references: ['https://kubernetes.io/docs/concepts/services-networking/ingress/#tls'],
    aliases: [],
    compliance: ['pci-dss-4.0:4.2.1', 'hipaa:164.312(e)(1)', 'nsa-cisa-k8s-1.2:network/encryption'],
    packs: ['network'],
    cel: {
      kinds: [{ apiGroup: 'networking.k8s.io', kind: 'Ingress' }, { apiGroup: 'extensions', kind: 'Ingress' }],
      expression:
        'size(object.?spec.?tls.orValue([])) > 0 && (object.?spec.?tls.orValue([]).exists(t, size(t.?hosts.orValue([])) == 0) || object.?spec.?rules.orValue([]).all(r, r.?host.orValue("") == "" || object.?spec.?tls.orValue([]).exists(t, t.?hosts.orValue([]).exists(e, e.lowerAscii() == r.host.lowerAscii() || (r.host.indexOf(".") > 0 && e.lowerAscii() == "*." + r.host.lowerAscii().substring(r.host.indexOf(".") + 1))))))',
      message:
        '"Ingress " + object.?metadata.?name.orValue("") + " must serve every host over TLS (spec.tls)."',
    },
    messages: {
      noTls: 'Ingress has no TLS section; its hosts are served over plain HTTP.',
      hostNotCovered: 'Host "{host}" is not covered by any TLS entry of the Ingress.',
    },
  },
  check(context, artifact: KubernetesObjectArtifact) {
    const { object, ref } = artifact;
    if (ref.kind !== 'Ingress' || !INGRESS_GROUPS.includes(apiGroupOf(ref.apiVersion))) return;
    const spec = objectAt(object, 'spec') ?? {};
    const tls = arrayAt(spec, 'tls').filter(isJsonObject);
    if (tls.length === 0) {
      context.report({ messageId: 'noTls', at: { pointer: '/spec/tls' } });
      return;
    }
    const tlsHosts = tls.map((entry) => arrayAt(entry, 'hosts').filter((host): host is string => typeof host === 'string'));
    // An entry without hosts uses the controller's default certificate for every host.
    if (tlsHosts.some((hosts) => hosts.length === 0)) return;
    const covered = tlsHosts.flat().map((host) => host.toLowerCase());
    arrayAt(spec, 'rules').forEach((rule: JsonValue, index) => {
      const host = isJsonObject(rule) ? stringAt(rule, 'host') : undefined;
      if (host === undefined || host === '' || isCovered(host.toLowerCase(), covered)) return;
      context.report({ messageId: 'hostNotCovered', at: { pointer: `/spec/rules/${index}/host` }, data: { host } });
    });
  },
});

/** Exact match, or a `*.example.com` entry for a host one label below `example.com`. */
function isCovered(host: string, covered: readonly string[]): boolean {
  const dot = host.indexOf('.');
  const parent = dot > 0 ? host.slice(dot + 1) : undefined;
  return covered.some((entry) => entry === host || (parent !== undefined && entry === `*.${parent}`));
}
