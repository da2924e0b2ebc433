import { isPalisadeError } from '../core/errors.ts';
import type { CliIo } from './io.ts';
import { processIo } from './io.ts';
import { renderError, USAGE_ERROR_CODES } from './messages/index.ts';
import { MAIN_HELP } from './help.ts';

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

/** Commands load lazily so `--version` and `--help` stay fast. */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  scan: async () => (await import('./scan.ts')).scanCommand,
  baseline: async () => (await import('./baseline.ts')).baselineCommand,
  rules: async () => (await import('./rules.ts')).rulesCommand,
  sbom: async () => (await import('./sbom.ts')).sbomCommand,
  db: async () => (await import('./db.ts')).dbCommand,
  policy: async () => (await import('./policy.ts')).policyCommand,
  cache: async () => (await import('./cache.ts')).cacheCommand,
  compliance: async () => (await import('./compliance.ts')).complianceCommand,
  rbac: async () => (await import('./rbac.ts')).rbacCommand,
  cluster: async () => (await import('./cluster.ts')).clusterCommand,
  keygen: async () => (await import('./keygen.ts')).keygenCommand,
  'sign-blob': async () => (await import('./sign-blob.ts')).signBlobCommand,
  'verify-blob': async () => (await import('./verify-blob.ts')).verifyBlobCommand,
  sign: async () => (await import('./sign.ts')).signCommand,
  attest: async () => (await import('./attest.ts')).attestCommand,
  verify: async () => (await import('./verify.ts')).verifyCommand,
  init: async () => (await import('./init.ts')).initCommand,
  kit: async () => (await import('./kit.ts')).kitCommand,
  watch: async () => (await import('./watch.ts')).watchCommand,
  worker: async () => (await import('./worker.ts')).workerCommand,
  admission: async () => (await import('./admission.ts')).admissionCommand,
  audit: async () => (await import('./audit.ts')).auditCommand,
};

/** Runs the CLI; resolves to the exit code (0 clean, 1 findings, 2 usage/config error, 3 internal error). */
export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.stdout.write(MAIN_HELP);
    return first === undefined ? 2 : 0;
  }
  if (first === '--version' || first === '-v') {
    const { TOOL_VERSION } = await import('../scan/version.ts');
    io.stdout.write(`${TOOL_VERSION}\n`);
    return 0;
  }
  const load = COMMANDS[first];
  if (load === undefined) {
    io.stderr.write(renderError('USAGE', `Unknown command "${first}".`) + '\n');
    return 2;
  }
  try {
    return await (await load())(rest, io);
  } catch (error) {
    return reportFailure(error, io);
  }
}

function reportFailure(error: unknown, io: CliIo): number {
  if (isPalisadeError(error)) {
    io.stderr.write(`palisade: ${renderError(error.code, error.message)}\n`);
    return USAGE_ERROR_CODES.has(error.code) ? 2 : 3;
  }
  const detail = error instanceof Error ? (io.env['PALISADE_DEBUG'] === undefined ? error.message : (error.stack ?? error.message)) : String(error);
  io.stderr.write(`palisade: internal error: ${detail}\nThis is a bug in Palisade; please report it with the command you ran (set PALISADE_DEBUG=1 for a stack trace).\n`);
  return 3;
}
