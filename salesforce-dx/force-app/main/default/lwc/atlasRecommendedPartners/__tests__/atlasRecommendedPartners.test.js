import { createElement } from '@lwc/engine-dom';
import AtlasRecommendedPartners from 'c/atlasRecommendedPartners';
import { navigateSpy } from 'lightning/navigation';
import { getRecord, updateRecord } from 'lightning/uiRecordApi';

const mockOpportunity = require('./data/getRecord.json');

function mount() {
  const element = createElement('c-atlas-recommended-partners', { is: AtlasRecommendedPartners });
  element.recordId = '006000000000001AAA';
  document.body.appendChild(element);
  return element;
}

// Wire emissions re-render on the next microtask.
const rendered = () => Promise.resolve();

function emptied(record) {
  const fields = Object.fromEntries(
    Object.keys(record.fields).map((name) => [name, { displayValue: null, value: null }]),
  );
  return { ...record, fields };
}

function withDeliveryPartner(record, accountId) {
  return {
    ...record,
    fields: { ...record.fields, Delivery_Partner__c: { displayValue: null, value: accountId } },
  };
}

describe('c-atlas-recommended-partners', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    navigateSpy.mockClear();
    updateRecord.mockReset();
  });

  it('reads the three partner lookups, their names and reasons from the opportunity', async () => {
    mount();
    await rendered();
    const config = getRecord.getLastConfig();
    expect(config.recordId).toBe('006000000000001AAA');
    const names = config.fields.map((f) => f.fieldApiName);
    expect(names).toEqual(
      expect.arrayContaining([
        'Atlas_Partner_1__c',
        'Atlas_Partner_1__r.Name',
        'Atlas_Partner_3_Reason__c',
        'Atlas_Recommended_At__c',
      ]),
    );
  });

  it('lists the recommended partners best first with links to their accounts and the reason', async () => {
    const element = mount();
    getRecord.emit(mockOpportunity);
    await rendered();

    const root = element.shadowRoot;
    const links = [...root.querySelectorAll('a.partner-link')];
    expect(links.map((a) => a.textContent.trim())).toEqual(['Northwind Analytics', 'Contoso Cloud']);
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      '/lightning/r/Account/001000000000001AAA/view',
      '/lightning/r/Account/001000000000002AAA/view',
    ]);
    expect([...root.querySelectorAll('.reason')].map((p) => p.textContent)).toEqual([
      'Specialist · score 86 · 72% confidence · 5 won customers in Healthcare & Life Sciences × Data & AI',
      'Proven · score 63 · 58% confidence · 3 won customers in Healthcare & Life Sciences × Cloud',
    ]);
    expect(root.querySelector('.summary').textContent).toContain('2 recommended partners');
    expect(root.querySelector('lightning-formatted-date-time').value).toBe('2026-12-07T02:00:00.000Z');
  });

  it('opens the partner account in Lightning when a name is clicked', async () => {
    const element = mount();
    getRecord.emit(mockOpportunity);
    await rendered();

    element.shadowRoot.querySelectorAll('a.partner-link')[1].click();
    expect(navigateSpy).toHaveBeenCalledWith({
      pageReference: {
        type: 'standard__recordPage',
        attributes: { recordId: '001000000000002AAA', objectApiName: 'Account', actionName: 'view' },
      },
      replace: undefined,
    });
  });

  it('says in words that no partner is recommended yet', async () => {
    const element = mount();
    getRecord.emit(emptied(mockOpportunity));
    await rendered();

    const root = element.shadowRoot;
    expect(root.querySelector('.empty').textContent).toContain(
      'No partner is recommended for this opportunity yet.',
    );
    expect(root.querySelector('a.partner-link')).toBeNull();
  });

  it('shows a failed load as a sentence with what to do', async () => {
    const element = mount();
    getRecord.error({ message: 'No such column Atlas_Partner_1__c on entity Opportunity' });
    await rendered();

    const error = element.shadowRoot.querySelector('.error');
    expect(error.textContent).toContain('Recommended partners could not be loaded.');
    expect(error.textContent).toContain('No such column Atlas_Partner_1__c');
    expect(error.textContent).toContain('Partner Atlas Viewer permission set');
  });

  it('asks for the mapping’s partner lookup as an optional field', async () => {
    mount();
    await rendered();
    expect(getRecord.getLastConfig().optionalFields).toEqual(['Opportunity.Delivery_Partner__c']);
  });

  it('adds a recommended partner to the opportunity’s partner lookup and says so', async () => {
    updateRecord.mockResolvedValue({});
    const element = mount();
    const toasts = [];
    element.addEventListener('lightning__showtoast', (e) => toasts.push(e.detail));
    getRecord.emit(withDeliveryPartner(mockOpportunity, '001000000000001AAA'));
    await rendered();

    const root = element.shadowRoot;
    expect(root.querySelector('.current').textContent).toBe('Partner on this opportunity');
    const buttons = [...root.querySelectorAll('lightning-button.add')];
    expect(buttons.map((b) => b.dataset.name)).toEqual(['Contoso Cloud']);

    buttons[0].click();
    await rendered();
    expect(updateRecord).toHaveBeenCalledWith({
      fields: { Id: '006000000000001AAA', Delivery_Partner__c: '001000000000002AAA' },
    });
    expect(toasts).toEqual([
      {
        title: 'Recommended partners',
        message: 'Contoso Cloud is now the partner on this opportunity.',
        variant: 'success',
      },
    ]);
  });

  it('says in words when adding the partner fails', async () => {
    updateRecord.mockRejectedValue({ body: { message: 'Insufficient access rights on object id.' } });
    const element = mount();
    const toasts = [];
    element.addEventListener('lightning__showtoast', (e) => toasts.push(e.detail));
    getRecord.emit(withDeliveryPartner(mockOpportunity, null));
    await rendered();

    element.shadowRoot.querySelector('lightning-button.add').click();
    await rendered();
    await rendered();
    expect(toasts[0].variant).toBe('error');
    expect(toasts[0].message).toBe(
      'Northwind Analytics could not be added as partner. Insufficient access rights on object id.',
    );
  });

  it('offers no action when the opportunity has no such lookup', async () => {
    const element = mount();
    getRecord.emit(mockOpportunity);
    await rendered();
    expect(element.shadowRoot.querySelector('lightning-button.add')).toBeNull();
    expect(element.shadowRoot.querySelectorAll('a.partner-link')).toHaveLength(2);
  });
});
