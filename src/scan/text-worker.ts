// Worker thread entry: secret detection over a share of a large tree's text files (see text-pool.ts).
// Started early (workers.ts), it loads the detectors at once, then scans the work it is sent: the
// rules are known only once the main thread has walked the tree and settled the scan's settings.
import { parentPort } from 'node:worker_threads';
import type { Analyzer, Rule } from '../core/index.ts';
import type { TextBatchResult, TextWork } from './text-pool.ts';

const port = parentPort;
if (port === null) throw new Error('text-worker.ts runs only as a worker thread');

// The modules load while the main thread walks the tree (workers.ts names the CLI's compile cache
// in the worker's environment, so that they come from it).
const [{ createTextScanner, emptyTextResult, scanClaimed, textRulesOf }, { detectorRules }, { textAnalyzer }] = await Promise.all([
  import('./text-pool.ts'),
  import('../secrets/detector-rules.ts'),
  import('../secrets/text-analyzer.ts'),
]);

port.on('message', async (work: TextWork) => port.postMessage(await scanWork(work)));

async function scanWork(work: TextWork): Promise<TextBatchResult> {
  const { input } = work;
  const { analyzers, rules } = (input.ruleIds === undefined ? undefined : ownRules(input.ruleIds)) ?? (await resolvedRules(input.settingsInput));
  return scanClaimed(createTextScanner(analyzers, rules), work.batches, work.claims, work.slot, emptyTextResult());
}

interface WorkerRules {
  readonly analyzers: readonly Analyzer[];
  readonly rules: readonly Rule[];
}

/** The catalogue's detector rules with these ids (in this order) and its text analyzer; undefined when one is missing. */
function ownRules(ids: readonly string[]): WorkerRules | undefined {
  const byId = new Map(detectorRules.map((rule) => [rule.meta.id, rule]));
  const rules = ids.flatMap((id) => byId.get(id) ?? []);
  return rules.length === ids.length ? { analyzers: [textAnalyzer], rules } : undefined;
}

/** The same settings as the main thread, resolved from the scan's options (every area loaded). */
async function resolvedRules(settingsInput: TextWork['input']['settingsInput']): Promise<WorkerRules> {
  const [{ analyzers }, { resolveSettings }] = await Promise.all([import('../catalog.ts'), import('./settings.ts')]);
  const settings = await resolveSettings(settingsInput);
  return { analyzers, rules: textRulesOf(settings.rules) };
}
