// Independent check of the AWS side `sentrely iam plan` generates: reads one JSON case per line on stdin
// ({id, identityPolicies: [policy…], sessionPolicy?, resourcePolicy?, principal, action, resource, accountId, context})
// and prints {id, result, ignored} per line, where result is Allowed | ImplicitlyDenied | ExplicitlyDenied | error: …
// and ignored lists the context keys iam-simulate does not know for the request (so a test can tell a vacuous check).
// Policies are JSON objects; context values are strings or, for multi-valued keys such as aws:TagKeys, arrays.
// @cloud-copilot/iam-simulate is AGPL: it runs only here, as a separate test-time process.
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { createInterface } from 'node:readline';

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  const c = JSON.parse(line);
  let result;
  let ignored = [];
  try {
    const r = await runSimulation({
      request: {
        principal: c.principal,
        action: c.action,
        resource: { resource: c.resource, accountId: c.accountId },
        contextVariables: c.context ?? {},
      },
      identityPolicies: (c.identityPolicies ?? []).map((policy, i) => ({ name: `identity${i}`, policy })),
      ...(c.sessionPolicy ? { sessionPolicy: c.sessionPolicy } : {}),
      ...(c.resourcePolicy ? { resourcePolicy: c.resourcePolicy } : {}),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    }, { simulationMode: 'Strict' });
    if (r.resultType === 'error') {
      result = `error: ${JSON.stringify(r.errors)}`;
    } else {
      result = r.result?.analysis?.result ?? r.overallResult ?? JSON.stringify(r);
      ignored = [...new Set([...(r.result?.ignoredContextKeys ?? []), ...(r.results ?? []).flatMap(x => x.ignoredContextKeys ?? [])])];
    }
  } catch (e) {
    result = `error: ${e.message}`;
  }
  process.stdout.write(JSON.stringify({ id: c.id, result, ignored }) + '\n');
}
