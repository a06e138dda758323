/** `kmsctl doctor`: which credentials, identity, regions and endpoints kmsctl would use, and whether each endpoint answers. */
import { diagnose } from '../doctor/diagnose.js';
import { doctorToJson, renderDoctorText } from '../doctor/render-doctor.js';
import { KMSCTL_VERSION } from '../../version.js';
import { EXIT } from '../cli-error.js';
import type { Command } from '../command.js';
import { CONNECTION_HELP, CONNECTION_OPTIONS } from '../common-options.js';
import { booleanValue, listValue, stringValue } from '../parse-command-line.js';

export const doctorCommand: Command = {
  name: 'doctor',
  usage: 'kmsctl doctor [-f FILE]... [--region R] [--profile NAME] [--endpoint URL] [--sts-endpoint URL] [--json]',
  help: `What to run when a pipeline cannot reach KMS. Shows:
  - the credential source in use and what was found at each source, in the order they are tried
    (environment, OIDC, CLI profile), with the access key ID masked; never a secret or token;
  - the regions: those of the config's keys (-f, else kmsctl.yaml when present), else --region,
    ALIBABA_CLOUD_REGION_ID or the CLI profile's region_id; and the endpoint of each;
  - whether each endpoint answers a signed ListKeys (PageSize=1): its RequestId, or the error code
    with a hint.

Options:
  -f, --file PATH       config file(s) whose regions to check (default kmsctl.yaml, when present)
  --region REGION       the region to check (overrides the config's, as in plan)
  --json                one JSON document (schemas/doctor.schema.json)

${CONNECTION_HELP}

Exit codes: 0 credentials found and every endpoint answered; 1 otherwise.`,
  options: {
    file: { type: 'string', short: 'f', multiple: true },
    region: { type: 'string' },
    json: { type: 'boolean' },
    ...CONNECTION_OPTIONS,
  },
  allowPositionals: false,
  async run(values, _positionals, ctx) {
    const report = await diagnose({
      files: listValue(values, 'file'),
      cwd: ctx.cwd,
      env: ctx.env,
      region: stringValue(values, 'region'),
      endpoint: stringValue(values, 'endpoint'),
      profile: stringValue(values, 'profile'),
      stsEndpoint: stringValue(values, 'sts-endpoint'),
      signal: ctx.signal,
    });
    ctx.stdout.write(booleanValue(values, 'json') ? `${JSON.stringify(doctorToJson(report, KMSCTL_VERSION), null, 2)}\n` : renderDoctorText(report));
    return report.ok ? EXIT.ok : EXIT.error;
  },
};
