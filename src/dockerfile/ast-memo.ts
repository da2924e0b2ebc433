import { Instruction } from 'dockerfile-ast';

/**
 * `dockerfile-ast` re-scans an instruction's text on every `getArguments()`, and its own
 * constructors and getters (JSON form, flags, heredocs, ranges) call it again and again: that was
 * half of the time spent parsing. An instruction's text and range never change once it is built,
 * so the scan is done once per instance. Callers get a copy, because
 * `ModifiableInstruction.getArguments` shifts the flags off the array it receives.
 * (`getRawArguments` is private in the typings, hence the reflection.)
 */
const scan: unknown = Reflect.get(Instruction.prototype, 'getRawArguments');
const cache = new WeakMap<object, unknown[]>();

if (typeof scan === 'function') {
  Reflect.set(Instruction.prototype, 'getRawArguments', function memoized(this: object): unknown[] {
    let args = cache.get(this);
    if (args === undefined) {
      args = Array.from<unknown>(scan.call(this));
      cache.set(this, args);
    }
    return args.slice();
  });
}
