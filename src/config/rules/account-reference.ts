import { errorDiagnostic, type Diagnostic, type SourceRange } from '../../diagnostics/diagnostic.js';
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import { CONFIG_CODES } from '../codes.js';

/** `account:` (of a key or of defaults) names an account of the config's `accounts:`. */
export function accountReference(name: string, where: string, source: SourceRange, declared: ReadonlySet<string>): Diagnostic[] {
  if (declared.has(name)) return [];
  const known = [...declared];
  const suggestion = didYouMean(name, known);
  const detail =
    known.length === 0
      ? 'the config declares no accounts: add it under "accounts:" with a roleArn or a profile'
      : suggestion !== undefined
        ? `did you mean ${JSON.stringify(suggestion)}?`
        : `declared accounts: ${known.slice(0, 10).join(', ')}${known.length > 10 ? `, and ${known.length - 10} more` : ''}`;
  return [errorDiagnostic(CONFIG_CODES.unknownAccount, `unknown account ${JSON.stringify(name)} ${where}`, source, detail)];
}
