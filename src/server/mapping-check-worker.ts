/** Entry of the mapping-checking thread: answers each `{ id, request }` with `{ id, check }` or `{ id, error }`. */
import { parentPort } from 'node:worker_threads';
import { errorMessage } from '../errors.js';
import { checkEdit, type EditRequest } from './mapping-check.js';

parentPort?.on('message', ({ id, request }: { id: number; request: EditRequest }) => {
  try {
    parentPort?.postMessage({ id, check: checkEdit(request) });
  } catch (error) {
    parentPort?.postMessage({ id, error: errorMessage(error) });
  }
});
