/** Worker thread entry: serves one or both CRMs' emulators, seeds its share of the ecosystem, writes the ground truth when asked. */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { AtlasError, errorMessage } from '../../src/errors.js';
import { DEFAULT_PRIVATE_APP_TOKEN } from '../emulators/hubspot/index.js';
import { writeGroundTruthFile } from './ground-truth-file.js';
import { seedEcosystem } from './seed-emulators.js';
import { applyFaultsFile, startEmulatorServers } from './start-emulators.js';
import { EmulatorWorkerDataSchema, WorkerCommandSchema, type WorkerReport } from './worker-messages.js';

function channel(): MessagePort {
  if (!parentPort)
    throw new AtlasError('EMULATOR_WORKER_MISUSE', 'emulator-worker.ts runs as a worker thread only');
  return parentPort;
}
const port = channel();
const report = (message: WorkerReport) => port.postMessage(message);

async function main(): Promise<void> {
  const data = EmulatorWorkerDataSchema.parse(workerData);
  const options = data.options;
  const servers = await startEmulatorServers(new Set(data.systems), { ...data, ...options });
  const { salesforce, hubspot } = servers;
  const seeded = await seedEcosystem({
    ...options,
    write: data.systems,
    salesforce,
    hubspot,
    onProgress: (progress) => report({ type: 'progress', progress }),
  });
  applyFaultsFile(servers, data.faults);
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
          report({ type: 'failed', code: 'EMULATOR_TRUTH_FAILED', message: errorMessage(error) }),
      );
    } else {
      servers.close().then(
        () => report({ type: 'closed' }),
        (error: unknown) =>
          report({ type: 'failed', code: 'EMULATOR_CLOSE_FAILED', message: errorMessage(error) }),
      );
    }
  });
}

main().catch((error: unknown) => {
  const code = error instanceof AtlasError ? error.code : 'EMULATOR_WORKER_FAILED';
  report({ type: 'failed', code, message: errorMessage(error) });
});
