// CEL benchmark: 50 ValidatingAdmissionPolicy expressions (the CEL twins of the built-in Kubernetes
// rules, topped up with library-heavy expressions of the kind users write) × 10,000 objects (the shared
// corpus ../shared/corpora/k8s repeated, else the rules' fixtures), evaluated the way the admission
// path evaluates them: match by kind, policy variables, then the validation. Also times the
// TypeScript rules on the same objects for comparison. Prints evaluations per second.
// Run: node bench/cel.ts [--objects 10000] [--runs 3]. Never part of `npm test`.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { kubernetesRules } from '../src/kubernetes/index.ts';
import { compileTwin, POD_KINDS } from '../src/policy/export/index.ts';
import type { CelTwin, CompiledTwin, VariableValue } from '../src/policy/export/index.ts';
import { manifestLiterals, objectsOfText, ruleRejects } from '../src/policy/export/parity.ts';
import type { FixtureObject } from '../src/policy/export/parity.ts';

const ROOT = join(import.meta.dirname, '..');
const CORPUS = join(ROOT, '..', 'shared', 'corpora', 'k8s');
const RULES = join(ROOT, 'src', 'kubernetes', 'rules');
const { values } = parseArgs({ options: { objects: { type: 'string', default: '10000' }, runs: { type: 'string', default: '3' } } });
const WANTED = Math.max(1, Number(values.objects));
const RUNS = Math.max(1, Number(values.runs));

/** Extra policies using the Kubernetes libraries (quantity, regex, URL, semver, IP, format, strings, lists). */
const EXTRA: readonly CelTwin[] = [
  'variables.containers.all(c, !has(c.resources) || !has(c.resources.limits) || !has(c.resources.limits.memory) || quantity(string(c.resources.limits.memory)).compareTo(quantity("4Gi")) <= 0)',
  'variables.containers.all(c, !has(c.resources) || !has(c.resources.limits) || !has(c.resources.limits.cpu) || !quantity(string(c.resources.limits.cpu)).isGreaterThan(quantity("8")))',
  'variables.containers.all(c, !has(c.image) || c.image.matches("^[a-z0-9./:@_-]+$"))',
  'variables.containers.all(c, !has(c.image) || c.image.find("[0-9]+\\\\.[0-9]+") != "" || c.image.contains("@"))',
  'variables.containers.map(c, c.?name.orValue("")).all(n, format.dns1123Label().validate(n) == optional.none())',
  'variables.containers.all(c, c.?ports.orValue([]).all(p, p.?containerPort.orValue(1) > 0 && p.?containerPort.orValue(1) < 65536))',
  'variables.containers.all(c, c.?env.orValue([]).all(e, !e.?name.orValue("").lowerAscii().contains("password") || has(e.valueFrom)))',
  'object.?metadata.?labels.orValue({}).all(k, size(k) <= 63 && format.qualifiedName().validate(k) == optional.none())',
  'object.?metadata.?annotations.orValue({}).all(k, !k.startsWith("palisade.dev/") || k in ["palisade.dev/ignore"])',
  'variables.containers.map(c, c.?name.orValue("")).isSorted() || size(variables.containers) > 0',
  'size(variables.containers.map(c, c.?name.orValue(""))) == size(variables.containers.map(c, c.?name.orValue("")).filter(n, variables.containers.map(x, x.?name.orValue("")).indexOf(n) == variables.containers.map(x, x.?name.orValue("")).lastIndexOf(n)))',
  'variables.containers.all(c, c.?livenessProbe.?httpGet.?path.orValue("/").startsWith("/"))',
  'object.?metadata.?annotations[?"example.com/homepage"].orValue("https://example.com/").matches("^https://") && isURL(object.?metadata.?annotations[?"example.com/homepage"].orValue("https://example.com/"))',
  '!has(object.metadata.labels) || !("app.kubernetes.io/version" in object.metadata.labels) || !isSemver(object.metadata.labels["app.kubernetes.io/version"], true) || semver(object.metadata.labels["app.kubernetes.io/version"], true).isGreaterThan(semver("0.0.1"))',
  'variables.podSpec.?hostAliases.orValue([]).all(h, isIP(h.?ip.orValue("")) && !ip(h.?ip.orValue("127.0.0.1")).isLoopback())',
  'variables.podSpec.?dnsConfig.?nameservers.orValue([]).all(n, isIP(n) && cidr("10.0.0.0/8").containsIP(n))',
  '"%s/%s".format([object.kind, object.?metadata.?name.orValue("")]).size() < 300',
  'variables.containers.map(c, c.?ports.orValue([]).size()).sum() < 100',
].map((expression) => ({ kinds: 'pods', expression, message: '"rejected"' }));

function loadObjects(): { objects: FixtureObject[]; source: string } {
  const fromCorpus = existsSync(CORPUS);
  const base = fromCorpus
    ? readdirSync(CORPUS).filter((f) => /\.(ya?ml|json)$/.test(f)).flatMap((f) => objectsOfText(f, readFileSync(join(CORPUS, f), 'utf8'), f))
    : readdirSync(RULES).filter((f) => f.endsWith('.test.ts')).flatMap((f) => manifestLiterals(readFileSync(join(RULES, f), 'utf8')).flatMap((t) => objectsOfText(f, t)));
  const objects: FixtureObject[] = [];
  while (objects.length < WANTED) objects.push(...base.slice(0, WANTED - objects.length));
  return { objects, source: fromCorpus ? `corpus (${base.length} objects, repeated)` : `rule fixtures (${base.length} objects, repeated)` };
}

function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const twinRules = kubernetesRules.filter((rule) => rule.meta.cel !== undefined);
const policies: CelTwin[] = [...twinRules.flatMap((rule) => (rule.meta.cel === undefined ? [] : [rule.meta.cel])), ...EXTRA].slice(0, 50);
const compileStart = performance.now();
const compiled: CompiledTwin[] = policies.map((policy) => {
  const result = compileTwin(policy);
  if (!result.ok) throw new Error(`${policy.expression}: ${result.error}`);
  return result.twin;
});
const compileMs = performance.now() - compileStart;
const { objects, source } = loadObjects();
const podObjects = objects.filter((o) => POD_KINDS.some((k) => k.kind === o.artifact.ref.kind)).length;

let rejected = 0;
let errors = 0;
const celSamples: number[] = [];
for (let run = 0; run < RUNS; run++) {
  rejected = 0;
  errors = 0;
  const start = performance.now();
  for (const object of objects) {
    const cache = new Map<string, VariableValue>();
    for (const twin of compiled) {
      const verdict = twin.evaluate(object.celObject, cache);
      if (verdict.matched && !verdict.accepted) {
        rejected += 1;
        if (verdict.error !== undefined) errors += 1;
      }
    }
  }
  celSamples.push(performance.now() - start);
}
const tsSamples: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const start = performance.now();
  for (const object of objects) for (const rule of twinRules) ruleRejects(rule, object.artifact);
  tsSamples.push(performance.now() - start);
}

const celMs = median(celSamples);
const tsMs = median(tsSamples);
const evaluations = objects.length * compiled.length;
const rows: readonly (readonly [string, string])[] = [
  ['objects', `${objects.length} from ${source}; ${podObjects} pod-bearing`],
  ['policies', `${compiled.length} (${twinRules.length} rule twins + ${compiled.length - twinRules.length} library expressions), compiled in ${compileMs.toFixed(1)} ms`],
  ['policy × object evaluations', `${evaluations} per run, ${RUNS} runs, median ${celMs.toFixed(0)} ms`],
  ['CEL evaluations per second', `${Math.round(evaluations / (celMs / 1000)).toLocaleString('en-US')} (${((celMs * 1000) / evaluations).toFixed(2)} µs each)`],
  ['rejections (of which errors)', `${rejected} (${errors})`],
  ['TypeScript rules, same objects', `${twinRules.length} rules × ${objects.length} objects: median ${tsMs.toFixed(0)} ms, ${Math.round((objects.length * twinRules.length) / (tsMs / 1000)).toLocaleString('en-US')} checks/s`],
];
const width = Math.max(...rows.map(([label]) => label.length));
process.stdout.write(`CEL admission benchmark (node ${process.version})\n${rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n')}\n`);
