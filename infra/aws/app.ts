/**
 * The CDK app. `npm run synth` runs it directly (the installable `cdk` CLI cannot read the
 * cloud-assembly schema of this aws-cdk-lib) and it writes Lectern's CloudFormation to `cdk.out`.
 */
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { topology } from '../topology';
import { LecternStack } from './lectern-stack';

// A CDK CLI that runs this app sets CDK_OUTDIR itself; run directly, write to the repository's cdk.out.
const app = new App({ outdir: process.env.CDK_OUTDIR ?? path.resolve(__dirname, '..', '..', 'cdk.out') });
// No account or region: the template is environment-agnostic and the deployment picks its target.
new LecternStack(app, 'Lectern', { topology });
const assembly = app.synth();
for (const stack of assembly.stacks)
  console.log(`${stack.stackName}: ${path.relative(process.cwd(), stack.templateFullPath)}`);
