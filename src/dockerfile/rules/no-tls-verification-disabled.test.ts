import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { noTlsVerificationDisabled } from './no-tls-verification-disabled.ts';

runRuleTests(noTlsVerificationDisabled, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM debian:12\nRUN curl -fsSL https://x",
    "FROM debian:12\nRUN wget -q https://x",
    "FROM debian:12\nRUN GIT_SSL_NO_VERIFY=0 git clone https://x",
    "FROM debian:12\nRUN git config --global http.sslVerify true",
    "FROM debian:12\nRUN curl --key k.pem https://x",
  ],
  fail: [
    { code: "FROM debian:12\nRUN curl -fsSLk https://x -o /x", findings: [{ messageId: 'insecure', line: 2, column: 10, endColumn: 16, message: "curl runs with \"-fsSLk\", which turns off certificate verification." }] },
    { code: "FROM debian:12\nRUN wget --no-check-certificate https://x", findings: [{ messageId: 'insecure', line: 2, column: 10, endColumn: 32 }] },
    { code: "FROM python:3.12\nRUN pip install --trusted-host pypi.org flask==3.0.3", findings: [{ messageId: 'insecure', line: 2, column: 17, endColumn: 31 }] },
    { code: "FROM node:22\nRUN npm config set strict-ssl false", findings: [{ messageId: 'insecure', line: 2, column: 20, endColumn: 30 }] },
    { code: "FROM debian:12\nRUN GIT_SSL_NO_VERIFY=1 git clone https://x", findings: [{ messageId: 'insecureEnv', line: 2, column: 5, endColumn: 24, message: "\"GIT_SSL_NO_VERIFY=1\" turns off certificate verification." }] },
    { code: "FROM debian:12\nRUN git config --global http.sslVerify false", findings: [{ messageId: 'insecure', line: 2, column: 25, endColumn: 39 }] },
  ],
});
