/** A CRM's answer read through its schema, or an error naming the CRM, the call and the object. */
import { z } from 'zod';
import { AtlasError } from '../../src/errors.js';

/** What is being read: the CRM (as people call it), the API call and the object it was about. */
export interface AnswerContext {
  crm: string;
  operation: string;
  object: string;
}

/**
 * Parses one API answer, or fails naming the call and the object: an answer in another shape (an API change,
 * a proxy's error page) must say where it came from, never surface as a bare validation error.
 */
export function parseAnswer<T>(schema: z.ZodType<T>, body: unknown, context: AnswerContext): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new AtlasError(
    'CRM_API_ERROR',
    `${context.crm} answered ${context.operation} for ${context.object} with a body Atlas cannot read: ${z.prettifyError(parsed.error)}`,
    {
      context: { system: context.crm.toLowerCase(), operation: context.operation, object: context.object },
      cause: parsed.error,
    },
  );
}
