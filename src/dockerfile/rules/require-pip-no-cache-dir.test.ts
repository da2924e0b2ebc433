import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { requirePipNoCacheDir } from './require-pip-no-cache-dir.ts';

runRuleTests(requirePipNoCacheDir, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM python:3.12\nRUN pip install --no-cache-dir flask==3.0.3",
    "FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask==3.0.3",
    "FROM python:3.12\nRUN PIP_NO_CACHE_DIR=1 pip install flask==3.0.3",
    "FROM python:3.12\nRUN pipx install black==24.8.0",
    "FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask==3.0.3",
  ],
  fail: [
    { code: "FROM python:3.12\nRUN pip install flask==3.0.3", findings: [{ messageId: 'cache', line: 2, column: 5, endColumn: 8, message: "pip install runs without --no-cache-dir and leaves its cache in the layer." }] },
    { code: "FROM python:3.12\nENV PIP_NO_CACHE_DIR=0\nRUN pip install flask==3.0.3", findings: [{ messageId: 'cache', line: 3, column: 5, endColumn: 8 }] },
  ],
});
