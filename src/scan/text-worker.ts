// Worker thread entry: secret detection over a share of a large tree's text files (see text-pool.ts).
import { enableCompileCache } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import type { Analyzer, Rule } from '../core/index.ts';
import type { TextBatch, TextBatchResult, TextWorkerInput } from './text-pool.ts';

const port = parentPort;
if (port === null) throw new Error('text-worker.ts runs only as a worker thread');

const input: TextWorkerInput = workerData;
// The main thread's compile cache (the CLI enables it) serves the worker's modules too: enabled
// before they load, hence the dynamic imports below.
if (input.compileCache === true) enableCompileCache();
const { createTextScanner, emptyTextResult, textRulesOf } = await import('./text-pool.ts');
const { analyzers, rules } = (input.ruleIds === undefined ? undefined : await ownRules(input.ruleIds)) ?? (await resolvedRules(input));
const scan = createTextScanner(analyzers, rules);

port.on('message', (batch: TextBatch) => port.postMessage(scanBatch(batch)));
port.postMessage({ ready: true });

function scanBatch(batch: TextBatch): TextBatchResult {
  const result = emptyTextResult();
  for (const file of batch.files) scan(file, result);
  return result;
}

interface WorkerRules {
  readonly analyzers: readonly Analyzer[];
  readonly rules: readonly Rule[];
}

/** The catalogue's detector rules with these ids (in this order) and its text analyzer; undefined when one is missing. */
async function ownRules(ids: readonly string[]): Promise<WorkerRules | undefined> {
  const [{ detectorRules }, { textAnalyzer }] = await Promise.all([import('../secrets/detector-rules.ts'), import('../secrets/text-analyzer.ts')]);
  const byId = new Map(detectorRules.map((rule) => [rule.meta.id, rule]));
  const rules = ids.flatMap((id) => byId.get(id) ?? []);
  return rules.length === ids.length ? { analyzers: [textAnalyzer], rules } : undefined;
}

/** The same settings as the main thread, resolved from the scan's options (every area loaded). */
async function resolvedRules(workerInput: TextWorkerInput): Promise<WorkerRules> {
  const [{ analyzers }, { resolveSettings }] = await Promise.all([import('../catalog.ts'), import('./settings.ts')]);
  const settings = await resolveSettings(workerInput.settingsInput);
  return { analyzers, rules: textRulesOf(settings.rules) };
}
