// The company card's body: the partner's Atlas segments, needs, top score and per-cell expertise.
import {
  DescriptionList,
  DescriptionListItem,
  EmptyState,
  ErrorState,
  LoadingSpinner,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Tag,
  Text,
} from '@hubspot/ui-extensions';
import { useCrmProperties } from '@hubspot/ui-extensions/crm';
import { parseExpertiseCells } from './expertise-cells.ts';
import { count, levelVariant } from './words.ts';

/** The company properties Partner Atlas writes (the data contract of issue #17). */
export const COMPANY_PROPERTIES = [
  'atlas_primary_segment',
  'atlas_segments',
  'atlas_needs',
  'atlas_top_score',
  'atlas_scored_at',
  'atlas_expertise_cells',
];

export function CompanyExpertise() {
  const { properties, isLoading, error } = useCrmProperties(COMPANY_PROPERTIES, {
    // Formatting turns the segment option values into their labels and the date into "2 days ago".
    propertiesToFormat: ['atlas_segments', 'atlas_scored_at'],
    formattingOptions: { dateTime: { relative: true } },
  });
  if (isLoading) return <LoadingSpinner label="Loading Partner Atlas expertise" />;
  if (error) {
    return (
      <ErrorState title="Partner Atlas expertise could not be loaded">
        <Text>{error.message} Reload the record; if it keeps failing, ask your HubSpot admin.</Text>
      </ErrorState>
    );
  }
  const cells = parseExpertiseCells(properties.atlas_expertise_cells);
  if (cells.length === 0 && !properties.atlas_primary_segment) {
    return (
      <EmptyState title="Not scored yet" layout="vertical">
        <Text>
          Partner Atlas has not scored this company in any sector and technology yet. Scores appear after the
          next nightly run, once the partner has won customers or certified people.
        </Text>
      </EmptyState>
    );
  }
  return (
    <>
      <DescriptionList direction="row">
        <DescriptionListItem label="Primary segment">
          <Text>{properties.atlas_primary_segment || 'None yet'}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="Top score">
          <Text>{properties.atlas_top_score || 'None yet'}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="Scored">
          <Text>{properties.atlas_scored_at || 'Not yet'}</Text>
        </DescriptionListItem>
      </DescriptionList>
      <DescriptionList direction="column">
        <DescriptionListItem label="Segments">
          <Text>{properties.atlas_segments || 'None yet'}</Text>
        </DescriptionListItem>
        {properties.atlas_needs ? (
          <DescriptionListItem label="Customer needs it meets">
            <Text>{properties.atlas_needs}</Text>
          </DescriptionListItem>
        ) : null}
      </DescriptionList>
      <Text format={{ fontWeight: 'bold' }}>
        {count(cells.length, 'scored sector and technology', 'scored sectors and technologies')}
      </Text>
      <Table bordered>
        <TableHead>
          <TableRow>
            <TableHeader>Sector × technology</TableHeader>
            <TableHeader>Level</TableHeader>
            <TableHeader>Score</TableHeader>
            <TableHeader>Confidence</TableHeader>
            <TableHeader>Next level</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {cells.map((cell) => (
            <TableRow key={cell.label}>
              <TableCell>{cell.label}</TableCell>
              <TableCell>
                {cell.level ? <Tag variant={levelVariant(cell.level)}>{cell.level}</Tag> : ''}
              </TableCell>
              <TableCell>{cell.score ?? ''}</TableCell>
              <TableCell>{cell.confidence === null ? '' : `${cell.confidence}%`}</TableCell>
              <TableCell>{cell.nextLevel ?? (cell.level ? 'Highest level reached' : '')}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
