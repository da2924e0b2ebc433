import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as fc from 'fast-check';
import type { SourceRange } from '../../core/index.ts';
import { createSourceDocument } from '../../core/index.ts';
import { buildScript } from './build.ts';
import type { RangeMapper } from './collect.ts';
import { parseCommonShell } from './common-parse.ts';
import type { ShellScript } from './model.ts';
import { plainScript } from '../__fixtures__/plain-script.ts';

function mapperOf(text: string): RangeMapper {
  const { lines } = createSourceDocument('script.sh', text);
  return (start, end) => lines.rangeOf(start, end);
}

function bothEngines(text: string): { auto: ShellScript; treeSitter: ShellScript } {
  const map = mapperOf(text);
  return { auto: buildScript(text, map, 'shell-form', 'auto'), treeSitter: buildScript(text, map, 'shell-form', 'tree-sitter') };
}

function at(range: SourceRange): string {
  return `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;
}

/** `name arg…@range/joinedBy/depth` per command. */
function summary(script: ShellScript): string[] {
  return script.commands.map((command) => `${[command.name, ...command.args].map((word) => word.value).join(' ')}@${at(command.range)}/${command.joinedBy ?? '-'}/${command.subshellDepth}`);
}

/** Scripts the common-subset parser reads itself (each must give tree-sitter's model exactly). */
const TAKEN: readonly string[] = [
  'apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
  'set -eux; a="$(dpkg --print-architecture)"; echo "$a" | tee /x >/dev/null 2>&1',
  'DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends a=1.2 b',
  "export A=1 B C=\"x y\"; unset D; local E=$(id -u) && readonly F='z'",
  'cd /src && (cd sub; make) || true; curl -s x | tar -xz -C /opt; wait &',
  "if [ -f x ]; then a; elif ! b | c; then d; else e; fi > /log",
  'for p in a $(ls) "c d"; do echo $p; done; for q; do :; done',
  'while read -r line; do echo "$line"; done < /etc/hosts; until false; do break; done',
  "case \"$(uname -m)\" in x86_64|amd64) ARCH=x64 ;; 'aarch64') ARCH=arm64;; *) echo no; exit 1 ;; esac",
  '{ echo a; echo b; } | sort -u; f() { g x; }; f',
  "echo $'a\\tb' 'single' \"dq \\\"in\\\" \\$HOME\" a\\-b ${X:-y} ${#Y} $1 $@ # trailing comment",
  'sudo -u app pip install x && env A=1 npm i y && xargs -r apt-get install -y < list',
  'cmd arg>f; cmd 2>&1 x y; cmd &>/dev/null; cmd >&2; cmd >| f',
  'a |& b\nc\n\n# comment\nd;',
  'find . -exec rm {} \\; && echo x=y --opt=v ~/x *.txt -1 @x %x a:b',
  'for u in "$a" ${m:+"https://x/$m"}; do curl -f "$u" && break; done; echo a${m:-"x y"}c x/${n:?"e"}-$b',
  'x debuild-$t/nginx-$V/debian/control; $a/$b/c y; A=x$a/$b.c z "a"$b$c-d',
  'if grep -q a /etc/issue && [ `arch` = "x86_64" ]; then x `uname -m` y; fi',
  'if [[ "$B" = "true" ]]; then go a && b; fi; [[ -f a ]] || [[ ! -d "$(c)" ]]',
  '! { ldd "$e"/*.so | grep x; }; ! { a; } && b',
];

/** Scripts the parser hands to tree-sitter: outside the subset, or not valid shell. */
const REFUSED: readonly string[] = [
  'cat <<EOF > f\nx\nEOF',
  'echo $((1 + 2))',
  'echo {1..3} {a,b}',
  'cmd -y2>&1',
  'a#b',
  'echo "${m:+"x"}"',
  'echo ${m:+"$(id)"}',
  'x=(1 2 3)',
  'a &&',
  '&& a',
  'a ;; b',
  '( )',
  'echo "unterminated',
  "echo 'unterminated",
  'echo $(unterminated',
  'if a; then b',
  'case x in a) b',
  'diff <(a) <(b)',
  'echo a\u0000b',
  'A+=1 b',
  'echo a[1]',
  'time { a; }',
  'echo `a` `b`',
  'echo a`b`',
  'echo `a \\` b`',
  'echo `unterminated',
  'echo $a/$b:c $a/$1/x',
  '[[ a == b ]]',
  '[[ a && b ]]',
  '[[ x ]',
  '{ ! { a; }; }',
  '! { a; } b',
  '! { a;',
];

describe('common-subset shell parser', () => {
  it('reads the common subset itself', () => {
    for (const text of TAKEN) assert.notEqual(parseCommonShell(text, mapperOf(text)), undefined, text);
  });

  it('leaves everything else to tree-sitter', () => {
    for (const text of REFUSED) assert.equal(parseCommonShell(text, mapperOf(text)), undefined, text);
  });

  it('gives the model tree-sitter gives, for every script of both tables', () => {
    for (const text of [...TAKEN, ...REFUSED]) {
      const { auto, treeSitter } = bothEngines(text);
      assert.deepEqual(plainScript(auto), plainScript(treeSitter), text);
    }
  });

  it('reads commands, joins and depths with exact positions', () => {
    const { auto } = bothEngines('a && (b; c $(d)) | e\nf');
    assert.deepEqual(summary(auto), ['a@1:1-1:2/-/0', 'b@1:7-1:8/&&/1', 'c $(d)@1:10-1:16/;/1', 'd@1:14-1:15/newline/2', 'e@1:20-1:21/|/0', 'f@2:1-2:2/newline/0']);
    assert.deepEqual(auto.pipes.map((pipe) => [pipe.operator, at(pipe.range), pipe.left, pipe.right]), [['|', '1:18-1:19', 1, 4]]);
  });

  it('keeps the order of tree-sitter’s walk: a command before those in its arguments and assignments', () => {
    const { auto } = bothEngines('A=$(b) c $(d)');
    assert.deepEqual(auto.commands.map((command) => command.name.value), ['c', 'b', 'd']);
    assert.deepEqual(auto.assignments.map((word) => [word.value, word.static]), [['A=$(b)', false]]);
  });

  it('makes no command of declarations, and no argument of redirection targets', () => {
    const { auto } = bothEngines('export PATH=/x:$PATH A=1; cmd a > out b 2>&1 c');
    assert.deepEqual(summary(auto), ['cmd a@1:27-1:32/;/0']);
    assert.deepEqual(auto.assignments.map((word) => word.value), ['PATH=/x:$PATH', 'A=1']);
  });

  it('splits `$a/$b/c` where tree-sitter does: after the `$` of the third part', () => {
    const { auto } = bothEngines('x debuild-$t/nginx-$V/debian/control\n$a/$b/c y');
    assert.deepEqual(summary(auto), ['x debuild-$t/nginx-$ V/debian/control@1:1-1:37/-/0', '$a/$ b/c y@2:1-2:10/newline/0']);
    assert.deepEqual(auto.commands[0]?.args.map((word) => [word.raw, word.static, at(word.range)]), [['debuild-$t/nginx-$', false, '1:3-1:21'], ['V/debian/control', true, '1:21-1:37']]);
  });

  it('reads a back-quoted word as a substitution one level deeper', () => {
    const { auto } = bothEngines('[ `arch` = "x" ] && b `c d`');
    assert.deepEqual(summary(auto), ['arch@1:4-1:8/-/1', 'b `c d`@1:21-1:28/&&/0', 'c d@1:24-1:27/newline/1']);
  });

  it('makes no command of a `[[ … ]]` of plain words', () => {
    const { auto } = bothEngines('if [[ "$B" = "true" ]]; then go a; fi');
    assert.deepEqual(summary(auto), ['go a@1:30-1:34/;/0']);
  });

  it('reads `! { … }` as tree-sitter does: `{` and `}` are command names', () => {
    const { auto } = bothEngines('! { a | b; }; c');
    assert.deepEqual(summary(auto), ['{ a@1:3-1:6/-/0', 'b@1:9-1:10/|/0', '}@1:12-1:13/;/0', 'c@1:15-1:16/;/0']);
    assert.deepEqual(auto.pipes.map((pipe) => [pipe.left, pipe.right]), [[0, 1]]);
  });

  it('sets the join from a `|` between case patterns, as tree-sitter’s walk does', () => {
    const { auto } = bothEngines('case $x in a|b) c ;; esac');
    assert.deepEqual(summary(auto), ['c@1:17-1:18/|/0']);
  });

  it('matches tree-sitter on generated scripts', () => {
    const token = fc.constantFrom(
      'a', 'apt-get', 'install', '-y', 'x=1', 'A=$B', '"q $v"', "'s'", '$v', '${v:-d}', '$(b c)', '"$(d | e)"', 'a$b', 'a-$b/c',
      '&&', '||', ';', '|', '&', '\n', '(', ')', '{', '}', 'if', 'then', 'fi', 'else', 'for', 'in', 'do', 'done', 'case', 'esac', ';;', 'x)',
      '[', ']', '!', '>', '2>&1', '<', 'f', '#c', 'export', 'unset', 'sudo', 'env', 'cd', '\\', '`t`', '<<E', '=',
      '$a/$b/c', '"a"$b$c-d', '`t u`', '[[', ']]', '! {', '-f', '$a/$1',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 14 }), fc.array(fc.constantFrom(' ', '', '\t'), { minLength: 14, maxLength: 14 }), (tokens, gaps) => {
        const text = tokens.map((item, index) => `${item}${gaps[index] ?? ' '}`).join('');
        const { auto, treeSitter } = bothEngines(text);
        assert.deepEqual(plainScript(auto), plainScript(treeSitter), JSON.stringify(text));
      }),
      { numRuns: 3000, seed: 27 },
    );
  });
});

describe('common-subset shell parser on hostile input', () => {
  it('reads a 200 KB line', () => {
    const text = `echo ${'a'.repeat(200 * 1024)}`;
    assert.equal(parseCommonShell(text, mapperOf(text))?.commands.length, 1);
  });

  it('reads 10 000 commands joined by &&', () => {
    const text = Array.from({ length: 10_000 }, (_, index) => `c${index}`).join(' && ');
    const collector = parseCommonShell(text, mapperOf(text));
    assert.equal(collector?.commands.length, 10_000);
    assert.equal(collector?.commands.at(-1)?.joinedBy, '&&');
  });

  it('hands deep nesting to tree-sitter instead of recursing', () => {
    for (const text of [`${'( '.repeat(5000)}a${' )'.repeat(5000)}`, `${'$(echo '.repeat(3000)}a${')'.repeat(3000)}`, `echo ${'"$('.repeat(3000)}`]) {
      assert.equal(parseCommonShell(text, mapperOf(text)), undefined);
    }
  });

  it('reads 5 000 `! { a; }` and a 256 KB line of `$a/$b/c` words (the longest script parsed) without recursing', () => {
    const negations = '! { a; }; '.repeat(5000);
    assert.equal(parseCommonShell(negations, mapperOf(negations))?.commands.length, 10_000);
    const split = `x${' $a/$b/c'.repeat(32 * 1024)}`;
    assert.equal(parseCommonShell(split, mapperOf(split))?.commands[0]?.args.length, 64 * 1024);
  });

  it('hands unterminated and unbalanced new constructs to tree-sitter', () => {
    const texts = ['echo `a', 'echo `a` `', '[[ a', '[[ a ]', '! {', '! { a', `${'[[ '.repeat(10_000)}a`, `${'! { '.repeat(10_000)}a`, `echo ${'`a` '.repeat(5000)}`];
    for (const text of texts) assert.equal(parseCommonShell(text, mapperOf(text)), undefined, text.slice(0, 40));
  });

  it('refuses NUL bytes, lone CRs and a trailing backslash', () => {
    for (const text of ['a\u0000', 'a\rb', 'a \\', 'a "b\\']) assert.equal(parseCommonShell(text, mapperOf(text)), undefined, JSON.stringify(text));
  });
});
