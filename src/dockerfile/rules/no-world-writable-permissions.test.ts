import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { noWorldWritablePermissions } from './no-world-writable-permissions.ts';

runRuleTests(noWorldWritablePermissions, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM debian:12\nRUN chmod 755 /app",
    "FROM debian:12\nRUN chmod 1777 /tmp/x",
    "FROM debian:12\nRUN chmod u+w /app",
    "FROM debian:12\nRUN chmod +x /app",
    "FROM debian:12\nRUN chmod a+rX /app",
    "FROM debian:12\nRUN chmod --reference=/a /b",
  ],
  fail: [
    { code: "FROM debian:12\nRUN chmod -R 777 /app", findings: [{ messageId: 'worldWritable', line: 2, column: 14, endColumn: 17, message: "chmod 777 makes files writable by every user." }] },
    { code: "FROM debian:12\nRUN chmod o+w /x", findings: [{ messageId: 'worldWritable', line: 2, column: 11, endColumn: 14 }] },
  ],
});
