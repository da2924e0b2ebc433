import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse, parseAllDocuments } from 'yaml';
import { gitlabJob, tektonTask } from '../init/index.ts';
import { TOOL_VERSION } from '../scan/version.ts';
import { categoryOf, readInputs, runAction, scanArguments, withCategory } from './github-action.ts';

const REPO = join(import.meta.dirname, '..', '..');
const WORK = mkdtempSync(join(tmpdir(), 'palisade-integrations-'));
after(() => rmSync(WORK, { recursive: true, force: true }));

function record(value: unknown, what: string): Record<string, unknown> {
  assert.ok(typeof value === 'object' && value !== null && !Array.isArray(value), `${what} is not a mapping`);
  return Object.fromEntries(Object.entries(value));
}

function list(value: unknown, what: string): unknown[] {
  assert.ok(Array.isArray(value), `${what} is not a list`);
  return value;
}

function yamlFile(path: string): unknown {
  const text = readFileSync(join(REPO, path), 'utf8');
  for (const document of parseAllDocuments(text)) assert.deepEqual([...document.errors, ...document.warnings].map((issue) => issue.message), [], path);
  return parse(text);
}

function assertKeys(value: Record<string, unknown>, allowed: readonly string[], required: readonly string[], what: string): void {
  for (const key of Object.keys(value)) assert.ok(allowed.includes(key), `${what}: unknown key "${key}"`);
  for (const key of required) assert.ok(key in value, `${what}: missing "${key}"`);
}

// Keys from GitHub's metadata syntax for actions (composite actions).
const ACTION_KEYS = ['name', 'author', 'description', 'inputs', 'outputs', 'runs', 'branding'];
const INPUT_KEYS = ['description', 'required', 'default', 'deprecationMessage'];
const STEP_KEYS = ['id', 'if', 'name', 'uses', 'with', 'run', 'shell', 'env', 'working-directory', 'continue-on-error'];

describe('action.yml', () => {
  const action = record(yamlFile('action.yml'), 'action.yml');
  const runs = record(action['runs'], 'runs');
  const steps = list(runs['steps'], 'runs.steps').map((step, index) => record(step, `step ${index + 1}`));
  const text = readFileSync(join(REPO, 'action.yml'), 'utf8');

  it('has the keys of a composite action and no others', () => {
    assertKeys(action, ACTION_KEYS, ['name', 'description', 'runs'], 'action.yml');
    assert.equal(runs['using'], 'composite');
    assertKeys(runs, ['using', 'steps'], ['using', 'steps'], 'runs');
    for (const [name, input] of Object.entries(record(action['inputs'], 'inputs'))) assertKeys(record(input, name), INPUT_KEYS, ['description'], `input ${name}`);
    for (const [name, output] of Object.entries(record(action['outputs'], 'outputs'))) assertKeys(record(output, name), ['description', 'value'], ['description', 'value'], `output ${name}`);
    const branding = record(action['branding'], 'branding');
    assertKeys(branding, ['icon', 'color'], ['icon', 'color'], 'branding');
  });

  it('has steps that either use an action or run a shell command', () => {
    for (const [index, step] of steps.entries()) {
      assertKeys(step, STEP_KEYS, ['name'], `step ${index + 1}`);
      assert.ok(('uses' in step) !== ('run' in step), `step ${index + 1} needs exactly one of uses and run`);
      if ('run' in step) assert.equal(step['shell'], 'bash', `step ${index + 1}: a composite run step needs shell`);
    }
    assert.deepEqual(steps.filter((step) => 'uses' in step).map((step) => step['uses']), ['actions/setup-node@v5', 'github/codeql-action/upload-sarif@v4']);
  });

  it('uses every input, declares every input and step it refers to', () => {
    const inputs = Object.keys(record(action['inputs'], 'inputs'));
    assert.deepEqual(inputs, ['targets', 'scanners', 'fail-on', 'format', 'diff-base', 'upload-sarif']);
    const used = new Set([...text.matchAll(/\binputs\.([\w-]+)/g)].map((match) => match[1]));
    assert.deepEqual([...used].sort(), [...inputs].sort());
    const ids = new Set(steps.map((step) => step['id']).filter((id) => typeof id === 'string'));
    for (const match of text.matchAll(/\bsteps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
      assert.ok(ids.has(match[1] ?? ''), `no step with id ${match[1]}`);
      assert.ok(/exit-code=|sarif-dir=|report-dir=/.test(readFileSync(join(import.meta.dirname, 'github-action.ts'), 'utf8')) && ['exit-code', 'sarif-dir', 'report-dir'].includes(match[2] ?? ''), `step output ${match[2]} is not written`);
    }
  });

  it('runs the pinned package version and the scan script that exists', () => {
    assert.deepEqual([...text.matchAll(/palisade@([\w.-]+)/g)].map((match) => match[1]), [TOOL_VERSION, TOOL_VERSION]);
    assert.match(text, /run: node "\$GITHUB_ACTION_PATH\/src\/pipeline\/github-action\.ts"\n/);
    const scan = record(steps.find((step) => step['id'] === 'scan'), 'scan step');
    const env = Object.keys(record(scan['env'], 'scan env'));
    const script = readFileSync(join(import.meta.dirname, 'github-action.ts'), 'utf8');
    for (const name of env) assert.ok(script.includes(`'${name}'`), `github-action.ts does not read ${name}`);
  });
});

/** The shipped integration files are the init templates for this version; UPDATE_SNAPSHOTS=1 rewrites them. */
function assertGenerated(path: string, expected: string): void {
  const file = join(REPO, path);
  if (process.env['UPDATE_SNAPSHOTS'] === '1') {
    writeFileSync(`${file}.tmp`, expected);
    renameSync(`${file}.tmp`, file);
  }
  assert.equal(readFileSync(file, 'utf8'), expected, `${path} differs from its template (UPDATE_SNAPSHOTS=1 rewrites it)`);
}

describe('shipped integrations', () => {
  it('the GitLab template and the Tekton Task are the init templates of this version', () => {
    assertGenerated('integrations/gitlab/palisade.gitlab-ci.yml', gitlabJob({ version: TOOL_VERSION }));
    assertGenerated('integrations/tekton/palisade-task.yaml', tektonTask({ version: TOOL_VERSION }));
    assert.equal(record(yamlFile('integrations/tekton/palisade-task.yaml'), 'task')['kind'], 'Task');
    assert.ok('palisade' in record(yamlFile('integrations/gitlab/palisade.gitlab-ci.yml'), 'gitlab'));
  });

  it('.pre-commit-hooks.yaml defines hooks that scan the staged changes for secrets and misconfiguration', () => {
    const hooks = list(yamlFile('.pre-commit-hooks.yaml'), 'hooks').map((hook, index) => record(hook, `hook ${index + 1}`));
    assert.deepEqual(hooks.map((hook) => [hook['id'], hook['language']]), [['palisade', 'node'], ['palisade-npx', 'system']]);
    const keys = ['id', 'name', 'description', 'entry', 'language', 'pass_filenames', 'always_run', 'types', 'require_serial', 'minimum_pre_commit_version', 'stages'];
    for (const hook of hooks) {
      assertKeys(hook, keys, ['id', 'name', 'entry', 'language'], String(hook['id']));
      assert.match(String(hook['entry']), / scan \. --diff-base HEAD --scanners secret,misconfig --fail-on high --format table --quiet$/);
      assert.equal(hook['pass_filenames'], false);
    }
    assert.equal(hooks[1]?.['entry'], `npx --yes palisade@${TOOL_VERSION} scan . --diff-base HEAD --scanners secret,misconfig --fail-on high --format table --quiet`);
  });
});

describe('the action script', () => {
  it('reads its inputs with defaults', () => {
    assert.deepEqual(readInputs({}), { targets: ['.'], scanners: '', failOn: 'high', format: 'sarif', diffBase: '' });
    assert.deepEqual(readInputs({ PALISADE_TARGETS: ' deploy/\n\n images , deploy/ ', PALISADE_FAIL_ON: 'medium', PALISADE_DIFF_BASE: 'abc' }).targets, ['deploy/', 'images']);
    assert.deepEqual(readInputs({ PALISADE_TARGETS: '\n , \n' }).targets, ['.']);
  });
  it('builds the scan arguments', () => {
    const inputs = readInputs({ PALISADE_SCANNERS: 'secret', PALISADE_DIFF_BASE: 'origin/main' });
    assert.deepEqual(scanArguments('app', inputs, '/o.json'), ['scan', 'app', '--format', 'json', '--output', '/o.json', '--fail-on', 'high', '--quiet', '--scanners', 'secret', '--diff-base', 'origin/main']);
  });
  const categories: readonly [string, string][] = [['.', 'palisade'], ['./', 'palisade'], ['deploy/', 'palisade/deploy'], ['./k8s/prod', 'palisade/k8s/prod'], ['a\\b', 'palisade/a/b']];
  for (const [target, category] of categories) it(`category of ${JSON.stringify(target)}`, () => assert.equal(categoryOf(target), category));
  it('sets the category of every run, and leaves other values alone', () => {
    assert.deepEqual(withCategory({ version: '2.1.0', runs: [{ tool: {} }, 3] }, 'palisade/x'), { version: '2.1.0', runs: [{ tool: {}, automationDetails: { id: 'palisade/x/' } }, 3] });
    assert.equal(withCategory('nope', 'c'), 'nope');
    assert.deepEqual(withCategory({ runs: 'x' }, 'c'), { runs: 'x' });
  });

  it('scans each target once and writes SARIF per category, the job summary and the outputs', async () => {
    const repo = join(WORK, 'repo');
    mkdirSync(join(repo, 'api'), { recursive: true });
    mkdirSync(join(repo, 'web'), { recursive: true });
    writeFileSync(join(repo, 'api', 'Dockerfile'), 'FROM alpine:latest\nRUN curl -fsSL https://example.com/i.sh | sh\n');
    writeFileSync(join(repo, 'web', 'Dockerfile'), 'FROM nginx:1.27.3\nUSER nginx\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n');
    const summary = join(WORK, 'summary.md');
    const output = join(WORK, 'output.txt');
    const result = await runAction({
      PALISADE_TARGETS: `${join(repo, 'api')}\n${join(repo, 'web')}`,
      PALISADE_SCANNERS: 'misconfig',
      PALISADE_FORMAT: 'junit',
      PALISADE_COMMAND: JSON.stringify([process.execPath, '--max-semi-space-size=16', join(REPO, 'bin', 'palisade.js')]),
      PALISADE_LIBRARY: join(REPO, 'src', 'index.ts'),
      PALISADE_OUTPUT_DIR: join(WORK, 'reports'),
      PALISADE_WORKERS: '0',
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_OUTPUT: output,
    });
    assert.equal(result.exitCode, 1);
    assert.deepEqual(readdirSync(result.sarifDir).sort(), ['1.sarif', '2.sarif']);
    const ids = ['1.sarif', '2.sarif'].map((file) => {
      const sarif = record(JSON.parse(readFileSync(join(result.sarifDir, file), 'utf8')), file);
      return list(sarif['runs'], 'runs').map((run) => record(record(run, 'run')['automationDetails'], 'automationDetails')['id']);
    });
    assert.deepEqual(ids, [[`${categoryOf(join(repo, 'api'))}/`], [`${categoryOf(join(repo, 'web'))}/`]]);
    assert.ok(existsSync(join(result.reportDir, 'palisade-1.xml')) && existsSync(join(result.reportDir, 'palisade-2.json')));
    const markdown = readFileSync(summary, 'utf8');
    assert.equal(markdown.match(/^## Palisade scan of `.+`$/gm)?.length, 2);
    assert.match(markdown, /no-curl-pipe-to-shell/);
    assert.equal(readFileSync(output, 'utf8'), `exit-code=1\nsarif-dir=${result.sarifDir}\nreport-dir=${result.reportDir}\n`);
  });

  it('reports a failed scan in the summary and the exit code', async () => {
    const summary = join(WORK, 'failed.md');
    const result = await runAction({
      PALISADE_TARGETS: join(WORK, 'does-not-exist'),
      PALISADE_COMMAND: JSON.stringify([process.execPath, '--max-semi-space-size=16', join(REPO, 'bin', 'palisade.js')]),
      PALISADE_LIBRARY: join(REPO, 'src', 'index.ts'),
      PALISADE_OUTPUT_DIR: join(WORK, 'failed'),
      GITHUB_STEP_SUMMARY: summary,
    });
    assert.equal(result.exitCode, 2);
    assert.match(readFileSync(summary, 'utf8'), /The scan failed \(exit code 2\); the step log says why\./);
    await assert.rejects(runAction({ PALISADE_OUTPUT_DIR: join(WORK, 'x') }), /PALISADE_LIBRARY must name/);
    await assert.rejects(runAction({ PALISADE_OUTPUT_DIR: join(WORK, 'x'), PALISADE_COMMAND: '{}', PALISADE_LIBRARY: 'x' }), /PALISADE_COMMAND must be a JSON array of strings/);
  });
});
