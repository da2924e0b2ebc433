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
