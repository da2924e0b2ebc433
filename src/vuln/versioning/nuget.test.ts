import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nugetScheme, parseNuget } from './nuget.ts';
import { runInvalid, runVectors } from './__fixtures__/run-vectors.ts';

// NuGet.Client's VersionComparerTests (default comparer: build metadata ignored, labels case-insensitive).
describe('nuget: VersionComparer', () => {
  runVectors(nugetScheme, [
    ['1.0.0-BETA', '=', '1.0.0-beta'],
    ['1.0.0-BETA+AA', '=', '1.0.0-beta+aa'],
    ['1.0.0-BETA+AA', '=', '1.0.0-beta'],
    ['1.0.0', '=', '1.0.0+beta'],
    ['1.0+test', '=', '1.0.0.0'],
    ['1.0.01', '=', '1.0.1.0'],
    ['1.23.01', '=', '1.23.1'],
    ['1.45.6', '=', '1.45.6.0'],
    ['1.6.2-BeTa', '=', '1.6.02-beta'],
    ['22.3.07     ', '=', '22.3.07'],
    ['1.0', '=', '1.0.0.0+beta'],
    ['1.0.0.0+beta.2', '=', '1.0.0.0+beta.1'],
    ['1.0+test', '<', '1.0.0.1'],
    ['1.0.01', '<', '1.0.1.2'],
    ['1.1.0', '>', '1.0.0'],
    ['1.0.0-BETA.X.y.5.77.0+AA', '=', '1.0.0-beta.x.y.5.77.0+aa'],
    ['1.0', '=', '1.0.0.0'],
    ['1.0.0.1-1.2.A', '=', '1.0.0.1-1.2.a+A'],
    ['1.0', '<', '1.0.0.1'],
    ['1.0.0.1-1.2.A', '<', '1.0.0.1-1.2.a.A+A'],
    ['1.0.0+AA', '>', '1.0.0-beta+aa'],
    ['1.0.0', '<', '1.0.1'],
    ['1.0.0-BETA', '<', '1.0.0-beta2'],
    ['1.0.0-BETA', '<', '1.0.0-beta.1+AA'],
    ['1.0.0-BETA.X.y.5.79.0+AA', '<', '1.0.0-beta.x.y.5.790.0+abc'],
    ['1.0.0.1-alpha', '<', '1.0.0.1-pre'],
    ['1.0.0', '<', '1.0.0.1-alpha'],
    ['1.0.0-alpha.2', '<', '1.0.0-alpha.10'],
    ['1.0.0-alpha.10', '<', '1.0.0-alpha.a'],
    ['4.1.0-preview1-final', '<', '4.1.0'],
    ['999999999999999999999999999991', '<', '999999999999999999999999999999'],
  ]);
});

describe('nuget: model and bad input', () => {
  it('lowercases prerelease labels and drops build metadata', () => {
    assert.deepEqual(parseNuget('1.2.3.4-RC.1+Build'), { ok: true, value: { release: ['1', '2', '3', '4'], prerelease: ['rc', '1'] } });
  });
  runInvalid(nugetScheme, [
    ['', { reason: 'empty version', column: 1 }],
    ['1.2.3.4.5', { reason: 'not a NuGet version (1 to 4 numbers, then -PRERELEASE and +BUILD)', column: 1 }],
    ['[1.0,2.0)', { reason: 'not a NuGet version (1 to 4 numbers, then -PRERELEASE and +BUILD)', column: 1 }],
  ]);
});
