import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { requirePipVersionPin } from './require-pip-version-pin.ts';

runRuleTests(requirePipVersionPin, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM python:3.12\nRUN pip install -r requirements.txt",
    "FROM python:3.12\nRUN pip install .",
    "FROM python:3.12\nRUN pip install 'requests>=2.31'",
    "FROM python:3.12\nRUN pip install /tmp/pkg.whl",
    "FROM python:3.12\nRUN pip install git+https://github.com/x/y@v1.0",
    "FROM python:3.12\nRUN pip install --index-url https://example.com/simple foo==1.0",
    "FROM python:3.12\nRUN pip install $PKG",
    "FROM python:3.12\nRUN pip install -c constraints.txt requests",
  ],
  fail: [
    { code: "FROM python:3.12\nRUN pip install --no-cache-dir requests flask==3.0.3", findings: [{ messageId: 'unpinned', line: 2, column: 32, endColumn: 40, message: "pip installs \"requests\" without a version; write \"requests==<version>\"." }] },
    { code: "FROM python:3.12\nRUN python -m pip install -U pip", findings: [{ messageId: 'unpinned', line: 2, column: 30, endColumn: 33 }] },
    { code: "FROM python:3.12\nRUN pip3 install git+https://github.com/x/y", findings: [{ messageId: 'unpinned', line: 2, column: 18, endColumn: 44 }] },
  ],
});
