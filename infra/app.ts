import { App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { HubSecureStack } from "./hubsecure-stack";
import { readStackSettings } from "./settings";

const app = new App();
const { stackName, ...settings } = readStackSettings(app);

// No env: the stack is environment-agnostic, so synthesis needs no AWS account
// and `cdk deploy` targets the account and Region of the caller's credentials.
new HubSecureStack(app, stackName, {
  stackName,
  description: "HubSecure secure client portal",
  settings,
});

// Synthesis fails on any AWS Solutions finding that is neither fixed nor acknowledged.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

app.synth();
