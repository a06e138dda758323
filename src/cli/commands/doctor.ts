/** `kmsctl doctor`: which credentials, identity, regions and endpoints kmsctl would use, and whether each endpoint answers. */
import { diagnose } from '../doctor/diagnose.js';
import { doctorToJson, renderDoctorText } from '../doctor/render-doctor.js';
import { KMSCTL_VERSION } from '../../version.js';
import { CONNECTION_HELP } from '../arguments/connection-args.js';
import { DOCTOR_OPTIONS, parseDoctorArgs } from '../arguments/doctor-args.js';
import { EXIT } from '../cli-error.js';
import type { Command } from '../command.js';
import { argumentsOrFailure } from '../run-context.js';
import { CommandView } from '../views/command-view.js';
import { terminalOf } from '../views/terminal.js';

export const doctorCommand: Command = {
  name: 'doctor',
  usage: 'kmsctl doctor [-f FILE]... [--account NAME]... [--region R] [--profile NAME] [--endpoint URL] [--sts-endpoint URL] [--json]',
  help: `What to run when a pipeline cannot reach KMS. Shows:
  - the credential source in use and what was found at each source, in the order they are tried
    (environment, OIDC, CLI profile), with the access key ID masked; never a secret or token;
  - the regions: those of the config's keys that name no account (-f, else kmsctl.yaml or kmsctl.yml
    when present), else --region, ALIBABA_CLOUD_REGION_ID or the CLI profile's region_id; and the
    endpoint of each;
  - whether each endpoint answers a signed ListKeys (PageSize=1): its RequestId, or the error code
    with a hint;
  - every account of the config's accounts: (or those --account names): whether its role can be
    assumed (or its profile read), who STS GetCallerIdentity says it is, with the access key ID
    masked, and whether each region of its keys answers a signed ListKeys as that account.

Options:
  -f, --file PATH       a config file or a directory of *.yaml files (repeatable; default kmsctl.yaml
                        or kmsctl.yml, when present)
  --account NAME        check only this account of the config (repeatable); the base identity's
                        regions are then not checked
  --region REGION       the region of keys that name none (as in plan), and the region to check
                        when there is no config
  --json                one JSON document (schemas/doctor.schema.json)

${CONNECTION_HELP}

Exit codes: 0 credentials found, every endpoint answered and every account checked out; 1 otherwise.`,
  options: DOCTOR_OPTIONS,
  allowPositionals: false,
  async run(values, _positionals, ctx) {
    const parsed = parseDoctorArgs(values);
    const view = new CommandView(terminalOf(ctx), 'doctor', values.json === true ? 'json' : 'human');
    const args = argumentsOrFailure(parsed, view);
    if (args === undefined) return EXIT.error;
    const report = await diagnose({
      files: args.config.files,
      cwd: ctx.cwd,
      env: ctx.env,
      region: args.config.region,
      endpoint: args.connection.endpoint,
      profile: args.connection.profile,
      stsEndpoint: args.connection.stsEndpoint,
      signatureVersion: args.connection.signatureVersion,
      quotas: args.connection.quotas,
      accounts: args.config.accounts,
      signal: ctx.signal,
    });
    view.term.out.write(args.json ? `${JSON.stringify(doctorToJson(report, KMSCTL_VERSION), null, 2)}\n` : renderDoctorText(report));
    return report.ok ? EXIT.ok : EXIT.error;
  },
};
