// Entry point of the company record card: HubSpot runs this file and renders what extend() returns.
import { hubspot } from '@hubspot/ui-extensions';
import { CompanyExpertise } from './CompanyExpertise.tsx';

hubspot.extend<'crm.record.tab'>(() => <CompanyExpertise />);
