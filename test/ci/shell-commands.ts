/**
 * Just enough of POSIX shell to find the kmsctl invocations in a CI script: line continuations,
 * quotes, `&&`/`||`/`;`/`|` between commands, leading VAR=value assignments and redirections.
 * Expansions ($VAR, ${{ expr }}) stay as words, which is all the argument parser needs.
 */

/** Splits a script into simple commands, each as its words. */
export function simpleCommands(script: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  const text = script.replace(/\\\r?\n/g, ' ');
  const endWord = (): void => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = (): void => {
    endWord();
    if (words.length > 0) commands.push(words);
    words = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === '#' && !inWord) {
      while (i < text.length && text[i] !== '\n') i++;
      endCommand();
    } else if (ch === '\n' || ch === ';' || ch === '&' || ch === '|' || ch === '(' || ch === ')') {
      endCommand();
    } else if (ch === ' ' || ch === '\t') {
      endWord();
    } else if (ch === '$' && text.startsWith('${{', i)) {
      const end = text.indexOf('}}', i);
      word += text.slice(i, end + 2);
      inWord = true;
      i = end + 1;
    } else {
      word += ch;
      inWord = true;
    }
  }
  endCommand();
  return commands;
}

/** The kmsctl arguments of a simple command (`kmsctl ...` or `npx kmsctl ...`), or undefined. */
export function kmsctlArguments(words: readonly string[]): string[] | undefined {
  let rest = [...words];
  while (rest.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(rest[0]!)) rest = rest.slice(1);
  if (rest[0] === 'npx' || rest[0] === 'exec') rest = rest.slice(1);
  while (rest[0]?.startsWith('-')) rest = rest.slice(1);
  if (rest[0] !== 'kmsctl') return undefined;
  return withoutRedirections(rest.slice(1));
}

function withoutRedirections(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (/^\d*>>?&\d+$/.test(word)) continue;
    if (/^\d*(>>?|<)$/.test(word)) {
      i++;
      continue;
    }
    if (/^\d*(>>?|<)./.test(word)) continue;
    out.push(word);
  }
  return out;
}
