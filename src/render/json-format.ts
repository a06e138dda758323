/**
 * The one version of every JSON document kmsctl writes (plan, apply, show, validate, doctor, the failure
 * document and the saved plan), and their naming convention: every field name is snake_case, every
 * field is always present, and an absent value is `null`. A 2.x reader accepts any 2.y document: minor
 * versions only add fields. See CHANGELOG.md for what changed from 1.x.
 */
export const JSON_FORMAT_VERSION = '2.1';
