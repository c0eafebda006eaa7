/** A small built-in taxonomy (6 sectors × 5 technologies) for tests, examples and the generator's defaults. */
import type { Taxonomy } from '../../src/model/taxonomy.js';

/** Six customer sectors and five technologies, with the Salesforce `Industry` values that mean each sector. */
export const SAMPLE_TAXONOMY: Taxonomy = {
  sectors: [
    {
      key: 'healthcare',
      label: 'Healthcare',
      values: ['Healthcare', 'Biotechnology', 'HOSPITAL_HEALTH_CARE'],
    },
    { key: 'financial_services', label: 'Financial Services', values: ['Banking', 'Finance', 'Insurance'] },
    { key: 'manufacturing', label: 'Manufacturing', values: ['Manufacturing', 'Machinery', 'Electronics'] },
    { key: 'retail', label: 'Retail', values: ['Retail', 'Apparel', 'Food & Beverage'] },
    { key: 'public_sector', label: 'Public Sector', values: ['Government', 'Education', 'Not For Profit'] },
    { key: 'energy', label: 'Energy & Utilities', values: ['Energy', 'Utilities', 'Environmental'] },
  ],
  technologies: [
    { key: 'data_ai', label: 'Data & AI', values: ['Data Platform', 'Analytics', 'AI'] },
    { key: 'cloud', label: 'Cloud Infrastructure', values: ['Cloud', 'Compute', 'Storage'] },
    { key: 'security', label: 'Security', values: ['Security', 'Identity'] },
    { key: 'crm', label: 'CRM & Customer Experience', values: ['CRM', 'Service', 'Marketing'] },
    { key: 'erp', label: 'ERP & Finance Apps', values: ['ERP', 'Finance Apps'] },
  ],
  unmapped: ['Other'],
};
