/**
 * Turns ajv's errors into diagnostics a person can act on: the code for the kind of mistake, a message
 * that names the field and quotes the value, and a range on the field name (unknown or misnamed fields)
 * or on the value (wrong types, bad values).
 */
import type { ErrorObject } from 'ajv';
import type { Document } from 'yaml';
import { errorDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { MAX_KEY_VERSIONS } from '../kms/wire/enums.js';
import { durationProblem } from '../time/duration.js';
import { MAX_ROLE_SESSION_SECONDS, MIN_ROLE_SESSION_SECONDS, roleArnProblem } from './account-fields.js';
import { CONFIG_CODES } from './codes.js';
import { describeContainer, describeSubject, describeType, describeValue, quote, shorten } from './describe-path.js';
import { keyIdProblem } from './key-ids.js';
import { versionIdProblem } from './version-ids.js';
import { keyRange, objectRange, pointerSegments, valueRange, type PathSegment } from './yaml-locate.js';

const VERSIONS_CAP_NOTE = `the service allows ${MAX_KEY_VERSIONS} versions per key, counting the initial one`;

/**
 * Drops errors that only repeat another: ajv's propertyNames wrapper; anything else at a path that has
 * the wrong type; a missing field whose misspelling is reported as an unknown field next to it.
 */
export function relevantErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const wrongType = new Set(errors.filter((e) => e.keyword === 'type' && e.propertyName === undefined).map((e) => e.instancePath));
  const misspelled = new Set(
    errors
      .filter((e) => e.keyword === 'additionalProperties')
      .map((e) => {
        const field = String((e.params as { additionalProperty: string }).additionalProperty);
        return `${e.instancePath}\u0000${didYouMean(field, knownFields(e)) ?? ''}`;
      }),
  );
  return errors.filter((e) => {
    if (e.keyword === 'propertyNames') return false;
    if (e.propertyName !== undefined) return true;
    if (e.keyword === 'required') {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      if (misspelled.has(`${e.instancePath}\u0000${missing}`)) return false;
    }
    return e.keyword === 'type' || !wrongType.has(e.instancePath);
  });
}

function knownFields(error: ErrorObject): string[] {
  return Object.keys((error.parentSchema?.['properties'] as Record<string, unknown> | undefined) ?? {});
}

/** One ajv error as a diagnostic pointing into `document`. */
export function schemaErrorToDiagnostic(error: ErrorObject, document: Document, file: string): Diagnostic {
  const path: PathSegment[] = pointerSegments(error.instancePath);
  const data: unknown = error.data;

  if (error.propertyName !== undefined) {
    const name = error.propertyName;
    const account = path[0] === 'accounts';
    return errorDiagnostic(
      account ? CONFIG_CODES.badAccountName : CONFIG_CODES.badKeyName,
      `bad ${account ? 'account' : 'key'} name ${quote(name)}: ${NAME_RULE}`,
      keyRange(document, file, [...path, name]),
    );
  }

  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String((error.params as { additionalProperty: string }).additionalProperty);
      const known = knownFields(error);
      const suggestion = didYouMean(field, known);
      return errorDiagnostic(
        CONFIG_CODES.unknownField,
        `unknown field ${quote(field)} ${describeContainer(path)}`,
        keyRange(document, file, [...path, field]),
        suggestion !== undefined ? `did you mean ${quote(suggestion)}?` : `known fields: ${known.join(', ')}`,
      );
    }
    case 'required': {
      const field = String((error.params as { missingProperty: string }).missingProperty);
      const property = (error.parentSchema?.['properties'] as Record<string, { description?: string }> | undefined)?.[field];
      const owner = path.length === 0 ? 'the config' : describeSubject(path);
      return errorDiagnostic(
        CONFIG_CODES.missingField,
        `${owner} is missing the field ${quote(field)}`,
        objectRange(document, file, path),
        property?.description !== undefined ? `${field}: ${property.description}` : undefined,
      );
    }
    case 'type': {
      const expected = String((error.params as { type: string }).type)
        .split(',')
        .map(describeType)
        .join(' or ');
      return errorDiagnostic(
        CONFIG_CODES.wrongType,
        `${describeSubject(path)} must be ${expected}, not ${describeValue(data)}`,
        valueRange(document, file, path),
        typeHint(path),
      );
    }
    case 'const':
      if (path.length === 1 && path[0] === 'version') {
        return errorDiagnostic(
          CONFIG_CODES.unsupportedVersion,
          `unsupported config version ${JSON.stringify(data)}: this kmsctl reads version 1`,
          valueRange(document, file, path),
        );
      }
      break;
    case 'pattern':
      return patternDiagnostic(path, data, document, file);
    case 'minimum':
    case 'maximum':
      if (path.at(-1) === 'durationSeconds') {
        return errorDiagnostic(
          CONFIG_CODES.durationSecondsOutOfRange,
          `${describeSubject(path)} is ${String(data)}; it must be from ${MIN_ROLE_SESSION_SECONDS} to ${MAX_ROLE_SESSION_SECONDS} (15 minutes to 12 hours)`,
          valueRange(document, file, path),
          'the range STS AssumeRole takes; the role\'s own maximum session duration may be lower',
        );
      }
      if (path.at(-1) === 'maxVersions') {
        return errorDiagnostic(
          CONFIG_CODES.maxVersionsOutOfRange,
          `${describeSubject(path)} is ${String(data)}; it must be from 1 to ${MAX_KEY_VERSIONS}`,
          valueRange(document, file, path),
          error.keyword === 'maximum' ? VERSIONS_CAP_NOTE : undefined,
        );
      }
      break;
    case 'maxItems':
      if (path.at(-1) === 'versions' && Array.isArray(data)) {
        return errorDiagnostic(
          CONFIG_CODES.tooManyVersions,
          `${describeSubject(path.slice(0, -1))} declares ${data.length} versions, more than ${MAX_KEY_VERSIONS}`,
          valueRange(document, file, [...path, MAX_KEY_VERSIONS]),
          VERSIONS_CAP_NOTE,
        );
      }
      break;
  }
  return errorDiagnostic(
    CONFIG_CODES.invalidValue,
    `${describeSubject(path)} ${error.message ?? 'is not valid'}`,
    valueRange(document, file, path),
  );
}

const NAME_RULE = 'a name is 1 to 128 letters, digits, "_", "." or "-", starting with a letter or digit';

/** A pattern failure, explained by the same checks the rules use (durations, key IDs) where there are some. */
function patternDiagnostic(path: PathSegment[], data: unknown, document: Document, file: string): Diagnostic {
  const field = path.at(-1);
  const where = valueRange(document, file, path);
  const text = typeof data === 'string' ? data : String(data);
  const value = JSON.stringify(shorten(text));
  const container = describeContainer(path.slice(0, -1));
  switch (field) {
    case 'maxAge':
    case 'warnBefore':
      return errorDiagnostic(CONFIG_CODES.badDuration, `bad duration ${value} ${container}: ${durationProblem(text) ?? 'expected e.g. 90d'}`, where);
    case 'keyId': {
      const problem = keyIdProblem(text) ?? { code: CONFIG_CODES.badKeyId, reason: 'expected a key ID, an alias (alias/...) or a key ARN' };
      const what = problem.code === CONFIG_CODES.badAlias ? 'alias' : 'key ID';
      return errorDiagnostic(problem.code, `bad ${what} ${value} ${container}: ${problem.reason}`, where);
    }
    case 'region':
      return errorDiagnostic(CONFIG_CODES.badRegion, `bad region ${value} ${container}: expected a region ID such as cn-hangzhou or ap-southeast-1`, where);
    case 'id':
      return errorDiagnostic(
        CONFIG_CODES.badVersionId,
        `bad version ID ${value} ${container}: ${versionIdProblem(text)?.reason ?? 'expected an ID as ListKeyVersions gives it'}`,
        where,
        'a version to create has no id yet: give it a label instead (- label: 2026-q4)',
      );
    case 'label':
      return errorDiagnostic(CONFIG_CODES.badLabel, `bad label ${value} ${container}: a label is 1 to 128 characters without control characters`, where);
    case 'account':
      return errorDiagnostic(CONFIG_CODES.badAccountName, `bad account name ${value} ${container}: ${NAME_RULE}`, where);
    case 'roleArn':
      return errorDiagnostic(CONFIG_CODES.badRoleArn, `bad role ARN ${value} ${container}: ${roleArnProblem(text) ?? 'expected acs:ram::<account UID>:role/<role name>'}`, where);
    case 'externalId':
      return errorDiagnostic(CONFIG_CODES.badExternalId, `bad external ID ${value} ${container}: STS takes 2 to 1224 letters, digits or "+=,.@:/-_"`, where);
    case 'sessionName':
      return errorDiagnostic(CONFIG_CODES.badSessionName, `bad session name ${value} ${container}: STS takes 2 to 64 letters, digits or ".@-_"`, where);
    case 'profile':
      return errorDiagnostic(CONFIG_CODES.badProfile, `bad profile name ${value} ${container}: 1 to 128 characters without control characters`, where);
    default:
      return errorDiagnostic(CONFIG_CODES.invalidValue, `${describeSubject(path)} has a bad value ${value}`, where);
  }
}

function typeHint(path: PathSegment[]): string | undefined {
  const [first, , section, index, field] = path;
  if (first === 'defaults' && path[1] === 'rotation' && path.length === 2) return 'rotation is a mapping: "rotation: { maxAge: 90d }"';
  if (first === 'defaults' && path[1] === 'rotation' && path.length === 3) return 'a duration is a string such as 90d, 2w or 1d12h';
  if (first === 'accounts' && path.length === 2) return 'an account is a mapping: "{ roleArn: acs:ram::<account UID>:role/<name> }" or "{ profile: <CLI profile> }"';
  if (first !== 'keys') return undefined;
  if (section === 'versions' && index !== undefined && field === undefined) return 'a version is "- id: <version ID>" (existing) or "- label: <name>" (to create)';
  if (section === 'rotation' && (index === 'maxAge' || index === 'warnBefore')) return 'a duration is a string such as 90d, 2w or 1d12h';
  if (section === 'rotation' && index === undefined) return 'rotation is a mapping: "rotation: { maxAge: 90d }"';
  return undefined;
}
