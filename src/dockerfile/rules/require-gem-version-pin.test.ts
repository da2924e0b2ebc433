import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { requireGemVersionPin } from './require-gem-version-pin.ts';

runRuleTests(requireGemVersionPin, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM ruby:3.3\nRUN gem install bundler:2.5.0",
    "FROM ruby:3.3\nRUN gem install bundler -v 2.5.0",
    "FROM ruby:3.3\nRUN gem install bundler --version=2.5.0",
    "FROM ruby:3.3\nRUN gem update --system",
  ],
  fail: [
    { code: "FROM ruby:3.3\nRUN gem install bundler", findings: [{ messageId: 'unpinned', line: 2, column: 17, endColumn: 24, message: "gem installs \"bundler\" without a version; write \"bundler:<version>\"." }] },
  ],
});
