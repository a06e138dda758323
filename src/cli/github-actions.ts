/**
 * GitHub Actions output, active when GITHUB_ACTIONS=true: diagnostics, plan errors, keys due soon and
 * apply failures as workflow annotations, and Markdown appended to the job summary ($GITHUB_STEP_SUMMARY).
 * Annotations go to stdout, except when stdout carries a document (--json, --format json|markdown):
 * then to stderr, which the runner reads for workflow commands as well (views decide which).
 */
import { appendFile } from 'node:fs/promises';
import type { ApplyReport } from '../apply/apply-report.js';
import type { DesiredState } from '../config/desired-state.js';
import type { Diagnostic, SourceRange } from '../diagnostics/diagnostic.js';
import { diagnosticAnnotation, formatAnnotation, formatDiagnosticsGithub, type Annotation } from '../diagnostics/format-github.js';
import type { SourceFiles } from '../diagnostics/source-files.js';
import type { Plan } from '../plan/types.js';
import { locationName } from '../state/key-api.js';
import type { Output } from './command.js';

type Env = Readonly<Record<string, string | undefined>>;

export function inGithubActions(env: Env): boolean {
  return env.GITHUB_ACTIONS === 'true';
}

/** Config diagnostics as annotations on the lines they point at. */
export function annotateDiagnostics(out: Output, env: Env, diagnostics: readonly Diagnostic[], sources: SourceFiles): void {
  if (!inGithubActions(env) || diagnostics.length === 0) return;
  out.write(formatDiagnosticsGithub(diagnostics, sources));
}

/**
 * The plan's annotations, each on the key's name in its config file: an error per key in error (and on
 * the other entries an error is about, such as two entries that resolve to one key), and a warning per
 * key whose rotation falls due within its `rotation.warnBefore`.
 */
export function annotatePlan(out: Output, env: Env, plan: Plan, desired: DesiredState | undefined, sources: SourceFiles): void {
  if (!inGithubActions(env)) return;
  const declared = new Map((desired?.keys ?? []).map((key) => [key.name, key]));
  const lines: string[] = [];
  const annotated = new Set<string>();
  const at = (annotation: Annotation, source: SourceRange | undefined): void => {
    if (source !== undefined) {
      annotated.add(`${source.file}\u0000${source.start}`);
      Object.assign(annotation, positionOf(diagnosticAnnotation({ severity: annotation.level === 'warning' ? 'warning' : 'error', code: '', summary: '', source }, sources)));
    }
    lines.push(`${formatAnnotation(annotation)}\n`);
  };
  for (const key of plan.keys) {
    const where = `${key.name} (${key.keyId}, ${locationName(key)})`;
    if (key.action === 'error') {
      at({ level: 'error', title: 'kmsctl plan', message: `${where}: ${key.error.message} [${key.error.code}]${key.error.hint ? `\n${key.error.hint}` : ''}` }, declared.get(key.name)?.source);
    } else if (key.action === 'no-op' && key.dueSoon !== undefined) {
      const window = declared.get(key.name)?.rotation?.warnBefore;
      at({ level: 'warning', title: 'kmsctl plan: due soon', message: `${where}: rotation falls due at ${key.dueSoon}, within rotation.warnBefore${window === undefined ? '' : ` (${window})`}` }, declared.get(key.name)?.source);
    }
  }
  // An entry an error is about gets its own annotation, unless it is itself a key in error (annotated above).
  for (const key of plan.keys) {
    if (key.action !== 'error') continue;
    for (const other of key.error.related ?? []) {
      if (annotated.has(`${other.source.file}\u0000${other.source.start}`)) continue;
      at({ level: 'error', title: 'kmsctl plan', message: `${other.message}: see ${key.name} [${key.error.code}]` }, other.source);
    }
  }
  if (lines.length > 0) out.write(lines.join(''));
}

/** One `::error title=kmsctl apply::` per key that failed. */
export function annotateApplyFailures(out: Output, env: Env, report: ApplyReport): void {
  if (!inGithubActions(env)) return;
  const lines = report.results
    .filter((r) => r.outcome === 'failed')
    .map((r) => `${formatAnnotation({ level: 'error', title: 'kmsctl apply', message: `${r.name} (${r.keyId}, ${locationName({ account: r.account, region: r.region })}): ${r.message}${r.code ? ` [${r.code}]` : ''}${r.requestId ? ` RequestId ${r.requestId}` : ''}` })}\n`);
  if (lines.length > 0) out.write(lines.join(''));
}

/** Appends Markdown to the job summary; a summary that cannot be written is a warning, not a failure. */
/** `markdown` is rendered only when there is a job summary to append it to. */
export async function appendStepSummary(env: Env, warn: (text: string) => void, markdown: () => string): Promise<void> {
  const path = env.GITHUB_STEP_SUMMARY;
  if (!inGithubActions(env) || path === undefined || path === '') return;
  try {
    const text = markdown();
    await appendFile(path, text.endsWith('\n') ? `${text}\n` : `${text}\n\n`);
  } catch (error) {
    warn(`cannot append to GITHUB_STEP_SUMMARY (${path}): ${(error as Error).message}`);
  }
}

function positionOf(annotation: Annotation): Partial<Annotation> {
  const { file, line, col, endLine, endColumn } = annotation;
  return { file, line, col, endLine, endColumn };
}
