import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse, parseAllDocuments } from 'yaml';
import { loadConfig } from '../config/index.ts';
import { loadExceptions } from '../gate/index.ts';
import { CI_SYSTEMS, detectCiSystems, exceptionsFile, githubWorkflow, gitlabJob, gitlabRoot, jenkinsPipeline, palisadeConfig, planInit, tektonFolder, tektonTask, writeNewFile } from './index.ts';

const ROOT = mkdtempSync(join(tmpdir(), 'palisade-init-'));
after(() => rmSync(ROOT, { recursive: true, force: true }));
const NOW = new Date('2026-11-27T12:00:00Z');
const VERSION = '9.8.7';

function repo(name: string, files: Readonly<Record<string, string>>): string {
  const dir = join(ROOT, name);
  mkdirSync(dir, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    if (!path.endsWith('/')) writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** A YAML document, failing the test on any parse error or warning. */
function yamlOf(text: string): unknown {
  const documents = parseAllDocuments(text);
  assert.ok(!(documents instanceof Array && documents.length === 0), 'no YAML document');
  for (const document of documents) assert.deepEqual([...document.errors, ...document.warnings].map((issue) => issue.message), []);
  return parse(text);
}

function record(value: unknown): Record<string, unknown> {
  assert.ok(typeof value === 'object' && value !== null && !Array.isArray(value), `expected a mapping, got ${JSON.stringify(value)}`);
  return Object.fromEntries(Object.entries(value));
}

describe('detectCiSystems', () => {
  const cases: readonly { name: string; files: Record<string, string>; expected: readonly string[] }[] = [
    { name: 'none', files: { 'README.md': '' }, expected: [] },
    { name: 'github', files: { '.github/workflows/': '' }, expected: ['github'] },
    { name: 'gitlab', files: { '.gitlab-ci.yml': 'x: 1' }, expected: ['gitlab'] },
    { name: 'tekton', files: { 'tekton/pipeline.yaml': '' }, expected: ['tekton'] },
    { name: 'dot-tekton', files: { '.tekton/push.yaml': '' }, expected: ['tekton'] },
    { name: 'jenkins', files: { Jenkinsfile: 'pipeline {}' }, expected: ['jenkins'] },
    { name: 'all', files: { '.github/x': '', '.gitlab-ci.yml': '', 'tekton/x': '', Jenkinsfile: '' }, expected: ['github', 'gitlab', 'tekton', 'jenkins'] },
    // A file named like a folder marker is not the folder.
    { name: 'github-file', files: { '.github': 'not a folder', tekton: 'file' }, expected: [] },
  ];
  for (const { name, files, expected } of cases) {
    it(name, () => assert.deepEqual(detectCiSystems(repo(`detect-${name}`, files)), expected));
  }
  it('puts the Tekton task in .tekton/ only when that is the folder in use', () => {
    assert.equal(tektonFolder(repo('tk-dot', { '.tekton/a.yaml': '' })), '.tekton');
    assert.equal(tektonFolder(repo('tk-both', { '.tekton/a.yaml': '', 'tekton/a.yaml': '' })), 'tekton');
    assert.equal(tektonFolder(repo('tk-none', {})), 'tekton');
  });
});

describe('configuration files', () => {
  it('.palisade.yaml is a valid configuration', () => {
    const loaded = loadConfig('.palisade.yaml', palisadeConfig());
    assert.ok(loaded.ok);
    assert.deepEqual(loaded.value, { scanners: ['misconfig', 'secret', 'vuln', 'policy'], failOn: 'high', ignorePaths: [] });
  });
  it('the exceptions file has no entries, and its commented example is one valid entry', () => {
    const text = exceptionsFile(NOW);
    const empty = loadExceptions('exceptions.yaml', text);
    assert.ok(empty.ok, empty.ok ? '' : empty.error.message);
    assert.equal(empty.value.entries.length, 0);
    const uncommented = text.replace('exceptions: []', 'exceptions:').replace(/^#(  [ -])/gm, '$1');
    const example = loadExceptions('exceptions.yaml', uncommented);
    assert.ok(example.ok, example.ok ? '' : example.error.message);
    assert.equal(example.value.entries.length, 1);
    assert.match(uncommented, /expires: 2027-02-25\n/);
  });
});

describe('pipeline templates', () => {
  it('GitHub: a workflow that runs the pinned action with inputs the action declares', () => {
    const workflow = record(yamlOf(githubWorkflow({ version: VERSION })));
    const job = record(record(workflow['jobs'])['palisade']);
    assert.deepEqual(record(job['permissions']), { contents: 'read', 'security-events': 'write' });
    const steps = job['steps'];
    assert.ok(Array.isArray(steps));
    const action = record(steps.find((step: unknown) => String(record(step)['uses']).startsWith('palisade-dev/palisade@')));
    assert.equal(action['uses'], `palisade-dev/palisade@v${VERSION}`);
    const declared = Object.keys(record(record(yamlOf(readFileSync(join(import.meta.dirname, '../../action.yml'), 'utf8')))['inputs']));
    for (const input of Object.keys(record(action['with']))) assert.ok(declared.includes(input), `action.yml has no input "${input}"`);
    assert.equal(record(steps[0])['uses'], 'actions/checkout@v5');
    assert.equal(record(record(steps[0])['with'])['fetch-depth'], 0);
  });
  it('GitLab: a job whose script runs the pinned scan and reports JUnit', () => {
    const document = record(yamlOf(gitlabJob({ version: VERSION })));
    assert.equal(record(document['variables'])['PALISADE_VERSION'], VERSION);
    const job = record(document['palisade']);
    assert.equal(job['stage'], 'test');
    const script = job['script'];
    assert.ok(Array.isArray(script) && script.every((line) => typeof line === 'string'));
    const scans = script.filter((line: string) => line.startsWith('npx --yes "palisade@$PALISADE_VERSION" scan "$PALISADE_TARGET"'));
    assert.deepEqual(scans.map((line: string) => /--format ([\w-]+) --output (\S+) --fail-on (\S+)/.exec(line)?.slice(1)), [
      ['json', 'palisade.json', 'none'],
      ['gitlab-sast', 'gl-sast-report.json', 'none'],
      ['junit', 'palisade-junit.xml', '"$PALISADE_FAIL_ON"'],
    ]);
    assert.ok(scans.every((line: string) => line.endsWith(' $PALISADE_DIFF')));
    assert.deepEqual(record(record(job['artifacts'])['reports']), { sast: 'gl-sast-report.json', junit: 'palisade-junit.xml' });
    assert.deepEqual(record(yamlOf(gitlabRoot()))['include'], [{ local: '.gitlab/palisade.gitlab-ci.yml' }]);
  });
  it('Tekton: a v1 Task whose script takes every parameter from the environment', () => {
    const task = record(yamlOf(tektonTask({ version: VERSION })));
    assert.equal(task['apiVersion'], 'tekton.dev/v1');
    assert.equal(task['kind'], 'Task');
    const spec = record(task['spec']);
    const params = spec['params'];
    assert.ok(Array.isArray(params));
    const names = params.map((param: unknown) => String(record(param)['name']));
    assert.deepEqual(names, ['target', 'scanners', 'fail-on', 'format', 'report', 'diff-base', 'version', 'image']);
    const steps = spec['steps'];
    assert.ok(Array.isArray(steps) && steps.length === 1);
    const step = record(steps[0]);
    const script = String(step['script']);
    assert.match(script, /npx --yes "palisade@\$PALISADE_VERSION" "\$@"/);
    assert.match(script, /^set -- scan "\$PALISADE_TARGET" --scanners "\$PALISADE_SCANNERS" --format "\$PALISADE_FORMAT" --output "\$PALISADE_REPORT" --fail-on "\$PALISADE_FAIL_ON"$/m);
    assert.doesNotMatch(script, /\$\(params\./, 'parameters are substituted into the script');
    const env = step['env'];
    assert.ok(Array.isArray(env));
    const values = env.map((variable: unknown) => String(record(variable)['value']));
    for (const name of names.filter((name) => name !== 'image')) assert.ok(values.includes(`$(params.${name})`), `param ${name} unused`);
    assert.equal(step['image'], '$(params.image)');
    assert.deepEqual(record(step['securityContext'])['runAsNonRoot'], true);
  });
  it('Jenkins: a declarative pipeline running the pinned scans and recording JUnit', () => {
    const text = jenkinsPipeline({ version: VERSION });
    assert.match(text, new RegExp(`PALISADE_VERSION = '${VERSION.replaceAll('.', '\\.')}'`));
    const commands = [...text.matchAll(/^\s*sh '(.+)'$/gm)].map((match) => match[1]);
    assert.deepEqual(commands, [
      'npx --yes "palisade@$PALISADE_VERSION" scan . --format sarif --output palisade.sarif --fail-on none --quiet',
      'npx --yes "palisade@$PALISADE_VERSION" scan . --format junit --output palisade-junit.xml --fail-on high --quiet',
    ]);
    assert.match(text, /junit allowEmptyResults: true, testResults: 'palisade-junit.xml'/);
    assert.equal(text.split('{').length, text.split('}').length, 'unbalanced braces');
  });
});

describe('planInit', () => {
  it('writes configuration, exceptions and one pipeline per system', () => {
    const root = repo('plan-all', {});
    const plan = planInit({ root, systems: CI_SYSTEMS, version: VERSION, now: NOW });
    assert.deepEqual(plan.files.map((file) => file.path), [
      '.palisade.yaml', '.palisade/exceptions.yaml', '.github/workflows/palisade.yml', '.gitlab/palisade.gitlab-ci.yml', '.gitlab-ci.yml', 'tekton/palisade-task.yaml', 'Jenkinsfile',
    ]);
    assert.equal(plan.notes.length, 1);
  });
  it('leaves an existing .gitlab-ci.yml and Jenkinsfile alone and says what to do', () => {
    const root = repo('plan-existing', { '.gitlab-ci.yml': 'x: 1', Jenkinsfile: 'pipeline {}' });
    const plan = planInit({ root, systems: ['gitlab', 'jenkins'], version: VERSION, now: NOW });
    assert.deepEqual(plan.files.map((file) => file.path), ['.palisade.yaml', '.palisade/exceptions.yaml', '.gitlab/palisade.gitlab-ci.yml', 'palisade.Jenkinsfile']);
    assert.match(plan.notes[0] ?? '', /include:\n {4}- local: \.gitlab\/palisade\.gitlab-ci\.yml/);
    assert.match(plan.notes[1] ?? '', /palisade\.Jenkinsfile/);
  });
});

describe('writeNewFile', () => {
  it('creates a file and its folders, keeps an existing one, overwrites only when asked', async () => {
    const path = join(ROOT, 'write', 'a', 'b.yaml');
    assert.equal(await writeNewFile(path, 'one', false), true);
    assert.equal(await writeNewFile(path, 'two', false), false);
    assert.equal(readFileSync(path, 'utf8'), 'one');
    assert.equal(await writeNewFile(path, 'three', true), true);
    assert.equal(readFileSync(path, 'utf8'), 'three');
    assert.deepEqual((await import('node:fs')).readdirSync(join(ROOT, 'write', 'a')), ['b.yaml'], 'temporary files left behind');
  });
  it('fails with the cause when the folder cannot be created', async () => {
    writeFileSync(join(ROOT, 'blocker'), 'file');
    await assert.rejects(writeNewFile(join(ROOT, 'blocker', 'x.yaml'), 'x', false), { code: 'EEXIST' });
  });
});
