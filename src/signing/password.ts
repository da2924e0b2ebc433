import { PalisadeError } from '../core/errors.ts';

/** Reads a line without echo; resolves undefined when there is no terminal to ask. */
export type PasswordPrompt = (question: string) => Promise<string | undefined>;

/**
 * The password for a key: $PALISADE_PASSWORD (or $COSIGN_PASSWORD, so cosign setups work), else a
 * prompt on the terminal (twice when `confirm`), else USAGE. An empty variable is an empty password.
 */
export async function keyPassword(env: Readonly<Record<string, string | undefined>>, prompt: PasswordPrompt, confirm: boolean): Promise<string> {
  const fromEnv = env['PALISADE_PASSWORD'] ?? env['COSIGN_PASSWORD'];
  if (fromEnv !== undefined) return fromEnv;
  const first = await prompt('Enter password for private key: ');
  if (first === undefined) throw new PalisadeError('USAGE', 'A password is needed: set PALISADE_PASSWORD, or run in a terminal to be asked');
  if (!confirm) return first;
  const second = await prompt('Enter password for private key again: ');
  if (second !== first) throw new PalisadeError('USAGE', 'The passwords do not match');
  return first;
}

/** Asks on the terminal (stdin in raw mode, nothing echoed); undefined when stdin is not a terminal. */
export async function ttyPrompt(question: string): Promise<string | undefined> {
  const { stdin, stderr } = process;
  if (!stdin.isTTY) return undefined;
  stderr.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  try {
    return await new Promise<string>((resolve, reject) => {
      let typed = '';
      const onData = (chunk: Buffer): void => {
        for (const char of chunk.toString('utf8')) {
          if (char === '\r' || char === '\n') return finish(() => resolve(typed));
          if (char === '\u0003') return finish(() => reject(new PalisadeError('USAGE', 'Cancelled')));
          typed = char === '\u007f' || char === '\b' ? typed.slice(0, -1) : typed + char;
        }
      };
      const finish = (settle: () => void): void => {
        stdin.off('data', onData);
        stderr.write('\n');
        settle();
      };
      stdin.on('data', onData);
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
  }
}
