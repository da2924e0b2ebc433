import { describe } from 'node:test';
import { cranScheme } from './cran.ts';
import { hackageScheme } from './hackage.ts';
import { runInvalid, runVectors } from './__fixtures__/run-vectors.ts';

// R's compareVersion()/package_version and Cabal's Distribution.Version ordering.
describe('cran: package_version', () => {
  runVectors(cranScheme, [
    ['0.01.0', '=', '0.1-0'],
    ['1.0-0', '<', '1.1-0'],
    ['0.1.0', '<', '0.1.0.0'],
    ['0.3.2.0', '>', '0.3.2'],
    ['1.5', '<', '1.5.4'],
    ['0.1.4', '<', '0.1.18'],
    ['1.0-1', '>', '1.0-0'],
    ['2.15.3', '<', '10.0'],
    ['99999999999999999999.0', '>', '99999999999999999998.9'],
  ]);
  runInvalid(cranScheme, [
    ['', { reason: 'empty version', column: 1 }],
    ['1', { reason: 'not an R package version (numbers separated by "." or "-")', column: 1 }],
    ['1.0a', { reason: 'not an R package version (numbers separated by "." or "-")', column: 1 }],
    ['1..0', { reason: 'not an R package version (numbers separated by "." or "-")', column: 1 }],
  ]);
});

describe('hackage: Cabal Version', () => {
  runVectors(hackageScheme, [
    ['1.0.1.0', '>', '1.0.0.0'],
    ['1.0', '>', '0.11.3.0'],
    ['1.1', '>', '1.0'],
    ['2.0', '>', '1'],
    ['1.0', '>', '1'],
    ['0.2.0.1', '<', '0.10'],
    ['01.2', '=', '1.2'],
  ]);
  runInvalid(hackageScheme, [
    ['', { reason: 'empty version', column: 1 }],
    ['1.0-r1', { reason: 'not a Hackage version (numbers separated by ".")', column: 1 }],
    ['1.', { reason: 'not a Hackage version (numbers separated by ".")', column: 1 }],
  ]);
});
