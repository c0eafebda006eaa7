/** Date shapes of the model: ISO calendar dates and ISO UTC timestamps, as strings. */
import { z } from 'zod';

/** `2024-05-02`: a calendar date with no time zone (close dates, certification dates). */
export const IsoDateSchema = z.iso.date();
export type IsoDate = z.infer<typeof IsoDateSchema>;

/** `2024-05-02T14:21:07.000Z`: an instant in UTC. Connectors convert vendor formats (`+0000`, epoch ms) to this. */
export const IsoDateTimeSchema = z.iso.datetime({ offset: false });
export type IsoDateTime = z.infer<typeof IsoDateTimeSchema>;

export const MoneySchema = z.object({
  amount: z.number().finite(),
  /** ISO 4217 code, upper case. */
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code such as EUR'),
});
export type Money = z.infer<typeof MoneySchema>;
