import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { noSecretFilesCopied } from './no-secret-files-copied.ts';

runRuleTests(noSecretFilesCopied, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    'FROM a:1\nCOPY id_rsa.pub /root/.ssh/authorized_keys',
    'FROM a:1\nCOPY .env.example /app/.env',
    'FROM a:1\nCOPY certs/ca.pem fullchain.pem /etc/ssl/',
    'FROM a:1\nCOPY jenkins.io-2026.key /war/jenkins-key.pub',
    'FROM a:1\nCOPY $KEY_FILE /key',
    'FROM a:1\nCOPY package.json .npmrc.d/ /app/',
    'FROM a:1\nCOPY environment.ts /app/',
  ],
  fail: [
    {
      code: 'FROM a:1\nCOPY id_rsa /root/.ssh/',
      findings: [{ messageId: 'secretFile', line: 2, column: 6, endColumn: 12, message: 'COPY copies "id_rsa", an SSH private key, into the image, where it stays in a layer.' }],
    },
    {
      code: 'FROM a:1\nCOPY package.json .npmrc /app/\nADD ["home/.aws/credentials", "/root/.aws/"]',
      findings: [
        { messageId: 'secretFile', line: 2, column: 19, endColumn: 25, message: 'COPY copies ".npmrc", an npm configuration (registry tokens), into the image, where it stays in a layer.' },
        { messageId: 'secretFile', line: 3, column: 6, endColumn: 29 },
      ],
    },
    {
      code: 'FROM a:1\nCOPY .env.production tls/server.key certs/privkey.pem app.p12 ~/.ssh/ /app/',
      findings: [
        { messageId: 'secretFile', line: 2, column: 6, endColumn: 21 },
        { messageId: 'secretFile', line: 2, column: 22, endColumn: 36 },
        { messageId: 'secretFile', line: 2, column: 37, endColumn: 54 },
        { messageId: 'secretFile', line: 2, column: 55, endColumn: 62 },
        { messageId: 'secretFile', line: 2, column: 63, endColumn: 70 },
      ],
    },
    { code: 'FROM a:1 AS b\nFROM c:1\nCOPY --from=b /root/.docker/config.json /root/.docker/', findings: [{ messageId: 'secretFile', line: 3, column: 15, endColumn: 40 }] },
  ],
});
