/** Compiles the deals mapping into `toDeal(raw)`. */
import { type Deal, type Money, refKey, type SourceRef } from '../model/index.js';
import type { FieldCompileContext } from './compile-field.js';
import { compileLinkages } from './compile-linkage.js';
import type { DealsMapping } from './connector-mapping.js';
import { customerGeography } from './customer-region.js';
import { toDealId } from './model-ids.js';
import type { MapResult } from './raw-record.js';
import type { RecordScope } from './record-issues.js';
import { bool, compileFields, mapRecord, num, text, texts } from './record-values.js';

const CURRENCY = /^[A-Z]{3}$/;

/**
 * Largest deal amount believed, in any currency: a trillion is beyond any real deal, so a bigger one is a
 * typo or test data (a HubSpot amount "1e39" once failed every nightly run). Such a deal, like one with a
 * negative amount, still counts as a win or a loss, without its size.
 */
export const DEAL_AMOUNT_MAX = 1e12;

const WITHOUT_SIZE = 'the deal counts without its size';

/**
 * The deal's amount, or null with a warning when it cannot count: negative, above {@link DEAL_AMOUNT_MAX},
 * or without an ISO currency. A currency without a rate in scoring.yaml is kept (adding the rate makes it
 * count) but reported, since the engine ignores its size until then.
 */
function money(
  amount: number | null,
  currency: string | null,
  scope: RecordScope,
  rates: ReadonlySet<string> | undefined,
): Money | null {
  if (amount === null) return null;
  if (amount < 0 || amount > DEAL_AMOUNT_MAX) {
    const reason =
      amount < 0
        ? 'a negative amount'
        : `above ${DEAL_AMOUNT_MAX.toLocaleString('en-US')}, the largest amount believed`;
    scope.add('deals.amount', amount, `${reason}; ${WITHOUT_SIZE}`, 'warning');
    return null;
  }
  const code = currency?.toUpperCase() ?? null;
  if (code === null || !CURRENCY.test(code)) {
    scope.add(
      'deals.currency',
      currency,
      code === null
        ? 'an amount without a currency; amount left empty'
        : 'not an ISO 4217 currency code; amount left empty',
      'warning',
    );
    return null;
  }
  if (rates !== undefined && !rates.has(code)) {
    scope.add(
      'deals.currency',
      currency,
      `no rate for ${code} in scoring.yaml (currency.rates); ${WITHOUT_SIZE} until one is added`,
      'warning',
    );
  }
  return { amount, currency: code };
}

/** `toDeal(raw)` for a deals mapping; partner ids are refKeys of records of `ctx.accountObject`. */
export function compileToDeal(
  mapping: DealsMapping,
  ctx: FieldCompileContext,
): (raw: unknown) => MapResult<Deal> {
  const field = compileFields('deals', mapping.fields, ctx);
  const name = field('name');
  const customerId = field('customerId');
  const sector = field('sector');
  const customerCountry = field('customerCountry');
  const technologies = field('technologies');
  const amount = field('amount');
  const currency = field('currency');
  const stage = field('stage');
  const isWon = field('isWon');
  const isClosed = field('isClosed');
  const closeDate = field('closeDate');
  const renewal = field('renewal');
  const expansion = field('expansion');
  const satisfaction = field('satisfaction');
  const lastModified = field('lastModified');
  const readPartners = compileLinkages(mapping.partners ?? [], ctx.system, ctx.accountObject);
  const { system, currencies, taxonomy } = ctx;
  const object = mapping.object;
  return (raw) =>
    mapRecord(raw, system, object, 'deals', (id, values, scope) => {
      const source: SourceRef = { system, object, id };
      const won = bool(isWon(values, scope));
      const closed = bool(isClosed(values, scope));
      const modified = text(lastModified(values, scope));
      const deal: Deal = {
        id: toDealId(refKey(source)),
        source,
        name: text(name(values, scope)),
        partners: readPartners(values, scope),
        customerId: text(customerId(values, scope)),
        sector: text(sector(values, scope)),
        ...customerGeography(text(customerCountry(values, scope)), scope, taxonomy),
        technologies: texts(technologies(values, scope)),
        amount: money(num(amount(values, scope)), text(currency(values, scope)), scope, currencies),
        stage: text(stage(values, scope)),
        isWon: won ?? false,
        isClosed: closed ?? false,
        closeDate: text(closeDate(values, scope)),
        signals: {
          renewal: bool(renewal(values, scope)),
          expansion: bool(expansion(values, scope)),
          satisfaction: num(satisfaction(values, scope)),
        },
        lastModified: modified ?? '',
      };
      // Required fields: when empty the reader has reported an error and the record is skipped.
      return won === null || closed === null || modified === null ? null : deal;
    });
}
