// Independent check of `sentrely iam check`: reads one JSON case per line on stdin
// ({id, identityPolicy, action, resource, accountId, context}) and prints {id, result} per line, where result is
// Allowed | ImplicitlyDenied | ExplicitlyDenied | error: … . Only the given identity policy applies: no session
// policy, boundary, SCP or resource policy, so the role policy alone decides.
// @cloud-copilot/iam-simulate is AGPL: it runs only here, as a separate test-time process.
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { createInterface } from 'node:readline';

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  const c = JSON.parse(line);
  let result;
  try {
    const r = await runSimulation({
      request: {
        principal: `arn:aws:sts::${c.accountId}:assumed-role/sentrely-agent/session`,
        action: c.action,
        resource: { resource: c.resource, accountId: c.accountId },
        contextVariables: c.context ?? {},
      },
      identityPolicies: [{ name: 'role', policy: JSON.parse(c.identityPolicy) }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    }, { simulationMode: 'Strict' });
    result = r.resultType === 'error' ? `error: ${JSON.stringify(r.errors)}` : (r.result?.analysis?.result ?? r.overallResult ?? JSON.stringify(r));
  } catch (e) {
    result = `error: ${e.message}`;
  }
  process.stdout.write(JSON.stringify({ id: c.id, result }) + '\n');
}
