// Entry point of the deal record card: HubSpot runs this file and renders what extend() returns.
import { hubspot } from '@hubspot/ui-extensions';
import { DealPartners } from './DealPartners.tsx';

hubspot.extend<'crm.record.sidebar'>(() => <DealPartners />);
