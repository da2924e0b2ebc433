import { existsSync } from 'node:fs';
import { PalisadeError } from '../core/errors.ts';
import { createApiClient } from '../cluster/client.ts';
import type { ClusterSnapshot } from '../cluster/fetch.ts';
import { fetchSnapshot } from '../cluster/fetch.ts';
import { imagesExitCode, renderImageStatuses } from '../cluster/image-report.ts';
import type { ImageStatusOptions } from '../cluster/image-status.ts';
import { imageStatuses } from '../cluster/image-status.ts';
import { runningImages } from '../cluster/images.ts';
import { loadConnection } from '../cluster/kubeconfig.ts';
import { materialize, objectPath } from '../cluster/materialize.ts';
import { readOnlyClusterRole } from '../cluster/resources.ts';
import { analyseWhoCan } from '../rbac/index.ts';
import { THRESHOLDS } from '../config/schema.ts';
import { reporters, REPORT_FORMATS } from '../report/index.ts';
import { runScan } from '../scan/run-scan.ts';
import type { WatchStore } from '../watch/store.ts';
import type { ParsedArgs } from './args.ts';
import { listOption, oneOf, parseCommandArgs, stringOption } from './args.ts';
import type { CliIo } from './io.ts';
import { wantsColor } from './io.ts';
import { emit } from './output.ts';
import { renderWhoCanTable, selectedCapabilities } from './rbac.ts';
import { COMMON_SCAN_OPTIONS, toScanOptions } from './scan-options.ts';

export const CLUSTER_HELP = `Usage: palisade cluster <command> [options]

Reads live objects from a Kubernetes cluster (read-only: get and list, never Secrets) and checks them
the way \`palisade scan\` checks manifests.

Commands:
  scan                          Run the rules and policies on the live objects (same report formats,
                                exit codes and gate as \`palisade scan\`)
  images                        Images running in Pods: digest, pinned or not, where each runs, and
                                each one's signature and vulnerability status with its source
  who-can                       Who can read secrets, create pods, exec, escalate… (live RBAC)
  rbac                          Print the read-only ClusterRole Palisade needs

Connection:
  --kubeconfig <file>           Default: $KUBECONFIG, ~/.kube/config, then the Pod's service account
  --context <name>              Default: the kubeconfig's current-context
  -n, --namespace <name>        Only this namespace (cluster-scoped kinds are skipped)

Options for scan: -f/--format, --fail-on, --baseline and every \`palisade scan\` option that applies
to files (--config, --exceptions, --rules, --skip-rules, --scanners, --pss-level, --policy, …).
Findings are reported under <namespace>/<Kind>/<name>.yaml (cluster-scoped objects under _cluster/),
with the object named in every finding. Pods, ReplicaSets and Jobs owned by a controller are checked
through their owner.
Options for images and who-can: -f/--format table|json, -o/--output; who-can takes --capability.

Options for images (each status says where it came from, or why it is unknown):
  --verify-policy <file>        Verification policy (as \`palisade verify --policy\`): checks each
                                image's signatures in its registry; attestations signed by the
                                policy's keys are read only with it
  --db <file>                   Advisory database (default: $PALISADE_DB, else the cache path)
  --store <location>            Watch store (SQLite file or postgres://…) whose stored SBOMs are
                                matched before any image is pulled
  --no-scan                     Never pull an image's layers (statuses from attestations and the store)
  --ca-file <file>, --insecure-registry <host>, --no-cache   How registries are reached
  --fail-on <severity>          Exit 1 when an image has a vulnerability at or above it, or an
                                unknown vulnerability status
Vulnerabilities come from, in order: an SBOM attestation matched against the database, the watch
store's SBOM for the digest, a Palisade scan attestation's counts, a scan of the image's layers.

Exit codes: scan as \`palisade scan\`; who-can 1 when a subject holds a selected capability; images 1
when an image fails --verify-policy or cannot be checked, or fails --fail-on, else 0;
2 on usage errors; 3 when the cluster cannot be read.
`;

const OPTIONS = {
  ...COMMON_SCAN_OPTIONS,
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  namespace: { type: 'string', short: 'n' },
  format: { type: 'string', short: 'f' },
  'fail-on': { type: 'string' },
  baseline: { type: 'string' },
  capability: { type: 'string' },
  'verify-policy': { type: 'string' },
  store: { type: 'string' },
  'no-scan': { type: 'boolean' },
} as const;

export async function clusterCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, OPTIONS);
  const [action, ...extra] = parsed.positionals;
  if (parsed.values['help'] === true || action === undefined) {
    io.stdout.write(CLUSTER_HELP);
    return action === undefined && parsed.values['help'] !== true ? 2 : 0;
  }
  if (extra.length > 0) throw new PalisadeError('USAGE', `Unexpected argument "${extra.join(' ')}" after "cluster ${action}"`);
  if (action === 'rbac') {
    await emit(readOnlyClusterRole(), stringOption(parsed, 'output'), io);
    return 0;
  }
  if (action !== 'scan' && action !== 'images' && action !== 'who-can') throw new PalisadeError('USAGE', `Unknown cluster command "${action}"; expected scan, images, who-can or rbac`);
  const snapshot = await readCluster(parsed, io);
  if (action === 'scan') return scanSnapshot(parsed, snapshot, io);
  if (action === 'images') return listImages(parsed, snapshot, io);
  return whoCan(parsed, snapshot, io);
}

async function readCluster(parsed: ParsedArgs, io: CliIo): Promise<ClusterSnapshot> {
  const kubeconfig = stringOption(parsed, 'kubeconfig');
  const context = stringOption(parsed, 'context');
  const namespace = stringOption(parsed, 'namespace');
  const connection = loadConnection({ ...(kubeconfig === undefined ? {} : { kubeconfig }), ...(context === undefined ? {} : { context }), env: io.env });
  const snapshot = await fetchSnapshot(await createApiClient(connection), namespace === undefined ? {} : { namespace });
  if (parsed.values['quiet'] !== true) for (const notice of snapshot.notices) io.stderr.write(`palisade: ${notice}\n`);
  return snapshot;
}

async function scanSnapshot(parsed: ParsedArgs, snapshot: ClusterSnapshot, io: CliIo): Promise<number> {
  const formatOption = stringOption(parsed, 'format');
  const requested = formatOption === undefined ? undefined : oneOf('format', formatOption, REPORT_FORMATS);
  const output = stringOption(parsed, 'output');
  const { dir, dispose } = await materialize(snapshot.objects);
  try {
    const options = toScanOptions({ values: parsed.values, positionals: [dir] });
    const outcome = await runScan(options);
    const report = { ...outcome.report, target: `cluster:${snapshot.context}` };
    const format = requested ?? outcome.format;
    if (parsed.values['quiet'] !== true) for (const notice of outcome.notices) io.stderr.write(`palisade: ${notice}\n`);
    await emit(reporters[format](report, { color: wantsColor(io, output !== undefined) && format === 'table' }), output, io);
    return outcome.exitCode;
  } finally {
    await dispose();
  }
}

async function listImages(parsed: ParsedArgs, snapshot: ClusterSnapshot, io: CliIo): Promise<number> {
  const format = oneOf('format', stringOption(parsed, 'format') ?? 'table', ['table', 'json'] as const);
  const failOnText = stringOption(parsed, 'fail-on');
  const failOn = failOnText === undefined ? undefined : oneOf('fail-on', failOnText, THRESHOLDS);
  const { options, close } = await imageStatusOptions(parsed, io);
  try {
    const images = await imageStatuses(runningImages(snapshot.objects), options);
    const text = format === 'json' ? `${JSON.stringify({ context: snapshot.context, images }, null, 2)}\n` : renderImageStatuses(images);
    await emit(text, stringOption(parsed, 'output'), io);
    return imagesExitCode(images, options.policy !== undefined, failOn);
  } finally {
    await close();
  }
}

/**
 * `--verify-policy`, `--db`, `--store`, `--no-scan` and the registry flags, opened for `cluster images`
 * (lazily: `cluster scan` does not load the database, the watch store or the SBOM matcher).
 */
async function imageStatusOptions(parsed: ParsedArgs, io: CliIo): Promise<{ options: ImageStatusOptions; close: () => Promise<void> }> {
  const { loadImageJudges } = await import('../cluster/image-sources.ts');
  const { matchSboms } = await import('../watch/rematch.ts');
  const policyPath = stringOption(parsed, 'verify-policy');
  const databasePath = stringOption(parsed, 'db');
  const caFile = stringOption(parsed, 'ca-file');
  const insecureRegistries = listOption(parsed, 'insecure-registry');
  const judges = await loadImageJudges({ env: io.env, ...(policyPath === undefined ? {} : { policyPath }), ...(databasePath === undefined ? {} : { databasePath }) });
  let store: WatchStore | undefined;
  try {
    store = await openExistingStore(stringOption(parsed, 'store'));
  } catch (error) {
    judges.close();
    throw error;
  }
  const { database } = judges;
  const options: ImageStatusOptions = {
    ...(judges.policy === undefined ? {} : { policy: judges.policy }),
    advisories: 'unavailable' in database ? database : { label: database.label, match: (digest, sbom) => matchSboms(new Map([[digest, sbom]]), database.database) },
    ...(store === undefined ? {} : { store }),
    scan: parsed.values['no-scan'] !== true,
    registry: { env: io.env, timeoutMs: 10_000, ...(caFile === undefined ? {} : { caFile }), ...(insecureRegistries === undefined ? {} : { insecureRegistries }) },
    ...(parsed.values['no-cache'] === true ? { noCache: true } : {}),
    now: new Date(),
  };
  return {
    options,
    close: async () => {
      judges.close();
      await store?.close();
    },
  };
}

/** `--store`: read only; a SQLite path that does not exist is an error (opening it would create an empty store). */
async function openExistingStore(location: string | undefined): Promise<WatchStore | undefined> {
  if (location === undefined) return undefined;
  const { isPostgresUrl, openWatchStore } = await import('../watch/open-store.ts');
  if (!isPostgresUrl(location) && !existsSync(location)) throw new PalisadeError('DB_UNAVAILABLE', `No watch store at ${location} (give the store palisade watch writes).`);
  return openWatchStore(location);
}

async function whoCan(parsed: ParsedArgs, snapshot: ClusterSnapshot, io: CliIo): Promise<number> {
  const format = oneOf('format', stringOption(parsed, 'format') ?? 'table', ['table', 'json'] as const);
  const capabilities = selectedCapabilities(stringOption(parsed, 'capability'));
  const result = analyseWhoCan(snapshot.objects.map((object) => ({ object, origin: objectPath(object) })), capabilities);
  const text = format === 'json' ? `${JSON.stringify({ context: snapshot.context, capabilities: capabilities.map(({ id, title }) => ({ id, title })), ...result }, null, 2)}\n` : renderWhoCanTable(result, capabilities);
  await emit(text, stringOption(parsed, 'output'), io);
  return result.subjects.length > 0 ? 1 : 0;
}
