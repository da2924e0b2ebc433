import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Artifact, ProjectReportDescriptor } from '../../core/index.ts';
import { createSourceDocument, nullThrows } from '../../core/index.ts';
import { runProjectRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { requireDockerignore } from './require-dockerignore.ts';

runProjectRuleTests(requireDockerignore, dockerfileAnalyzer, {
  pass: [
    { Dockerfile: 'FROM node:20\nCOPY . .', '.dockerignore': '.git\nnode_modules\n' },
    { 'api/Dockerfile': 'FROM node:20\nCOPY . /app', 'api/.dockerignore': '.git\n' },
    { 'api/Dockerfile': 'FROM node:20\nCOPY . /app', 'api/Dockerfile.dockerignore': '.git\n' },
    { Dockerfile: 'FROM node:20\nCOPY package.json src/ /app/' },
    { Dockerfile: 'FROM node:20 AS build\nFROM node:20\nCOPY --from=build . /app' },
    { '.dockerignore': '' },
    { 'api.Dockerfile': 'FROM node:20\nCOPY . /app', 'api.Dockerfile.dockerignore': '.git\n' },
  ],
  fail: [
    {
      files: { Dockerfile: 'FROM node:20\nWORKDIR /app\nCOPY . .\nADD . /x' },
      findings: [
        {
          path: 'Dockerfile',
          messageId: 'missing',
          line: 3,
          column: 6,
          endColumn: 7,
          message: '"." copies the whole build context, and there is no .dockerignore in "." to keep .git, .env files and keys out of the image.',
        },
      ],
    },
    {
      files: { 'api/Dockerfile': 'FROM node:20\nCOPY ./ /app/', '.dockerignore': '.git\n', 'web/.dockerignore': '.git\n' },
      findings: [{ path: 'api/Dockerfile', messageId: 'missing', line: 2, column: 6, endColumn: 8 }],
    },
    {
      files: { 'api/Dockerfile': 'FROM node:20\nCOPY . /app/', 'api/.dockerignore': '# nothing yet\n!keep\n' },
      findings: [{ path: 'api/Dockerfile', messageId: 'empty', line: 2, column: 6, endColumn: 7, message: '"." copies the whole build context, and api/.dockerignore excludes nothing.' }],
    },
  ],
});

it('keeps of a Dockerfile it reports on only the text, not the parsed model', () => {
  const artifactsOf = (path: string, text: string): readonly Artifact[] => dockerfileAnalyzer.analyze(createSourceDocument(path, text)).artifacts;
  const run = nullThrows(requireDockerignore.startProject, 'defineRule gives startProject')();
  const [dockerfile] = artifactsOf('Dockerfile', 'FROM node:20\nCOPY . .');
  for (const artifact of [...artifactsOf('skip/Dockerfile', 'FROM node:20\nCOPY a b'), ...artifactsOf('Dockerfile', 'FROM node:20\nCOPY . .')]) run.add(artifact);
  const reports: ProjectReportDescriptor<string>[] = [];
  run.finish({ report: (descriptor) => reports.push(descriptor) });
  assert.equal(reports.length, 1);
  const reported = nullThrows(reports[0], 'one report').artifact;
  assert.equal('stages' in reported, false);
  assert.deepEqual([reported.kind, reported.identity, reported.source.path], ['dockerfile', nullThrows(dockerfile, 'artifact').identity, 'Dockerfile']);
  const at = { range: { start: { line: 2, column: 6 }, end: { line: 2, column: 7 } } };
  assert.deepEqual(reported.locate(at), nullThrows(dockerfile, 'artifact').locate(at));
  assert.deepEqual(reported.locate({ pointer: '' }), { path: 'Dockerfile' });
});
