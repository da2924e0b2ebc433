import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';

/** Runs `body` in a fresh process (the grammar is loaded once per process) and returns what it prints. */
function inFreshProcess(body: string): string {
  const url = (path: string): string => pathToFileURL(new URL(path, import.meta.url).pathname).href;
  const code = [
    `import { createSourceDocument } from ${JSON.stringify(url('../../core/index.ts'))};`,
    `import { dockerfileAnalyzer } from ${JSON.stringify(url('../analyzer.ts'))};`,
    `import { shellRuns } from ${JSON.stringify(url('./analyze.ts'))};`,
    `import { grammarLoaded } from ${JSON.stringify(url('./grammar.ts'))};`,
    'const runsOf = (text) => dockerfileAnalyzer.analyze(createSourceDocument("Dockerfile", text)).artifacts.flatMap((artifact) => shellRuns(artifact));',
    body,
  ].join('\n');
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim();
}

describe('the bash grammar', () => {
  it('is not loaded while every RUN is in the common shell subset', () => {
    const out = inFreshProcess('runsOf("FROM alpine:3.20\\nRUN apk add --no-cache curl && echo \\"$(date)\\" | tee /x\\nRUN [\\"a\\"]\\nRUN [[ -n x ]] && echo `date` $a/$b/c\\n"); console.log(grammarLoaded());');
    assert.equal(out, 'false');
  });

  it('is loaded by the first RUN that needs it, and gives that RUN its commands', () => {
    const out = inFreshProcess('const [run] = runsOf("FROM alpine:3.20\\nRUN echo $((1 + 2)) && [[ x == y ]] && ls\\n"); console.log(grammarLoaded(), run.script.commands.map((c) => c.name.value).join(","));');
    assert.equal(out, 'true echo,ls');
  });
});
