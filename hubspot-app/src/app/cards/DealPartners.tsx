// The deal card's body: the partners Partner Atlas recommends for the deal, best first, linked to their companies.
import {
  EmptyState,
  ErrorState,
  Link,
  List,
  LoadingSpinner,
  Text,
  useExtensionContext,
} from '@hubspot/ui-extensions';
import { useCrmProperties } from '@hubspot/ui-extensions/crm';
import { count } from './words.ts';

const SLOTS = [1, 2, 3] as const;

/** The deal properties Partner Atlas writes (the data contract of issue #17). */
export const DEAL_PROPERTIES = [
  ...SLOTS.flatMap((n) => [
    `atlas_partner_${n}`,
    `atlas_partner_${n}_company_id`,
    `atlas_partner_${n}_reason`,
  ]),
  'atlas_recommended_at',
];

export interface Recommendation {
  rank: number;
  name: string;
  companyId: string | null;
  reason: string;
}

/** The filled slots, best first; a slot with no partner name is skipped. */
export function toRecommendations(properties: Record<string, string | null>): Recommendation[] {
  return SLOTS.flatMap((n) => {
    const name = properties[`atlas_partner_${n}`];
    if (!name) return [];
    return [
      {
        rank: n,
        name,
        companyId: properties[`atlas_partner_${n}_company_id`] || null,
        reason: properties[`atlas_partner_${n}_reason`] ?? '',
      },
    ];
  });
}

/**
 * The company record page as HubSpot's own links write it (companies are object type 0-2). The card gets no
 * host name, and app.hubspot.com forwards portals hosted elsewhere (app-eu1) to their own host.
 */
export function companyUrl(portalId: number, companyId: string): string {
  return `https://app.hubspot.com/contacts/${portalId}/record/0-2/${companyId}`;
}

export function DealPartners() {
  const context = useExtensionContext<'crm.record.sidebar'>();
  const { properties, isLoading, error } = useCrmProperties(DEAL_PROPERTIES, {
    propertiesToFormat: ['atlas_recommended_at'],
    formattingOptions: { dateTime: { relative: true } },
  });
  if (isLoading) return <LoadingSpinner label="Loading recommended partners" />;
  if (error) {
    return (
      <ErrorState title="Recommended partners could not be loaded">
        <Text>{error.message} Reload the record; if it keeps failing, ask your HubSpot admin.</Text>
      </ErrorState>
    );
  }
  const partners = toRecommendations(properties);
  if (partners.length === 0) {
    return (
      <EmptyState title="No partner recommended yet" layout="vertical">
        <Text>
          Partner Atlas recommends partners for open deals each night, from the customer's industry, the
          products on the deal and the customer's region.
        </Text>
      </EmptyState>
    );
  }
  const when = properties.atlas_recommended_at ? `, recommended ${properties.atlas_recommended_at}` : '';
  return (
    <>
      <Text variant="microcopy">{`${count(partners.length, 'recommended partner')}${when}`}</Text>
      <List variant="ordered">
        {partners.map((p) => (
          <Text key={p.rank}>
            {p.companyId ? <Link href={companyUrl(context.portal.id, p.companyId)}>{p.name}</Link> : p.name}
            {p.reason ? ` — ${p.reason}` : ''}
          </Text>
        ))}
      </List>
    </>
  );
}
