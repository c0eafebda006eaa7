/** Worker thread entry: serves one or both CRMs' sandboxes, seeds its share of the ecosystem, writes the ground truth when asked. */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { DEFAULT_PRIVATE_APP_TOKEN } from '../../connectors/hubspot/sandbox/index.js';
import { AtlasError, errorMessage } from '../errors.js';
import { writeGroundTruthFile } from './ground-truth-file.js';
import { seedEcosystem } from './seed-sandboxes.js';
import { startSandboxServers } from './start-sandboxes.js';
import { SandboxWorkerDataSchema, WorkerCommandSchema, type WorkerReport } from './worker-messages.js';

function channel(): MessagePort {
  if (!parentPort)
    throw new AtlasError('SANDBOX_WORKER_MISUSE', 'sandbox-worker.ts runs as a worker thread only');
  return parentPort;
}
const port = channel();
const report = (message: WorkerReport) => port.postMessage(message);

async function main(): Promise<void> {
  const data = SandboxWorkerDataSchema.parse(workerData);
  const options = data.options;
  const servers = await startSandboxServers(new Set(data.systems), { ...data, ...options });
  const { salesforce, hubspot } = servers;
  const seeded = await seedEcosystem({
    ...options,
    write: data.systems,
    salesforce,
    hubspot,
    onProgress: (progress) => report({ type: 'progress', progress }),
  });
  report({
    type: 'seeded',
    ...(salesforce ? { salesforce: { url: salesforce.url, credentials: salesforce.credentials } } : {}),
    ...(hubspot
      ? { hubspot: { url: hubspot.url, accessToken: hubspot.tokens[0] ?? DEFAULT_PRIVATE_APP_TOKEN } }
      : {}),
    figures: seeded.figures,
    identities: seeded.identities,
  });
  port.on('message', (raw: unknown) => {
    const command = WorkerCommandSchema.parse(raw);
    if (command.type === 'write-truth') {
      writeGroundTruthFile(command.file, seeded.truth, command.identities, command.header).then(
        (bytes) => report({ type: 'truth-written', bytes }),
        (error: unknown) =>
          report({ type: 'failed', code: 'SANDBOX_TRUTH_FAILED', message: errorMessage(error) }),
      );
    } else {
      servers.close().then(
        () => report({ type: 'closed' }),
        (error: unknown) =>
          report({ type: 'failed', code: 'SANDBOX_CLOSE_FAILED', message: errorMessage(error) }),
      );
    }
  });
}

main().catch((error: unknown) => {
  const code = error instanceof AtlasError ? error.code : 'SANDBOX_WORKER_FAILED';
  report({ type: 'failed', code, message: errorMessage(error) });
});
