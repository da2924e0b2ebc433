// Worker thread entry: secret detection over a share of a large tree's text files (see text-pool.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import type { Finding, ScanError } from '../core/index.ts';
import { createSourceDocument } from '../core/index.ts';
import { decodeText } from '../core/fs.ts';
import { analyzers } from '../catalog.ts';
import type { DocumentNotes } from './document-notes.ts';
import { documentNotes } from './document-notes.ts';
import { runRules } from './run-rules.ts';
import type { ScanOptions } from './settings.ts';
import { resolveSettings } from './settings.ts';
import type { TextBatch, TextBatchResult } from './text-pool.ts';

const port = parentPort;
if (port === null) throw new Error('text-worker.ts runs only as a worker thread');

// The worker resolves the same settings as the main thread, so it runs the same rules with the same options.
const settingsInput: ScanOptions = workerData;
const settings = await resolveSettings(settingsInput);
const rules = settings.rules.filter((rule) => rule.meta.target === 'text' && !rule.project);
const textAnalyzers = analyzers.filter((analyzer) => analyzer.produces === 'text');

port.on('message', (batch: TextBatch) => port.postMessage(scanBatch(batch)));
port.postMessage({ ready: true });

function scanBatch(batch: TextBatch): TextBatchResult {
  const findings: Finding[] = [];
  const errors: ScanError[] = [];
  const notes: [string, DocumentNotes][] = [];
  let filesScanned = 0;
  for (const file of batch.files) {
    let text: string;
    try {
      text = decodeText(readFileSync(file.absolutePath));
    } catch (error) {
      errors.push({ path: file.path, code: 'FILE_UNREADABLE', message: `Cannot read: ${error instanceof Error ? error.message : String(error)}` });
      continue;
    }
    filesScanned += 1;
    const document = createSourceDocument(file.path, text);
    const found = documentNotes(text);
    if (found !== undefined) notes.push([file.path, found]);
    for (const analyzer of textAnalyzers) {
      const output = analyzer.analyze(document);
      errors.push(...output.errors);
      const result = runRules(output.artifacts, rules);
      findings.push(...result.findings);
      errors.push(...result.errors);
    }
  }
  return { findings, errors, notes, filesScanned };
}
