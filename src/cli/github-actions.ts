/**
 * GitHub Actions output, active when GITHUB_ACTIONS=true: diagnostics, plan errors and apply failures
 * as workflow annotations, and Markdown appended to the job summary ($GITHUB_STEP_SUMMARY).
 * Annotations go to stdout, except when stdout carries a document (--json, --format json|markdown):
 * then to stderr, which the runner reads for workflow commands as well (views decide which).
 */
import { appendFile, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ApplyReport } from '../apply/apply-report.js';
import type { DesiredState } from '../config/desired-state.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnosticAnnotation, formatAnnotation, formatDiagnosticsGithub, type Annotation } from '../diagnostics/format-github.js';
import type { SourceFiles } from '../diagnostics/source-files.js';
import type { Plan } from '../plan/types.js';
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

/** One `::error title=kmsctl plan::` per key in error, on the key's name in its config file. */
export async function annotatePlanErrors(out: Output, env: Env, cwd: string, plan: Plan, desired: DesiredState | undefined): Promise<void> {
  if (!inGithubActions(env)) return;
  const errors = plan.keys.flatMap((key) => (key.action === 'error' ? [key] : []));
  if (errors.length === 0) return;
  const texts = new Map<string, string>();
  const lines: string[] = [];
  for (const key of errors) {
    const annotation: Annotation = { level: 'error', title: 'kmsctl plan', message: `${key.name} (${key.keyId}, ${key.region}): ${key.error.message} [${key.error.code}]${key.error.hint ? `\n${key.error.hint}` : ''}` };
    const source = desired?.keys.find((k) => k.name === key.name)?.source;
    if (source) {
      if (!texts.has(source.file)) texts.set(source.file, await readFile(resolve(cwd, source.file), 'utf8').catch(() => ''));
      Object.assign(annotation, positionOf(diagnosticAnnotation({ severity: 'error', code: key.error.code, summary: '', source }, texts)));
    }
    lines.push(`${formatAnnotation(annotation)}\n`);
  }
  out.write(lines.join(''));
}

/** One `::error title=kmsctl apply::` per key that failed. */
export function annotateApplyFailures(out: Output, env: Env, report: ApplyReport): void {
  if (!inGithubActions(env)) return;
  const lines = report.results
    .filter((r) => r.outcome === 'failed')
    .map((r) => `${formatAnnotation({ level: 'error', title: 'kmsctl apply', message: `${r.name} (${r.keyId}, ${r.region}): ${r.message}${r.code ? ` [${r.code}]` : ''}${r.requestId ? ` RequestId ${r.requestId}` : ''}` })}\n`);
  if (lines.length > 0) out.write(lines.join(''));
}

/** Appends Markdown to the job summary; a summary that cannot be written is a warning, not a failure. */
export async function appendStepSummary(env: Env, warn: (text: string) => void, markdown: string): Promise<void> {
  const path = env.GITHUB_STEP_SUMMARY;
  if (!inGithubActions(env) || path === undefined || path === '') return;
  try {
    await appendFile(path, markdown.endsWith('\n') ? `${markdown}\n` : `${markdown}\n\n`);
  } catch (error) {
    warn(`cannot append to GITHUB_STEP_SUMMARY (${path}): ${(error as Error).message}`);
  }
}

function positionOf(annotation: Annotation): Partial<Annotation> {
  const { file, line, col, endLine, endColumn } = annotation;
  return { file, line, col, endLine, endColumn };
}
