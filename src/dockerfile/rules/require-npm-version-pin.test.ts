import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { requireNpmVersionPin } from './require-npm-version-pin.ts';

runRuleTests(requireNpmVersionPin, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM node:22\nRUN npm install",
    "FROM node:22\nRUN npm ci",
    "FROM node:22\nRUN npm install express@4.19.2",
    "FROM node:22\nRUN npm install ./local",
    "FROM node:22\nRUN npm install git+https://github.com/x/y#v1",
    "FROM node:22\nRUN npm install --prefix /opt x@1",
    "FROM node:22\nRUN npm run build",
  ],
  fail: [
    { code: "FROM node:22\nRUN npm install -g typescript @angular/cli@18.2.0", findings: [{ messageId: 'unpinned', line: 2, column: 20, endColumn: 30, message: "npm installs \"typescript\" without a version; write \"typescript@<version>\"." }] },
    { code: "FROM node:22\nRUN npm i @types/node", findings: [{ messageId: 'unpinned', line: 2, column: 11, endColumn: 22 }] },
  ],
});
